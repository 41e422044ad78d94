"""Who is asking: the client address that sign-in lockouts and form rate limits count against."""

from django.conf import settings


def client_ip(request):
    """The client's address: the connecting one, or as the trusted proxies recorded it.

    Each of the TRUSTED_PROXY_COUNT reverse proxies in front of the site appends the address
    it was reached from to X-Forwarded-For, so the client is that many entries from the right.
    Entries further left came from the client itself and are not believed; with no trusted
    proxies the header is ignored altogether.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")
