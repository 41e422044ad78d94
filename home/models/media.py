"""Custom image and document models: the site's media library."""

import logging

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL.Image import DecompressionBombError
from wagtail.api import APIField
from wagtail.documents.models import AbstractDocument, Document
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    ImageQuerySet,
    SourceImageIOError,
    WagtailImageField,
    WagtailImageFieldFile,
    get_upload_to,
)

from home import image_access
from home.api_fields import Represented
from home.privacy import collection_restricted
from home.renditions import image_filter, specs
from home.representations import asked_renditions, image_representation

logger = logging.getLogger(__name__)


class CustomImageQuerySet(ImageQuerySet):
    """Images as pages show them: with their renditions and whether visitors may see them."""

    def for_display(self, *sizes, api=False, social=False):
        """Images carrying the renditions of these named sizes (home/renditions.py), and an
        `is_restricted` flag, so showing or hiding each costs no further query."""
        # The API's sizes: those the answer being made asks for (?renditions=; all outside one).
        api_specs = asked_renditions().values() if api else ()
        return self.prefetch_renditions(*specs(*sizes, api=api_specs, social=social)).annotate(
            is_restricted=collection_restricted()
        )


class ImageFieldFile(WagtailImageFieldFile):
    """An image's original file, at a signed, short-lived address while the image is hidden."""

    @property
    def url(self):
        if self.instance.files_private:
            return image_access.signed_url(self) or super().url
        return super().url


class ImageFileField(WagtailImageField):
    """Wagtail's image file field, whose address follows the image's visibility."""

    attr_class = ImageFieldFile


