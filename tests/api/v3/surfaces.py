"""What an anonymous visitor or API client can see of a page, surface by surface."""

from django.test import Client

NOWHERE = {
    "html": False,
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

    `search_word` is a word of the page's title: site search for it must list the page.
    """
    client = Client()
    path = page.get_url()
    v3_find = client.get("/api/v3/pages/find/", {"html_path": path})
    search = client.get("/search/", {"q": search_word})
    assert search.status_code == 200
    return {
        "html": client.get(path).status_code == 200,
        "v2 listing": page.pk in _ids(client.get("/api/v2/pages/", {"type": page_type(page)})),
        "v2 detail": client.get(f"/api/v2/pages/{page.pk}/").status_code == 200,
        "v3 listing": page.pk in _ids(client.get("/api/v3/pages/", {"type": page_type(page)})),
        "v3 detail": client.get(f"/api/v3/pages/{page.pk}/").status_code == 200,
        "v3 find": v3_find.status_code == 302,
        "search": f'href="{path}"' in search.content.decode(),
    }


def page_type(page):
    return page.specific_class._meta.label
