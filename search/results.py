"""What the site search finds for a query: public pages, filtered, ranked, editors' picks first."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.utils.text import Truncator
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, get_page_models
from wagtail.search.utils import normalise_query_string

from home.models import BasePage, TopicsMixin
from home.privacy import public_pages
from home.templatetags.display_tags import page_type

from .candidates import bounded_search

# `?type=` values visitors see in addresses, with their label and page model.
SEARCH_TYPES = {
    "news": ("News", "news.NewsArticlePage"),
    "research": ("Research", "research.ResearchReportPage"),
    "events": ("Events", "events.EventPage"),
    "cohorts": ("Cohorts", "home.CohortPage"),
}
EXTRACT_WORDS = 30


def searchable_pages(site, kind=None, topic=None):
    """The site's live, public pages, of one type (a SEARCH_TYPES key) and topic if given.

    Only the site's own page types (BasePage): a plain Wagtail page, left from a removed
    type, has no teaser to show.
    """
    if site is None:
        return Page.objects.none()
    pages = public_pages().descendant_of(site.root_page, inclusive=True).type(BasePage)
    if kind is not None:
        pages = pages.type(apps.get_model(SEARCH_TYPES[kind][1]))
    if topic is not None:
        # Each page type keeps its own topics table: a page matches through any of them.
        tagged = Q()
        for model in get_page_models():
            if issubclass(model, TopicsMixin) and not model._meta.abstract:
                tagged |= Q(pk__in=model.objects.filter(topics=topic).values("pk"))
        pages = pages.filter(tagged)
    return pages


def editors_picks(query, terms, pages, links=True):
    """What editors promoted for this query, in their order: (page or link, description) pairs.

    The query matches as typed or as its words ("housing?" gets the picks for "housing").
    Only pages among `pages` are kept, so a draft or private page is never shown; links to
    other sites only when `links` is true.
    """
    strings = {normalise_query_string(query), normalise_query_string(terms)} - {""}
    promotions = list(SearchPromotion.objects.filter(query__query_string__in=strings))
    if not promotions:
        return []
    page_ids = [promotion.page_id for promotion in promotions if promotion.page_id]
    visible = {page.pk: page for page in pages.filter(pk__in=page_ids).specific()}
    picks, seen = [], set()
    for promotion in promotions:
        if promotion.page_id:
            pick, key = visible.get(promotion.page_id), promotion.page_id
        else:
            pick, key = (promotion if links else None), promotion.external_link_url
        if pick is not None and key not in seen:
            seen.add(key)
            picks.append((pick, promotion.description))
    return picks


class PromotedResults:
    """Editors' picks, then the ranked results without them, as one list to paginate."""

    def __init__(self, request, picks, results):
        self.request = request
        self.picks = picks
        self.results = results

    def count(self):
        return len(self.picks) + self.results.count()

    @property
    def more(self):
        """Whether more pages matched than were counted (search/candidates.py)."""
        return getattr(self.results, "more", False)

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        # The paginator only ever slices; each slice becomes the Hits of one results page.
        start, stop = index.start or 0, index.stop
        promoted = len(self.picks)
        hits = [
            Hit.for_pick(self.request, pick, description)
            for pick, description in self.picks[start:stop]
        ]
        if stop > promoted:
            pages = self.results[max(start - promoted, 0) : stop - promoted]
            hits += [Hit.for_page(self.request, page) for page in pages]
        return hits


def find_hits(request, site, query, terms, kind=None, topic=None):
    """The hits for a query: editors' picks first, then the other pages by relevance.

    `terms` are the query's words (search/query.py); with none, nothing is found. Links to
    other sites have no type or topic, so they are left out when either filter is on.
    """
    if not terms:
        return PromotedResults(request, [], Page.objects.none())
    pages = searchable_pages(site, kind, topic)
    picks = editors_picks(query, terms, pages, links=not (kind or topic))
    picked = [pick.pk for pick, _ in picks if isinstance(pick, Page)]
    if picked:
        pages = pages.exclude(pk__in=picked)
    return PromotedResults(request, picks, bounded_search(pages, terms, specific=True))


def extract(page):
    """A few lines to show under the page's title: its description (the page interface)."""
    return Truncator(page.get_description()).words(EXTRACT_WORDS)


@dataclass
class Hit:
    """One search result as the results page shows it."""

    title: str
    url: str
    type_label: str
    date: datetime.date | None
    extract: str
    promoted: bool = False

    @classmethod
    def for_page(cls, request, page, promoted=False, description=""):
        """A page found by the search (or picked), with its summary or opening words."""
        return cls(
            title=page.get_listing_title(),
            url=page.get_url(request),
            type_label=page_type(page),
            date=page.get_listing_date(),
            extract=description or extract(page),
            promoted=promoted,
        )

    @classmethod
    def for_pick(cls, request, pick, description):
        """An editors' pick: a page, or a link to another site."""
        if isinstance(pick, Page):
            return cls.for_page(request, pick, promoted=True, description=description)
        return cls(
            title=pick.external_link_text or pick.external_link_url,
            url=pick.external_link_url,
            type_label="Elsewhere on the web",
            date=None,
            extract=description,
            promoted=True,
        )