class CustomImage(AbstractImage):
    """An image in the media library, with default alt text and a photo credit."""

    file = ImageFileField(
        verbose_name=_("file"),
        upload_to=get_upload_to,
        width_field="width",
        height_field="height",
    )

    alt_text = models.CharField(
        max_length=255,
        blank=True,
        help_text=(
            "Describe the image for people who cannot see it. Used wherever the image appears "
            "unless a block gives its own alt text."
        ),
    )
    credit = models.CharField(
        max_length=255, blank=True, help_text="Photographer or source, shown with the image."
    )
    # Kept in step with home.privacy by home/image_access.py (its docstring says why stored).
    files_private = models.BooleanField(
        default=False,
        editable=False,
        help_text="Whether the image's files are private in the media store (hidden image).",
    )

    admin_form_fields = (*Image.admin_form_fields, "alt_text", "credit")

    objects = CustomImageQuerySet.as_manager()

    # The images endpoint shows the same shape as an image inside a page.
    api_fields = [
        APIField("alt", serializer=Represented(lambda image: image.default_alt_text, source="*")),
        APIField("credit"),
        APIField(
            "renditions",
            serializer=Represented(
                lambda image: image_representation(image)["renditions"], source="*"
            ),
        ),
    ]

    class Meta(AbstractImage.Meta):
        verbose_name = "image"
        permissions = [("choose_image", "Can choose image")]

    @property
    def default_alt_text(self):
        """Alt text for the image when a block or page gives none."""
        return self.alt_text or super().default_alt_text

    def save(self, *args, **kwargs):
        """Save; a new file of an image visitors may not see is uploaded private.

        The files' state is home/image_access.py's to write: a save never puts back the value
        this instance was loaded with, since a sync may have changed it since.
        """
        if not self.file or self.file._committed:
            image_access.stored_private(self)
            return super().save(*args, **kwargs)
        self.files_private = image_access.hidden_now(self)
        with image_access.private_uploads(self.files_private):
            return super().save(*args, **kwargs)

    def get_rendition(self, filter):
        """Wagtail's, without its cache write for a rendition that came from the cache or
        with the image.

        Wagtail writes every rendition it hands out to the cache, even one found among the
        renditions prefetched with the image or just read from the cache: a round trip to
        Redis for each picture. Only renditions it had to look up or make are written.
        """
        if isinstance(filter, str):
            filter = image_filter(filter)
        filter = self.clean_filter_for_svg(filter)
        found = self.find_existing_renditions(filter).get(filter)
        if found is None:
            return super().get_rendition(filter)  # made, and written to the cache
        if not getattr(found, "_from_cache", False):  # read from the database
            rendition_model = self.get_rendition_model()
            key = rendition_model.construct_cache_key(self, filter.get_cache_key(self), filter.spec)
            rendition_model.cache_backend.set(key, found)
        return found

    def find_existing_renditions(self, *filters):
        """Wagtail's, with the renditions read from the cache marked as such, so that
        get_renditions() does not write them back."""
        if not filters or self._get_prefetched_renditions() is not None:
            return super().find_existing_renditions(*filters)
        rendition_model = self.get_rendition_model()
        keys = {
            rendition_model.construct_cache_key(self, f.get_cache_key(self), f.spec): f
            for f in filters
        }
        found = {}
        for key, rendition in rendition_model.cache_backend.get_many(list(keys)).items():
            rendition.image = self  # as Wagtail does: this instance's alt text and so on
            rendition._from_cache = True
            found[keys[key]] = rendition
        missing = [f for f in filters if f not in found]
        if missing:  # Wagtail's own lookup: the cache again (a miss), then the database
            found.update(super().find_existing_renditions(*missing))
        return found

    def create_rendition(self, filter):
        """Wagtail's; the file of a hidden image's rendition is private from its upload."""
        with image_access.private_uploads(image_access.stored_private(self)):
            return super().create_rendition(filter)

    def create_renditions(self, *filters):
        """Wagtail's; the files of a hidden image's renditions are private from their upload."""
        if not filters:  # Wagtail asks even when every rendition was found
            return {}
        with image_access.private_uploads(image_access.stored_private(self)):
            return super().create_renditions(*filters)

    def generate_rendition_file(self, filter, *, source=None):
        """Wagtail's, but an original that is too big or broken to decode fails cleanly.

        Such a file predates the upload checks (home/image_uploads.py). Its renditions raise
        SourceImageIOError, which Wagtail's template tags, image views and API fields (and
        ours) answer with a missing image instead of a 500; one too big is never decoded.
        """
        limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
        if limit and self.width * self.height > limit:
            logger.warning("Image %s has too many pixels to resize: %s", self.pk, self.file.name)
            raise SourceImageIOError(f"{self.width}x{self.height} pixels is over the limit.")
        try:
            return super().generate_rendition_file(filter, source=source)
        except SourceImageIOError:
            raise
        except (OSError, SyntaxError, ValueError, EOFError, DecompressionBombError) as problem:
            logger.warning(
                "Image %s could not be decoded (%s): %s", self.pk, problem, self.file.name
            )
            raise SourceImageIOError(f"The original cannot be decoded: {problem}") from problem


class CustomRendition(AbstractRendition):
    """A resized version of a CustomImage."""

    image = models.ForeignKey(CustomImage, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)

    @property
    def url(self):
        """The file's address: signed and short-lived while the image is hidden (staff only)."""
        if self.image.files_private:
            return image_access.signed_url(self.file) or self.file.url
        return self.file.url


class CustomDocument(AbstractDocument):
    """A downloadable file (report PDF, toolkit) in the document library."""

    description = models.TextField(
        blank=True, help_text="One or two sentences on what the reader will find in the file."
    )

    admin_form_fields = (*Document.admin_form_fields, "description")

    api_fields = [APIField("description"), APIField("file_type"), APIField("file_size")]

    class Meta(AbstractDocument.Meta):
        verbose_name = "document"
        permissions = [("choose_document", "Can choose document")]

    @property
    def file_type(self):
        """The file's extension in capitals, for "PDF, 1.2 MB" style labels."""
        return self.file_extension.upper()
