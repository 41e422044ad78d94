"""No query string on any public API endpoint yields a 500 (promise 3).

Hypothesis sends query strings built from every parameter the endpoints know (and some they
do not) with adversarial values: control characters, NUL, long and non-Latin text, numbers
too big for the database, impossible and malformed dates, field-list syntax. Each answer must
be a success, a redirect, a 404, or a 400 whose JSON `message` says what was wrong.

After each request a query checks the database connection still works: on PostgreSQL a value
that reached the database unchecked (an integer or a UTC offset out of its range) aborts the
transaction, so this catches input the endpoint passed on without checking, even where the
endpoint turned the database's error into a 400.
"""

import datetime
import json

import pytest
from django.db import transaction
from hypothesis import currently_in_test_context, event, given
from hypothesis import strategies as st
from wagtail.models import Page

from home.models import HomePage
from tests.events.factories import EventPageFactory
from tests.factories import stream
from tests.home.factories import (
    DocumentFactory,
    ImageFactory,
    PersonFactory,
    StandardPageFactory,
    TopicFactory,
)
from tests.news.factories import NewsArticleAuthorFactory, NewsArticlePageFactory
from tests.research.factories import ResearchReportDownloadFactory
from tests.world import module_world

pytestmark = pytest.mark.django_db

# Every parameter any endpoint reads, and field names the pages, images and documents have.
KNOWN_PARAMETERS = [
    "limit",
    "offset",
    "fields",
    "order",
    "search",
    "search_operator",
    "type",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "translation_of",
    "locale",
    "site",
    "topic",
    "author",
    "published_from",
    "published_to",
    "when",
    "start_from",
    "start_to",
    "id",
    "html_path",
    "rich_text_format",
    "title",
    "slug",
    "publication_date",
    "start",
    "show_in_menus",
    "first_published_at",
    "go_live_at",
    "expire_at",
    "listing_image",
    "body",
    "topics",
    "authors",
    "alias_of",
    "seo_title",
    "tags",
    "file_size",
    "width",
    "height",
    "credit",
    "description",
    "format",
    "_",
]

PAGE_TYPES = [
    "news.NewsArticlePage",
    "research.ResearchReportPage",
    "events.EventPage",
    "home.StandardPage",
    "home.HomePage",
    "wagtailcore.Page",
    "news.NewsArticlePage,events.EventPage",
    "home.CustomImage",
    "news.Nothing",
    "news",
    ".",
]

# Values that mean something to some parameter: the stuff filters are made of.
MEANINGFUL = [
    "",
    "0",
    "1",
    "-1",
    "root",
    "*",
    "_",
    "-title",
    "title,-publication_date",
    "random",
    "-start",
    "start",
    "publication_date",
    "*,-title,body(x)",
    "body(*)",
    "title(id)",
    "-*",
    "_,title",
    "topics(name)",
    "upcoming",
    "past",
    "and",
    "or",
    "html",
    "raw",
    "json",
    "api",
    "water",
    "true",
    "false",
    "en",
    "testserver",
    "testserver:80",
    "localhost:99999999999999999999",
    "a:b:c",
    ":",
    "/",
    "//",
    "/news/",
    "../../etc/passwd",
    "%00",
    "\x00",
    "\x00\x00water",
    "water\x00",
    "\u202e",
    "\ufeff",
    "\U0001d534\U0001d51e\U0001d531\U0001d522\U0001d52f",  # "water" in Fraktur letters
    "水",
    "' OR 1=1 --",
    '"',
    "\\",
    "NaN",
    "inf",
    "1e308",
    "0x10",
    "1_000",
    "٣",  # an Arabic-Indic digit: isdigit() is true, int() accepts it
    "²",  # a superscript: isdigit() is true, int() refuses it
    "2147483647",
    "2147483648",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "1" * 400,
    "x" * 5000,
    "water " * 300,
]

