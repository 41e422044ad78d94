"""The home page, standard pages and cohorts as visitors see them."""

import datetime

import pytest
from django.utils import timezone

from home.models import HomePageFeaturedItem
from tests.events.factories import EventPageFactory
from tests.home.factories import (
    CohortMemberFactory,
    CohortPageFactory,
    ImageFactory,
    MemberCityFactory,
    PersonFactory,
    StandardPageFactory,
    TestimonialFactory,
    TopicFactory,
)
from tests.html import visit
from tests.news.factories import NewsArticlePageFactory
from tests.research.factories import (
    ResearchReportPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def menu_section(home_page):
    """A section in the primary navigation, as every real site has."""
    return StandardPageFactory(title="About", show_in_menus=True)


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
    assert ".fill-400x225.format-webp" in card_image.attrs["src"]


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
