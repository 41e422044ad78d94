"""`manage.py sync_image_files`: every image's files public or private, as its visibility says."""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from wagtail.images import get_image_model

from home.image_access import access_storage, sync

CHUNK = 500  # images per query and per update


class Command(BaseCommand):
    """Sets the files of every image afresh (docs/deployment.md, Media on disk or in S3).

    For when the bucket may not match: after switching to S3 with ACLs, after a restore,
    or after the store was away while a change was synced (the log says which images).
    """

    help = (
        "Make the original and renditions of every image private in the media store if "
        "visitors may not see the image (private collection, or used only by pages that are "
        "not live and public), public otherwise. Needs MEDIA_STORAGE=s3 with object ACLs."
    )

    def handle(self, *args, **options):
        if access_storage() is None:
            raise CommandError(
                "The media storage cannot make single files private (it needs "
                "MEDIA_STORAGE=s3 with MEDIA_S3_ACLS=true): image files are all public."
            )
        ids = list(get_image_model().objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK):
            sync(Q(pk__in=ids[start : start + CHUNK]), force=True)
        private = get_image_model().objects.filter(files_private=True).count()
        self.stdout.write(f"Set the files of {len(ids)} image(s); {private} private.")
