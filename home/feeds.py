"""What every section feed shares: the newest pages of an index as RSS 2.0 or Atom.

Each section's feed (news/feeds.py, research/feeds.py) subclasses PageFeed; its index page
serves it at feed/rss/ and feed/atom/ (home.models.listing.FeedsMixin).
"""

import datetime
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.text import get_text_list
from wagtail.models import Site

from home.privacy import public_pages


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
    # What the feed says about itself when the index page has no summary.
    default_description = ""

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
        return self.index.summary or self.index.search_description or self.default_description

    def subtitle(self):
        # Atom's name for the description (RSS has no subtitle).
        return self.description()

    def items(self):
        model = apps.get_model(self.index.listing_model)
        pages = (
            public_pages(model.objects.all())
            .child_of(self.index)
            .defer_streamfields()
            .prefetch_related("topics", "authors__person")
            .order_by(*self.index.listing_ordering)
        )
        if self.topic:
            pages = pages.filter(topics=self.topic)
        return pages[: self.limit]

    def item_title(self, item):
        # Plain text: Django's default escapes titles twice, which Atom readers show as is.
        return item.title

    def item_description(self, item):
        # RSS descriptions and Atom's type="html" summaries are HTML: the summary is text.
        return escape(item.summary)

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
        """Its publication date, at the time it went live if that was the same day."""
        went_live = item.first_published_at
        date = item.publication_date
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
        # All authors in byline order, as the page shows them: "A, B and C".
        names = [link.person.name for link in item.authors.all()]
        return get_text_list(names, "and") if names else None

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]
