"""Site settings edited in the admin: contact details and social links for the footer."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details and social media links shown in every page's footer."""

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
    ]

    class Meta:
        verbose_name = "site settings"

    def social_links(self):
        """The social links that are filled in, as (label, url) pairs."""
        fields = ["bluesky_url", "linkedin_url", "facebook_url", "youtube_url"]
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in fields
            if getattr(self, name)
        ]
