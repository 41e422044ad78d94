"""Development logins: the admin, and a demo editor and moderator to try the review workflow."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group


def ensure_login(username, password, groups=(), superuser=False, **names):
    """Create the login if it is missing; return "created", "exists" or "password changed".

    An existing account is never changed: someone may have set another password on purpose.
    """
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return "exists" if user.check_password(password) else "password changed"
    found = list(Group.objects.filter(name__in=groups))
    if len(found) != len(set(groups)):
        raise ValueError(f"the groups {list(groups)} must exist: run `manage.py setup_site`")
    create = User.objects.create_superuser if superuser else User.objects.create_user
    user = create(username=username, email=f"{username}@example.org", password=password, **names)
    user.groups.set(found)
    return "created"


def login_line(role, username, password, state):
    """What `make run` prints for one login."""
    if state == "password changed":
        return (
            f"{role} login: user '{username}' exists with a password changed since; "
            "use `manage.py changepassword` to reset it."
        )
    return f"{role} login ({state}): user '{username}', password '{password}'"
