"""Embargoed files: a document or image used only by pages that are not live stays private.

Promise 7: a report's PDF uploaded before the report goes live is a missing file to visitors
(ids are sequential, so /documents/<id>/<file> can be guessed) until the report is live,
whether an editor publishes it or the scheduler does; staff signed in can still download it.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    PageViewRestriction,
    ReferenceIndex,
)

from mipcms.scheduler import Scheduler
from news.models import NewsIndexPage
from research.models import ResearchIndexPage
from tests.api.v3.clients import APIClient, create_token
from tests.clock import clock_at
from tests.factories import stream
from tests.home.factories import DocumentFactory, ImageFactory, PersonFactory
from tests.news.factories import NewsArticlePageFactory
from tests.research.factories import ResearchReportDownloadFactory, ResearchReportPageFactory

pytestmark = pytest.mark.django_db

MISSING = "/documents/999999/report.pdf"


@pytest.fixture
def research(news_index):
    return ResearchIndexPage.objects.get()


@pytest.fixture
def staff(admin_client):
    """A member of staff signed in to the admin."""
    return admin_client


def download(client, document):
    """Status of downloading the document's file at its public address."""
    return client.get(document.url).status_code


def report_with_pdf(research, publish=False, document=None):
    """A research report with one PDF download; a draft unless `publish`."""
    report = ResearchReportPageFactory(parent=research, publish=publish)
    pdf = ResearchReportDownloadFactory(page=report, document=document or DocumentFactory())
    return report, pdf.document


def api_document_ids(client):
    return {item["id"] for item in client.get("/api/v2/documents/?limit=100").json()["items"]}


@pytest.mark.parametrize("publish", [False, True], ids=["draft", "live"])
def test_a_reports_pdf_is_public_once_the_report_is_live(client, staff, research, publish):
    _, pdf = report_with_pdf(research, publish=publish)
    assert ReferenceIndex.get_references_to(pdf).exists(), "the report's use of it is indexed"
    assert download(client, pdf) == (200 if publish else 404)
    assert download(staff, pdf) == 200


def test_an_embargoed_file_is_indistinguishable_from_a_missing_one(client, research):
    _, pdf = report_with_pdf(research)
    embargoed, missing = client.get(pdf.url), client.get(MISSING)
    assert (embargoed.status_code, embargoed.content) == (missing.status_code, missing.content)
    assert pdf.pk not in api_document_ids(client)
    assert client.get(f"/api/v2/documents/{pdf.pk}/").status_code == 404


def test_v3_lists_an_embargoed_pdf_for_staff_only(client, research, admin_user):
    """Anonymous v3 reads of the document library apply the embargo, as v2 does."""
    _, pdf = report_with_pdf(research)
    assert client.get(f"/api/v3/documents/{pdf.pk}/").status_code == 404
    listed = client.get("/api/v3/documents/?limit=100").json()["items"]
    assert pdf.pk not in {item["id"] for item in listed}
    staff = APIClient(create_token(admin_user)).get(f"documents/{pdf.pk}/")
    assert staff.status_code == 200


def test_publishing_the_report_releases_its_pdf(client, research):
    report, pdf = report_with_pdf(research)
    report.save_revision().publish()
    assert download(client, pdf) == 200
    assert pdf.pk in api_document_ids(client)
    assert client.get(f"/api/v2/documents/{pdf.pk}/").status_code == 200


def test_a_scheduled_report_releases_its_pdf_when_the_scheduler_publishes_it(client, research):
    report, pdf = report_with_pdf(research)
    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    report.go_live_at = go_live_at
    report.save_revision().publish()  # with a go-live time ahead, publishing schedules it
    report.refresh_from_db()
    assert not report.live
    assert download(client, pdf) == 404

    with clock_at(go_live_at - datetime.timedelta(seconds=1)):
        assert Scheduler().run_due() == 0
    assert download(client, pdf) == 404

    with clock_at(go_live_at + datetime.timedelta(seconds=1)):
        assert Scheduler().run_due() == 1
    assert download(client, pdf) == 200


def test_unpublishing_the_report_embargoes_its_pdf_again(client, research):
    report, pdf = report_with_pdf(research, publish=True)
    assert download(client, pdf) == 200
    report.unpublish()
    assert download(client, pdf) == 404


