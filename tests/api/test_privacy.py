"""The public API never shows what visitors may not see (promise 1).

Drafts, scheduled and expired pages, pages under a view restriction, and documents and images
in private collections must be indistinguishable from things that do not exist: absent from
listings and their counts, 404 on detail and find, and never named inside another page's
fields. A session (an editor's login, a page password typed on the site) changes nothing: API
responses are cached publicly.
"""

import datetime
import json

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
)

from home.models import HomePage, HomePageFeaturedItem
from tests.home.factories import (
    DocumentFactory,
    ImageFactory,
    PersonFactory,
    StandardPageFactory,
    TopicFactory,
)
from tests.news.factories import (
    NewsArticleAuthorFactory,
    NewsArticlePageFactory,
    NewsIndexPageFactory,
)
from tests.research.factories import ResearchReportDownloadFactory, ResearchReportPageFactory
from tests.world import module_world

pytestmark = pytest.mark.django_db

PASSWORD = "s3cret"
MISSING_ID = 987654  # an id no object has: what "does not exist" looks like


def restrict(page, restriction_type):
    """Close a page (and the pages under it) to anonymous visitors."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password=PASSWORD
    )
    if restriction_type == "groups":
        restriction.groups.set([Group.objects.get_or_create(name="Board members")[0]])
    return restriction


class World:
    """A public news article and one page of each kind a visitor may not see.

    The hidden pages are news articles tagged, dated and titled like the public one, so a
    filter or search that forgot privacy would find them.
    """

    def __init__(self):
        self.home = HomePage.objects.get()
        self.water = TopicFactory(name="Water")
        self.author = PersonFactory(name="Ada Lovelace")
        self.news = NewsIndexPageFactory(title="News")
        self.shown = self.article("Zebrafish shown")
        self.hidden = {}
        self.hidden["draft"] = self.article("Zebrafish draft", publish=False)
        scheduled = self.article("Zebrafish scheduled", publish=False)
        scheduled.go_live_at = timezone.now() + datetime.timedelta(days=2)
        scheduled.save_revision().publish()
        scheduled.refresh_from_db()
        assert not scheduled.live  # Wagtail waits for go_live_at
        self.hidden["scheduled"] = scheduled
        expired = self.article("Zebrafish expired")
        # Expiry has passed, but the scheduler has not yet unpublished it: still live=True.
        Page.objects.filter(pk=expired.pk).update(
            expire_at=timezone.now() - datetime.timedelta(minutes=5)
        )
        self.hidden["expired"] = expired
        self.restrictions = {}
        for kind in ["login", "groups", "password"]:
            self.hidden[kind] = page = self.article(f"Zebrafish {kind}")
            self.restrictions[kind] = restrict(page, kind)
        section = NewsIndexPageFactory(title="Zebrafish members")
        restrict(section, "login")
        self.hidden["private section"] = section
        self.hidden["in private section"] = self.article("Zebrafish insider", parent=section)

    def article(self, title, parent=None, **kwargs):
        page = NewsArticlePageFactory(
            title=title,
            parent=parent or self.news,
            publication_date=datetime.date(2026, 3, 1),
            **kwargs,
        )
        page.topics.set([self.water])
        page.save()
        NewsArticleAuthorFactory(page=page, person=self.author)
        return page

    @property
    def hidden_ids(self):
        return {page.pk for page in self.hidden.values()}


@module_world
def world():
    """Pages to look for, built once for the module's tests."""
    return World()


def assert_reveals_nothing(text, pages):
    """No title or address of these pages appears anywhere in a response body."""
    for page in pages:
        assert page.title not in text, f"{page.title!r} leaked"
        assert f"/{page.slug}/" not in text, f"address of {page.title!r} leaked"


def item_ids(response):
    """Ids of a successful listing's items."""
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


# {placeholders} are filled with ids from the world.
LISTINGS = [
    "",
    "limit=100",
    "type=news.NewsArticlePage",
    "type=news.NewsArticlePage,news.NewsIndexPage",
    "type=news.NewsArticlePage&fields=*",
    "fields=*,-slug",
    "child_of={news}",
    "descendant_of={home}",
    "descendant_of={news}&type=news.NewsArticlePage",
    "topic=water",
    "author=ada-lovelace",
    "type=news.NewsArticlePage&author=ada-lovelace&topic=water",
    "published_from=2026-01-01&published_to=2026-12-31",
    "published_from=2026-03-01&published_to=2026-03-01",
    "type=news.NewsArticlePage&publication_date=2026-03-01",
    "search=zebrafish",
    "search=zebrafish&type=news.NewsArticlePage&search_operator=and",
    "search=zebrafish&order=title",
    "type=news.NewsArticlePage&topic=water&author=ada-lovelace&published_from=2026-01-01"
    "&search=zebrafish&order=-publication_date",
    "order=title",
    "order=-first_published_at&offset=0&limit=3",
]


