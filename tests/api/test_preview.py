"""A front end shows an editor the draft they are previewing, and nobody else ever sees it.

Tokens are obtained the way an editor obtains them: logged in to the admin, through the
preview panel's "Front end (API)" mode (or "View draft" in that mode), which frames the
front end's preview route with `?content_type=...&token=...`.
"""

import html
import json
import re
import time
from unittest import mock
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtail_headless_preview.models import PagePreview

from home.models.preview import FRONT_END_PREVIEW_MODE
from news.models import NewsArticlePage
from tests.home.factories import PersonFactory, TopicFactory
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from tests.news.forms import news_article_fields

pytestmark = pytest.mark.django_db

CLIENT_URL = "https://front.example.org/preview/"
# Each distinct set of fields and related rows (the index pages all share one).
PAGE_TYPES = [
    "home.HomePage",
    "home.StandardPage",
    "home.CohortPage",
    "news.NewsIndexPage",
    "news.NewsArticlePage",
    "research.ResearchReportPage",
    "events.EventPage",
]


@pytest.fixture
def front_end(settings):
    """A front end to preview in is configured (PREVIEW_CLIENT_URL)."""
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": CLIENT_URL},
        "ENFORCE_TRAILING_SLASH": False,
    }


@pytest.fixture
def log_in(django_user_model):
    """Logs a new user in to the admin (in a Wagtail group, if named); their browser."""

    def make(username, group_name=None):
        user = django_user_model.objects.create_user(username=username, password="x")
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        browser = Client()
        browser.force_login(user)
        return browser

    return make


@pytest.fixture
def editor(log_in):
    """A member of the Editors group, logged in to the admin."""
    return log_in("editor", "Editors")


def front_end_address(response):
    """The front end's preview address that the admin's preview frames."""
    assert response.status_code == 200, response.content[:300]
    match = re.search(r'<iframe src="([^"]+)"', response.content.decode())
    assert match, response.content[:300]
    return html.unescape(match.group(1))


def token_query(response):
    """`content_type` and `token` as the front end receives them in its query string."""
    url = front_end_address(response)
    assert url.startswith(CLIENT_URL + "?")
    query = parse_qs(urlsplit(url).query)
    return {"content_type": query["content_type"][0], "token": query["token"][0]}


def view_draft(admin, page):
    """The query a front end gets when an editor views the page's draft in the front end."""
    url = reverse("wagtailadmin_pages:view_draft", args=[page.pk])
    return token_query(admin.get(url, {"mode": FRONT_END_PREVIEW_MODE}))


def preview(admin, preview_url, data):
    """Send the editor's unsaved form to the preview, as the panel does; the front end's query."""
    response = admin.post(preview_url, data)
    assert json.loads(response.content) == {"is_valid": True, "is_available": True}
    return token_query(admin.get(preview_url, {"mode": FRONT_END_PREVIEW_MODE}))


def article_form(title, topics=(), **fields):
    """The news article editor's form data, with a body of one paragraph."""
    data = nested_form_data(
        news_article_fields(
            title,
            text="<p>Draft body.</p>",
            publication_date="2026-03-01",
            summary="Draft summary.",
            comments=inline_formset([]),
            **fields,
        )
    )
    # A multiple choice field posts one value per choice (nested_form_data would number them).
    return {**data, "topics": [topic.pk for topic in topics]}


def get_preview(client, query):
    """The front end asking the API for the draft."""
    return client.get("/api/v2/preview/", query)


def preview_json(client, query):
    """The draft's JSON, which must be there."""
    response = get_preview(client, query)
    assert response.status_code == 200, response.content[:500]
    return json.loads(response.content)


def assert_not_found(response):
    """The one 404 every bad token gets, whatever is wrong with it."""
    assert response.status_code == 404
    assert json.loads(response.content) == {"message": "not found"}


# The draft, in the published page's JSON shape.


def to_milliseconds(data):
    """The JSON with its times cut to the millisecond, as Wagtail stores drafts (as JSON)."""
    return json.loads(re.sub(r"(T[\d:]+\.\d{3})\d{3}", r"\g<1>000", json.dumps(data)))


@pytest.mark.parametrize("label", PAGE_TYPES)
def test_unchanged_page_previews_exactly_as_published(client, admin_client, front_end, content,
                                                      get_json, label):  # fmt: skip
    page = content.page(label)
    published = get_json(f"/api/v2/pages/{page.pk}/")
    draft = preview_json(client, view_draft(admin_client, page))
    assert draft == to_milliseconds(published)


