"""Backups copy media from and to an S3 bucket as well as a folder on disk."""

import uuid

import pytest
from django.core.files.base import ContentFile
from django.utils.module_loading import import_string

from mipcms.backup import BackupError, copy_media_in, copy_media_out
from mipcms.storage import s3_storage_settings

FILES = {
    "original_images/river.jpg": b"jpeg bytes",
    "images/river.fill-640x360.jpg": b"rendition bytes",
    "documents/board-minutes.pdf": b"%PDF-1.4 minutes",
}


def bucket_storage(s3_bucket, name):
    """A MediaStorage on a new bucket of the emulator, as MEDIA_STORAGE=s3 builds it."""
    client, _, environ = s3_bucket
    client.create_bucket(Bucket=name)
    config = s3_storage_settings({**environ, "MEDIA_S3_BUCKET": name})
    return import_string(config["BACKEND"])(**config["OPTIONS"])


def public(client, bucket, key):
    grants = client.get_object_acl(Bucket=bucket, Key=key)["Grants"]
    return any("AllUsers" in grant["Grantee"].get("URI", "") for grant in grants)


def test_media_go_from_a_bucket_to_a_folder_and_into_another_bucket(s3_bucket, tmp_path):
    client = s3_bucket[0]
    production = bucket_storage(s3_bucket, f"mipcms-test-{uuid.uuid4().hex[:12]}")
    for name, data in FILES.items():
        production.save(name, ContentFile(data))

    assert copy_media_out(production, tmp_path) == (3, sum(map(len, FILES.values())))
    assert {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*.*")} == (
        FILES
    )

    copy_bucket = f"mipcms-test-{uuid.uuid4().hex[:12]}"
    copy = bucket_storage(s3_bucket, copy_bucket)
    assert copy_media_in(tmp_path, copy) == 3
    for name, data in FILES.items():
        assert copy.open(name).read() == data
    # Restored private, images too: which images visitors may see is the database's to say,
    # and `manage.py sync_image_files` opens those (tests/mipcms/test_s3_image_access.py).
    assert not public(client, copy_bucket, "images/river.fill-640x360.jpg")
    assert not public(client, copy_bucket, "original_images/river.jpg")
    assert not public(client, copy_bucket, "documents/board-minutes.pdf")
    assert public(client, production.bucket_name, "images/river.fill-640x360.jpg"), "uploads"

    # Names must come back exactly (the database refers to them): no silent renames.
    with pytest.raises(BackupError, match="exists already"):
        copy_media_in(tmp_path, copy)
    assert copy_media_in(tmp_path, copy, replace=True) == 3