def test_listings_show_only_live_public_pages(client, world):
    for query in LISTINGS:
        query = query.format(home=world.home.pk, news=world.news.pk)
        response = client.get(f"/api/v2/pages/?{query}")
        ids = item_ids(response)
        assert world.shown.pk in ids, query  # the filter does match tagged articles
        assert not set(ids) & world.hidden_ids, query
        assert_reveals_nothing(response.content.decode(), world.hidden.values())
        if "limit=3" not in query:
            assert response.json()["meta"]["total_count"] == len(ids), query


def test_counts_leave_hidden_pages_out(client, world):
    query = "type=news.NewsArticlePage&topic=water&author=ada-lovelace&limit=1"
    assert client.get(f"/api/v2/pages/?{query}").json()["meta"]["total_count"] == 1


def test_field_filters_cannot_probe_for_hidden_pages(client, world):
    for page in world.hidden.values():
        for query in [
            {"slug": page.slug},
            {"title": page.title},
            {"id": page.pk},
            {"type": "news.NewsArticlePage", "slug": page.slug},
        ]:
            response = client.get("/api/v2/pages/", query)
            assert item_ids(response) == [], query
            assert response.json()["meta"]["total_count"] == 0
        # Public pages may share its words (PostgreSQL stems "members" to "member").
        response = client.get("/api/v2/pages/", {"search": page.title, "search_operator": "and"})
        assert page.pk not in item_ids(response)


def html_path(page):
    """The page's address on the site, whether or not it is live."""
    return page.get_url_parts()[2]


def not_found(client, url):
    """The response for an id nothing has, to compare a hidden object's response with."""
    return client.get(url.format(id=MISSING_ID))


def test_hidden_pages_are_not_found(client, world):
    for kind, page in world.hidden.items():
        for url in ["/api/v2/pages/{id}/", "/api/v2/pages/find/?id={id}"]:
            response = client.get(url.format(id=page.pk))
            assert response.status_code == 404, (kind, url)
            assert response.json() == not_found(client, url).json()
        response = client.get("/api/v2/pages/find/", {"html_path": html_path(page)})
        assert response.status_code == 404, kind
        assert response.json() == {"message": "not found"}


def test_find_redirects_to_a_public_page(client, world):
    response = client.get("/api/v2/pages/find/", {"html_path": world.shown.url})
    assert response.status_code == 302
    assert f"/api/v2/pages/{world.shown.pk}/" in response["Location"]
    assert client.get(f"/api/v2/pages/{world.shown.pk}/").status_code == 200


def test_tree_filters_treat_hidden_pages_as_missing(client, world):
    for param in ["child_of", "descendant_of", "ancestor_of", "translation_of"]:
        missing = client.get(f"/api/v2/pages/?{param}={MISSING_ID}")
        assert missing.status_code == 400
        for kind, page in world.hidden.items():
            response = client.get(f"/api/v2/pages/?{param}={page.pk}")
            assert (response.status_code, response.json()) == (
                missing.status_code,
                missing.json(),
            ), (param, kind)


# Sessions: an editor's login or a password typed on the site never widens the API.


def enter_page_password(client, world):
    """Type the password page's password on the site, as a visitor would."""
    restriction = world.restrictions["password"]
    page = world.hidden["password"]
    url = reverse("wagtailcore_authenticate_with_password", args=[restriction.pk, page.pk])
    client.post(url, {"password": PASSWORD, "return_url": page.url})
    assert page.title in client.get(page.url).content.decode()  # the password worked


@pytest.fixture(params=["editor logged in", "page password entered"])
def privileged_client(request, client, world, django_user_model):
    """A browser that may see more of the site than an anonymous visitor."""
    if request.param == "editor logged in":
        client.force_login(
            django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
        )
        assert client.get(world.hidden["login"].url).status_code == 200  # the login works
    else:
        enter_page_password(client, world)
    return client


def test_a_session_does_not_widen_listings(privileged_client, world):
    anonymous = Client()
    for query in ["", "type=news.NewsArticlePage", "search=zebrafish", "topic=water"]:
        response = privileged_client.get(f"/api/v2/pages/?{query}")
        assert not set(item_ids(response)) & world.hidden_ids, query
        assert_reveals_nothing(response.content.decode(), world.hidden.values())
        # Byte for byte what anyone gets: a CDN may serve it to them.
        assert response.content == anonymous.get(f"/api/v2/pages/?{query}").content
        assert "public" in response["Cache-Control"]