def test_editor_sees_unsaved_changes_and_visitors_do_not(client, editor, front_end, content,
                                                         get_json):  # fmt: skip
    article = content.page("news.NewsArticlePage")
    published = get_json(f"/api/v2/pages/{article.pk}/")
    topic, author = TopicFactory(name="Heat"), PersonFactory(name="Dana Reyes")
    data = article_form(
        "Cooling centres open early",
        topics=[topic],
        slug=article.slug,
        listing_image=article.listing_image_id,
        authors=inline_formset([{"person": author.pk}]),
        body=streamfield(
            [("paragraph", rich_text('<p>Open <a href="https://example.org">daily</a>.</p>'))]
        ),
    )
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    draft = preview_json(client, preview(editor, url, data))

    assert draft["id"] == article.pk
    assert draft["title"] == "Cooling centres open early"
    assert draft["body"][0]["type"] == "paragraph"
    assert 'Open <a href="https://example.org">daily</a>.</p>' in draft["body"][0]["value"]
    assert draft["topics"] == [{"id": topic.pk, "name": "Heat", "slug": topic.slug}]
    # The editor added an author after the two already there.
    byline = [person["name"] for person in published["authors"]] + ["Dana Reyes"]
    assert [person["name"] for person in draft["authors"]] == byline
    assert draft["listing_image"] == published["listing_image"]  # renditions and all
    # The same fields and meta as the published page: a front end renders it the same way.
    assert draft.keys() == published.keys()
    assert draft["meta"].keys() == published["meta"].keys()
    # Nothing was saved: visitors still get the published page.
    assert get_json(f"/api/v2/pages/{article.pk}/") == published


def test_a_page_never_saved_previews(client, editor, front_end, get_json):
    index = NewsIndexPageFactory()
    published_article = get_json(f"/api/v2/pages/{NewsArticlePageFactory(parent=index).pk}/")
    url = reverse("wagtailadmin_pages:preview_on_add", args=["news", "newsarticlepage", index.pk])
    query = preview(editor, url, article_form("Heat plans, city by city"))

    assert query["content_type"] == "news.newsarticlepage"
    draft = preview_json(client, query)
    assert draft["id"] is None
    assert draft["title"] == "Heat plans, city by city"
    assert draft["meta"]["type"] == "news.NewsArticlePage"
    assert draft["meta"]["detail_url"] is None  # not in the API until it is saved
    assert draft["meta"]["parent"]["id"] == index.pk
    assert "Draft body.</p>" in draft["body"][0]["value"]
    assert draft.keys() == published_article.keys()
    assert not NewsArticlePage.objects.filter(title="Heat plans, city by city").exists()


def test_each_editor_sees_their_own_draft(client, log_in, front_end):
    article = NewsArticlePageFactory()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    first = log_in("first", "Editors")
    second = log_in("second", "Moderators")
    first_query = preview(first, url, article_form("First editor's title", slug="a"))
    second_query = preview(second, url, article_form("Second editor's title", slug="a"))

    assert preview_json(client, first_query)["title"] == "First editor's title"
    assert preview_json(client, second_query)["title"] == "Second editor's title"
    # A refresh of the panel replaces the editor's stored draft rather than adding one, and
    # the token the front end already holds shows the latest edits.
    preview(first, url, article_form("First editor, edited", slug="a"))
    assert PagePreview.objects.count() == 2
    assert preview_json(client, first_query)["title"] == "First editor, edited"


# Tokens: short-lived, for one page, and never a hint about anything else.


def test_token_expires(client, admin_client, front_end, settings):
    query = view_draft(admin_client, NewsArticlePageFactory())
    issued = time.time()
    # The clock the token signer reads (the time module's), moved on for the request only.
    with mock.patch("django.core.signing.time.time", return_value=issued + 60):
        assert get_preview(client, query).status_code == 200
    later = issued + settings.PREVIEW_TOKEN_MAX_AGE + 5
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert_not_found(get_preview(client, query))


def tampered(query, other):
    """The same token with its signature altered."""
    token = query["token"]
    return {**query, "token": token[:-1] + ("A" if token[-1] != "A" else "B")}


