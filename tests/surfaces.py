"""What an anonymous visitor or API client can see of a page, surface by surface."""

from django.test import Client

NOWHERE = {
    "html": False,
    "section listing": False,
    "home page": False,
    "v2 listing": False,
    "v2 detail": False,
    "v3 listing": False,
    "v3 detail": False,
    "v3 find": False,
    "search": False,
}
EVERYWHERE = dict.fromkeys(NOWHERE, True)


def _ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def public_view(page, search_word):
    """Where an anonymous client finds the page: HTML, API v2, API v3 and site search.

    `search_word` is a word of the page's title: site search for it must list the page. The
    section listing is the page's parent; the home page lists the latest news and upcoming
    events, so only a page that is among those can be found there.
    """
    client = Client()
    path = page.get_url()
    link = f'href="{path}"'
    section = client.get(page.get_parent().get_url())
    home = client.get("/")
    assert section.status_code == home.status_code == 200
    v3_find = client.get("/api/v3/pages/find/", {"html_path": path})
    search = client.get("/search/", {"q": search_word})
    assert search.status_code == 200
    return {
        "html": client.get(path).status_code == 200,
        "section listing": link in section.content.decode(),
        "home page": link in home.content.decode(),
        "v2 listing": page.pk in _ids(client.get("/api/v2/pages/", {"type": page_type(page)})),
        "v2 detail": client.get(f"/api/v2/pages/{page.pk}/").status_code == 200,
        "v3 listing": page.pk in _ids(client.get("/api/v3/pages/", {"type": page_type(page)})),
        "v3 detail": client.get(f"/api/v3/pages/{page.pk}/").status_code == 200,
        "v3 find": v3_find.status_code == 302,
        "search": link in search.content.decode(),
    }


def page_type(page):
    return page.specific_class._meta.label