DATES = st.one_of(
    st.dates().map(datetime.date.isoformat),
    st.datetimes(timezones=st.timezones()).map(datetime.datetime.isoformat),
    st.datetimes().map(datetime.datetime.isoformat),
    st.sampled_from(
        [
            "0000-01-01",
            "0001-01-01",
            "9999-12-31",
            "10000-01-01",
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-1-1",
            "20260101",
            "2026-W01-1",
            "2026-01-01T24:00",
            "2026-01-01T23:59:60",
            "2026-01-01T10:00+25:00",
            "2026-01-01T10:00+23:59",
            "2026-01-01T10:00-99:99",
            "0001-01-01T00:00:00+14:00",
            "9999-12-31T23:59:59-12:00",
            "9999-12-31T23:59:59.999999",
            "2026-03-08T02:30",  # does not exist in Chicago (clocks go forward)
            "2026-11-01T01:30",  # happens twice in Chicago
            "2026-01-01 10:00",
            "2026-01-01T",
            "T10:00",
            "2026-01-01Z",
        ]
    ),
    st.from_regex(
        r"\A-?\d{1,6}-\d{1,3}-\d{1,3}(T\d{1,3}(:\d{1,3}(:\d{1,3}(\.\d{1,9})?)?)?)?"
        r"(Z|[+-]\d{1,3}(:?\d{1,3})?)?\Z"
    ),
)

INTEGERS = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=-5, max_value=50),
    st.sampled_from([2**31 - 1, 2**31, 2**63 - 1, 2**63, -(2**31), 10**100]),
).map(str)

FIELD_LISTS = st.lists(
    st.sampled_from(
        [
            *["*", "_", "-title", "title", "body", "body(x)", "topics(*)", "parent", "id", "-id"],
            *["listing_image(*)", "downloads(title)", "renditions", "(", ")", "", "-", "x(y(z))"],
        ]
    ),
    max_size=6,
).map(",".join)

VALUES = st.one_of(
    st.sampled_from(MEANINGFUL),
    st.sampled_from(PAGE_TYPES),
    INTEGERS,
    DATES,
    FIELD_LISTS,
    st.text(max_size=40),  # any code point but surrogates: control characters included
    st.text(st.characters(codec="ascii"), max_size=20),
    st.text(st.sampled_from("%&=+,;*()-_.~/:?#[]@!$'\" \t0aZ"), max_size=20),
)

NAMES = st.one_of(
    st.sampled_from(KNOWN_PARAMETERS),
    st.text(max_size=12),
    st.sampled_from(["order[]", "limit ", " limit", "LIMIT", "__proto__", "id__gt", "pk"]),
)

ORDERINGS = st.lists(
    st.sampled_from(
        [
            *["title", "-title", "id", "-id", "random", "start", "-start", "publication_date"],
            *["-publication_date", "first_published_at", "slug", "body", "topics", "--title", ""],
        ]
    ),
    min_size=1,
    max_size=3,
).map(",".join)

SLUGS = st.one_of(
    st.sampled_from(["water", "ada-lovelace", "Water", "nobody", "-", "_", "x" * 300]),
    st.from_regex(r"\A[-\w]{0,30}\Z"),
)

WORDS = st.one_of(
    st.sampled_from(["water", "rates frozen", "water water", '"water', "water*", "a:b", "OR"]),
    st.text(max_size=30),
)


@module_world
def rows():
    """A few pages of each filtered kind, an image and a document, so filters hit rows."""
    water = TopicFactory(name="Water")
    person = PersonFactory(name="Ada Lovelace")
    article = NewsArticlePageFactory(
        title="Water rates frozen", listing_image=ImageFactory(title="River")
    )
    article.topics.set([water])
    article.save()
    NewsArticleAuthorFactory(page=article, person=person)
    download = ResearchReportDownloadFactory()
    meeting = EventPageFactory()
    StandardPageFactory(body=stream(("paragraph", "<p>About water.</p>")))
    draft = NewsArticlePageFactory(title="Unpublished water", publish=False)
    image, document = ImageFactory(), DocumentFactory()
    page_ids = [HomePage.objects.get().pk, article.pk, download.page.pk, meeting.pk, draft.pk]
    return {
        "pages": page_ids,
        "images": [article.listing_image.pk, image.pk],
        "documents": [download.document.pk, document.pk],
        "paths": ["/", article.url, meeting.url, draft.url or "/news/", "/nowhere/"],
    }


def page_ids(rows):
    """Ids of real pages (live or not) and numbers of every size."""
    return st.one_of(st.sampled_from(rows["pages"]).map(str), INTEGERS)


