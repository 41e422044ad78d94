"""What a visitor's browser makes of every public page type, on a desktop and a phone.

axe-core (bundled with axe-playwright-python, so no network) finds no serious or critical
accessibility violation; the page's pictures arrive as WebP and reserve their space, so
nothing shifts as they load; and the only request that holds up the first paint is the one
stylesheet (the script is deferred). The pages carry every kind of picture (hero, card,
main picture, body image, report cover, testimonial portrait) and most body blocks.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from events.models import EventIndexPage
from home.models import CohortIndexPage, HomePage, HomePageFeaturedItem
from news.models import NewsIndexPage
from research.models import ResearchIndexPage
from tests.browser.conftest import new_tab
from tests.events.factories import EventPageFactory, EventSpeakerFactory
from tests.factories import stream
from tests.home.factories import (
    CohortMemberFactory,
    CohortPageFactory,
    DocumentFactory,
    ImageFactory,
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

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "mobile": {"width": 375, "height": 812}}
# Violations of these impacts fail the test; "moderate" and "minor" ones are left to review.
FAILING_IMPACTS = {"serious", "critical"}
# Frames (a video's player) are other sites': axe checks the <iframe> element, not inside it.
AXE_OPTIONS = {"resultTypes": ["violations"], "iframes": False}

# Records every layout shift the page makes while it loads, with what moved (none is caused
# by input here).
RECORD_LAYOUT_SHIFTS = """
window.layoutShifts = [];
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
        const moved = entry.sources.map((source) => source.node
            ? `${source.node.nodeName.toLowerCase()}.${source.node.className || ""}`
            : "?");
        window.layoutShifts.push(`${entry.value.toFixed(3)} ${moved.join(" ")}`);
    }
}).observe({type: "layout-shift", buffered: true});
"""
# The pictures the browser will fetch now: every one not deferred by loading="lazy".
EAGER_IMAGES_LOADED = (
    "[...document.images].filter((i) => i.loading !== 'lazy').every((i) => i.complete)"
)
# What the browser waited for before it could paint (Resource Timing's renderBlockingStatus).
RENDER_BLOCKING = """
performance.getEntriesByType("resource")
    .filter((entry) => entry.renderBlockingStatus === "blocking")
    .map((entry) => new URL(entry.name).pathname)
"""
# Pictures that do not say how big they are, so the page cannot keep their space.
UNSIZED_PICTURES = """
[...document.images]
    .filter((img) => !img.getAttribute("width") || !img.getAttribute("height"))
    .map((img) => img.outerHTML)
"""
# The files the page's visible pictures came from.
SHOWN_PICTURES = """
[...document.querySelectorAll("main img")]
    .filter((img) => img.complete && img.currentSrc)
    .map((img) => new URL(img.currentSrc).pathname)
