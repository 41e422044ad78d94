"""Chooser blocks that fetch what they render in one query per StreamField, not one per block."""

import copy

from django.db.models import Prefetch
from wagtail.blocks import PageChooserBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from home.privacy import collection_restricted, page_restricted

# Rendition sizes used by images inside StreamField; fetched in bulk with the images.
BODY_IMAGE_RENDITIONS = ("width-800", "width-1600")
TESTIMONIAL_PHOTO_RENDITIONS = ("fill-160x160",)


class BulkChooserMixin:
    """Load the chosen objects of many blocks from one queryset (see get_bulk_queryset)."""

    def get_bulk_queryset(self):
        """The queryset chosen objects are loaded from, with what rendering them needs."""
        return self.model_class.objects.all()

    def bulk_to_python(self, values):
        objects = self.get_bulk_queryset().in_bulk([v for v in values if v is not None])
        seen, result = set(), []
        for pk in values:
            obj = objects.get(pk)
            if obj is not None and pk in seen:
                obj = copy.copy(obj)
            result.append(obj)
            seen.add(pk)
        return result


class RenditionImageChooserBlock(BulkChooserMixin, ImageChooserBlock):
    """An image chooser whose images arrive with their body renditions prefetched."""

    def get_bulk_queryset(self):
        return self.model_class.objects.prefetch_renditions(*BODY_IMAGE_RENDITIONS)


class AccessibleImageBlock(ImageBlock):
    """Wagtail's image-with-alt-text block, loading images and renditions in bulk."""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        chooser = RenditionImageChooserBlock(required=required)
        chooser.set_name("image")
        self.child_blocks["image"] = chooser


class TestimonialChooserBlock(BulkChooserMixin, SnippetChooserBlock):
    """Choose a mayor's testimonial; photos and cities arrive with it."""

    def __init__(self, **kwargs):
        super().__init__("home.Testimonial", **kwargs)

    def get_bulk_queryset(self):
        from home.models import CustomImage

        photos = CustomImage.objects.prefetch_renditions(*TESTIMONIAL_PHOTO_RENDITIONS)
        return self.model_class.objects.select_related("city").prefetch_related(
            Prefetch("photo", queryset=photos)
        )


class VisiblePageChooserBlock(BulkChooserMixin, PageChooserBlock):
    """A page chooser whose pages arrive knowing whether visitors may see them (one query)."""

    def get_bulk_queryset(self):
        return self.model_class.objects.annotate(is_restricted=page_restricted())


class VisibleDocumentChooserBlock(BulkChooserMixin, DocumentChooserBlock):
    """A document chooser whose documents arrive knowing whether their collection is private."""

    def get_bulk_queryset(self):
        return self.model_class.objects.annotate(is_restricted=collection_restricted())