def plausible_values(rows):
    """For each parameter, values close to what it expects, so requests reach the database."""
    ids = page_ids(rows)
    numbers = st.one_of(st.integers(-3, 120).map(str), INTEGERS)
    return {
        "limit": numbers,
        "offset": numbers,
        "fields": FIELD_LISTS,
        "order": ORDERINGS,
        "search": WORDS,
        "search_operator": st.sampled_from(["and", "or", "AND", ""]),
        "type": st.sampled_from(PAGE_TYPES),
        "child_of": st.one_of(ids, st.just("root")),
        "descendant_of": st.one_of(ids, st.just("root")),
        "ancestor_of": ids,
        "translation_of": st.one_of(ids, st.just("root")),
        "id": st.one_of(ids, st.sampled_from(rows["images"] + rows["documents"]).map(str)),
        "locale": st.sampled_from(["en", "fr", "EN", "en-us", ""]),
        "site": st.sampled_from(["testserver", "localhost", "testserver:80", "x:99999999999"]),
        "topic": SLUGS,
        "author": SLUGS,
        "published_from": DATES,
        "published_to": DATES,
        "start_from": DATES,
        "start_to": DATES,
        "publication_date": DATES,
        "first_published_at": DATES,
        "go_live_at": DATES,
        "expire_at": DATES,
        "when": st.sampled_from(["upcoming", "past", "UPCOMING", "now"]),
        "html_path": st.one_of(st.sampled_from(rows["paths"]), st.text(max_size=30)),
        "rich_text_format": st.sampled_from(["html", "raw", "json", "markdown", ""]),
        "title": WORDS,
        "slug": SLUGS,
        "show_in_menus": st.sampled_from(["true", "false", "1", "0", "yes", "maybe"]),
        "listing_image": st.one_of(st.sampled_from(rows["images"]).map(str), INTEGERS),
        "file_size": numbers,
        "width": numbers,
        "height": numbers,
    }


def queries(rows, names=NAMES, max_size=5):
    """Query strings as lists of (name, value): mostly plausible values, some hostile ones."""
    plausible = plausible_values(rows)

    def pair(name):
        values = plausible.get(name, VALUES)
        return st.tuples(st.just(name), st.one_of(values, values, VALUES))

    return st.lists(names.flatmap(pair), max_size=max_size)


def assert_message(response):
    """The error answer is JSON whose `message` says what was wrong."""
    body = json.loads(response.content)
    assert isinstance(body.get("message"), str), body
    assert body["message"].strip(), body
    return body["message"]


def check(client, url, query):
    """The request gets an allowed answer and leaves the database usable."""
    # A savepoint per request: a failed one cannot spoil the examples after it.
    with transaction.atomic():
        response = client.get(url, query)
        Page.objects.exists()  # fails if the request broke the transaction (PostgreSQL)
        transaction.set_rollback(True)
    status = response.status_code
    if currently_in_test_context():
        event(f"HTTP {status}")  # the mix shows with --hypothesis-show-statistics
    assert status in {200, 301, 302, 400, 404}, (url, query, status)
    if status in {400, 404}:
        assert_message(response)
    if status == 200:
        json.loads(response.content)
    return response


@given(data=st.data())
def test_pages_listing(client, rows, data):
    check(client, "/api/v2/pages/", data.draw(queries(rows)))


# The filters and fields of the page types, so most requests pass the name check and reach
# the filters with a type that gives the field filters something to work on.
PAGE_LISTING_PARAMETERS = [
    name for name in KNOWN_PARAMETERS if name not in {"id", "html_path", "tags", "format"}
]


@given(data=st.data())
def test_pages_listing_of_one_type(client, rows, data):
    page_type = data.draw(st.sampled_from(PAGE_TYPES[:5]))
    names = st.sampled_from(PAGE_LISTING_PARAMETERS)
    query = [("type", page_type), *data.draw(queries(rows, names, max_size=4))]
    check(client, "/api/v2/pages/", query)


@given(data=st.data())
def test_pages_detail(client, rows, data):
    page_id = data.draw(st.one_of(st.sampled_from(rows["pages"]), st.integers(0, 10**30)))
    check(client, f"/api/v2/pages/{page_id}/", data.draw(queries(rows)))


@given(data=st.data())
def test_pages_find(client, rows, data):
    find = queries(rows, st.sampled_from(["id", "html_path"]), max_size=2)
    check(client, "/api/v2/pages/find/", data.draw(find) + data.draw(queries(rows)))