def test_a_private_or_expired_report_keeps_its_pdf_private(client, research):
    report, pdf = report_with_pdf(research, publish=True)
    report.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    report.save(update_fields=["expire_at"])
    assert download(client, pdf) == 404, "expired, though the scheduler has not unpublished it"


def test_a_pdf_also_used_by_a_live_page_stays_public(client, research):
    live, pdf = report_with_pdf(research, publish=True)
    report_with_pdf(research, document=pdf)  # a draft that uses the same file
    assert download(client, pdf) == 200
    live.unpublish()
    assert download(client, pdf) == 404, "now only the draft uses it"


def test_deleting_the_only_page_makes_it_a_library_file_again(client, research):
    """What docs/editing.md says: a file no page uses is public unless its collection is private."""
    report, pdf = report_with_pdf(research)
    assert download(client, pdf) == 404
    report.delete()
    assert download(client, pdf) == 200


def test_library_files_keep_their_collections_privacy(client):
    library = DocumentFactory()
    assert download(client, library) == 200
    board = Collection.get_first_root_node().add_child(name="Board papers")
    CollectionViewRestriction.objects.create(collection=board, restriction_type="login")
    private = DocumentFactory(collection=board)
    response = client.get(private.url)
    assert response.status_code == 302, "Wagtail asks for a login, as before"
    assert "/login/" in response["Location"]


def test_an_image_used_only_by_a_draft_is_not_in_the_api(client, research):
    image = ImageFactory()
    article = NewsArticlePageFactory(
        parent=NewsIndexPage.objects.get(), listing_image=image, publish=False
    )
    assert client.get(f"/api/v2/images/{image.pk}/").status_code == 404
    assert image.pk not in {item["id"] for item in client.get("/api/v2/images/").json()["items"]}

    article.save_revision().publish()
    detail = client.get(f"/api/v2/images/{image.pk}/")
    assert detail.status_code == 200
    assert detail.json()["meta"]["download_url"].endswith(image.file.name.split("/")[-1])


def test_an_image_that_anything_else_uses_is_public(client, research):
    """A person's photo is public through the person, whatever drafts also use it."""
    image = ImageFactory()
    NewsArticlePageFactory(parent=NewsIndexPage.objects.get(), listing_image=image, publish=False)
    PersonFactory(photo=image)
    assert client.get(f"/api/v2/images/{image.pk}/").status_code == 200


def test_the_documents_listing_costs_the_same_for_many_documents(
    client, research, django_assert_max_num_queries
):
    for _ in range(2):
        report_with_pdf(research, publish=True)
    client.get("/api/v2/documents/")  # what is computed once per site version
    with django_assert_max_num_queries(4) as few:
        client.get("/api/v2/documents/")
    budget = len(few.captured_queries)
    for _ in range(6):
        report_with_pdf(research, publish=True)
        report_with_pdf(research)
    client.get("/api/v2/documents/")
    with django_assert_max_num_queries(budget):
        items = Client().get("/api/v2/documents/").json()["items"]
    assert len(items) == 8


def test_readers_of_a_password_protected_report_may_download_its_pdf(client, research):
    """A private page's files are embargoed, but not for those the page lets in."""
    report, pdf = report_with_pdf(research, publish=True)
    restriction = PageViewRestriction.objects.create(
        page=report, restriction_type="password", password="members-only"
    )
    assert download(client, pdf) == 404
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, report.pk]),
        {"password": "members-only", "return_url": report.url},
    )
    assert client.get(report.url).status_code == 200
    assert download(client, pdf) == 200
    assert download(Client(), pdf) == 404, "still embargoed for everyone else"


def test_readers_of_a_password_protected_page_get_its_links_to_files(client, research):
    """A link in text to a file only that page uses is a link for those the page lets in."""
    pdf = DocumentFactory(title="Members' briefing")
    article = NewsArticlePageFactory(
        parent=NewsIndexPage.objects.get(),
        body=stream(
            ("paragraph", f'<p>Read the <a linktype="document" id="{pdf.pk}">briefing</a>.</p>')
        ),
    )
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type="password", password="members-only"
    )
    client.post(
        reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, article.pk]),
        {"password": "members-only", "return_url": article.url},
    )
    html = client.get(article.url).content.decode()
    assert f'href="{pdf.url}"' in html
    assert download(client, pdf) == 200
