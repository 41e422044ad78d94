"""The test export imported once for the module, checked item by item; then imported again."""

import datetime
import json
import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_save
from django.test import Client
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Revision

from home.models import CustomDocument, Person, StandardPage, Topic
from mipcms.scheduler import Scheduler
from news.models import NewsArticlePage, NewsIndexPage
from tests.clock import clock_at
from tests.wordpress.export import AUTHORS, PAGES, POSTS, write_export, write_uploads
from tests.world import module_world
from wordpress.models import ImportedItem

pytestmark = [
    pytest.mark.django_db,
    # The whole export, item by item, on the production database only: about 25 s a run.
    # The importer's parts (reading, content, bad input, redirects) are tested on both.
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the full round trip runs on PostgreSQL (set DATABASE_URL)",
    ),
]

PUBLISHED = [post for post in POSTS if post.status == "publish" and not post.password]


@module_world
def imported():
    """The test export imported into the site, with one topic and one person already there."""
    folder = Path(tempfile.mkdtemp(prefix="wordpress-import-"))
    Topic.objects.create(name="Housing", slug="housing", description="Our own words.")
    Person.objects.create(name="Jordan Lee", slug="jordan-lee", role="Program Director")
    export, uploads = write_export(folder), write_uploads(folder)
    out = StringIO()
    call_command("import_wordpress", str(export), uploads=str(uploads), stdout=out)
    return {"export": export, "uploads": uploads, "output": out.getvalue()}


def page_of(wp_id):
    kind = "page" if wp_id in {page.wp_id for page in PAGES} else "post"
    record = ImportedItem.objects.get(kind=kind, wp_id=str(wp_id))
    return Page.objects.get(pk=record.object_id).specific


def body_types(page):
    return [block.block_type for block in page.body]


def summary_row(output, kind):
    line = next(line for line in output.splitlines() if line.split()[:1] == [kind])
    return [int(number) for number in line.split()[-4:]]


def test_the_summary_counts_every_kind(imported):
    output = imported["output"]
    # created, updated, unchanged, skipped
    assert summary_row(output, "post") == [len(POSTS) - 1, 0, 0, 1]  # the trashed one
    assert summary_row(output, "page") == [len(PAGES), 0, 0, 0]
    assert summary_row(output, "topic") == [7, 0, 1, 1]  # housing merged, uncategorized skipped
    assert summary_row(output, "person") == [2, 0, 1, 0]  # Jordan Lee merged
    assert summary_row(output, "image") == [4, 0, 0, 2]  # one missing, one not an image
    assert summary_row(output, "document") == [2, 0, 0, 0]
    assert summary_row(output, "comment") == [0, 0, 0, 2]
    assert summary_row(output, "custom") == [0, 0, 0, 1]


def test_the_log_says_what_was_skipped_and_why(imported):
    output = imported["output"]
    for expected in [
        "skipped  image 905 'Council chamber': file missing from the uploads folder",
        "skipped  image 908 'Scanned flyer': not a readable image",
        "skipped  other 906 'Podcast episode 12': attachment of a file type not imported",
        "skipped  post 108 'Old announcement': status 'trash' not imported",
        "skipped  comment 101 'Cooling centers that work': 2 comment(s) not imported",
        "custom field 'city_population' not imported",
        "unknown shortcode [contact-form-7] kept as text",
        "<script> removed",
        "embedded frame removed: https://tracker.example.com/widget",
        "unknown block wp:jetpack/mailchimp",
        "post 109 'Council chamber goes paperless': featured image not imported",
        "1 item(s) of type 'nav_menu_item' not imported",
    ]:
        assert expected in output


@pytest.mark.parametrize("post", PUBLISHED, ids=lambda post: str(post.wp_id))
def test_each_published_post_is_a_live_news_article(imported, post):
    page = page_of(post.wp_id)
    assert isinstance(page, NewsArticlePage)
    assert page.get_parent().specific_class is NewsIndexPage
    assert page.live and not page.has_unpublished_changes
    published = datetime.datetime.fromisoformat(post.date).replace(tzinfo=datetime.UTC)
    assert page.first_published_at == published
    assert page.publication_date == timezone.localdate(published)
    wanted_topics = {slug for _, slug, _ in post.terms} - {"uncategorized"}
    assert {topic.slug for topic in page.topics.all()} == wanted_topics
    author_name = next(name for login, _, name, _, _ in AUTHORS if login == post.author)
    assert [link.person.name for link in page.authors.all()] == [author_name]
    assert Client().get(page.url).status_code == 200
    assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == 1


def test_topics_and_people_merge_with_existing_ones(imported):
    housing = Topic.objects.get(slug="housing")
    assert housing.description == "Our own words."  # the site's own record is kept
    assert Topic.objects.get(slug="water").name == "Water affordability"
    assert not Topic.objects.filter(slug="uncategorized").exists()
    jordan = Person.objects.get(slug="jordan-lee")
    assert jordan.role == "Program Director"
    assert [link.person for link in page_of(106).authors.all()] == [jordan]
    assert Person.objects.get(name="Ana Reyes").email == "ana@mip.example.org"