def test_a_session_does_not_open_hidden_pages(privileged_client, world):
    for kind, page in world.hidden.items():
        for url in [f"/api/v2/pages/{page.pk}/", f"/api/v2/pages/find/?id={page.pk}"]:
            assert privileged_client.get(url).status_code == 404, (kind, url)
        find = privileged_client.get("/api/v2/pages/find/", {"html_path": html_path(page)})
        assert find.status_code == 404, kind


# Pages that link to hidden ones.


def body_linking_to(page_ids=(), document_ids=()):
    """Every way a body can point at pages and documents, block by block, in order."""
    blocks = []
    if page_ids:
        blocks.append({"type": "related_pages", "value": {"pages": list(page_ids)}})
    for pk in page_ids:
        blocks.append({"type": "call_to_action", "value": {"text": "Go", "page": pk, "url": ""}})
        blocks.append({"type": "paragraph", "value": f'<p><a linktype="page" id="{pk}">Go</a></p>'})
    for pk in document_ids:
        blocks.append(
            {"type": "document", "value": {"document": pk, "title": "", "description": ""}}
        )
        blocks.append(
            {"type": "paragraph", "value": f'<p><a linktype="document" id="{pk}">Get</a></p>'}
        )
    return json.dumps(blocks)


def values(blocks):
    """The blocks' values without their random ids."""
    return [(block["type"], block["value"]) for block in blocks]


def test_links_to_hidden_pages_are_as_links_to_deleted_ones(client, world):
    hidden = list(world.hidden_ids)
    source = StandardPageFactory(body=body_linking_to([world.shown.pk, MISSING_ID, *hidden]))
    for url in [
        f"/api/v2/pages/{source.pk}/",
        "/api/v2/pages/?type=home.StandardPage&fields=body",
        "/api/v2/pages/?type=home.StandardPage&fields=*",
    ]:
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert_reveals_nothing(text, world.hidden.values())
        assert f"http://testserver{world.shown.url}" in text  # public links do expand

    related, *links = values(client.get(f"/api/v2/pages/{source.pk}/").json()["body"])
    assert [page["id"] for page in related[1]["pages"]] == [world.shown.pk]
    # A button to a missing or hidden page is left out, as on the site; a rich text link to
    # one is a bare <a>.
    buttons = [value for kind, value in links if kind == "call_to_action"]
    paragraphs = [value for kind, value in links if kind == "paragraph"]
    assert [button["href"] for button in buttons] == [f"http://testserver{world.shown.url}"]
    assert len(paragraphs) == 2 + len(hidden)
    assert paragraphs[1:] == ["<p><a>Go</a></p>"] * (1 + len(hidden))


def test_home_page_features_only_visible_pages(client, world):
    for page in [world.shown, *world.hidden.values()]:
        HomePageFeaturedItem.objects.create(page=world.home, featured_page=page)
    response = client.get(f"/api/v2/pages/{world.home.pk}/")
    assert [page["id"] for page in response.json()["featured_pages"]] == [world.shown.pk]
    assert_reveals_nothing(response.content.decode(), world.hidden.values())


# Documents and images.


class Media:
    """A public document and image, and some in a private collection and its child."""

    def __init__(self):
        root = Collection.get_first_root_node()
        board = root.add_child(name="Board papers")
        CollectionViewRestriction.objects.create(
            collection=board, restriction_type="password", password=PASSWORD
        )
        self.restriction = board.view_restrictions.get()
        minutes = board.add_child(name="2026 minutes")
        staff = root.add_child(name="Staff only")
        CollectionViewRestriction.objects.create(collection=staff, restriction_type="login")
        self.public_document = DocumentFactory(title="Zebrafish annual report")
        self.public_image = ImageFactory(title="Zebrafish river")
        self.private_documents = [
            DocumentFactory(title=f"Zebrafish secret {name}", collection=collection)
            for name, collection in [("board", board), ("minutes", minutes), ("staff", staff)]
        ]
        self.private_images = [
            ImageFactory(title=f"Zebrafish hidden {name}", collection=collection)
            for name, collection in [("board", board), ("minutes", minutes), ("staff", staff)]
        ]


@pytest.fixture
def media(db):
    """Documents and images to look for, built anew for each test."""
    return Media()


@pytest.mark.parametrize("endpoint", ["documents", "images"])
def test_media_listings_leave_out_private_collections(client, media, endpoint):
    shown = getattr(media, f"public_{endpoint[:-1]}")
    private = getattr(media, f"private_{endpoint}")
    for query in ["", "search=zebrafish", "order=-title", "fields=*", "limit=1&offset=0"]:
        response = client.get(f"/api/v2/{endpoint}/?{query}")
        assert item_ids(response) == [shown.pk], query
        assert response.json()["meta"]["total_count"] == 1
        text = response.content.decode()
        for item in private:
            assert item.title not in text
            assert item.file.name not in text


