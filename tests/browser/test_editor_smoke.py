"""Smoke tests that only a browser can run: an editor publishing a story, a visitor's tour.

Both also check what a user cannot see but a browser reports: no Content-Security-Policy
violation (mipcms/csp.py) anywhere, the admin, its preview panel and the public site alike.
"""

import re

import pytest
from playwright.sync_api import expect

from events.models import EventIndexPage
from news.models import NewsArticlePage, NewsIndexPage
from research.models import ResearchIndexPage
from tests.browser.admin import add_block, choose_image, footer_action, log_in, wait_until_saved
from tests.browser.conftest import csp_violations
from tests.events.factories import EventPageFactory
from tests.home.factories import ImageFactory
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
IMAGE_TITLE = "Library reading room"
# Autosave may have created the page as a draft before Publish is pressed (then it is
# "published"), or not yet (then "created and published"): both say it is live.
PUBLISHED = re.compile(rf"Page '{re.escape(TITLE)}' (created and published|has been published)\.")


def test_editor_publishes_a_news_article(page, site, editor):
    """An editor writes a story with a main image and body blocks, previews it and publishes."""
    image = ImageFactory(title=IMAGE_TITLE)
    log_in(page)

    # The page explorer at the home page lists the sections; add a child page to News.
    page.goto(f"/admin/pages/{site.pk}/")
    expect(page.get_by_role("heading", name=f"Exploring: {site.title}")).to_be_visible()
    page.get_by_role("link", name="Add a child page to 'News'").click()
    # News only accepts one page type, so Wagtail goes straight to its form.
    expect(page.get_by_role("heading", name="New: News article")).to_be_visible()

    page.get_by_role("textbox", name="Title*").fill(TITLE)
    page.get_by_role("textbox", name="Summary").fill(SUMMARY)
    choose_image(page, "Main image", IMAGE_TITLE)
    # Publication date, authors and topics are left empty, as an editor may.

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

    # The preview panel shows the story as visitors will see it, main image included.
    wait_until_saved(page)
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.locator("iframe[title='Preview']").last.content_frame
    expect(preview.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(preview.get_by_text(QUOTE)).to_be_visible()
    expect(preview.get_by_role("img", name=image.alt_text)).to_be_visible()
    page.get_by_role("button", name="Toggle preview").click()

    # "Publish" sits in the footer's menu next to "Save draft".
    footer_action(page, "Publish", outcome=page.get_by_text(PUBLISHED))

    article = NewsArticlePage.objects.get(title=TITLE)  # one page, however autosave went
    assert article.live
    assert article.listing_image == image
    assert [block.block_type for block in article.body] == [
        "paragraph",
        "heading",
        "quote",
        "key_figure",
    ]

    # Opened again, the editor still shows the main image it was given.
    page.goto(f"/admin/pages/{article.pk}/edit/")
    expect(page.get_by_role("region", name="Main image")).to_contain_text(IMAGE_TITLE)

    # The visitor finds the story on the News listing and opens it.
    page.goto("/news/")
    page.get_by_role("main").get_by_role("link", name=TITLE).click()
    expect(page).to_have_url(re.compile(rf"/news/{article.slug}/$"))
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_role("main").get_by_role("img", name=image.alt_text)).to_be_visible()
    expect(page.get_by_text(SUMMARY)).to_be_visible()
    expect(page.get_by_text(PARAGRAPH)).to_be_visible()
    expect(page.get_by_role("heading", name=HEADING, level=2)).to_be_visible()
    expect(page.locator("blockquote")).to_have_text(QUOTE)
    expect(page.get_by_text(QUOTE_BY)).to_be_visible()
    expect(page.get_by_text(FIGURE, exact=True)).to_be_visible()
    expect(page.get_by_text(FIGURE_LABEL)).to_be_visible()
    assert csp_violations(page) == []


@pytest.fixture
def published_content(site):
    """One published story, report and event, so the section fronts list something."""
    return [
        NewsArticlePageFactory(parent=NewsIndexPage.objects.get(), listing_image=ImageFactory()),
        ResearchReportPageFactory(parent=ResearchIndexPage.objects.get()),
        EventPageFactory(parent=EventIndexPage.objects.get()),
    ]


# (path, expected status) of a visitor's tour: the home page, three section fronts, a 404.
TOUR = [("/", 200), ("/news/", 200), ("/events/", 200), ("/research/", 200), ("/no-such/", 404)]


def test_visitor_tour(page, published_content):
    """Public pages load cleanly, have one h1, and their skip link works from the keyboard.

    The story, report and event pages carry JSON-LD and the site's script under the public
    site's Content-Security-Policy: any violation shows up in `problems`.
    """
    problems = page.problems
    stories = [(content.url, 200) for content in published_content]
    for path, status in [*TOUR, *stories]:
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
