"""What search engines and link previews read in a page's <head>: description, canonical
address, OpenGraph and Twitter card tags, and schema.org JSON-LD of the page's type."""

import datetime
import io
import json
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.views.static import serve
from PIL import Image

from events.models import EventPage
from home.models import HomePage
from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.home.factories import (
    CohortIndexPageFactory,
    CohortPageFactory,
    ImageFactory,
    PersonFactory,
    StandardPageFactory,
    TopicFactory,
)
from tests.news.factories import (
    NewsArticleAuthorFactory,
    NewsArticlePageFactory,
    NewsIndexPageFactory,
)
from tests.research.factories import (
    ResearchIndexPageFactory,
    ResearchReportAuthorFactory,
    ResearchReportPageFactory,
)

from .html import parse

pytestmark = pytest.mark.django_db

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


@pytest.mark.parametrize("label", TYPES)
def test_every_page_type_describes_itself_to_search_engines_and_link_previews(
    client, site_settings, label
):
    schema_type, og_type = TYPES[label]
    image = ImageFactory(alt_text="Council members at a round table")
    page = build(
        label, title="Sharing test", summary="What this page is about.", listing_image=image
    )

    head = read_head(client, page.url)

    address = BASE + page.url
    assert head.meta["description"] == "What this page is about."
    assert head.canonical == address
    assert head.meta["og:url"] == address
    assert head.meta["og:title"] == "Sharing test"
    assert head.meta["og:description"] == "What this page is about."
    assert head.meta["og:site_name"] == "Mayors Innovation Project"
    assert head.meta["og:type"] == og_type
    assert head.meta["og:image:alt"] == "Council members at a round table"
    assert head.meta["twitter:card"] == "summary_large_image"
    status, content_type, size = served_image(head.meta["og:image"])
    assert status == 200
    assert content_type.startswith("image/")
    assert size == (int(head.meta["og:image:width"]), int(head.meta["og:image:height"]))
    schema = head.schema
    assert schema["@context"] == SCHEMA
    assert schema["@type"] == schema_type
    assert schema["url"] == address


def test_description_falls_back_from_search_description_to_opening_text_to_tagline(
    client, site_settings
):
    both = StandardPageFactory(search_description="For search engines.", summary="Listings.")
    opening_text = "Mayors share <b>what works</b> &amp; what did not. " * 8
    opening = StandardPageFactory(
        summary="",
        intro="",
        body=json.dumps([{"type": "paragraph", "value": f"<p>{opening_text}</p><p>More.</p>"}]),
    )
    bare = NewsIndexPageFactory(summary="", intro="")

    assert read_head(client, both.url).meta["description"] == "For search engines."
    trimmed = read_head(client, opening.url).meta["description"]
    assert 120 < len(trimmed) <= 160
    assert trimmed.endswith("\N{HORIZONTAL ELLIPSIS}")
    assert ("Mayors share what works & what did not. " * 8).startswith(trimmed[:-1])
    assert read_head(client, bare.url).meta["description"] == (
        "A learning network for American mayors."
    )


def test_image_is_the_social_then_listing_or_hero_image_else_the_sites_default(
    client, site_settings
):
    listing, social, default = (ImageFactory(alt_text=alt) for alt in ("list", "soc", "def"))
    both = StandardPageFactory(listing_image=listing, social_image=social)
    listing_only = StandardPageFactory(listing_image=listing)
    neither = StandardPageFactory()

    def og_image_alt(page):
        return read_head(client, page.url).meta.get("og:image:alt")

    assert og_image_alt(both) == "soc"
    assert og_image_alt(listing_only) == "list"
    assert og_image_alt(build("home.HomePage", hero_image=ImageFactory(alt_text="hero"))) == "hero"
    assert og_image_alt(neither) is None
    assert "og:image" not in read_head(client, neither.url).meta
    assert read_head(client, neither.url).meta["twitter:card"] == "summary"

    site_settings.default_social_image = default
    site_settings.save()

    assert og_image_alt(neither) == "def"
    assert read_head(client, neither.url).meta["twitter:card"] == "summary_large_image"


def test_home_page_is_the_organisation_with_its_logo_and_profiles(client, site_settings):
    head = read_head(client, "/")

    organisation = head.schema
    assert organisation["@type"] == "Organization"
    assert organisation["name"] == "Mayors Innovation Project"
    assert organisation["url"] == f"{BASE}/"
    assert organisation["logo"] == f"{BASE}/static/images/logo.svg"
    assert organisation["sameAs"] == [
        "https://bsky.app/profile/mip.example",
        "https://www.linkedin.com/company/mip-example",
    ]
    assert organisation["email"] == "hello@mayorsinnovation.example"


def test_news_article_is_a_news_article_with_dates_authors_and_publisher(client, home_page):
    article = NewsArticlePageFactory(
        title="Duplexes return", publication_date=datetime.date(2026, 3, 2)
    )
    for name in ("Ana Ruiz", "Ben Cole"):
        NewsArticleAuthorFactory(page=article, person=PersonFactory(name=name, role="Analyst"))

    head = read_head(client, article.url)

    schema = head.schema
    assert schema["@type"] == "NewsArticle"
    assert schema["headline"] == "Duplexes return"
    assert schema["datePublished"] == "2026-03-02" == head.meta["article:published_time"]
    modified = timezone.localtime(article.last_published_at).isoformat()
    assert schema["dateModified"] == modified == head.meta["article:modified_time"]
    assert schema["author"] == [
        {"@type": "Person", "name": "Ana Ruiz", "jobTitle": "Analyst"},
        {"@type": "Person", "name": "Ben Cole", "jobTitle": "Analyst"},
    ]
    assert schema["publisher"] == {
        "@type": "Organization",
        "name": "Mayors Innovation Project",
        "url": f"{BASE}/",
        "logo": f"{BASE}/static/images/logo.svg",
    }


