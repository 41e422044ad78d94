"""`manage.py load_demo` fills the site with complete, real-looking content, exactly once."""

import io
import re
from collections import Counter

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, Revision, Site

from events.models import EventPage
from home.blocks import BodyBlock
from home.models import (
    CohortMember,
    CohortPage,
    CustomDocument,
    CustomImage,
    FormPage,
    HomePage,
    MemberCity,
    Person,
    SiteSettings,
    StandardPage,
    Topic,
)
from home.models import Testimonial as MayorTestimonial  # not collected as a test class
from news.models import NewsArticlePage
from research.models import ResearchReportDownload, ResearchReportPage
from tests.world import module_world

# Every block editors can choose; the demo shows each of them.
BODY_BLOCK_TYPES = set(BodyBlock.base_blocks)
COUNTED = [Page, Revision, CustomImage, CustomDocument, Topic, Person, MemberCity, MayorTestimonial]
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def snapshot():
    """How many of each kind of record exist, plus the site settings' values."""
    counts = {model.__name__: model.objects.count() for model in COUNTED}
    counts["CohortMember"] = CohortMember.objects.count()
    counts["SiteSettings"] = list(SiteSettings.objects.values())
    return counts


@module_world
def demo():
    """The demo loaded twice (in the module's world, rolled back after its tests)."""
    first_output, second_output = io.StringIO(), io.StringIO()
    call_command("load_demo", stdout=first_output)
    after_first = snapshot()
    call_command("load_demo", stdout=second_output)
    return {
        "first": first_output.getvalue(),
        "second": second_output.getvalue(),
        "after_first": after_first,
        "after_second": snapshot(),
    }
    cache.clear()


@pytest.fixture
def loaded(demo, db):
    """Database access for a test, on top of the loaded demo."""
    return demo


def test_second_run_creates_nothing(loaded):
    assert re.search(r"demo content: [1-9]\d* created", loaded["first"])
    assert "demo content: 0 created" in loaded["second"]
    assert loaded["after_second"] == loaded["after_first"]


def test_records_are_loaded(loaded):
    slugs = set(Topic.objects.values_list("slug", flat=True))
    assert {"housing", "water", "health", "climate", "safety", "democracy"} <= slugs
    assert "economic-development" in slugs
    assert not Topic.objects.filter(description="").exists()
    assert Person.objects.filter(is_staff=True).count() >= 4
    assert Person.objects.filter(is_staff=False).count() >= 2
    assert not Person.objects.filter(photo=None).exists()
    assert MemberCity.objects.count() >= 15
    assert not MemberCity.objects.filter(joined_on=None).exists()
    assert MayorTestimonial.objects.exclude(city=None).count() == 4
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.contact_email.startswith("info@")
    assert settings.phone and settings.address and settings.footer_text
    assert len(settings.social_links()) >= 3


def test_news_articles_look_real(loaded):
    articles = NewsArticlePage.objects.live().prefetch_related("topics", "authors")
    assert articles.count() >= 12
    dates = sorted(article.publication_date for article in articles)
    assert dates[-1] <= timezone.localdate()
    assert (dates[-1] - dates[0]).days >= 180
    used = set()
    for article in articles:
        assert article.summary and article.listing_image_id
        assert 1 <= len(article.topics.all()) <= 3
        assert 1 <= len(article.authors.all()) <= 2
        assert 3 <= len(article.body) <= 8
        assert timezone.localdate(article.first_published_at) == article.publication_date
        used |= {block.block_type for block in article.body}
    assert used == BODY_BLOCK_TYPES


def test_reports_have_findings_covers_and_downloads(loaded):
    reports = ResearchReportPage.objects.live()
    assert reports.count() == 6
    for report in reports:
        assert report.summary and report.cover_image_id and report.listing_image_id
        assert 3 <= len(report.key_findings) <= 5
        assert report.authors.exists() and report.topics.exists() and report.body
        assert 1 <= report.downloads.count() <= 2


def test_report_downloads_are_real_pdfs(loaded):
    downloads = ResearchReportDownload.objects.select_related("document")
    assert downloads.count() >= 6
    for download in downloads:
        with download.document.open_file() as handle:
            data = handle.read()
        assert data.startswith(b"%PDF")
        assert download.document.file_extension == "pdf"
        assert download.page_count >= 2
        assert len(PDF_PAGE.findall(data)) == download.page_count


def test_events_are_past_and_upcoming(loaded):
    events = list(EventPage.objects.live())
    now = timezone.now()
    assert len(events) == 8
    upcoming = [event for event in events if event.end >= now]
    assert any(event.status == EventPage.Status.SCHEDULED for event in upcoming)
    assert any(event.end < now for event in events)
    assert Counter(event.status for event in events)["cancelled"] == 1
    assert Counter(event.status for event in events)["postponed"] == 1
    assert {event.event_format for event in events} == {"online", "in_person", "hybrid"}
    zones = {"America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles"}
    assert {event.time_zone for event in events} == zones
    for event in events:
        event.full_clean()
        assert event.speakers.exists() and event.contact_id
        assert event.registration_open == (
            bool(event.registration_link)
            and event.status == "scheduled"
            and not event.is_past
            and (event.registration_deadline is None or event.registration_deadline >= now)
        )
    assert any(event.registration_open for event in events)


def test_cohorts_standard_pages_and_home_are_filled(loaded):
    cohorts = CohortPage.objects.live()
    assert cohorts.count() == 2
    for cohort in cohorts:
        assert cohort.audience and cohort.application_info and cohort.contact_id
        assert 4 <= cohort.members.count() <= 8
    for slug in ["about", "membership", "gatherings", "technical-assistance"]:
        page = StandardPage.objects.get(slug=slug)
        assert page.live and page.intro and len(page.body) >= 3
    home = HomePage.objects.get()
    assert home.hero_heading and home.hero_text and home.hero_image_id
    assert home.testimonial_id
    assert len(home.get_featured_pages()) == 3


def test_every_image_has_alt_text_and_credit(loaded):
    images = CustomImage.objects.all()
    assert images.count() >= 40
    assert not images.filter(alt_text="").exists()
    assert not images.filter(credit="").exists()
    assert {(image.width, image.height) for image in images} >= {(1600, 900), (600, 600)}


def test_every_demo_page_renders(loaded, client):
    cache.clear()
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert pages.count() >= 35
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_forms_take_submissions_and_one_event_takes_registrations(loaded):
    join = FormPage.objects.get(slug="join")
    assert join.get_parent().slug == "membership"
    assert join.live and join.to_address and join.form_fields.count() >= 5
    contact = FormPage.objects.get(slug="contact")
    assert contact.live and contact.get_parent().specific_class is HomePage
    registering = [event for event in EventPage.objects.live() if event.registration_form]
    assert [event.slug for event in registering] == ["summer-meeting"]
    [event] = registering
    assert event.places and event.places_left == event.places
    assert event.registration_open
    assert event.registration_link == event.registration_form.url
