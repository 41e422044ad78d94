"""Media in S3-compatible object storage (MEDIA_STORAGE=s3), shared by every app server.

Images and their renditions are public files: pages and the API link to them directly
(or through MEDIA_S3_CUSTOM_DOMAIN, a CDN in front of the bucket). Documents are not:
they are uploaded private, and visitors only ever get them through the document view
(/documents/<id>/<filename>, WAGTAILDOCS_SERVE_METHOD = "serve_view"), which applies
collection privacy and then streams the file from the bucket. A document's bucket URL
is never shown to anyone, and would answer 403 if guessed.

With MEDIA_S3_ACLS=false (buckets with ACLs disabled, "bucket owner enforced") no ACL is
sent; the bucket policy must then allow public reads of `original_images/*` and
`images/*` only (docs/deployment.md).
"""

from django.core.exceptions import ImproperlyConfigured
from storages.backends.s3 import S3Storage

# Key prefixes of files visitors may fetch straight from the bucket: Wagtail's image
# uploads and renditions.
PUBLIC_PREFIXES = ("original_images/", "images/")


class MediaStorage(S3Storage):
    """django-storages' S3 backend: images public-read, everything else private."""

    def __init__(self, object_acls=True, **settings):
        self.object_acls = object_acls
        super().__init__(**settings)

    def get_object_parameters(self, name):
        """Upload parameters per file: a public ACL for images only."""
        parameters = super().get_object_parameters(name)
        if self.object_acls:
            public = name.startswith(PUBLIC_PREFIXES)
            parameters["ACL"] = "public-read" if public else "private"
        return parameters


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
        # Plain, unsigned URLs: image URLs go into cached pages and API responses, so they
        # must not expire. Private files are never linked (see the module docstring).
        "querystring_auth": False,
        # Two uploads with the same name get two files (as on disk), never one overwritten.
        "file_overwrite": False,
        "default_acl": None,
    }
    return {"BACKEND": "mipcms.storage.MediaStorage", "OPTIONS": options}
