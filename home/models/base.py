"""BasePage: the fields every page has, and the one page interface every surface reads.

Cards, feeds, search results, calendar files, SEO tags, JSON-LD and the API describe a page
in short through these methods, never through fields of their own choosing:

- get_listing_title(): the listing title, else the title.
- get_description(): the search description, else the summary, else the page's opening
  text (`opening_text_fields`), trimmed; "" when it has none.
- get_listing_image() / get_social_images(): the images that picture the page in a listing
  and when shared, leaving out images in private collections.
- get_listing_date(): the date a listing shows (news and reports: the publication date,
  events: the start), None for pages without one.
- schema_org_type, og_type and get_json_ld(seo): what the page is for search engines; each
  section overrides them.
"""

from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from home import routing, site_version
from home.api_fields import ImageField, SeoField
from home.privacy import is_current, is_visible_image
from home.renditions import COVER, MAIN
from home.richtext import prefetch_links, stored_rich_texts
from home.seo import PageSeo, web_page_json_ld
from home.text import plain_text, trimmed

from .media import CustomImage
from .preview import FrontEndPreviewMixin
from .settings import site_details


def panels_without(panels, *field_names):
    """These panels less the ones editing `field_names`: a page type moving a field elsewhere.

    Every field has exactly one panel: two render two inputs of one name, and the empty one
    wins on save (tests/home/test_one_panel_per_field.py).
    """
    return [panel for panel in panels if getattr(panel, "field_name", None) not in field_names]


class BasePage(FrontEndPreviewMixin, Page):
    """Fields every page has for listings and sharing: listing title, summary, images."""

    listing_title = models.CharField(
        max_length=255, blank=True, help_text="A shorter title for listings. Optional."
    )
    summary = models.TextField(
        blank=True,
        max_length=600,
        help_text=(
            "One or two sentences shown in listings, search results and link previews "
            "(unless a search description is set on the Promote tab)."
        ),
    )
    listing_image = models.ForeignKey(
        "home.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown beside the page in listings. Landscape images work best.",
    )
    social_image = models.ForeignKey(
        "home.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared on social media. Defaults to the listing image.",
    )

    promote_panels = [
        *Page.promote_panels,
        FieldPanel("listing_title"),
        FieldPanel("listing_image"),
        FieldPanel("social_image"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    # Writable ones can be set through the v3 API; go_live_at and expire_at schedule a page.
    api_fields = [
        APIField("listing_title", writable=True),
        APIField("summary", writable=True),
        APIField("listing_image", serializer=ImageField()),
        APIField("social_image", serializer=ImageField()),
        APIField("go_live_at", writable=True),
        APIField("expire_at", writable=True),
        APIField("seo", serializer=SeoField()),
    ]
    # Related rows the API fetches in bulk with a listing (images are added by get_api_prefetch).
    api_prefetch = ()
    # API fields worked out from other fields' related rows, which load with them in bulk
    # (hero_image is the home page's, authors are news articles' and reports').
    api_field_relations = {"seo": ("social_image", "listing_image", "hero_image", "authors")}

    # The page interface's settings, which sections override.
    schema_org_type = "WebPage"
    og_type = "website"
    # Fields whose text, in this order, opens the page: its description when none is written.
    opening_text_fields = ("intro", "body")
    # Image fields that picture the page when it is shared, in this order.
    social_image_fields = ("social_image", "listing_image")

    class Meta:
        abstract = True

    def get_listing_title(self):
        """The title in listings, feeds, search results and calendars."""
        return self.listing_title or self.title

    @property
    def display_title(self):
        """The listing title, for templates."""
        return self.get_listing_title()

    def get_description(self):
        """What the page is about, in a sentence or two (see the module docstring)."""
        for written in (self.search_description, self.summary):
            if written and written.strip():
                return written.strip()
        for name in self.opening_text_fields:
            text = plain_text(getattr(self, name, ""))
            if text:
                return trimmed(text)
        return ""

    def get_listing_image(self):
        """The picture on the page's card (and article's main image), if visitors may see it."""
        if self.listing_image_id is None:
            return None
        image = self.listing_image
        return image if is_visible_image(image) else None

    def get_social_images(self):
        """The images that could picture the page when shared, in order of preference."""
        return [
            getattr(self, name)
            for name in self.social_image_fields
            if getattr(self, f"{name}_id", None)
        ]

    def get_listing_date(self):
        """The date listings show for the page; None for pages that have no date."""
        return None

    def get_json_ld(self, seo):
        """The page's schema.org JSON-LD (without @context), from its `seo` metadata."""
        return web_page_json_ld(seo)

    def get_seo(self, request=None):
        """The page's search and sharing metadata (home/seo.py)."""
        return PageSeo(self, site_details(request, self), request)

    def get_context(self, request, *args, **kwargs):
        # All the links in the page's rich text, loaded together before the template runs.
        prefetch_links(stored_rich_texts(self))
        self.load_own_images()
        return super().get_context(request, *args, **kwargs)

    @classmethod
    def image_field_names(cls):
        """The page's own image fields (listing, social, hero, cover...): its API image fields."""
        return [field.name for field in cls.api_fields if isinstance(field.serializer, ImageField)]

    def load_own_images(self):
        """Load the page's own pictures together, with their renditions as the page shows them
        (main picture or cover, and og:image) and their privacy: two queries however many."""
        unloaded = [
            name
            for name in self.image_field_names()
            if getattr(self, f"{name}_id") is not None
            and not self._meta.get_field(name).is_cached(self)
        ]
        if not unloaded:
            return
        ids = {getattr(self, f"{name}_id") for name in unloaded}
        images = CustomImage.objects.for_display(MAIN, COVER, social=True).in_bulk(ids)
        for name in unloaded:
            if (image := images.get(getattr(self, f"{name}_id"))) is not None:
                setattr(self, name, image)

    def route(self, request, path_components):
        if path_components:
            return routing.route(self, request, path_components)
        # An expired page is gone for visitors even before the scheduler unpublishes it.
        if not is_current(self):
            raise Http404
        return super().route(request, path_components)

    def _get_site_root_paths(self, cache_object=None, **kwargs):
        # Wagtail asks the shared cache for the sites' root paths once per page whose URL it
        # makes; while a request is served they are kept per site version instead.
        if site_version.serving():
            return site_version.site_root_paths()
        return super()._get_site_root_paths(cache_object, **kwargs)

    def get_view_restrictions(self):
        # Routing (home/routing.py) and the visibility rule (home/privacy.py) leave
        # `is_restricted` on the page: when no restriction covers it or an ancestor there is
        # nothing to ask. Aliases take their source page's restrictions: Wagtail finds them.
        if getattr(self, "is_restricted", None) is False and self.alias_of_id is None:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    @classmethod
    def get_api_prefetch(cls):
        """prefetch_related() lookups that let the API show many pages at a fixed cost."""
        # Annotated with their privacy, so hiding private images costs no query per page.
        images = CustomImage.objects.for_display(api=True, social=True)
        return [
            *(Prefetch(name, queryset=images) for name in cls.image_field_names()),
            *cls.api_prefetch,
        ]