def test_attachments_are_library_images_and_documents(imported):
    images = {image.title: image for image in get_image_model().objects.all()}
    assert images["Heat map of the east side"].alt_text == "Map of hottest blocks"
    assert images["Heat map of the east side"].width == 64
    assert "Council chamber" not in images and "Scanned flyer" not in images
    report = CustomDocument.objects.get(title="Renter protections report")
    assert report.file_extension == "pdf"
    assert report.file.read(5) == b"%PDF-"
    assert page_of(101).listing_image == images["Heat map of the east side"]
    assert page_of(102).listing_image == images["Lead line crew"]


def test_a_gutenberg_post_becomes_blocks(imported):
    page = page_of(101)
    assert body_types(page) == [
        "paragraph",
        "heading",
        "paragraph",
        "image",
        "quote",
        "table",
        "video",
        "document",
        "paragraph",
    ]
    blocks = list(page.body)
    assert blocks[1].value["text"] == "Where people actually went"
    links = blocks[2].value.source
    assert f'<a id="{page_of(102).pk}" linktype="page">lead line crews</a>' in links
    guide = CustomDocument.objects.get(title="Water bill assistance guide")
    assert f'<a id="{guide.pk}" linktype="document">water bill guide</a>' in links
    assert "<li>Pets welcome</li>" in links  # the list, in the paragraph's rich text
    image = blocks[3].value
    assert image["image"].title == "Heat map of the east side"
    assert image["image"].contextual_alt_text == "Blocks over 95 degrees in red"
    assert image["caption"] == "Surface temperatures on July 9"
    assert blocks[4].value["attribution"] == "Mayor of a member city"
    assert blocks[5].value["data"][1] == ["Central library", "1,240"]
    assert blocks[5].value["table_caption"] == "Visits, July 4 to 10"
    assert blocks[6].value.embed_url() == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"
    assert blocks[7].value["document"].title == "Renter protections report"
    assert page.search_description == "How one city kept residents cool in a week of heat."
    assert page.summary == "Fourteen cooling centers, and what made people use them."


def test_a_classic_editor_post_becomes_blocks(imported):
    page = page_of(102)
    assert body_types(page) == [
        "paragraph",
        "image",
        "heading",
        "paragraph",
        "quote",
        "paragraph",
        "video",
        "video",
    ]
    blocks = list(page.body)
    assert "pooled their state loans.<br/>" in blocks[0].value.source  # one newline: <br>
    assert blocks[1].value["caption"] == "The playground reopened after the work."
    assert blocks[1].value["image"].contextual_alt_text == "Children on a new slide"
    assert blocks[2].value["level"] == "h3"
    assert "<em>public and private</em>" in blocks[3].value.source
    assert blocks[4].value["text"] == "Every child deserves water we would give our own."
    assert f'<a id="{page_of(101).pk}" linktype="page">' in blocks[5].value.source
    assert (
        '<a href="https://www.epa.gov/ground-water-and-drinking-water">' in blocks[5].value.source
    )
    assert "[contact-form-7 id=&quot;5&quot; title=&quot;Ask us&quot;]" in blocks[5].value.source
    assert blocks[7].value["url"] == "https://vimeo.com/76979871"
    stored = json.dumps(list(page.body.raw_data))
    assert "<script" not in stored and "document.write" not in stored
    assert "tracker.example.com" not in stored


def test_a_gallery_and_columns_become_images_and_text(imported):
    page = page_of(110)
    assert body_types(page) == ["image", "image", "paragraph"]
    first, second, text = page.body
    assert first.value["image"].contextual_alt_text == "Map of hottest blocks"  # the default
    assert second.value["image"].contextual_alt_text == "A shaded play area"
    assert text.value.source == "<p>Shade first, then splash pads.</p>"


def test_every_imported_page_renders(imported):
    client = Client()
    client.force_login(
        get_user_model().objects.create_superuser("importer-admin", "admin@example.org", "pw")
    )
    for record in ImportedItem.objects.filter(kind__in=["post", "page"]):
        page = Page.objects.get(pk=record.object_id)
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
        if page.live:
            assert client.get(page.url).status_code in {200, 302}


def test_a_file_only_a_draft_uses_stays_private_until_it_goes_live(imported):
    chart = get_image_model().objects.get(title="Rent caps chart")
    heat_map = get_image_model().objects.get(title="Heat map of the east side")
    listed = Client().get("/api/v2/images/", {"limit": 100}).json()["items"]
    ids = {item["id"] for item in listed}
    assert heat_map.pk in ids and chart.pk not in ids
    assert Client().get(f"/api/v2/images/{chart.pk}/").status_code == 404
    draft = page_of(103)
    draft.get_latest_revision().publish()
    assert Client().get(f"/api/v2/images/{chart.pk}/").status_code == 200


def test_site_search_finds_imported_posts_but_not_hidden_ones(imported):
    found = Client().get("/search/", {"q": "cooling centers"}).content.decode()
    assert page_of(101).url in found
    for hidden in (103, 104, 105):
        results = Client().get("/search/", {"q": page_of(hidden).title}).content.decode()
        assert page_of(hidden).url not in results


