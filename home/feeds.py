"""A section's feeds: addresses under its page (RSS, Atom, iCalendar) and what RSS and Atom hold.

- PageRoutesMixin: Wagtail's RoutablePageMixin for pages that serve feeds or calendar files
  under their address, with the discovery links (<link rel="alternate">) that advertise them.
- FeedsMixin: feed/rss/ and feed/atom/ under a section front, `?topic=slug` for one topic's.
- PageFeed: the newest items of the section front, as its listing has them, described
  through the page interface (listing title, description, date, authors, topics).
- TopicFeed: the same for the pages of every section on one topic (a topic page's feed).
"""

import datetime
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.text import get_text_list
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Site

from home.privacy import is_current, visible_pages


def site_name(request):
    """The name of the site being viewed, or the project-wide name."""
    site = Site.find_for_request(request)
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME


def public_host():
    """The public host name (PUBLIC_BASE_URL's), which makes feed and calendar ids unique."""
    return urlsplit(settings.PUBLIC_BASE_URL).hostname or "localhost"


class PageFeed(Feed):
    """The newest pages listed by an index (or one topic's), newest first, in RSS or Atom.

    Items carry the full summary, publication and update dates, every author and the
    topics; links are absolute, on the public address.
    """

    # How many items a feed holds; readers keep the older ones they have seen.
    limit = 20

    def __init__(self, index, route, topic=None, feed_type=Rss201rev2Feed):
        self.index = index
        self.route = route  # the feed's address under the index, e.g. "feed/rss/"
        self.topic = topic
        self.feed_type = feed_type
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def _query(self):
        return f"?{urlencode({'topic': self.topic.slug})}" if self.topic else ""

    def title(self):
        section = f"{self.index.title}: {self.topic.name}" if self.topic else self.index.title
        return f"{section} | {site_name(self.request)}"

    def link(self):
        return self.index.get_full_url(self.request) + self._query()

    def feed_url(self):
        return self.index.get_full_url(self.request) + self.route + self._query()

    def description(self):
        if self.topic and self.topic.description:
            return self.topic.description
        return self.index.get_description() or self.index.feed_description

    def subtitle(self):
        # Atom's name for the description (RSS has no subtitle).
        return self.description()

    def items(self):
        # What the section front lists first, newest first (IndexPage.get_listing_queryset).
        pages, _ = self.index.filter_listing(self.index.get_listing_queryset(), {})
        if self.topic:
            pages = pages.filter(topics=self.topic)
        return self.index.feed_items(pages[: self.limit])

    def item_title(self, item):
        # Plain text: Django's default escapes titles twice, which Atom readers show as is.
        return item.get_listing_title()

    def item_description(self, item):
        # RSS descriptions and Atom's type="html" summaries are HTML: the description is text.
        return escape(item.get_description())

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        # A tag URI (RFC 4151) from the page id: stays the same when the page's slug changes.
        # A page made live without a publish (an import) has no publish times.
        went_live = item.first_published_at or item.last_published_at
        minted = timezone.localdate(went_live or item.latest_revision_created_at).isoformat()
        return f"tag:{public_host()},{minted}:page/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        """Its listing date, at the time it went live if that was the same day."""
        went_live = item.first_published_at
        date = item.get_listing_date()
        if date is None or (went_live and timezone.localdate(went_live) == date):
            return went_live
        return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))

    def item_updateddate(self, item):
        # Never before the publication date (Atom readers sort by it).
        published = self.item_pubdate(item)
        if item.last_published_at is None or published is None:
            return item.last_published_at or published
        return max(item.last_published_at, published)

    def item_author_name(self, item):
        # All authors in byline order, as the page shows them: "A, B and C" (events have none).
        authors = item.get_authors() if hasattr(item, "get_authors") else []
        names = [link.person.name for link in authors]
        return get_text_list(names, "and") if names else None

    def item_categories(self, item):
        return [topic.name for topic in item.get_topics()]


class TopicFeed(PageFeed):
    """The newest pages of every section on one topic (a topic page's feed, home.TopicIndexPage)."""

    def title(self):
        return f"{self.topic.name} | {site_name(self.request)}"

    def link(self):
        return self.index.get_full_url(self.request) + self.index.topic_path(self.topic)

    def feed_url(self):
        return self.link() + self.route

    def description(self):
        return self.topic.description or f"Everything on {self.topic.name}."

    def items(self):
        return self.index.feed_items(self.index.topic_pages(self.topic)[: self.limit])


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

    def get_routed_page_paths(self):
        """Addresses under the page that are web pages of their own (a topic's, a person's),
        relative to it: the sitemap lists them with the page."""
        return []

    def get_sitemap_urls(self, request=None):
        entries = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        return entries + [{"location": base + path} for path in self.get_routed_page_paths()]

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


class FeedsMixin(PageRoutesMixin):
    """RSS 2.0 and Atom feeds of a section's newest pages: feed/rss/ and feed/atom/.

    `?topic=slug` narrows a feed to one topic, as it narrows the listing.
    """

    # What a feed says about itself when the section front has no description of its own.
    feed_description = ""
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
        return PageFeed(self, self.reverse_subpage(route), topic, feed_type)(request)
