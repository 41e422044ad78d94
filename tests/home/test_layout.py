"""The frame around every page: navigation, search box, footer, titles, error pages."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.template.loader import get_template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from home import site_version
from tests.home.factories import StandardPageFactory
from tests.html import Page, assert_accessible_basics, parse
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory

pytestmark = pytest.mark.django_db


def nav_links(page):
    return [e for e in page.inside(page.find("nav", id="primary-nav")) if e.tag == "a"]


def test_home_page_has_landmarks_skip_link_and_one_h1(client, home_page):
    StandardPageFactory(title="About", show_in_menus=True)

    response = client.get("/")

    assert response.status_code == 200
    page = parse(response)
    assert_accessible_basics(page)
    assert page.find("h1").text == home_page.hero_heading


def test_navigation_lists_live_public_in_menu_sections_only(client, bare_home):
    StandardPageFactory(title="About", show_in_menus=True)
    NewsIndexPageFactory(title="News", show_in_menus=True)
    StandardPageFactory(title="Draft section", show_in_menus=True, publish=False)
    StandardPageFactory(title="Hidden section", show_in_menus=False)
    private = StandardPageFactory(title="Members only", show_in_menus=True)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    # A page deeper in the tree is not a section, even when shown in menus.
    StandardPageFactory(title="Deep page", show_in_menus=True, parent=private)

    links = nav_links(parse(client.get("/")))

    assert [link.text for link in links] == ["About", "News"]
    assert links[1].attrs["href"] == "/news/"


def test_navigation_marks_the_current_section(client, bare_home):
    news = NewsIndexPageFactory(title="News", show_in_menus=True)
    StandardPageFactory(title="About", show_in_menus=True)
    article = NewsArticlePageFactory(parent=news)

    on_index = {a.text: a.attrs.get("aria-current") for a in nav_links(parse(client.get(news.url)))}
    in_section = {
        a.text: a.attrs.get("aria-current") for a in nav_links(parse(client.get(article.url)))
    }
    at_home = {a.text: a.attrs.get("aria-current") for a in nav_links(parse(client.get("/")))}

    assert on_index == {"News": "page", "About": None}
    assert in_section == {"News": "true", "About": None}
    assert at_home == {"News": None, "About": None}


@pytest.mark.parametrize("sections", [1, 6])
def test_navigation_costs_one_query_however_many_sections(bare_home, sections):
    for number in range(sections):
        StandardPageFactory(title=f"Section {number}", show_in_menus=True)
    PageViewRestriction.objects.create(
        page=StandardPageFactory(show_in_menus=True),
        restriction_type=PageViewRestriction.PASSWORD,
        password="s3cret",
    )
    request = RequestFactory().get("/")
    # A page view has already resolved the site; site root paths live in the cache.
    Site.find_for_request(request)
    Site.get_site_root_paths()
    template = Template("{% load navigation_tags %}{% primary_navigation %}")

    site_version.current()  # the version every request reads first

    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"request": request, "page": bare_home}))
    # Computed once per site version: the next request asks the database nothing.
    request = RequestFactory().get("/")
    Site.find_for_request(request)
    with CaptureQueriesContext(connection) as again:
        assert template.render(Context({"request": request, "page": bare_home})) == html

    assert html.count("<li>") == sections
    assert len(queries) == 1, [q["sql"] for q in queries]
    assert len(again) == 0, [q["sql"] for q in again]


def test_breadcrumb_leads_home_through_the_section(client, home_page):
    news = NewsIndexPageFactory(title="News")
    article = NewsArticlePageFactory(parent=news, title="Lead pipes")

    page = parse(client.get(article.url))

    crumbs = page.find("nav", aria_label="Breadcrumb")
    assert crumbs.text == "Home News Lead pipes"
    assert page.find("a", href="/news/").text == "News"
    assert page.find("span", aria_current="page").text == "Lead pipes"
    assert not parse(client.get("/")).find_all("nav", aria_label="Breadcrumb")


def test_header_search_form_sends_q_to_the_search_page(client, home_page):
    page = parse(client.get("/"))

    form = page.find("form", class_="site-search")
    assert form.attrs["action"] == "/search/"
    assert form.attrs["method"] == "get"
    field = page.find("input", id="site-search-q")
    assert field.attrs["name"] == "q"
    assert page.find("label", for_="site-search-q").text == "Search the site"


def test_footer_shows_contact_details_and_social_links(client, site_settings):
    page = parse(client.get("/"))

    footer = page.find("footer")
    assert "A learning network for American mayors." in footer.text
    assert "1180 Observatory Drive Madison, WI 53706" in footer.text
    assert page.find("a", href="mailto:hello@mayorsinnovation.example")
    assert page.find("a", href="tel:+16085550100")
    assert page.find("a", href="https://bsky.app/profile/mip.example").text == "Bluesky"
    assert page.find("a", href="https://www.linkedin.com/company/mip-example").text == "LinkedIn"
    assert page.find("a", href="https://example.org/newsletter")
    assert "Facebook" not in footer.text


def test_footer_without_settings_still_renders(client, home_page):
    page = parse(client.get("/"))

    assert "Contact us" not in page.find("footer").text
    assert "Mayors Innovation Project" in page.find("footer").text


def test_title_and_meta_description(client, home_page):
    with_summary = StandardPageFactory(title="About", summary="Who we are.")
    with_both = StandardPageFactory(
        title="Join", seo_title="Join the network", summary="Short.", search_description="SEO."
    )

    first = parse(client.get(with_summary.url))
    second = parse(client.get(with_both.url))

    assert first.find("title").text == "About | Mayors Innovation Project"
    assert first.find("meta", name="description").attrs["content"] == "Who we are."
    assert second.find("title").text == "Join the network | Mayors Innovation Project"
    assert second.find("meta", name="description").attrs["content"] == "SEO."


def test_stylesheet_and_script_are_served_from_the_site(client, home_page):
    page = parse(client.get("/"))

    stylesheet = page.find("link", rel="stylesheet").attrs["href"]
    script = page.find("script").attrs["src"]
    assert stylesheet.startswith("/static/")
    assert script.startswith("/static/")
    assert "defer" in page.find("script").attrs


def test_missing_page_gets_the_404_page(client, home_page):
    StandardPageFactory(title="About", show_in_menus=True)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    page = parse(response)
    assert_accessible_basics(page)
    assert page.find("h1").text == "Page not found"
    assert page.find("form", class_="search-form").attrs["action"] == "/search/"


def test_500_page_needs_no_database_or_context():
    with CaptureQueriesContext(connection) as queries:
        html = get_template("500.html").render()

    assert not queries
    page = Page(html)
    assert page.find("h1").text == "Something went wrong"
    assert page.find("html").attrs["lang"] == "en"
    assert "{%" not in html
    assert "{{" not in html