def test_drafts_stay_drafts(imported):
    for wp_id in (103, 107):  # a draft, and one pending review
        page = page_of(wp_id)
        assert not page.live
        assert page.get_latest_revision() is not None
        assert Client().get(page.url).status_code == 404
    assert (
        "<p>Unfinished notes on rent caps.</p>"
        in page_of(103).get_latest_revision_as_object().body[0].value.source
    )


def test_a_scheduled_post_goes_live_at_its_time(imported):
    page = page_of(104)
    go_live_at = datetime.datetime(2031, 5, 1, 12, tzinfo=datetime.UTC)
    assert not page.live
    assert page.status_string == "scheduled"
    assert page.go_live_at == go_live_at
    assert page.get_latest_revision().approved_go_live_at == go_live_at
    assert Client().get(page.url).status_code == 404
    assert Client().get("/?p=104").status_code == 200  # the home page: no hint of it yet
    with clock_at(go_live_at + datetime.timedelta(seconds=1)):
        assert Scheduler().run_due() == 1
        page.refresh_from_db()
        assert page.live
        response = Client().get("/?p=104")  # its old address works the moment it is live
        assert response.status_code == 301 and response["Location"] == page.url


def test_private_and_password_posts_are_closed_to_visitors(imported):
    private, protected = page_of(105), page_of(111)
    restriction = PageViewRestriction.objects.get(page=private)
    assert restriction.restriction_type == PageViewRestriction.LOGIN
    assert PageViewRestriction.objects.get(page=protected).password == "members2024"
    client = Client()
    for page in (private, protected):
        response = client.get(page.url)
        assert b"threat assessment" not in response.content
        assert b"Shared with members only" not in response.content
        listed = client.get("/api/v2/pages/", {"type": "news.NewsArticlePage", "limit": 100})
        assert page.pk not in {item["id"] for item in listed.json()["items"]}
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_pages_keep_their_nesting(imported):
    about, staff, fellows, join = (page_of(wp_id) for wp_id in (201, 202, 203, 204))
    assert all(isinstance(page, StandardPage) for page in (about, staff, fellows, join))
    assert about.get_parent().specific_class.__name__ == "HomePage"
    assert staff.get_parent().pk == about.pk
    assert fellows.get_parent().pk == staff.pk
    assert fellows.url == "/about-the-network/our-staff/fellows/"
    assert about.live and fellows.live and not join.live


def test_a_title_with_markup_is_plain_text_shown_escaped(imported):
    page = page_of(106)
    assert page.title == '<script>alert("title")</script> Housing first, explained'
    html = Client().get(page.url).content.decode()
    assert '<script>alert("title")' not in html
    assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; Housing first" in html


def test_old_addresses_redirect_to_the_new_pages(imported):
    client = Client()
    cases = {
        "/2024/06/cooling-centers-that-work/": page_of(101),
        "/2024/03/replacing-lead-lines-block-by-block/": page_of(102),
        "/?p=101": page_of(101),
        "/?p=125": page_of(125),
        "/?page_id=202": page_of(202),
    }
    for old, page in cases.items():
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == page.url
        assert client.get(response["Location"]).status_code == 200
    # A page that kept its address needs no redirect; one visitors may not see gets none.
    assert client.get("/about-the-network/our-staff/").status_code == 200
    assert not Redirect.objects.filter(old_path="/about-the-network/our-staff").exists()
    for hidden in ("/?p=103", "/?p=104", "/?page_id=204"):
        response = client.get(hidden)
        assert response.status_code == 200  # the home page, not the draft's address
        assert page_of(int(hidden.split("=")[1])).url not in response.content.decode()


def test_importing_again_changes_nothing(imported):
    models = [Page, Revision, Redirect, Topic, Person, CustomDocument, get_image_model()]
    before = {model: model.objects.count() for model in models}
    saved = []

    def record(sender, instance, **kwargs):
        saved.append(instance)

    post_save.connect(record, weak=False)
    try:
        out = StringIO()
        call_command(
            "import_wordpress",
            str(imported["export"]),
            uploads=str(imported["uploads"]),
            stdout=out,
        )
    finally:
        post_save.disconnect(record)
    assert saved == []  # not one row written, so the site version does not move either
    assert {model: model.objects.count() for model in models} == before
    assert summary_row(out.getvalue(), "post") == [0, 0, len(POSTS) - 1, 1]
    assert summary_row(out.getvalue(), "redirect")[:2] == [0, 0]


def test_a_changed_post_is_updated_as_a_new_revision(imported, tmp_path):
    changed = [
        post if post.wp_id != 101 else type(post)(**{**post.__dict__, "title": "Cooling centers"})
        for post in POSTS
    ]
    export = write_export(tmp_path, posts=changed)
    out = StringIO()
    call_command("import_wordpress", str(export), uploads=str(imported["uploads"]), stdout=out)
    assert summary_row(out.getvalue(), "post")[:3] == [0, 1, len(POSTS) - 2]
    page = page_of(101)
    assert page.title == "Cooling centers" and page.live
    assert page.revisions.count() == 2
