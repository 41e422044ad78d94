"""A page's <head> as search engines and link previews read it, for the SEO tests."""

import io
import json

from django.conf import settings
from django.test import RequestFactory
from django.views.static import serve
from PIL import Image

from home.models import HomePage
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.home.factories import (
    CohortIndexPageFactory,
    CohortPageFactory,
    StandardPageFactory,
)
from tests.html import parse
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from tests.research.factories import ResearchIndexPageFactory, ResearchReportPageFactory

BASE = "http://testserver"
SCHEMA = "https://schema.org"
FACTORIES = {
    "home.StandardPage": StandardPageFactory,
    "home.CohortIndexPage": CohortIndexPageFactory,
    "home.CohortPage": CohortPageFactory,
    "news.NewsIndexPage": NewsIndexPageFactory,
    "news.NewsArticlePage": NewsArticlePageFactory,
    "research.ResearchIndexPage": ResearchIndexPageFactory,
    "research.ResearchReportPage": ResearchReportPageFactory,
    "events.EventIndexPage": EventIndexPageFactory,
    "events.EventPage": EventPageFactory,
}
# Each page type's schema.org type and og:type.
TYPES = {
    "home.HomePage": ("Organization", "website"),
    "home.StandardPage": ("WebPage", "website"),
    "home.CohortIndexPage": ("CollectionPage", "website"),
    "home.CohortPage": ("WebPage", "website"),
    "news.NewsIndexPage": ("CollectionPage", "website"),
    "news.NewsArticlePage": ("NewsArticle", "article"),
    "research.ResearchIndexPage": ("CollectionPage", "website"),
    "research.ResearchReportPage": ("Report", "article"),
    "events.EventIndexPage": ("CollectionPage", "website"),
    "events.EventPage": ("Event", "website"),
}


class Head:
    """The <head> of a response as a crawler reads it: meta tags, canonical link, JSON-LD."""

    def __init__(self, response):
        assert response.status_code in {200, 404}, response.status_code
        self.html = response.content.decode()
        head = parse(response).soup.head
        self.meta = {}
        for tag in head.find_all("meta"):
            key = tag.get("property") or tag.get("name")
            if key:
                assert key not in self.meta, f"two <meta> tags for {key}"
                self.meta[key] = tag.get("content")
        canonical = head.find_all("link", rel="canonical")
        assert len(canonical) <= 1
        self.canonical = canonical[0]["href"] if canonical else None
        self.json_ld = [
            json.loads(script.string)
            for script in head.find_all("script", type="application/ld+json")
        ]

    @property
    def schema(self):
        """The page's one JSON-LD object."""
        assert len(self.json_ld) == 1, self.json_ld
        return self.json_ld[0]


def read_head(client, url):
    """The <head> of the page at `url`."""
    return Head(client.get(url))


def build(label, **fields):
    """A published page of the type with this label (the home page is the site's own)."""
    if label == "home.HomePage":
        home = HomePage.objects.get()
        for name, value in fields.items():
            setattr(home, name, value)
        home.save_revision().publish()
        home.refresh_from_db()
        return home
    return FACTORIES[label](**fields)


def served_image(url):
    """GET a media address as the web server serves MEDIA_ROOT: status, type, pixel size."""
    prefix = BASE + settings.MEDIA_URL
    assert url.startswith(prefix), url
    path = url.removeprefix(prefix)
    response = serve(RequestFactory().get(url), path, document_root=settings.MEDIA_ROOT)
    content = b"".join(response.streaming_content)
    with Image.open(io.BytesIO(content)) as image:
        return response.status_code, response["Content-Type"], image.size
