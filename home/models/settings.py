"""Site settings edited in the admin: contact details, social links, default sharing image."""

import time

from django.db import models
from django.db.models.functions import Greatest
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from home.seo import SiteDetails


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and social links for every page's footer; the default sharing image."""

    contact_email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True, help_text="Postal address, one line per row.")
    footer_text = models.CharField(
        max_length=255, blank=True, help_text="One line about the network under the logo."
    )
    bluesky_url = models.URLField("Bluesky", blank=True)
    linkedin_url = models.URLField("LinkedIn", blank=True)
    facebook_url = models.URLField("Facebook", blank=True)
    youtube_url = models.URLField("YouTube", blank=True)
    newsletter_url = models.URLField("Newsletter sign-up", blank=True)
    default_social_image = models.ForeignKey(
        "home.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Shown when a page without a social or listing image of its own is shared on "
            "social media. Landscape, at least 1200 pixels wide, works best."
        ),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("phone"), FieldPanel("address")],
            heading="Contact",
        ),
        FieldPanel("footer_text"),
        MultiFieldPanel(
            [
                FieldPanel("bluesky_url"),
                FieldPanel("linkedin_url"),
                FieldPanel("facebook_url"),
                FieldPanel("youtube_url"),
                FieldPanel("newsletter_url"),
            ],
            heading="Social links",
        ),
        FieldPanel("default_social_image"),
    ]
    # The sharing image comes with the settings, which every page reads (home/seo.py).
    select_related = ("default_social_image",)

    class Meta:
        verbose_name = "site settings"

    @classmethod
    def for_site(cls, site):
        """The site's settings; unsaved defaults until an editor saves them.

        Wagtail's own creates the row, which would make a visitor's GET a write.
        """
        if site is None:
            raise cls.DoesNotExist(f"{cls.__name__} does not exist for site None.")
        return cls.base_queryset().filter(site=site).first() or cls(site=site)

    def social_links(self):
        """The social links that are filled in, as (label, url) pairs."""
        fields = ["bluesky_url", "linkedin_url", "facebook_url", "youtube_url"]
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in fields
            if getattr(self, name)
        ]


def site_details(request=None, page=None):
    """The site's name, address and settings for a request (read once per request) or, without
    one, for a page (its site, else the default site)."""
    cached = getattr(request, "_seo_site_details", None)
    if cached is not None:
        return cached
    if request is not None:
        site = Site.find_for_request(request)
    else:
        site = (page.get_site() if page is not None else None) or Site.objects.filter(
            is_default_site=True
        ).first()
    if site is None:
        site_settings = None
    elif request is not None:
        site_settings = SiteSettings.for_request(request)  # shared with the footer
    else:
        site_settings = SiteSettings.for_site(site)
    details = SiteDetails(site, site_settings)
    if request is not None:
        request._seo_site_details = details
    return details


class SiteVersion(models.Model):
    """The site's version where the cache is private to each process (mipcms/site_version.py).

    One row, bumped by every change of content; every request reads it.
    """

    number = models.BigIntegerField(default=0)

    def __str__(self):
        return f"site version {self.number}"

    @classmethod
    def current(cls):
        """The version number (0 before any change)."""
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0

    @classmethod
    def bump(cls):
        """Move the version on, creating the row the first time.

        To a number never used before, even by a change that was rolled back: the clock in
        nanoseconds, or one more where another server's clock is ahead. A plain count would
        come back to a number some process has already kept values for.
        """
        now = time.time_ns()
        number = Greatest(models.F("number") + 1, models.Value(now))
        if not cls.objects.filter(pk=1).update(number=number):
            cls.objects.get_or_create(pk=1, defaults={"number": now})
