"""MEDIA_STORAGE=s3 with object ACLs: an image visitors may not see has private files.

Promise 7 for images: the original and every rendition of an image used only by pages that
are not live and public (an embargoed report's picture), or kept in a private collection,
answer 403 at their bucket address until the image may be seen; then 200, at once, whoever
publishes (an editor, the scheduler). Staff still see such images in the admin, through
short-lived signed addresses. Against moto's S3 server (tests/mipcms/conftest.py), over HTTP.
"""

import datetime
import io
import re
from html import unescape
from unittest import mock
from urllib.parse import urlsplit

import pytest
from botocore.exceptions import EndpointConnectionError
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from mipcms.scheduler import Scheduler
from mipcms.storage import MediaStorage
from research.models import ResearchIndexPage, ResearchReportPage
from tests.api.v3.clients import APIClient, create_token
from tests.clock import clock_at
from tests.factories import stream
from tests.home.factories import ImageFactory
from tests.mipcms.test_s3_media import anonymous_get
from tests.research.factories import ResearchReportPageFactory

pytestmark = pytest.mark.django_db

FORBIDDEN, OK = 403, 200


@pytest.fixture
def bucket_url(s3_media, s3_server):
    """The plain, unsigned bucket address of a stored file, as a visitor would try it."""
    _, bucket = s3_media
    return lambda name: f"{s3_server}/{bucket}/{name}"


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the enclosed code as a request would: what waits for the commit runs at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def statuses(bucket_url):
    """Anonymous statuses of the original and of each rendition of the image, in that order."""

    def statuses(image):
        names = [image.file.name, *image.renditions.order_by("pk").values_list("file", flat=True)]
        return [anonymous_get(bucket_url(name))[0] for name in names]

    return statuses


def report_using(image, use, **kwargs):
    """A research report that shows the image in its body or as its listing image; a draft."""
    research = ResearchIndexPage.objects.get()
    if use == "body":
        picture = {"image": image.pk, "alt_text": "Pipes", "decorative": False}
        kwargs["body"] = stream(("image", {"image": picture, "caption": ""}))
    else:
        kwargs["listing_image"] = image
    return ResearchReportPageFactory(parent=research, publish=False, **kwargs)


def private_collection(name="Embargoed photos"):
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(collection=collection, restriction_type="login")
    return collection


@pytest.mark.parametrize("use", ["body", "listing"])
def test_an_embargoed_images_files_open_when_its_report_is_published(
    s3_media, statuses, commit, use
):
    image = ImageFactory(title="New pumping station")
    image.get_rendition("width-200")
    assert statuses(image) == [OK, OK], "a library image no page uses is public, as before"

    with commit():
        report = report_using(image, use)
    assert statuses(image) == [FORBIDDEN, FORBIDDEN]
    # A rendition made while the image is hidden is private from its upload (no commit here:
    # nothing fixes it afterwards).
    image.get_rendition("width-300")
    assert statuses(image) == [FORBIDDEN] * 3

    with commit():
        report.save_revision().publish()
    assert statuses(image) == [OK] * 3

    report.refresh_from_db()
    with commit():
        report.unpublish()
    assert statuses(image) == [FORBIDDEN] * 3

    with commit():
        report.delete()
    assert statuses(image) == [OK] * 3, "no page uses it any more: a library image again"


def test_publishing_through_the_v3_api_opens_the_image(s3_media, statuses, commit, admin_user):
    image = ImageFactory()
    with commit():
        report = report_using(image, "listing")
    assert statuses(image) == [FORBIDDEN]

    with commit():
        response = APIClient(create_token(admin_user)).post(f"pages/{report.pk}/actions/publish/")
    assert response.status_code == 200, response.content
    assert set(statuses(image)) == {OK}, "the original, and the renditions the answer made"


def test_the_v3_api_gives_an_embargoed_image_to_staff_only(
    s3_media, bucket_url, commit, admin_user, client
):
    """Anonymous v3 reads apply the embargo as v2 does; staff get a signed download URL."""
    image = ImageFactory()
    with commit():
        report_using(image, "listing")
    assert client.get(f"/api/v3/images/{image.pk}/").status_code == 404
    listed = client.get("/api/v3/images/?limit=100").json()["items"]
    assert image.pk not in {item["id"] for item in listed}

    staff = APIClient(create_token(admin_user)).get(f"images/{image.pk}/")
    assert staff.status_code == 200
    download = staff.json()["meta"]["download_url"]
    assert urlsplit(download).query, "signed"
    assert anonymous_get(download)[0] == OK
    assert anonymous_get(bucket_url(image.file.name))[0] == FORBIDDEN


def test_a_scheduled_reports_image_opens_when_the_scheduler_publishes_it(
    s3_media, statuses, commit
):
    image = ImageFactory()
    image.get_rendition("width-200")
    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    with commit():
        report = report_using(image, "listing")
        report.go_live_at = go_live_at
        report.save_revision().publish()  # with a go-live time ahead, publishing schedules it
    report.refresh_from_db()
    assert not report.live
    assert statuses(image) == [FORBIDDEN, FORBIDDEN]

    with clock_at(go_live_at + datetime.timedelta(seconds=1)), commit():
        assert Scheduler().run_due() == 1
    assert statuses(image) == [OK, OK]

    report.refresh_from_db()
    report.expire_at = go_live_at + datetime.timedelta(hours=1)
    with clock_at(go_live_at + datetime.timedelta(seconds=2)), commit():
        report.save_revision().publish()
    assert statuses(image) == [OK, OK]
    with clock_at(report.expire_at + datetime.timedelta(seconds=1)), commit():
        assert Scheduler().run_due() == 1
    assert statuses(image) == [FORBIDDEN, FORBIDDEN], "expired and unpublished by the scheduler"