def test_report_is_a_report_with_its_authors(client, home_page):
    report = ResearchReportPageFactory(
        title="Water affordability", publication_date=datetime.date(2026, 5, 4)
    )
    ResearchReportAuthorFactory(page=report, person=PersonFactory(name="Marcus Oyelaran"))

    schema = read_head(client, report.url).schema

    assert schema["@type"] == "Report"
    assert schema["name"] == schema["headline"] == "Water affordability"
    assert schema["datePublished"] == "2026-05-04"
    assert [author["name"] for author in schema["author"]] == ["Marcus Oyelaran"]


@pytest.mark.parametrize(
    ("event_format", "mode", "locations"),
    [
        (EventPage.Format.IN_PERSON, "OfflineEventAttendanceMode", ["Place"]),
        (EventPage.Format.ONLINE, "OnlineEventAttendanceMode", ["VirtualLocation"]),
        (EventPage.Format.HYBRID, "MixedEventAttendanceMode", ["Place", "VirtualLocation"]),
    ],
)
def test_event_says_how_to_attend_and_where(client, home_page, event_format, mode, locations):
    venue = {"venue_name": "", "address": ""} if event_format == EventPage.Format.ONLINE else {}
    event = EventPageFactory(
        event_format=event_format, online_url="https://example.org/join", **venue
    )

    schema = read_head(client, event.url).schema

    assert schema["@type"] == "Event"
    assert schema["eventAttendanceMode"] == f"{SCHEMA}/{mode}"
    assert schema["eventStatus"] == f"{SCHEMA}/EventScheduled"
    places = schema["location"] if isinstance(schema["location"], list) else [schema["location"]]
    assert [place["@type"] for place in places] == locations
    for place in places:
        if place["@type"] == "Place":
            assert place["name"] == "City Hall, Room 201"
            assert place["address"] == {
                "@type": "PostalAddress",
                "streetAddress": "210 Martin Luther King Jr Blvd",
                "addressLocality": "Madison",
                "addressRegion": "WI",
                "postalCode": "53703",
                "addressCountry": "US",
            }
        else:
            assert place["url"] == "https://example.org/join"
    assert schema["organizer"]["name"] == "Mayors Innovation Project"


@pytest.mark.parametrize(
    ("status", "schema_status"),
    [
        (EventPage.Status.CANCELLED, "EventCancelled"),
        (EventPage.Status.POSTPONED, "EventPostponed"),
    ],
)
def test_cancelled_or_postponed_event_says_so(client, home_page, status, schema_status):
    event = EventPageFactory(status=status)

    assert read_head(client, event.url).schema["eventStatus"] == f"{SCHEMA}/{schema_status}"


@pytest.mark.parametrize(
    ("zone", "start", "expected_start", "expected_end"),
    [
        ("America/New_York", (2031, 1, 15, 10), "2031-01-15T10:00:00-05:00", "11:30:00-05:00"),
        ("America/Los_Angeles", (2031, 7, 1, 18), "2031-07-01T18:00:00-07:00", "19:30:00-07:00"),
    ],
)
def test_event_times_carry_the_offset_of_the_events_own_zone(
    client, home_page, zone, start, expected_start, expected_end
):
    begins = datetime.datetime(*start, tzinfo=ZoneInfo(zone))
    event = EventPageFactory(
        start=begins, end=begins + datetime.timedelta(hours=1, minutes=30), time_zone=zone
    )

    schema = read_head(client, event.url).schema

    assert schema["startDate"] == expected_start
    assert schema["endDate"] == f"{expected_start[:11]}{expected_end}"


def test_a_title_cannot_break_out_of_the_json_ld(client, home_page):
    title = "Budgets </script><script>alert(1)</script> & <!-- more"
    page = StandardPageFactory(title=title, slug="budgets")

    head = read_head(client, page.url)

    assert "<script>alert(1)" not in head.html
    assert "<!-- more" not in head.html
    assert head.schema["name"] == title
    assert head.meta["og:title"] == title


def test_listing_pages_and_filters_share_the_listings_canonical_address(client, home_page):
    news = NewsIndexPageFactory(slug="news")
    topic = TopicFactory(slug="housing")
    for number in range(12):
        article = NewsArticlePageFactory(parent=news, title=f"Story {number}")
        article.topics.add(topic)
        article.save_revision().publish()

    head = read_head(client, f"{news.url}?page=2&topic=housing")

    assert head.canonical == f"{BASE}/news/"
    assert head.schema["url"] == f"{BASE}/news/"


@pytest.mark.parametrize("url", ["/search/?q=water", "/no-such-page/"])
def test_views_without_a_page_describe_the_site(client, site_settings, url):
    head = read_head(client, url)

    assert head.meta["description"] == "A learning network for American mayors."
    assert head.meta["og:site_name"] == "Mayors Innovation Project"
    assert head.meta["og:title"] == "Mayors Innovation Project"
    assert head.canonical is None
    assert head.json_ld == []


def test_sharing_image_reuses_the_main_images_rendition(client, home_page):
    article = NewsArticlePageFactory(listing_image=ImageFactory())
    client.get(article.url)  # creates the renditions
    cache.clear()  # as after a deploy: renditions come from the database

    with CaptureQueriesContext(connection) as queries:
        head = read_head(client, article.url)

    rendition_queries = [q for q in queries.captured_queries if "rendition" in q["sql"]]
    assert len(rendition_queries) == 1, rendition_queries
    assert ".width-1200." in head.meta["og:image"]
    assert head.html.count(head.meta["og:image"].removeprefix(BASE)) >= 2  # <img> and og:image
