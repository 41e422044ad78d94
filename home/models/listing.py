"""The abstract index page behind every section listing: pagination and topic filter.

Also the routes that serve a listing as feeds (RSS, Atom, iCalendar) under a page's
address: a section's feeds hold what its index lists, all or one topic's.
"""

from typing import NamedTuple

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.privacy import is_current, public_pages, visible_pages
from search.query import clean_query

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
        topic = Topic.from_slug(topic_slug)
        if topic_slug:
            queryset = queryset.filter(topics=topic) if topic else queryset.none()
        queryset, extra = self.filter_listing(queryset, request)
        page_obj = Paginator(queryset, self.per_page).get_page(request.GET.get("page"))
        context.update(
            extra,
            page_obj=page_obj,
            items=page_obj.object_list,
            topics=Topic.objects.all(),
            active_topic=topic,
            # Shown back to the visitor, so cleaned like a search query.
            unknown_topic=clean_query(topic_slug) if topic_slug and topic is None else "",
        )
        return context


class FeedLink(NamedTuple):
    """A feed or calendar file of a page, for <link rel="alternate"> and subscribe links."""

    title: str
    label: str
    type: str
    url: str


class PageRoutesMixin(RoutablePageMixin):
    """Wagtail's RoutablePageMixin for BasePage: addresses under a page (feeds, calendar files).

    Put it first in the bases: its route() must run before BasePage's and Page's. Each
    subclass lists its feeds in `feeds`.
    """

    # (route name, label, MIME type) of the feeds served under the page.
    feeds = ()

    def route(self, request, path_components):
        result = super().route(request, path_components)
        if result.page is self:
            # RoutablePageMixin answers the page's own addresses itself, so BasePage.route's
            # expiry check never runs for them.
            if not is_current(self):
                raise Http404
            # Feeds and calendar files are for everyone or no one: those of a private page do
            # not exist (rather than answering a feed reader with a password form).
            if path_components and not visible_pages([self]):
                raise Http404
        return result

    def get_cached_paths(self):
        """The page and its feeds: what a front-end cache purge clears (mipcms/cache_purge.py)."""
        return ["/", *(self.reverse_subpage(name) for name, _, _ in self.feeds)]

    def serve_preview(self, request, mode_name):
        # BasePage's preview modes (web page, front end); RoutablePageMixin's knows only one.
        return super(RoutablePageMixin, self).serve_preview(request, mode_name)

    @classmethod
    def feed_links(cls, url, title, topic=None):
        """The feeds of a page of this type at `url`, narrowed to a topic when one is given."""
        if topic is not None:
            title = f"{title}: {topic.name}"
        query = f"?topic={topic.slug}" if topic is not None else ""
        base = url if url.endswith("/") else f"{url}/"
        return [
            FeedLink(
                f"{title} ({label})",
                label,
                mime_type,
                base + cls.get_resolver().reverse(name) + query,
            )
            for name, label, mime_type in cls.feeds
        ]

    def feed_topic(self, request):
        """The topic a feed is narrowed to with ?topic=slug (None for all); 404 if there is none."""
        slug = request.GET.get("topic", "").strip()
        if not slug:
            return None
        topic = Topic.from_slug(slug)
        if topic is None:
            raise Http404("No such topic.")
        return topic


class FeedsMixin(PageRoutesMixin):
    """RSS 2.0 and Atom feeds of a section's newest pages: feed/rss/ and feed/atom/.

    `?topic=slug` narrows a feed to one topic, as it narrows the listing.
    """

    # The section's feed: a home.feeds.PageFeed subclass.
    feed_class = None
    feeds = (
        ("rss_feed", "RSS", "application/rss+xml"),
        ("atom_feed", "Atom", "application/atom+xml"),
    )

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        """The section's newest pages in RSS 2.0."""
        return self.serve_feed(request, "rss_feed", Rss201rev2Feed)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        """The section's newest pages in Atom."""
        return self.serve_feed(request, "atom_feed", Atom1Feed)

    def serve_feed(self, request, route, feed_type):
        """The response of the section's feed in this format, narrowed by ?topic= if given."""
        topic = self.feed_topic(request)
        return self.feed_class(self, self.reverse_subpage(route), topic, feed_type)(request)
