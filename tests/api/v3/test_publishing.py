"""Writing news through the v3 API: drafts stay private, publishing and scheduling work.

Every step is checked from the outside, on each surface an anonymous visitor or client has:
the HTML page, the v2 listing and detail, the v3 listing, detail and find, and site search.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry

from news.models import NewsArticlePage
from tests.api.v3.clients import news_article
from tests.clock import clock_at
from tests.news.factories import NewsArticlePageFactory
from tests.surfaces import EVERYWHERE, NOWHERE, public_view

pytestmark = pytest.mark.django_db


def run_scheduler():
    call_command("run_scheduler", "--once", stdout=StringIO())


def created_page(response):
    assert response.status_code == 201, response.content
    return NewsArticlePage.objects.get(pk=response.json()["id"])


def test_token_user_lists_and_reads_pages(admin_api, news_index):
    published = NewsArticlePageFactory(parent=news_index, title="Water bills stay affordable")
    draft = NewsArticlePageFactory(parent=news_index, title="Unfinished story", publish=False)

    listing = admin_api.get("pages/", type="news.NewsArticlePage")
    detail = admin_api.get(f"pages/{published.pk}/")

    assert listing.status_code == 200
    # A token lists what its user may edit, drafts included; anonymous clients see live pages.
    assert {item["id"] for item in listing.json()["items"]} == {published.pk, draft.pk}
    assert detail.status_code == 200
    assert detail.json()["title"] == "Water bills stay affordable"
    assert detail.json()["meta"]["type"] == "news.NewsArticlePage"
    assert detail.json()["meta"]["parent"]["id"] == news_index.pk
    assert [block["type"] for block in detail.json()["body"]] == ["paragraph"]


def test_create_draft_with_a_body_of_blocks(admin_api, news_index):
    response = admin_api.post("pages/", news_article(news_index, "Lead lines replaced quokka"))

    page = created_page(response)
    assert not page.live
    assert page.revisions.count() == 1
    assert page.get_parent().pk == news_index.pk
    assert [block.block_type for block in page.body] == ["heading", "paragraph"]
    assert page.body[0].value["text"] == "What the cities did"
    assert "<b>replaced</b>" in page.body[1].value.source
    assert response.json()["body"][0] == {
        "type": "heading",
        "value": {"text": "What the cities did", "level": "h2"},
        "id": page.body[0].id,
    }
    assert public_view(page, "quokka") == NOWHERE


def test_every_writable_field_of_a_news_article_is_saved(admin_api, news_index):
    response = admin_api.post(
        "pages/",
        news_article(
            news_index,
            "Full article",
            slug="full-article-2026",
            listing_title="Full",
            publication_date="2026-03-04",
            go_live_at="2031-05-06T07:08:00Z",
            expire_at="2032-05-06T07:08:00Z",
            seo_title="Full article | MIP",
            search_description="Everything set.",
            show_in_menus=True,
        ),
    )

    page = created_page(response)
    assert page.slug == "full-article-2026"
    assert page.listing_title == "Full"
    assert page.publication_date == datetime.date(2026, 3, 4)
    assert page.go_live_at == datetime.datetime(2031, 5, 6, 7, 8, tzinfo=datetime.UTC)
    assert page.expire_at == datetime.datetime(2032, 5, 6, 7, 8, tzinfo=datetime.UTC)
    assert page.seo_title == "Full article | MIP"
    assert page.search_description == "Everything set."
    assert page.show_in_menus


def test_update_changes_the_draft_only(admin_api, news_index):
    page = created_page(admin_api.post("pages/", news_article(news_index, "First title")))

    response = admin_api.patch(
        f"pages/{page.pk}/",
        {
            "title": "Second title wombat",
            "body": [{"type": "paragraph", "value": "<p>Rewritten.</p>"}],
        },
    )

    assert response.status_code == 200, response.content
    page.refresh_from_db()
    assert page.title == "Second title wombat"
    assert page.summary == "How three member cities paid for lead line replacement."  # untouched
    assert [block.block_type for block in page.body] == ["paragraph"]
    assert page.revisions.count() == 2
    assert not page.live
    assert public_view(page, "wombat") == NOWHERE


def test_update_of_a_live_page_waits_for_publishing(admin_api, anonymous_api, news_index):
    page = NewsArticlePageFactory(parent=news_index, title="Published wording")

    admin_api.patch(f"pages/{page.pk}/", {"title": "Unpublished wording"})

    assert anonymous_api.get(f"pages/{page.pk}/").json()["title"] == "Published wording"
    html = anonymous_api.client.get(page.url)
    assert html.status_code == 200
    assert "Published wording" in html.content.decode()
    assert "Unpublished wording" not in html.content.decode()
    draft = admin_api.get(f"pages/{page.pk}/", version="draft").json()
    assert draft["title"] == "Unpublished wording"

    admin_api.post(f"pages/{page.pk}/actions/publish/")

    assert anonymous_api.get(f"pages/{page.pk}/").json()["title"] == "Unpublished wording"


def test_publish_action_makes_the_draft_public(admin_api, news_index):
    page = created_page(admin_api.post("pages/", news_article(news_index, "Heat plans platypus")))

    response = admin_api.post(f"pages/{page.pk}/actions/publish/")

    assert response.status_code == 200, response.content
    page.refresh_from_db()
    assert page.live
    assert public_view(page, "platypus") == EVERYWHERE
    html = admin_api.client.get(page.url).content.decode()
    assert "What the cities did</h2>" in html
    assert "<b>replaced</b>" in html


def test_create_with_publish_action_goes_live_at_once(admin_api, news_index):
    response = admin_api.post(
        "pages/", news_article(news_index, "Transit passes narwhal", action="publish")
    )

    page = created_page(response)
    assert page.live
    assert public_view(page, "narwhal") == EVERYWHERE


def test_update_with_publish_action_publishes(admin_api, news_index):
    page = created_page(admin_api.post("pages/", news_article(news_index, "Draft title")))

    response = admin_api.patch(
        f"pages/{page.pk}/", {"meta": {"action": "publish"}, "title": "Final title axolotl"}
    )

    assert response.status_code == 200, response.content
    page.refresh_from_db()
    assert page.live
    assert page.title == "Final title axolotl"
    assert public_view(page, "axolotl") == EVERYWHERE


def test_scheduled_post_stays_hidden_until_its_time_then_goes_live_once(admin_api, news_index):
    go_live_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=2)
    response = admin_api.post(
        "pages/",
        news_article(
            news_index, "Budget vote pangolin", action="publish", go_live_at=go_live_at.isoformat()
        ),
    )

    page = created_page(response)
    assert not page.live
    assert page.go_live_at == go_live_at
    assert page.get_latest_revision().approved_go_live_at == go_live_at
    assert public_view(page, "pangolin") == NOWHERE

    run_scheduler()  # too early: nothing happens
    assert public_view(page, "pangolin") == NOWHERE

    with clock_at(go_live_at - datetime.timedelta(seconds=1)):
        run_scheduler()
        assert public_view(page, "pangolin") == NOWHERE

    with clock_at(go_live_at + datetime.timedelta(seconds=30)):
        run_scheduler()
        run_scheduler()  # a second run (the next minute's) must not publish it again
        assert public_view(page, "pangolin") == EVERYWHERE

    page.refresh_from_db()
    assert page.live
    assert page.publication_date == timezone.localdate(go_live_at)
    published = PageLogEntry.objects.filter(page=page, action="wagtail.publish.scheduled")
    assert published.count() == 1


def test_schedule_an_existing_draft_with_an_update(admin_api, news_index):
    page = created_page(admin_api.post("pages/", news_article(news_index, "Housing trust kiwi")))
    go_live_at = timezone.now().replace(microsecond=0) + datetime.timedelta(hours=3)

    response = admin_api.patch(
        f"pages/{page.pk}/",
        {"meta": {"action": "publish"}, "go_live_at": go_live_at.isoformat()},
    )

    assert response.status_code == 200, response.content
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at == go_live_at
    assert public_view(page, "kiwi") == NOWHERE

    with clock_at(go_live_at + datetime.timedelta(minutes=1)):
        run_scheduler()
        assert public_view(page, "kiwi") == EVERYWHERE


def test_expired_post_is_withdrawn_by_the_scheduler(admin_api, news_index):
    expire_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=1)
    page = created_page(
        admin_api.post(
            "pages/",
            news_article(
                news_index, "Summer jobs lemur", action="publish", expire_at=expire_at.isoformat()
            ),
        )
    )
    assert public_view(page, "lemur") == EVERYWHERE

    with clock_at(expire_at + datetime.timedelta(seconds=30)):
        run_scheduler()
        assert public_view(page, "lemur") == NOWHERE

    page.refresh_from_db()
    assert page.expired
    assert not page.live


def test_expired_post_is_hidden_by_both_apis_before_the_scheduler_runs(admin_api, news_index):
    expire_at = timezone.now().replace(microsecond=0) + datetime.timedelta(days=1)
    page = created_page(
        admin_api.post(
            "pages/",
            news_article(
                news_index, "Snow routes ibis", action="publish", expire_at=expire_at.isoformat()
            ),
        )
    )

    with clock_at(expire_at + datetime.timedelta(seconds=1)):
        seen = public_view(page, "ibis")

    apis = {surface: seen[surface] for surface in seen if surface.startswith("v")}
    assert apis == dict.fromkeys(apis, False)
