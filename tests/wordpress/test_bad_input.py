"""Bad and hostile exports: a clear error, and nothing written, not even half-way."""

import os
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import Page

from home.models import CustomDocument, Person, Topic
from tests.wordpress.export import (
    ATTACHMENTS,
    PAGES,
    POSTS,
    Attachment,
    write_export,
    write_uploads,
)
from wordpress.importer import Importer
from wordpress.models import ImportedItem

pytestmark = pytest.mark.django_db

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&lol9;</title>
<wp:wxr_version>1.2</wp:wxr_version></channel></rss>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&secret;</title>
<wp:wxr_version>1.2</wp:wxr_version></channel></rss>"""


def everything():
    """How many rows of each kind the import writes: all must stay as they were."""
    models = [Page, Topic, Person, CustomDocument, Redirect, ImportedItem, get_image_model()]
    return {model.__name__: model.objects.count() for model in models}


def media_files():
    return sorted(
        os.path.join(root, name)
        for root, _, names in os.walk(settings.MEDIA_ROOT)
        for name in names
    )


def refused(path, *args, **options):
    before, files = everything(), media_files()
    with pytest.raises(CommandError) as error:
        call_command("import_wordpress", str(path), *args, stdout=StringIO(), **options)
    assert everything() == before
    assert media_files() == files
    return str(error.value)


def test_malformed_xml(tmp_path):
    path = write_export(tmp_path)
    path.write_text(path.read_text()[:-400])  # cut off mid-item, as a failed download is
    message = refused(path)
    assert "is not well-formed XML" in message and "Nothing was imported" in message


def test_an_xml_bomb_is_refused_before_it_expands(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text(BILLION_LAUGHS)
    assert "declares a DTD or entities" in refused(path)


def test_an_external_entity_is_never_read(tmp_path):
    path = tmp_path / "xxe.xml"
    path.write_text(EXTERNAL_ENTITY)
    message = refused(path)
    assert "refused as unsafe" in message and "root:" not in message


def test_a_2_gb_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.xml"
    with open(path, "wb") as handle:
        handle.truncate(2 * 1024**3)  # sparse: takes no disk space
    message = refused(path)
    assert "over the limit of 200,000,000 bytes" in message
    assert "Split the export by date" in message


def test_the_size_limit_can_be_set(tmp_path):
    path = write_export(tmp_path)
    assert "over the limit of 1,000 bytes" in refused(path, max_bytes=1000)


def test_a_file_that_is_not_a_wordpress_export(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text('<?xml version="1.0"?><rss><channel><title>A feed</title></channel></rss>')
    assert "is not a WordPress export: it has no wp: elements" in refused(path)
    path.write_text('<?xml version="1.0"?><html><body/></html>')
    assert "it has no RSS <channel>" in refused(path)


def test_a_missing_file_or_uploads_folder(tmp_path):
    assert "Cannot read" in refused(tmp_path / "nowhere.xml")
    path = write_export(tmp_path)
    assert "is not a folder" in refused(path, uploads=str(tmp_path / "no-uploads"))


def test_an_error_half_way_undoes_everything(tmp_path, monkeypatch):
    def broken(self, item, page):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Importer, "keep_addresses", broken)
    path, uploads = write_export(tmp_path), write_uploads(tmp_path)
    message = refused(path, uploads=str(uploads))  # pages, images and files made first
    assert "was undone; nothing was imported: RuntimeError: the database went away" in message


def test_a_dry_run_writes_nothing(tmp_path):
    path, uploads = write_export(tmp_path), write_uploads(tmp_path)
    before, files = everything(), media_files()
    out = StringIO()
    call_command("import_wordpress", str(path), uploads=str(uploads), dry_run=True, stdout=out)
    assert everything() == before
    assert media_files() == files
    output = out.getvalue()
    assert output.startswith("Dry run: this is what the import would do. Nothing was written.")
    post_row = next(line for line in output.splitlines() if line.startswith("post "))
    assert post_row.split()[1:] == [str(len(POSTS) - 1), "0", "0", "1"]


def test_an_attachment_pointing_outside_the_uploads_folder_is_skipped(tmp_path):
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 not for you")
    sneaky = Attachment(950, "Sneaky", "../secret.pdf")
    path = write_export(tmp_path, attachments=[sneaky], posts=[], pages=[])
    uploads = write_uploads(tmp_path, attachments=[])
    uploads.mkdir(exist_ok=True)
    out = StringIO()
    call_command("import_wordpress", str(path), uploads=str(uploads), stdout=out)
    assert "skipped  document 950 'Sneaky': address points outside the uploads folder" in (
        out.getvalue()
    )
    assert not CustomDocument.objects.filter(title="Sneaky").exists()


def test_without_an_uploads_folder_media_are_skipped_and_posts_imported(tmp_path):
    path = write_export(tmp_path, posts=POSTS[:2], pages=PAGES[:1])
    out = StringIO()
    call_command("import_wordpress", str(path), stdout=out)
    assert out.getvalue().count("no --uploads folder was given") == len(ATTACHMENTS) - 1
    assert "image not imported, left out" in out.getvalue()
    assert ImportedItem.objects.filter(kind="post").count() == 2


def test_a_wxr_1_1_export_imports_too(tmp_path):
    path = write_export(tmp_path, version="1.1", posts=POSTS[:2], pages=[])
    out = StringIO()
    call_command("import_wordpress", str(path), dry_run=False, stdout=out)
    titles = set(
        Page.objects.filter(title__in=[p.title for p in POSTS[:2]]).values_list("title", flat=True)
    )
    assert titles == {POSTS[0].title, POSTS[1].title}