"""


def picture(width, height, alt):
    """An image large enough for its renditions to come in several widths."""
    return ImageFactory(alt_text=alt, file__width=width, file__height=height, file__color="teal")


def body(photo, document, testimonial, linked):
    """A page body with most kinds of block, pictures included."""
    image = {"image": photo.pk, "alt_text": "Council members at a round table", "decorative": False}
    return stream(
        ("heading", {"text": "What the data shows", "level": "h2"}),
        ("paragraph", f'<p>See the <a linktype="page" id="{linked.pk}">latest story</a>.</p>'),
        ("image", {"image": image, "caption": "The vote"}),
        ("quote", {"text": "Water is health.", "attribution": "A mayor", "role": "Mayor"}),
        ("testimonial", testimonial.pk),
        ("video", {"url": "https://youtu.be/aqz-KE-bpKQ", "title": "Mayors discuss heat",
                   "caption": "Winter meeting", "transcript": "https://example.org/transcript"}),
        ("document", {"document": document.pk, "title": "", "description": "Two pages."}),
        ("call_to_action", {"text": "Apply to join", "page": None,
                            "url": "https://example.org/apply", "description": "Open now."}),
        ("table", {"data": [["City", "Bill"], ["Madison", "$68"], ["Dubuque", "$81"]],
                   "table_header_choice": "both", "first_row_is_table_header": True,
                   "first_col_is_header": True, "table_caption": "Average monthly water bill"}),
        ("key_figure", {"figure": "1 in 4", "label": "renters are cost-burdened",
                        "source": "ACS"}),
        ("accordion", {"heading": "Questions", "items": [
            {"question": "Who can join?", "answer": "<p>Any sitting mayor.</p>"}]}),
        ("related_pages", {"heading": "See also", "pages": [linked.pk]}),
    )  # fmt: skip


@pytest.fixture
def public_pages(site):
    """One page of every public type, with pictures everywhere: {name: (path, status)}."""
    water = TopicFactory(name="Water", slug="water")
    author = PersonFactory(
        name="Dana Reyes", email="dana@example.org", photo=picture(480, 480, "Dana Reyes")
    )
    portrait = picture(320, 320, "Mayor Ana Torres")
    testimonial = TestimonialFactory(photo=portrait)
    document = DocumentFactory(title="Water brief")

    article = NewsArticlePageFactory(
        parent=NewsIndexPage.objects.get(),
        title="Cities replace lead pipes",
        listing_image=picture(1600, 900, "Workers lay a new water main"),
    )
    article.topics.add(water)
    NewsArticleAuthorFactory(page=article, person=author)
    photo = picture(1600, 1000, "The council chamber")
    article.body = body(photo, document, testimonial, linked=article)
    article.save_revision().publish()

    report = ResearchReportPageFactory(
        parent=ResearchIndexPage.objects.get(),
        cover_image=picture(600, 800, "The report's cover"),
        listing_image=picture(1600, 900, "A water meter"),
        contact=author,
    )
    ResearchReportAuthorFactory(page=report, person=author)
    ResearchReportDownloadFactory(page=report, document=document)
    report.save_revision().publish()

    event = EventPageFactory(
        parent=EventIndexPage.objects.get(),
        listing_image=picture(1600, 900, "A street lined with trees"),
    )
    EventSpeakerFactory(page=event, person=author)
    event.save_revision().publish()

    cohort = CohortPageFactory(
        parent=CohortIndexPage.objects.get(), listing_image=picture(1600, 900, "Mayors talking")
    )
    CohortMemberFactory(page=cohort, note="Chair, 2026")
    cohort.save_revision().publish()

    standard = StandardPageFactory(
        parent=site,
        title="How the network works",
        body=body(photo, document, testimonial, linked=article),
    )

    # The live home page's own fields, as if published (the skeleton's page stays as it is).
    HomePage.objects.filter(pk=site.pk).update(
        hero_image=picture(1600, 1000, "Mayors at the winter meeting"), testimonial=testimonial
    )
    HomePageFeaturedItem.objects.create(page=site, featured_page=report)

    return {
        "home": ("/", 200),
        "standard page": (standard.url, 200),
        "news index": (article.get_parent().url, 200),
        "news index, one topic": (f"{article.get_parent().url}?topic=water", 200),
        "news article": (article.url, 200),
        "research index": (report.get_parent().url, 200),
        "research report": (report.url, 200),
        "event index": (event.get_parent().url, 200),
        "event index, past events": (f"{event.get_parent().url}?when=past", 200),
        "event": (event.url, 200),
        "cohort index": (cohort.get_parent().url, 200),
        "cohort page": (cohort.url, 200),
        "topics": ("/topics/", 200),
        "topic page": ("/topics/water/", 200),
        "people": ("/people/", 200),
        "person page": ("/people/dana-reyes/", 200),
        "member directory": ("/membership/members/", 200),
        "member directory, one state": ("/membership/members/?state=WI&q=spring", 200),
        "search results": ("/search/?q=water", 200),
        "search without results": ("/search/?q=zebra", 200),
        "not found": ("/no-such-page/", 404),
    }


def describe(violation):
    """One line per violation: its rule, impact, the elements it found and where to read."""
    targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"])
    return f"{violation['id']} ({violation['impact']}): {targets} [{violation['helpUrl']}]"


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_passes_axe_loads_webp_and_does_not_shift(
    browser, live_server, public_pages, width
):
    tab = new_tab(browser, live_server.url)
    tab.set_viewport_size(WIDTHS[width])
    tab.context.add_init_script(RECORD_LAYOUT_SHIFTS)
    # Offline: a video's player and other sites' addresses never load.
    tab.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    axe = Axe()
    violations, shifts, blocking, not_webp, unsized = {}, {}, {}, {}, {}
    try:
        for name, (path, status) in public_pages.items():
            response = tab.goto(path)
            assert response.status == status, path
            tab.wait_for_function(EAGER_IMAGES_LOADED)

            found = axe.run(tab, options=AXE_OPTIONS).response["violations"]
            failing = [describe(v) for v in found if v["impact"] in FAILING_IMPACTS]
            if failing:
                violations[name] = failing
            if shift := tab.evaluate("window.layoutShifts"):
                shifts[name] = shift
            if (requests := tab.evaluate(RENDER_BLOCKING)) != ["/static/css/site.css"]:
                blocking[name] = requests
            pictures = [p for p in tab.evaluate(SHOWN_PICTURES) if p.startswith("/media/")]
            if wrong := [p for p in pictures if not p.endswith(".webp")]:
                not_webp[name] = wrong
            if without_size := tab.evaluate(UNSIZED_PICTURES):
                unsized[name] = without_size
            if status != 200:
                # Chromium logs the document's own error status to the console: expected.
                tab.problems[:] = [p for p in tab.problems if f"status of {status}" not in p]
    finally:
        tab.context.close()

    report = "\n".join(f"{name}: {line}" for name, lines in violations.items() for line in lines)
    assert not violations, f"serious or critical axe violations at {width} width:\n{report}"
    assert not shifts, f"layout shift while loading (no picture may move the page): {shifts}"
    assert not blocking, f"render-blocking requests other than the stylesheet: {blocking}"
    assert not not_webp, f"pictures not served as WebP: {not_webp}"
    assert not unsized, f"pictures without width and height: {unsized}"
    assert tab.problems == []


def test_the_opened_menu_on_a_phone_passes_axe(browser, live_server, site):
    """The primary navigation, unfolded behind its Menu button, is as accessible as the page."""
    tab = new_tab(browser, live_server.url)
    tab.set_viewport_size(WIDTHS["mobile"])
    try:
        tab.goto("/")
        menu = tab.get_by_role("button", name="Menu")
        news = tab.get_by_role("navigation", name="Main").get_by_role("link", name="News")
        expect(news).to_be_hidden()
        menu.click()
        expect(menu).to_have_attribute("aria-expanded", "true")
        expect(news).to_be_visible()

        found = Axe().run(tab, options=AXE_OPTIONS).response["violations"]
    finally:
        tab.context.close()

    failing = [describe(v) for v in found if v["impact"] in FAILING_IMPACTS]
    assert not failing, "\n".join(failing)
