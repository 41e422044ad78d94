"""Content-Security-Policy on every response: strict for the public site, Wagtail's for the admin.

django-csp's middleware does the work; this subclass only picks the policy. The public site
runs no inline script (its one script is a file; its JSON-LD blocks carry the request's
nonce), so its policy allows scripts from the site itself and the nonce, never
'unsafe-inline'. Wagtail 8's admin still writes small inline <script> elements (inline
panels, date pickers, chooser modals) and style attributes, so the admin's policy allows
inline scripts and styles but nothing from other sites. Pages previewed in the admin are
served from admin addresses and get the admin's policy, which lets their scripts run too.
"""

from functools import cache
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the admin's policy under the admin's address."""

    def get_policy_parts(self, request, response, report_only=False):
        """The admin's or the site's policy, plus the media store when it is on another host."""
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts  # a view's own @csp policy wins
        policy = (
            settings.ADMIN_CONTENT_SECURITY_POLICY
            if request.path_info.startswith(admin_prefix())
            else settings.CONTENT_SECURITY_POLICY
        )
        parts.config = default_config(policy["DIRECTIVES"])
        media = [media_origin()]
        if policy is settings.ADMIN_CONTENT_SECURITY_POLICY:
            media.append(signed_media_origin())
        media = sorted({host for host in media if host})
        if media:
            parts.update = {**(parts.update or {}), "img-src": media, "media-src": media}
        return parts


@cache
def admin_prefix():
    """Where the Wagtail admin's addresses begin ("/admin/")."""
    return reverse("wagtailadmin_home")


@cache
def media_origin():
    """Where images come from when media is not on this site (S3 or its CDN domain), or "".

    Asked of the storage once per process: the host is fixed by settings, and S3 storage signs
    every URL it is asked for.
    """
    # The storage's own address for a file, not MEDIA_URL: S3 storage ignores MEDIA_URL.
    return origin(default_storage.url("images/address-probe.png"))


@cache
def signed_media_origin():
    """Where staff's signed addresses of hidden images point (the bucket, even behind a CDN
    domain: home/image_access.py), or "" where the storage signs nothing."""
    if not getattr(default_storage, "controls_access", False):
        return ""
    return origin(default_storage.signed_url("images/address-probe.png"))


@receiver(setting_changed)
def forget_media_origin(*, setting, **kwargs):
    """Tests that switch the media storage or its address get the new host."""
    if setting in {"STORAGES", "MEDIA_URL"}:
        media_origin.cache_clear()
        signed_media_origin.cache_clear()


def origin(url):
    """ "scheme://host[:port]" of an absolute URL; "" for a path on this site."""
    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