def test_images_in_private_collections_have_private_files(s3_media, statuses, commit):
    with commit():
        uploaded_private = ImageFactory(collection=private_collection("Board photos"))
    assert statuses(uploaded_private) == [FORBIDDEN], "private from its upload"

    image = ImageFactory()
    image.get_rendition("width-200")
    embargoed = private_collection()
    with commit():
        image.collection = embargoed
        image.save()
    assert statuses(image) == [FORBIDDEN, FORBIDDEN]

    with commit():
        embargoed.view_restrictions.all().delete()
    assert statuses(image) == [OK, OK], "the collection is public now"

    with commit():
        CollectionViewRestriction.objects.create(collection=embargoed, restriction_type="login")
    assert statuses(image) == [FORBIDDEN, FORBIDDEN]

    with commit():
        image.collection = Collection.get_first_root_node()
        image.save()
    assert statuses(image) == [OK, OK]

    # A collection moved under a private one is private with all it holds.
    archive = Collection.get_first_root_node().add_child(name="Archive")
    with commit():
        image.collection = archive
        image.save()
    assert statuses(image) == [OK, OK]
    with commit():
        archive.move(embargoed, "sorted-child")
    assert statuses(image) == [FORBIDDEN, FORBIDDEN]


def test_a_reports_image_closes_with_a_view_restriction_on_its_section(s3_media, statuses, commit):
    """A page behind a password or a login is not public: its images are embargoed."""
    image = ImageFactory()
    with commit():
        report_using(image, "body").save_revision().publish()
    image.get_rendition("width-200")
    assert statuses(image) == [OK, OK]

    research = ResearchIndexPage.objects.get()
    with commit():
        restriction = PageViewRestriction.objects.create(
            page=research, restriction_type="password", password="members-only"
        )
    assert statuses(image) == [FORBIDDEN, FORBIDDEN]

    with commit():
        restriction.delete()
    assert statuses(image) == [OK, OK]


def image_sources(html, image):
    """Addresses of the image's renditions in an admin page."""
    names = set(image.renditions.values_list("file", flat=True))
    sources = [unescape(src) for src in re.findall(r'<img[^>]+src="([^"]+)"', html)]
    return [src for src in sources if urlsplit(src).path.split("/", 2)[2] in names]


def test_staff_see_hidden_images_in_the_admin_through_signed_addresses(
    s3_media, bucket_url, commit, admin_client
):
    public, hidden = ImageFactory(title="Public pier"), ImageFactory(title="Secret pier")
    with commit():
        report_using(hidden, "listing")

    html = admin_client.get("/admin/images/").content.decode()
    (listed,) = image_sources(html, hidden)
    assert urlsplit(listed).query, "signed"
    assert anonymous_get(listed)[0] == OK
    rendition_key = urlsplit(listed).path.split("/", 2)[2]
    assert anonymous_get(bucket_url(rendition_key))[0] == FORBIDDEN, "the plain address is not"

    (shown,) = image_sources(html, public)
    assert not urlsplit(shown).query, "a public image's address stays plain (CDNs cache it)"
    assert anonymous_get(shown)[0] == OK

    edit = admin_client.get(f"/admin/images/{hidden.pk}/").content.decode()
    previews = image_sources(edit, hidden)
    assert previews
    assert all(anonymous_get(src)[0] == OK for src in previews)
    hidden.refresh_from_db()
    assert anonymous_get(hidden.file.url)[0] == OK, "the original, for staff tools (v3 API)"
    assert anonymous_get(bucket_url(hidden.file.name))[0] == FORBIDDEN


def test_sync_image_files_sets_every_images_files_afresh(
    s3_media, statuses, commit, bucket_url, settings
):
    """After switching to S3 with ACLs, or a restore: the bucket is made to match."""
    client, bucket = s3_media
    hidden, shown = ImageFactory(), ImageFactory()
    with commit():
        report_using(hidden, "body")
    shown.get_rendition("width-200")
    # As a bucket filled before this rule, or by hand: the wrong way round.
    client.put_object_acl(Bucket=bucket, Key=hidden.file.name, ACL="public-read")
    client.put_object_acl(Bucket=bucket, Key=shown.renditions.get().file.name, ACL="private")
    assert statuses(hidden) == [OK]
    assert statuses(shown) == [OK, FORBIDDEN]

    out = io.StringIO()
    call_command("sync_image_files", stdout=out)
    assert statuses(hidden) == [FORBIDDEN]
    assert statuses(shown) == [OK, OK]
    assert "2 image(s); 1 private" in out.getvalue()

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    with pytest.raises(CommandError, match="MEDIA_S3_ACLS=true"):
        call_command("sync_image_files")


def test_a_store_away_during_a_sync_fails_no_publish_and_is_caught_up(
    s3_media, statuses, commit, caplog
):
    """The publish stands; the files change at the image's next sync once the store is back."""
    image = ImageFactory()
    with commit():
        report = report_using(image, "listing")
    away = EndpointConnectionError(endpoint_url="http://bucket.invalid")
    with mock.patch.object(MediaStorage, "set_public", side_effect=away), commit():
        report.save_revision().publish()
    assert ResearchReportPage.objects.get(pk=report.pk).live
    assert statuses(image) == [FORBIDDEN], "still private: fails closed"
    assert "Could not make image files public" in caplog.text

    with commit():
        image.refresh_from_db()
        image.save()  # any later change that touches the image
    assert statuses(image) == [OK]