@pytest.mark.parametrize("endpoint", ["documents", "images"])
def test_private_media_are_not_found(client, media, endpoint):
    for item in getattr(media, f"private_{endpoint}"):
        for url in [
            f"/api/v2/{endpoint}/{{id}}/",
            f"/api/v2/{endpoint}/find/?id={{id}}",
        ]:
            response = client.get(url.format(id=item.pk))
            assert response.status_code == 404, url
            assert response.json() == not_found(client, url).json()
        for query in [f"title={item.title}", f"id={item.pk}"]:
            name, value = query.split("=", 1)
            assert item_ids(client.get(f"/api/v2/{endpoint}/", {name: value})) == []


@pytest.mark.parametrize("endpoint", ["documents", "images"])
def test_a_session_does_not_open_private_media(client, media, endpoint, django_user_model):
    client.post(
        reverse("wagtaildocs_authenticate_with_password", args=[media.restriction.pk]),
        {"password": PASSWORD, "return_url": "/"},
    )
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    assert client.get(media.private_documents[1].url).status_code == 200  # the session works
    response = client.get(f"/api/v2/{endpoint}/")
    assert item_ids(response) == [getattr(media, f"public_{endpoint[:-1]}").pk]
    for item in getattr(media, f"private_{endpoint}"):
        assert client.get(f"/api/v2/{endpoint}/{item.pk}/").status_code == 404


def test_reports_never_offer_private_documents(client, media, home_page):
    public, private = media.public_document, media.private_documents
    report = ResearchReportPageFactory(
        body=body_linking_to(document_ids=[public.pk, MISSING_ID, *(doc.pk for doc in private)])
    )
    ResearchReportDownloadFactory(page=report, title="Full report", document=public)
    for document in private:
        ResearchReportDownloadFactory(page=report, title="Internal draft", document=document)
    for url in [
        f"/api/v2/pages/{report.pk}/",
        "/api/v2/pages/?type=research.ResearchReportPage&fields=downloads,body",
    ]:
        response = client.get(url)
        assert response.status_code == 200
        text = response.content.decode()
        assert public.url in text
        assert "Internal draft" not in text
        for document in private:
            assert document.title not in text
            assert document.url not in text

    data = client.get(f"/api/v2/pages/{report.pk}/").json()
    assert [item["title"] for item in data["downloads"]] == ["Full report"]
    links = values(data["body"])
    # A download block of a missing or private document is left out, as on the site; a rich
    # text link to one is a bare <a>.
    downloads = [value for kind, value in links if kind == "document"]
    paragraphs = [value for kind, value in links if kind == "paragraph"]
    assert [block["document"]["id"] for block in downloads] == [public.pk]
    assert len(paragraphs) == 2 + len(private)
    assert paragraphs[1:] == ["<p><a>Get</a></p>"] * (1 + len(private))


# The v3 API's anonymous read endpoints (Wagtail's own code).


def test_v3_hides_hidden_pages(client, world):
    listing = client.get("/api/v3/pages/?limit=100")
    assert listing.status_code == 200
    ids = [item["id"] for item in listing.json()["items"]]
    assert world.shown.pk in ids
    for kind, page in world.hidden.items():
        if kind == "expired":
            continue  # see the next test
        assert page.pk not in ids, kind
        assert_reveals_nothing(listing.content.decode(), [page])
        assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404, kind
        assert client.get(f"/api/v3/pages/find/?id={page.pk}").status_code == 404, kind
        find = client.get("/api/v3/pages/find/", {"html_path": html_path(page)})
        assert find.status_code == 404, kind


def test_v3_hides_an_expired_page(client, world):
    page = world.hidden["expired"]
    listing = client.get("/api/v3/pages/?limit=100").json()
    assert page.pk not in [item["id"] for item in listing["items"]]
    assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404


def test_v3_ignores_a_page_password_in_the_session(client, world):
    enter_page_password(client, world)
    page = world.hidden["password"]
    assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404
    listing = client.get("/api/v3/pages/?limit=100").json()
    assert page.pk not in [item["id"] for item in listing["items"]]


def test_v3_ignores_an_editor_session(client, world, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    for kind in ["draft", "scheduled", "login", "groups", "password", "in private section"]:
        page = world.hidden[kind]
        assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404, kind
        assert client.get(f"/api/v3/pages/{page.pk}/?version=draft").status_code == 404, kind


def test_v3_links_to_hidden_pages_reveal_nothing(client, world):
    source = StandardPageFactory(body=body_linking_to([world.shown.pk, *world.hidden_ids]))
    response = client.get(f"/api/v3/pages/{source.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert world.shown.url in text
    assert_reveals_nothing(text, world.hidden.values())
