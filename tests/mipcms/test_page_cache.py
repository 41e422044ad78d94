"""The anonymous page cache: fast for visitors, never stale, never shared when it must not be.

Every test here runs with the cache on (the rest of the suite runs with it off, to see each
render). A visitor's second GET of a page is answered from the cache; after any change that
the page shows, the next GET shows the change: one test per trigger.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from events.models import EventIndexPage
from home.models import SiteSettings
from mipcms.scheduler import Scheduler
from tests.clock import clock_at
from tests.events.factories import EventPageFactory
from tests.home.factories import PersonFactory, StandardPageFactory, TopicFactory
from tests.news.factories import NewsArticleAuthorFactory, NewsArticlePageFactory
from tests.surfaces import EVERYWHERE, NOWHERE, public_view

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_STALE_WHILE_REVALIDATE_SECONDS = 60


def cached_get(client, url, **headers):
    """GET twice: the second answer must come from the cache. Returns it."""
    first = client.get(url, **headers)
    assert first.status_code == 200, url
    assert first["X-Page-Cache"] == "miss"
    second = client.get(url, **headers)
    assert second["X-Page-Cache"] == "hit", url
    assert second.content.decode().replace(nonce(second), "") == first.content.decode().replace(
        nonce(first), ""
    )
    return second


def nonce(response):
    """The CSP nonce of a response (from its header), or "" when it has none."""
    policy = response.get("Content-Security-Policy", "")
    return policy.split("'nonce-", 1)[1].split("'", 1)[0] if "'nonce-" in policy else ""


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_a_second_visit_is_answered_from_the_cache_without_the_database(client, news_index):
    article = NewsArticlePageFactory(parent=news_index, title="Water shutoffs end in winter")
    cached_get(client, article.url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Water shutoffs end in winter" in response.content.decode()
    assert len(queries) == 0, [q["sql"] for q in queries]


def test_shared_answers_say_how_long_a_cdn_may_keep_them(client, news_index):
    article = NewsArticlePageFactory(parent=news_index)
    for response in (client.get(article.url), client.get(article.url)):
        control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "max-age=0", "s-maxage=300", "stale-while-revalidate=60"} <= control
        assert response["ETag"].startswith('W/"')


def test_a_conditional_request_gets_a_304_before_anything_is_rendered(client, news_index):
    article = NewsArticlePageFactory(parent=news_index)
    etag = cached_get(client, article.url)["ETag"]

    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert len(queries) == 0

    article.title = "Lead service lines, mapped"
    article.save_revision().publish()
    changed = client.get(article.url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert "Lead service lines, mapped" in changed.content.decode()
    assert changed["ETag"] != etag


def test_a_feed_reader_asking_if_modified_since_gets_a_304_from_the_cache(client, news_index):
    NewsArticlePageFactory(parent=news_index)
    feed = f"{news_index.url}feed/rss/"
    last_modified = cached_get(client, feed)["Last-Modified"]

    with CaptureQueriesContext(connection) as queries:
        response = client.get(feed, HTTP_IF_MODIFIED_SINCE=last_modified)
    assert response.status_code == 304
    assert response["Last-Modified"] == last_modified
    assert len(queries) == 0


def test_every_answer_from_the_cache_has_a_fresh_csp_nonce(client, news_index):
    article = NewsArticlePageFactory(parent=news_index)
    first = cached_get(client, article.url)
    second = client.get(article.url)
    assert second["X-Page-Cache"] == "hit"
    seen = {nonce(first), nonce(second)}
    assert len(seen) == 2 and "" not in seen
    for response in (first, second):
        # The JSON-LD block carries the nonce its own header allows.
        assert f'nonce="{nonce(response)}"' in response.content.decode()


def test_publishing_an_edit_shows_on_every_surface_at_once(client, news_index):
    article = NewsArticlePageFactory(parent=news_index, title="Heat pumps for renters")
    for url in (article.url, news_index.url, "/"):
        cached_get(client, url)

    article.title = "Heat pumps for every renter"
    article.save_revision().publish()

    for url in (article.url, news_index.url, "/"):
        assert "Heat pumps for every renter" in html(client, url), url


def test_a_saved_draft_does_not_change_what_visitors_see(client, news_index):
    article = NewsArticlePageFactory(parent=news_index, title="Published title")
    cached_get(client, article.url)

    article.title = "Draft title"
    article.save_revision()

    response = client.get(article.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Published title" in response.content.decode()


def test_unpublishing_removes_the_page_from_every_surface(news_index):
    article = NewsArticlePageFactory(parent=news_index, title="Budget okapi hearings")
    assert public_view(article, "okapi") == EVERYWHERE
    assert public_view(article, "okapi") == EVERYWHERE  # now from the cache

    article.unpublish()
    assert public_view(article, "okapi") == NOWHERE


def test_a_scheduled_post_shows_at_its_time_and_an_expired_one_goes(news_index, settings):
    settings.PAGE_CACHE_SECONDS = 30 * 86400  # no help from entries expiring by themselves
    go_live_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=1)
    post = NewsArticlePageFactory(parent=news_index, title="Tapir zoning", go_live_at=go_live_at)
    leaving = NewsArticlePageFactory(
        parent=news_index, title="Gecko grants", expire_at=go_live_at + datetime.timedelta(hours=1)
    )
    with clock_at(go_live_at - datetime.timedelta(seconds=1)):
        assert public_view(post, "tapir") == NOWHERE
        assert public_view(leaving, "gecko") == EVERYWHERE
    with clock_at(go_live_at + datetime.timedelta(seconds=1)):
        assert Scheduler().run_due() == 1
        assert public_view(post, "tapir") == EVERYWHERE
    # Past the expiry time the page is gone even before the scheduler unpublishes it.
    with clock_at(go_live_at + datetime.timedelta(hours=1, seconds=1)):
        assert public_view(leaving, "gecko") == NOWHERE
        assert Scheduler().run_due() == 1
        assert public_view(leaving, "gecko") == NOWHERE


def test_moving_a_page_moves_it_on_every_listing(client, news_index, home_page):
    article = NewsArticlePageFactory(parent=news_index, title="Broadband for every block")
    about = StandardPageFactory(parent=home_page, title="About the network")
    for url in (news_index.url, article.url):
        cached_get(client, url)

    article.move(about, pos="last-child")
    article.refresh_from_db()

    assert "Broadband for every block" not in html(client, news_index.url)
    # The old address now redirects to the new one (Wagtail's automatic redirect).
    old = client.get("/news/" + article.slug + "/")
    assert (old.status_code, old["Location"]) == (301, article.url)
    assert "Broadband for every block" in html(client, article.url)


def test_deleting_a_page_removes_it(client, news_index):
    article = NewsArticlePageFactory(parent=news_index, title="Composting at city hall")
    url = article.url
    for address in (url, news_index.url):
        cached_get(client, address)

    article.delete()

    assert client.get(url).status_code == 404
    assert "Composting at city hall" not in html(client, news_index.url)


def test_editing_a_snippet_shows_on_the_pages_that_show_it(client, news_index):
    topic = TopicFactory(name="Water affordability")
    author = PersonFactory(name="Dana Ruiz")
    article = NewsArticlePageFactory(parent=news_index)
    article.topics.set([topic])
    NewsArticleAuthorFactory(page=article, person=author)
    article.save_revision().publish()
    cached_get(client, article.url)

    topic.name = "Water and sewer affordability"
    topic.save()
    author.name = "Dana Ruiz-Okafor"
    author.save()

    page = html(client, article.url)
    assert "Water and sewer affordability" in page
    assert "Dana Ruiz-Okafor" in page


def test_editing_site_settings_shows_in_every_footer(client, news_index, site):
    article = NewsArticlePageFactory(parent=news_index)
    cached_get(client, article.url)

    settings = SiteSettings.for_site(site)
    settings.footer_text = "Mayors learning from mayors since 1997."
    settings.save()

    assert "Mayors learning from mayors since 1997." in html(client, article.url)


def test_a_new_menu_section_shows_in_the_navigation_at_once(client, news_index, home_page):
    article = NewsArticlePageFactory(parent=news_index)
    cached_get(client, article.url)

    StandardPageFactory(parent=home_page, title="Climate Corps", show_in_menus=True)

    assert ">Climate Corps</a>" in html(client, article.url)


def test_an_event_leaves_the_upcoming_list_when_it_ends_without_any_save(client, settings):
    settings.PAGE_CACHE_SECONDS = 30 * 86400  # no help from entries expiring by themselves
    events = EventIndexPage.objects.get()
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    EventPageFactory(
        parent=events,
        title="Summer convening on heat",
        start=start,
        end=start + datetime.timedelta(hours=3),
    )
    with clock_at(start):
        cached_get(client, events.url)
        assert "Summer convening on heat" in html(client, events.url)
    with clock_at(start + datetime.timedelta(hours=3, seconds=1)):
        assert "Summer convening on heat" not in html(client, events.url)


def test_signed_in_editors_are_never_served_from_the_cache_nor_fill_it(admin_client, news_index):
    article = NewsArticlePageFactory(parent=news_index, title="Mayors on housing")
    cached_get(Client(), article.url)

    editor_view = admin_client.get(article.url)
    assert "X-Page-Cache" not in editor_view
    assert "Cache-Control" not in editor_view or "public" not in editor_view["Cache-Control"]

    article.title = "Mayors on housing, revised"
    article.save_revision().publish()
    admin_client.get(article.url)  # an editor's render of the new version is not stored
    visitor = Client().get(article.url)
    assert visitor["X-Page-Cache"] == "miss"
    assert "wagtail-userbar" not in visitor.content.decode()


@pytest.mark.parametrize("restriction", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_private_pages_and_their_children_are_never_stored(client, news_index, restriction):
    PageViewRestriction.objects.create(page=news_index, restriction_type=restriction, password="x")
    article = NewsArticlePageFactory(parent=news_index, title="Council-only briefing")

    for url in (news_index.url, article.url):
        for _ in range(2):
            response = client.get(url)
            assert "X-Page-Cache" not in response
            assert "Council-only briefing" not in response.content.decode()


def test_a_password_typed_once_never_leaks_to_other_visitors(news_index):
    PageViewRestriction.objects.create(
        page=news_index, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    article = NewsArticlePageFactory(parent=news_index, title="Draft budget notes")
    insider = Client()
    form = insider.get(article.url)
    action = form.context["action_url"]
    insider.post(action, {"password": "s3cret", "return_url": article.url})
    for _ in range(2):
        assert "Draft budget notes" in insider.get(article.url).content.decode()
    assert "Draft budget notes" not in Client().get(article.url).content.decode()


def test_unknown_query_parameters_are_served_without_the_cache(client, news_index):
    article = NewsArticlePageFactory(parent=news_index)
    for _ in range(2):
        response = client.get(article.url, {"utm_source": "newsletter"})
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
    assert client.get(news_index.url, {"page": "1"})["X-Page-Cache"] == "miss"


def test_a_visitor_get_writes_nothing(client, news_index):
    article = NewsArticlePageFactory(parent=news_index)
    client.get(article.url)  # any first-visit setup (renditions) happens here
    with CaptureQueriesContext(connection) as queries:
        for url in (article.url, news_index.url, "/", "/sitemap.xml", "/robots.txt"):
            client.get(url)
    writes = [
        q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}
    ]
    assert writes == []


def test_what_is_kept_per_version_stays_bounded_however_many_addresses_ask(monkeypatch):
    # Keys can come from requests (a listing's filters, a page's path): a flood of distinct
    # ones within one version must not grow a process's memory without end.
    from home import site_version

    monkeypatch.setattr(site_version, "MEMO_SIZE", 50)
    for number in range(200):
        assert site_version.cached(("filter", number), lambda n=number: n) == number
    assert len(site_version._memo) <= 50
