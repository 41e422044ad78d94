"""Smoke tests that only a browser can run: an editor publishing a story, a visitor's tour."""

import re

import pytest
from playwright.sync_api import expect

from events.models import EventIndexPage
from news.models import NewsArticlePage, NewsIndexPage
from research.models import ResearchIndexPage
from tests.browser.conftest import EDITOR_PASSWORD, EDITOR_USERNAME
from tests.events.factories import EventPageFactory
from tests.news.factories import NewsArticlePageFactory
from tests.research.factories import ResearchReportPageFactory

pytestmark = pytest.mark.browser

TITLE = "Madison opens its first cooling centres"
SUMMARY = "Three libraries stay open late on the hottest days of the summer."
PARAGRAPH = "The libraries stay open until ten at night when the heat index passes 95."
HEADING = "How the centres are paid for"
QUOTE = "Nobody in our city should have to sit out a heat wave alone."
QUOTE_BY = "Mayor Ana Torres"
FIGURE = "1 in 5"
FIGURE_LABEL = "residents live within a ten-minute walk of a cooling centre"


def log_in(page):
    """Sign in to the Wagtail admin through its login form."""
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(EDITOR_USERNAME)
    page.get_by_label("Password").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def add_block(body, name):
    """Append a block through the StreamField's last "+" inserter; return the new block."""
    blocks = body.get_by_role("region")
    count = blocks.count()
    body.get_by_role("button", name="Insert a block").last.click()
    body.page.get_by_role("option", name=name, exact=True).click()
    expect(blocks).to_have_count(count + 1)
    return blocks.last


def test_editor_publishes_a_news_article(page, site, editor):
    """An editor writes a story with several body blocks, publishes it, and the site shows it."""
    log_in(page)

    # The page explorer at the home page lists the sections; add a child page to News.
    page.goto(f"/admin/pages/{site.pk}/")
    expect(page.get_by_role("heading", name=f"Exploring: {site.title}")).to_be_visible()
    page.get_by_role("link", name="Add a child page to 'News'").click()
    # News only accepts one page type, so Wagtail goes straight to its form.
    expect(page.get_by_role("heading", name="New: News article")).to_be_visible()

    page.get_by_role("textbox", name="Title*").fill(TITLE)
    page.get_by_role("textbox", name="Summary").fill(SUMMARY)
    # Publication date, image, authors and topics are left empty, as an editor may.

    body = page.get_by_role("region", name="Body*")
    paragraph = add_block(body, "Paragraph")
    paragraph.get_by_role("textbox").click()
    page.keyboard.type(PARAGRAPH)

    heading = add_block(body, "Heading")
    heading.get_by_role("textbox", name="Text*").fill(HEADING)

    quote = add_block(body, "Quote")
    quote.get_by_role("textbox", name="Text*").fill(QUOTE)
    quote.get_by_role("textbox", name="Attribution").fill(QUOTE_BY)

    key_figure = add_block(body, "Key figure")
    key_figure.get_by_role("textbox", name="Figure*").fill(FIGURE)
    key_figure.get_by_role("textbox", name="Label*").fill(FIGURE_LABEL)

    # "Publish" sits in the footer's menu next to "Save draft".
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Publish").click()
    expect(page.get_by_text(f"Page '{TITLE}' created and published.")).to_be_visible()

    article = NewsArticlePage.objects.get(title=TITLE)
    assert article.live
    assert [block.block_type for block in article.body] == [
        "paragraph",
        "heading",
        "quote",
        "key_figure",
    ]

    # The visitor finds the story on the News listing and opens it.
    page.goto("/news/")
    page.get_by_role("main").get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(rf"/news/{article.slug}/$"))
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_text(SUMMARY)).to_be_visible()
    expect(page.get_by_text(PARAGRAPH)).to_be_visible()
    expect(page.get_by_role("heading", name=HEADING, level=2)).to_be_visible()
    expect(page.locator("blockquote")).to_have_text(QUOTE)
    expect(page.get_by_text(QUOTE_BY)).to_be_visible()
    expect(page.get_by_text(FIGURE, exact=True)).to_be_visible()
    expect(page.get_by_text(FIGURE_LABEL)).to_be_visible()


@pytest.fixture
def published_content(site):
    """One published story, report and event, so the section fronts list something."""
    return [
        NewsArticlePageFactory(parent=NewsIndexPage.objects.get()),
        ResearchReportPageFactory(parent=ResearchIndexPage.objects.get()),
        EventPageFactory(parent=EventIndexPage.objects.get()),
    ]


# (path, expected status) of a visitor's tour: the home page, three section fronts, a 404.
TOUR = [("/", 200), ("/news/", 200), ("/events/", 200), ("/research/", 200), ("/no-such/", 404)]


def record_problems(page):
    """A list that fills with the page's script errors, console errors and failed requests."""
    problems = []

    def on_console(message):
        if message.type == "error":
            problems.append(f"console error: {message.text} at {message.location.get('url')}")

    def on_response(response):
        # Documents are checked by the test itself; this catches broken assets.
        if response.status >= 400 and not response.request.is_navigation_request():
            problems.append(f"{response.status} for {response.url}")

    page.on("pageerror", lambda error: problems.append(f"uncaught error: {error}"))
    page.on("console", on_console)
    page.on("response", on_response)
    return problems


def test_visitor_tour(page, published_content):
    """Public pages load cleanly, have one h1, and their skip link works from the keyboard."""
    problems = record_problems(page)
    for path, status in TOUR:
        response = page.goto(path)
        assert response.status == status, path
        expect(page.locator("h1"), f"one h1 on {path}").to_have_count(1)

        page.keyboard.press("Tab")
        skip_link = page.get_by_role("link", name="Skip to main content")
        expect(skip_link, f"Tab reaches the skip link first on {path}").to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("main#main-content"), f"skip link on {path}").to_be_focused()

        if status != 200:
            # Chromium logs the document's own error status to the console: expected here.
            problems[:] = [
                p
                for p in problems
                if not (f"status of {status}" in p and p.endswith(f" at {response.url}"))
            ]
    assert problems == []
