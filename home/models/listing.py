"""The abstract index page behind every section listing: pagination and topic filter."""

from django.apps import apps
from django.core.paginator import Paginator
from django.core.validators import slug_re
from django.db.models import Prefetch
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.privacy import public_pages

from .mixins import BasePage
from .snippets import Topic

# Rendition of listing images on cards; fetched in bulk with the listing.
LISTING_IMAGE_RENDITIONS = ("fill-640x360",)


def listing_image_prefetch(lookup="listing_image"):
    """Prefetch a listing image with its card rendition, so cards cost no extra queries."""
    from .media import CustomImage

    return Prefetch(
        lookup, queryset=CustomImage.objects.prefetch_renditions(*LISTING_IMAGE_RENDITIONS)
    )


class IndexPage(BasePage):
    """A section front: lists its children, newest first, ten to a page, filterable by topic."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    # Set by each section: the child page model listed ("app.Model"), its order, what else
    # its cards show (extra prefetches) and how many to a page.
    listing_model = ""
    listing_ordering = ("-first_published_at", "-pk")
    listing_prefetch = ()
    per_page = 10

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    api_fields = [*BasePage.api_fields, APIField("intro", writable=True)]

    class Meta:
        abstract = True

    def get_listing_queryset(self):
        """Live, public, unexpired children with what a card shows, in listing order."""
        return (
            public_pages(apps.get_model(self.listing_model).objects.all())
            .child_of(self)
            .prefetch_related(listing_image_prefetch(), "topics", *self.listing_prefetch)
            .order_by(*self.listing_ordering)
        )

    def filter_listing(self, queryset, request):
        """Section-specific filters; returns the queryset and extra template context."""
        return queryset, {}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        queryset = self.get_listing_queryset()
        topic_slug = request.GET.get("topic", "").strip()
        topic = None
        if topic_slug:
            # Only a well-formed slug reaches the database (PostgreSQL rejects NUL bytes).
            if slug_re.fullmatch(topic_slug):
                topic = Topic.objects.filter(slug=topic_slug).first()
            queryset = queryset.filter(topics=topic) if topic else queryset.none()
        queryset, extra = self.filter_listing(queryset, request)
        page_obj = Paginator(queryset, self.per_page).get_page(request.GET.get("page"))
        context.update(
            extra,
            page_obj=page_obj,
            items=page_obj.object_list,
            topics=Topic.objects.all(),
            active_topic=topic,
            unknown_topic=topic_slug if topic_slug and topic is None else "",
        )
        return context
