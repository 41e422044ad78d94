"""Media in S3-compatible object storage (MEDIA_STORAGE=s3), shared by every app server.

Images and their renditions are public files: pages and the API link to them directly
(or through MEDIA_S3_CUSTOM_DOMAIN, a CDN in front of the bucket), with plain addresses that
never expire. Not those of an image visitors may not see (in a private collection, or
embargoed: used only by pages that are not live and public): home/image_access.py keeps
their ACL private, uploads them private while the image is hidden (`private_uploads`), and
gives staff short-lived signed addresses for them (`signed_url`). Documents are not public:
they are uploaded private, and visitors only ever get them through the document view
(/documents/<id>/<filename>, WAGTAILDOCS_SERVE_METHOD = "serve_view"), which applies
collection privacy and then streams the file from the bucket. A document's bucket URL
is never shown to anyone, and would answer 403 if guessed.

With MEDIA_S3_ACLS=false (buckets with ACLs disabled, "bucket owner enforced") no ACL is
sent; the bucket policy must then allow public reads of `original_images/*` and
`images/*` only (docs/deployment.md), and every image file is public, hidden images' too:
per-file permissions are what keeps a hidden image's files private, and they are ACLs.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from botocore.config import Config
from botocore.exceptions import ClientError
from django.core.exceptions import ImproperlyConfigured
from storages.backends.s3 import S3Storage
from storages.utils import clean_name

logger = logging.getLogger(__name__)

# Key prefixes of files visitors may fetch straight from the bucket: Wagtail's image
# uploads and renditions.
PUBLIC_PREFIXES = ("original_images/", "images/")

# Set while the files of a hidden image are uploaded, so they are never public, not even
# for the moment between the upload and an ACL change.
_private_uploads = ContextVar("private_uploads", default=False)


@contextmanager
def private_uploads(private=True):
    """Images' files uploaded in this block are private (when `private`): a hidden image's."""
    token = _private_uploads.set(private)
    try:
        yield
    finally:
        _private_uploads.reset(token)


class MediaStorage(S3Storage):
    """django-storages' S3 backend: images public-read (unless hidden), everything else private."""

    def __init__(self, object_acls=True, timeout=None, **settings):
        self.object_acls = object_acls
        super().__init__(**settings)
        if timeout:
            # botocore waits 60 s to connect and per read, and retries: a store that hangs
            # would hold a publish (the image files' sync) or /health/ready for minutes.
            self.client_config = self.client_config.merge(
                Config(
                    connect_timeout=timeout,
                    read_timeout=timeout,
                    retries={"max_attempts": 2, "mode": "standard"},
                )
            )

    def get_object_parameters(self, name):
        """Upload parameters per file: a public ACL for images only, and not for hidden ones."""
        parameters = super().get_object_parameters(name)
        if self.object_acls:
            public = name.startswith(PUBLIC_PREFIXES) and not _private_uploads.get()
            parameters["ACL"] = "public-read" if public else "private"
        return parameters

    private_uploads = staticmethod(private_uploads)

    @property
    def controls_access(self):
        """Whether single files can be made private (object ACLs), so hidden images can be."""
        return self.object_acls

    def set_public(self, names, public):
        """Make these stored images' files public-read, or private; one request each.

        S3 has no bulk ACL call. A file already gone (deleted with its rendition) is skipped.
        """
        client = self.connection.meta.client
        acl = "public-read" if public else "private"
        for name in names:
            key = self._normalize_name(clean_name(name))
            try:
                client.put_object_acl(Bucket=self.bucket_name, Key=key, ACL=acl)
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") not in {"NoSuchKey", "404"}:
                    raise
                logger.warning("No file %s in the bucket to make %s", key, acl)

    def signed_url(self, name):
        """A short-lived signed address of a private file, for staff (the admin, the v3 API).

        Straight from the bucket's endpoint: a CDN domain in front of the bucket cannot check
        an S3 signature. Lives `querystring_expire` seconds.
        """
        return self.connection.meta.client.generate_presigned_url(
            "get_object",
            Params={"Bucket": self.bucket_name, "Key": self._normalize_name(clean_name(name))},
            ExpiresIn=self.querystring_expire,
        )


def s3_storage_settings(environ):
    """The STORAGES["default"] entry for MEDIA_STORAGE=s3, from environment variables."""
    bucket = environ.get("MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs MEDIA_S3_BUCKET (docs/deployment.md).")
    options = {
        "bucket_name": bucket,
        "region_name": environ.get("MEDIA_S3_REGION") or None,
        "endpoint_url": environ.get("MEDIA_S3_ENDPOINT_URL") or None,
        "access_key": environ.get("MEDIA_S3_ACCESS_KEY_ID") or None,
        "secret_key": environ.get("MEDIA_S3_SECRET_ACCESS_KEY") or None,
        "custom_domain": environ.get("MEDIA_S3_CUSTOM_DOMAIN") or None,
        "addressing_style": environ.get("MEDIA_S3_ADDRESSING_STYLE") or None,
        "object_acls": environ.get("MEDIA_S3_ACLS", "true").strip().lower() in {"1", "true"},
        "timeout": float(environ.get("MEDIA_S3_TIMEOUT_SECONDS") or 5),
        # Plain, unsigned URLs: image URLs go into cached pages and API responses, so they
        # must not expire. Private files are never linked to visitors (module docstring);
        # staff get signed addresses of hidden images' files (signed_url), short-lived.
        "querystring_auth": False,
        "querystring_expire": 900,
        # Two uploads with the same name get two files (as on disk), never one overwritten.
        "file_overwrite": False,
        "default_acl": None,
    }
    return {"BACKEND": "mipcms.storage.MediaStorage", "OPTIONS": options}