@pytest.mark.parametrize("endpoint", ["images", "documents"])
@given(data=st.data())
def test_media_listing_and_detail(client, rows, endpoint, data):
    ids = st.one_of(st.sampled_from(rows[endpoint]), st.integers(0, 10**30))
    urls = st.one_of(
        st.just(f"/api/v2/{endpoint}/"),
        st.just(f"/api/v2/{endpoint}/find/"),
        ids.map(f"/api/v2/{endpoint}/{{}}/".format),
    )
    check(client, data.draw(urls), data.draw(queries(rows)))


def test_huge_and_odd_ids_in_the_path(client, rows):
    for path in [
        "/api/v2/pages/2147483648/",
        "/api/v2/pages/99999999999999999999999999999999/",
        "/api/v2/pages/-1/",
        "/api/v2/pages/0/",
        "/api/v2/pages/1e3/",
        "/api/v2/pages/%00/",
        "/api/v2/pages/٣/",
        "/api/v2/images/9223372036854775808/",
        "/api/v2/documents/9223372036854775808/",
        "/api/v2/pages/find/?id=9223372036854775808",
        "/api/v2/images/find/?id=99999999999999999999",
    ]:
        assert client.get(path).status_code in {400, 404}, path
        Page.objects.exists()


def test_bad_input_gets_a_message_naming_the_parameter(client, rows):
    for query, named in [
        ({"limit": "-1"}, "limit"),
        ({"offset": "9223372036854775808"}, "offset"),
        ({"child_of": "2147483648"}, "child_of"),
        ({"topic": "water\x00"}, "topic"),
        ({"type": "news.NewsArticlePage", "publication_date": "2026-02-30"}, "publication_date"),
        ({"type": "news.NewsArticlePage", "listing_image": "2147483648"}, "listing_image"),
        ({"type": "news.NewsArticlePage", "body": "1"}, "body"),
        ({"type": "home.StandardPage", "body": "[]"}, "body"),
        ({"start_from": "2026-01-01T10:00+25:00"}, "start_from"),
        ({"start_to": "9999-12-31T23:59:59-12:00"}, "start_to"),
        ({"start_from": "0001-01-01T00:00:00+14:00"}, "start_from"),
        ({"type": "events.EventPage", "go_live_at": "9999-12-31T23:59:59-12:00"}, "go_live_at"),
        ({"when": "soon"}, "when"),
        ({"search": "water", "search_operator": "xor"}, "search_operator"),
        ({"fields": "title(id"}, "fields"),
        ({"nonsense": "1"}, "nonsense"),
    ]:
        response = client.get("/api/v2/pages/", query)
        assert response.status_code == 400, query
        assert named in response.json()["message"], query


def test_offsets_postgresql_refuses_are_still_moments(client, rows):
    # ISO 8601 allows offsets up to 23:59; PostgreSQL takes 15:59 at most.
    for query in [
        {"type": "news.NewsArticlePage", "go_live_at": "2026-01-01T10:00+23:59"},
        {"start_from": "2026-01-01T10:00-23:59"},
        {"start_to": "2026-01-01T10:00:00.5+16:00"},
    ]:
        assert check(client, "/api/v2/pages/", query).status_code == 200, query


def test_every_error_names_its_problem(client, rows):
    for method, url, named in [
        ("get", "/api/v2/pages/?format=0", "format"),
        ("get", "/api/v2/images/?format=xml", "format"),
        ("get", "/api/v2/documents/?format=api", "format"),
        ("get", "/api/v2/pages/999999/", "not found"),
        ("get", "/api/v2/pages/find/", "not found"),
        # A line break (%0A) in the address is an address no endpoint answers, like any other.
        ("get", "/api/v2/pages/%0A/", "not found"),
        ("get", "/api/v3/snippets/%0A/%2F/", "not found"),
        ("get", "/api/nowhere%0A/", "not found"),
        ("post", "/api/v2/pages/", "POST"),
        ("delete", f"/api/v2/pages/{rows['pages'][0]}/", "DELETE"),
    ]:
        response = getattr(client, method)(url)
        assert 400 <= response.status_code < 500, url
        assert named in assert_message(response), url


def test_an_unacceptable_accept_header_is_named(client, rows):
    response = client.get("/api/v2/pages/", headers={"Accept": "text/xml"})
    assert response.status_code == 406
    assert "Accept" in assert_message(response)
