"""Each page type renders for a visitor with the content that makes it useful."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from events.models import EventPage
from home.models import HomePageFeaturedItem
from tests.events.factories import EventIndexPageFactory, EventPageFactory, EventSpeakerFactory
from tests.home.factories import (
    CohortMemberFactory,
    CohortPageFactory,
    DocumentFactory,
    ImageFactory,
    MemberCityFactory,
    PersonFactory,
    StandardPageFactory,
    TestimonialFactory,
    TopicFactory,
)
from tests.news.factories import NewsArticleAuthorFactory, NewsArticlePageFactory
from tests.research.factories import (
    ResearchReportAuthorFactory,
    ResearchReportDownloadFactory,
    ResearchReportPageFactory,
)

from .html import assert_accessible_basics, parse

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
DASH = "\N{EN DASH}"


@pytest.fixture
def menu_section(home_page):
    """A section in the primary navigation, as every real site has."""
    return StandardPageFactory(title="About", show_in_menus=True)


def visit(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    parsed = parse(response)
    assert_accessible_basics(parsed)
    return parsed


def test_home_page_shows_hero_featured_pages_testimonial_news_and_events(
    client, home_page, menu_section
):
    report = ResearchReportPageFactory(title="Water affordability", listing_image=ImageFactory())
    HomePageFeaturedItem.objects.create(page=home_page, featured_page=report)
    draft = StandardPageFactory(title="Unfinished draft", publish=False)
    HomePageFeaturedItem.objects.create(page=home_page, featured_page=draft)
    home_page.refresh_from_db()  # children were added since: keep the tree's child count
    home_page.testimonial = TestimonialFactory(quote="Peers who had solved our problem.")
    home_page.hero_image = ImageFactory(alt_text="Mayors at the winter meeting")
    home_page.save_revision().publish()
    NewsArticlePageFactory(title="Cities replace lead pipes")
    EventPageFactory(title="Heat workshop")
    EventPageFactory(
        title="Last year's summit",
        start=timezone.now() - datetime.timedelta(days=30),
        end=timezone.now() - datetime.timedelta(days=29),
    )

    page = visit(client, home_page)

    assert page.find("h1").text == "Mayors learning from mayors"
    assert page.find("img", alt="Mayors at the winter meeting")
    section_headings = [text for level, text in page.headings if level == 2]
    assert section_headings[:3] == ["Featured", "Latest news", "Upcoming events"]
    card_titles = [e.text for e in page.find_all("h3", class_="card__title")]
    assert card_titles == ["Water affordability", "Cities replace lead pipes", "Heat workshop"]
    assert "Unfinished draft" not in page.text
    assert "Last year's summit" not in page.text
    assert "Peers who had solved our problem." in page.find("blockquote").text
    card_image = page.inside(page.find("div", class_="card__image"))[0]
    assert card_image.attrs["alt"] == ""
    assert ".fill-640x360" in card_image.attrs["src"]


def test_standard_page_shows_intro_and_body(client, home_page):
    about = StandardPageFactory(title="About us", intro="Who we are.")

    page = visit(client, about)

    assert page.find("h1").text == "About us"
    assert page.find("p", class_="lead").text == "Who we are."
    assert "The network connects mayors." in page.find("div", class_="body").text


def test_cohort_page_shows_audience_members_joining_and_contact(client, home_page):
    cohort = CohortPageFactory(
        title="Women Mayors Network",
        audience="Women serving as mayor.",
        application_info="<p>Write to us with your city's name.</p>",
        application_url="https://example.org/apply",
        application_deadline=timezone.localdate() + datetime.timedelta(days=30),
        contact=PersonFactory(name="Dana Reyes", role="Program Director", email="dana@example.org"),
    )
    cohort.topics.add(TopicFactory(name="Housing"))
    cohort.save_revision().publish()
    city = MemberCityFactory(name="Dubuque", state="IA", mayor="Brad Cavanagh")
    CohortMemberFactory(page=cohort, city=city, note="Chair, 2026")

    page = visit(client, cohort)

    assert page.find("h1").text == "Women Mayors Network"
    assert "Women serving as mayor." in page.text
    members = page.find("table", class_="members").text
    assert "Dubuque Iowa Brad Cavanagh Chair, 2026" in members
    assert "Write to us with your city's name." in page.text
    assert "Apply by" in page.find("p", class_="deadline").text
    assert page.find("a", href="https://example.org/apply").text.startswith("Apply to join")
    assert "Dana Reyes" in page.find("div", class_="contact").text
    assert page.find("a", href="mailto:dana@example.org")
    assert "Housing" in page.find("ul", class_="tags").text


def test_cohort_page_after_the_deadline_has_no_apply_button(client, home_page):
    cohort = CohortPageFactory(
        application_url="https://example.org/apply",
        application_deadline=timezone.localdate() - datetime.timedelta(days=1),
    )

    page = visit(client, cohort)

    assert "Applications closed on" in page.find("p", class_="deadline").text
    assert not page.find_all("a", href="https://example.org/apply")


def test_news_article_shows_date_authors_topics_image_and_body(client, home_page):
    article = NewsArticlePageFactory(
        title="Cities expand lead pipe replacement",
        publication_date=datetime.date(2026, 3, 12),
        listing_image=ImageFactory(alt_text="Crew digging up a lead line", credit="J. Doe"),
    )
    article.topics.add(TopicFactory(name="Water"))
    article.save_revision().publish()
    NewsArticleAuthorFactory(page=article, person=PersonFactory(name="Ana Torres"))
    NewsArticleAuthorFactory(page=article, person=PersonFactory(name="Ben Ode"))

    page = visit(client, article)

    assert page.find("time", datetime="2026-03-12").text == "March 12, 2026"
    assert page.find("p", class_="byline").text == "By Ana Torres and Ben Ode"
    assert "Water" in page.find("ul", class_="tags").text
    assert page.find("img", alt="Crew digging up a lead line")
    assert page.find("span", class_="credit").text == "J. Doe"
    assert "Replacing lead service lines protects children." in page.text


def test_research_report_shows_cover_findings_downloads_and_authors(client, home_page):
    report = ResearchReportPageFactory(
        title="Water affordability",
        cover_image=ImageFactory(alt_text="Report cover: a water tower"),
        contact=PersonFactory(name="Lee Park", email="lee@example.org"),
    )
    document = DocumentFactory()
    document.file_size = 1_258_291
    document.save()
    ResearchReportDownloadFactory(page=report, title="Full report", document=document)
    ResearchReportAuthorFactory(page=report, person=PersonFactory(name="Sam Quinn"))

    page = visit(client, report)

    assert page.find("img", alt="Report cover: a water tower")
    findings = page.find("section", class_="section key-findings").text
    assert "Bills rose faster than incomes" in findings
    assert "Discount programs reach fewer than half" in findings
    download = page.find("li", class_="download").text
    assert download == "Full report (PDF, 1.2 MB, 24 pages)"
    assert page.find("a", href=document.url)
    assert page.find("p", class_="byline").text == "By Sam Quinn"
    assert "Lee Park" in page.find("aside", class_="contact").text


def test_event_page_shows_time_in_the_events_own_zone(client, home_page):
    start = datetime.datetime(2031, 1, 15, 10, 0, tzinfo=NEW_YORK)
    event = EventPageFactory(
        title="Winter meeting",
        start=start,
        end=start + datetime.timedelta(hours=1, minutes=30),
        time_zone="America/New_York",
        registration_deadline=start - datetime.timedelta(days=3),
    )
    EventSpeakerFactory(page=event, person=PersonFactory(name="Mayor Kim", role="Mayor"))

    page = visit(client, event)

    when = page.find("section", class_="event-details").text
    assert f"Wednesday, January 15, 2031, 10:00 AM {DASH} 11:30 AM EST" in when
    assert "In person" in when
    assert "City Hall, Room 201" in when
    assert "Sunday, January 12, 2031, 10:00 AM EST" in when
    assert page.find("a", href="https://example.org/register").text.startswith("Register")
    assert "Mayor Kim" in page.text
    assert not page.with_class("notice")


def test_summer_event_shows_daylight_time_abbreviation(client, home_page):
    start = datetime.datetime(2031, 7, 1, 18, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    event = EventPageFactory(
        start=start, end=start + datetime.timedelta(hours=2), time_zone="America/Los_Angeles"
    )

    page = visit(client, event)

    assert f"Tuesday, July 1, 2031, 6:00 PM {DASH} 8:00 PM PDT" in page.text


def test_multi_day_event_shows_both_dates(client, home_page):
    start = datetime.datetime(2031, 6, 2, 9, 0, tzinfo=ZoneInfo("America/Chicago"))
    event = EventPageFactory(start=start, end=start + datetime.timedelta(days=1, hours=8))

    page = visit(client, event)

    assert (
        f"Monday, June 2, 2031, 9:00 AM CDT {DASH} Tuesday, June 3, 2031, 5:00 PM CDT" in page.text
    )


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (EventPage.Status.CANCELLED, "This event has been cancelled."),
        (EventPage.Status.POSTPONED, "This event has been postponed."),
    ],
)
def test_cancelled_or_postponed_event_shows_a_banner_and_no_registration(
    client, home_page, status, message
):
    event = EventPageFactory(status=status)

    page = visit(client, event)

    assert message in page.with_class("notice")[0].text
    assert not page.find_all("a", href="https://example.org/register")


def test_online_event_shows_join_link_and_no_venue(client, home_page):
    event = EventPageFactory(
        event_format=EventPage.Format.ONLINE,
        venue_name="",
        address="",
        online_url="https://example.org/webinar",
    )

    page = visit(client, event)

    assert "Online" in page.text
    assert page.find("a", href="https://example.org/webinar").text == "Join online"
    assert "Where" not in [e.text for e in page.find_all("dt")]


def test_past_event_says_it_has_ended_and_offers_no_registration(client, home_page):
    event = EventPageFactory(
        start=timezone.now() - datetime.timedelta(days=3),
        end=timezone.now() - datetime.timedelta(days=3) + datetime.timedelta(hours=2),
    )

    page = visit(client, event)

    assert "This event has ended." in page.text
    assert not page.find_all("a", href="https://example.org/register")


def test_search_shows_results_with_type_date_and_summary(client, menu_section):
    NewsArticlePageFactory(
        title="Lead pipes in Flint",
        publication_date=datetime.date(2026, 2, 3),
        summary="How the city paid for replacement.",
    )
    EventPageFactory(title="Lead pipe workshop", parent=EventIndexPageFactory())
    NewsArticlePageFactory(title="Unpublished lead story", publish=False)

    response = client.get("/search/", {"q": "lead"})

    assert response.status_code == 200
    page = parse(response)
    assert_accessible_basics(page)
    assert page.find("input", id="search-q").attrs["value"] == "lead"
    assert page.find("h2", id="results-heading").text == "2 results for “lead”"
    results = {e.text: e for e in page.find_all("li", class_="search-result")}
    news = next(text for text in results if "Lead pipes in Flint" in text)
    assert news.startswith("News article")
    assert "February 3, 2026" in news
    assert "How the city paid for replacement." in news
    assert any(text.startswith("Event Lead pipe workshop") for text in results)
    assert "Unpublished lead story" not in page.text


def test_search_with_no_results_says_so(client, home_page):
    page = parse(client.get("/search/", {"q": "zebra crossings"}))

    assert page.find("h2", id="results-heading").text == "0 results for “zebra crossings”"
    assert "Nothing matched your search." in page.find("p", class_="empty-state").text


def test_search_without_a_query_invites_one(client, menu_section):
    response = client.get("/search/")

    assert response.status_code == 200
    page = parse(response)
    assert_accessible_basics(page)
    assert page.find("title").text == "Search | Mayors Innovation Project"
    assert not page.find_all("section", class_="search-results")