def for_other_page(query, other):
    """The token's signature on another page's id."""
    value, timestamp, signature = query["token"].rsplit(":", 2)
    value = re.sub(r"^id=\d+", f"id={other.pk}", value)
    return {**query, "token": f"{value}:{timestamp}:{signature}"}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(tampered, id="tampered signature"),
        pytest.param(for_other_page, id="another page's id"),
        pytest.param(lambda q, _: {**q, "content_type": "home.standardpage"}, id="other type"),
        pytest.param(lambda q, _: {**q, "content_type": "home.topic"}, id="not a page type"),
        pytest.param(lambda q, _: {**q, "content_type": "nope.nope"}, id="unknown type"),
        pytest.param(lambda q, _: {**q, "content_type": "news"}, id="malformed type"),
        pytest.param(lambda q, _: {"token": q["token"]}, id="no content type"),
        pytest.param(lambda q, _: {"content_type": q["content_type"]}, id="no token"),
        pytest.param(lambda q, _: {**q, "token": "id=1;editor=1"}, id="unsigned token"),
        pytest.param(lambda q, _: {}, id="nothing"),
    ],
)
def test_anything_but_a_valid_token_is_the_same_404(client, admin_client, front_end, change):
    article, other = NewsArticlePageFactory(), NewsArticlePageFactory()
    view_draft(admin_client, other)  # another draft is stored; nothing may lead to it
    response = get_preview(client, change(view_draft(admin_client, article), other))
    assert_not_found(response)
    assert "no-store" in response["Cache-Control"]


def test_preview_is_never_cached_publicly(client, admin_client, front_end):
    response = get_preview(client, view_draft(admin_client, NewsArticlePageFactory()))
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control
    assert "public" not in cache_control
    assert not any(part.startswith("max-age") for part in cache_control)


# Who can get a token.


def test_people_who_cannot_edit_the_page_get_no_token(client, log_in, front_end):
    article = NewsArticlePageFactory()
    readers = Group.objects.create(name="Readers")
    readers.permissions.add(Permission.objects.get(codename="access_admin"))
    people = [client, log_in("visitor"), log_in("reader", "Readers")]
    for url in (
        reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[article.pk]),
    ):
        for browser in people:
            response = browser.get(url, {"mode": FRONT_END_PREVIEW_MODE})
            assert response.status_code in {302, 403}, url
            assert b"<iframe" not in response.content
    assert not PagePreview.objects.exists()


def test_front_end_mode_is_offered_only_when_configured(admin_client, settings):
    article = NewsArticlePageFactory()
    edit_url = reverse("wagtailadmin_pages:edit", args=[article.pk])
    assert b'value="front-end"' not in admin_client.get(edit_url).content
    # Asked for anyway, the mode shows the site's own web page and stores nothing.
    response = admin_client.get(
        reverse("wagtailadmin_pages:view_draft", args=[article.pk]),
        {"mode": FRONT_END_PREVIEW_MODE},
    )
    assert article.title in response.content.decode()
    assert "<iframe" not in response.content.decode()
    assert not PagePreview.objects.exists()

    settings.WAGTAIL_HEADLESS_PREVIEW = {"CLIENT_URLS": {"default": CLIENT_URL}}
    content = admin_client.get(edit_url).content.decode()
    assert re.search(r'<option value="front-end"[^>]*>\s*Front end \(API\)', content)


def test_default_preview_is_still_the_web_page(admin_client, front_end):
    article = NewsArticlePageFactory(title="Heat season starts")
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[article.pk]))
    assert "Heat season starts" in response.content.decode()
    assert "<iframe" not in response.content.decode()
    assert not PagePreview.objects.exists()


def test_client_url_with_a_query_string_keeps_it(admin_client, settings):
    settings.WAGTAIL_HEADLESS_PREVIEW = {
        "CLIENT_URLS": {"default": "https://front.example.org/api/draft?secret=s3"},
        "ENFORCE_TRAILING_SLASH": False,
    }
    url = reverse("wagtailadmin_pages:view_draft", args=[NewsArticlePageFactory().pk])
    address = front_end_address(admin_client.get(url, {"mode": FRONT_END_PREVIEW_MODE}))
    query = parse_qs(urlsplit(address).query)
    assert address.startswith("https://front.example.org/api/draft?secret=s3&")
    assert query["content_type"] == ["news.newsarticlepage"]


def test_old_stored_drafts_are_deleted(admin_client, front_end):
    old = view_draft(admin_client, NewsArticlePageFactory())
    PagePreview.objects.update(created_at="2020-01-01")
    view_draft(admin_client, NewsArticlePageFactory())
    assert PagePreview.objects.count() == 1
    assert not PagePreview.objects.filter(token=old["token"]).exists()
