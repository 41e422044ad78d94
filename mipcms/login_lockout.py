"""Who is signing in: the client address that django-axes counts failed admin logins against.

The rule is home's (home/client_address.py), shared with the form rate limit.
"""

from home.client_address import client_ip

__all__ = ["client_ip"]
