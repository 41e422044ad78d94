"""The site's sitemaps: one per section, listed by the index at /sitemap.xml (home/sitemaps.py)."""

from django.urls import reverse

from events.models import EventPage
from home.sitemaps import section_sitemaps
from news.models import NewsArticlePage
from research.models import ResearchReportPage

SITEMAPS = section_sitemaps(
    {"news": (NewsArticlePage,), "research": (ResearchReportPage,), "events": (EventPage,)}
)


def sitemap_paths(page):
    """The sitemap addresses that list the page: the index and its section's first sitemap.

    Later pages of a section (`?p=2`) are query strings, which exact-URL purges cannot reach.
    """
    section = next(
        (
            name
            for name, sitemap in SITEMAPS.items()
            if issubclass(page.specific_class, sitemap.models)
        ),
        "pages",
    )
    return [reverse("sitemap"), reverse("sitemap_section", kwargs={"section": section})]
