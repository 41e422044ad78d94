"""People pages (/people/, /people/<slug>/): staff and authors with their public writing;
bylines and contacts link there; only what is live and public; a cost that does not grow."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from home.models import PeopleIndexPage
from news.models import NewsIndexPage
from tests.hidden import HIDDEN_KINDS, hidden_pages
from tests.home.factories import ImageFactory, PersonFactory
from tests.home.sections import get, query_count
from tests.news.factories import (
    NewsArticleAuthorFactory,
    NewsArticlePageFactory,
    NewsIndexPageFactory,
)
from tests.research.factories import ResearchReportAuthorFactory, ResearchReportPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people_url():
    return PeopleIndexPage.objects.get().url


def days_ago(page, days):
    """Set when the page first went live (what "newest first" sorts by)."""
    moment = timezone.now() - datetime.timedelta(days=days)
    Page.objects.filter(pk=page.pk).update(first_published_at=moment)
    return page


@pytest.fixture
def dana():
    """A staff member with a photo who wrote a story and a report."""
    dana = PersonFactory(
        name="Dana Reyes",
        role="Research Director",
        email="dana@example.org",
        bio="Dana studies water affordability.\n\nShe joined in 2019.",
        photo=ImageFactory(file__width=600, file__height=600),
    )
    story = days_ago(NewsArticlePageFactory(title="Lead pipes go"), 1)
    NewsArticleAuthorFactory(page=story, person=dana)
    report = days_ago(ResearchReportPageFactory(title="Water rates report"), 2)
    ResearchReportAuthorFactory(page=report, person=dana)
    NewsArticlePageFactory(title="Someone else's story")
    return dana


def titles(response):
    return [item.title for item in response.context["items"]]


def test_a_person_page_shows_who_they_are_and_what_they_wrote(client, people_url, dana):
    response = get(client, f"{people_url}dana-reyes/")
    html = response.content.decode()
    assert "<h1>Dana Reyes</h1>" in html
    assert "Research Director" in html
    assert "<p>She joined in 2019.</p>" in html
    assert 'href="mailto:dana@example.org"' in html
    assert "<img" in html and ".webp" in html  # the photo, as a WebP rendition
    assert titles(response) == ["Lead pipes go", "Water rates report"]
    assert "Someone else" not in html
    assert "<title>Dana Reyes |" in html


def test_the_people_page_lists_staff_with_photos_and_links(client, people_url, dana):
    PersonFactory(name="Outside Expert", is_staff=False, organisation="A university")
    html = get(client, people_url).content.decode()
    assert f'href="{people_url}dana-reyes/"' in html
    assert "Outside Expert" not in html
    assert "<img" in html


def test_authors_who_are_not_staff_and_staff_who_wrote_nothing_have_pages(client, people_url):
    guest = PersonFactory(name="Guest Writer", is_staff=False, organisation="A university")
    NewsArticleAuthorFactory(page=NewsArticlePageFactory(title="A guest column"), person=guest)
    PersonFactory(name="New Hire", is_staff=True)
    assert titles(get(client, f"{people_url}guest-writer/")) == ["A guest column"]
    quiet = get(client, f"{people_url}new-hire/")
    assert titles(quiet) == []
    assert "no published articles or reports yet" in quiet.content.decode()


@pytest.mark.parametrize("slug", ["nobody", "Dana%20Reyes", "%00", "a" * 300, "dana-reyes/x"])
def test_unknown_or_malformed_people_are_404(client, people_url, dana, slug):
    assert client.get(f"{people_url}{slug}/").status_code == 404


@pytest.mark.parametrize("value", ["2", "0", "-1", "abc", "99999999999999999999"])
def test_a_person_page_survives_odd_page_numbers(client, people_url, dana, value):
    assert client.get(f"{people_url}dana-reyes/?page={value}").status_code == 200


def test_hidden_pages_never_appear_on_a_person_page(client, people_url, dana):
    hidden = hidden_pages(NewsArticlePageFactory, NewsIndexPageFactory, NewsIndexPage.objects.get())
    for page in hidden.values():
        NewsArticleAuthorFactory(page=page, person=dana)
    html = get(client, f"{people_url}dana-reyes/").content.decode()
    assert "Lead pipes go" in html
    for kind in HIDDEN_KINDS:
        assert f"Hidden {kind}" not in html, kind


def test_bylines_and_contacts_link_to_the_person_page(client, people_url, dana):
    link = f'href="{people_url}dana-reyes/"'
    story = NewsArticlePageFactory(title="Story with a byline")
    NewsArticleAuthorFactory(page=story, person=dana)
    assert link in get(client, story.url).content.decode()
    report = ResearchReportPageFactory(contact=dana)
    html = get(client, report.url).content.decode()
    contact = html.split('id="contact-heading"', 1)[1]
    assert 'href="mailto:dana@example.org"' in contact
    assert link in contact


def test_a_person_page_costs_the_same_for_few_and_many_pages(client, people_url):
    few, many = PersonFactory(slug="few"), PersonFactory(slug="many")
    for person, count in ((few, 1), (many, 6)):
        for _ in range(count):
            story = NewsArticlePageFactory(listing_image=ImageFactory())
            NewsArticleAuthorFactory(page=story, person=person)
            report = ResearchReportPageFactory(listing_image=ImageFactory())
            ResearchReportAuthorFactory(page=report, person=person)
    few_count = query_count(client, f"{people_url}few/")
    many_count = query_count(client, f"{people_url}many/")
    assert len(get(client, f"{people_url}many/").context["items"]) == 10
    assert many_count == few_count, f"{few_count} queries for 2 pages, {many_count} for 10"


def test_the_staff_list_costs_the_same_for_few_and_many_people(client, people_url):
    PersonFactory(photo=ImageFactory())
    few = query_count(client, people_url)
    for _ in range(6):
        PersonFactory(photo=ImageFactory())
    many = query_count(client, people_url)
    assert many == few, f"{few} queries for 1 person, {many} for 7"
