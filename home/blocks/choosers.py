"""Chooser blocks that fetch what they render in one query per StreamField, not one per block."""

import copy

from django.db.models import Prefetch
from wagtail.blocks import PageChooserBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from home.privacy import (
    collection_restricted,
    page_restricted,
    visible_documents,
    visible_pages,
)
from home.representations import (
    API_IMAGE_RENDITIONS,
    document_representation,
    image_representation,
    page_link_representation,
    testimonial_representation,
)

# Rendition sizes used by images inside StreamField on the site and in the API; fetched in
# bulk with the images.
BODY_IMAGE_RENDITIONS = ("width-800", "width-1600")
TESTIMONIAL_PHOTO_RENDITIONS = ("fill-160x160",)
API_RENDITIONS = tuple(API_IMAGE_RENDITIONS.values())


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
        specs = dict.fromkeys((*BODY_IMAGE_RENDITIONS, *API_RENDITIONS))
        return self.model_class.objects.prefetch_renditions(*specs)

    def get_api_representation(self, value, context=None):
        return image_representation(value)


class AccessibleImageBlock(ImageBlock):
    """Wagtail's image-with-alt-text block, loading images and renditions in bulk."""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        chooser = RenditionImageChooserBlock(required=required)
        chooser.set_name("image")
        self.child_blocks["image"] = chooser

    def get_api_representation(self, value, context=None):
        if value is None:
            return None
        return image_representation(
            value, alt=getattr(value, "contextual_alt_text", None), decorative=value.decorative
        )


class TestimonialChooserBlock(BulkChooserMixin, SnippetChooserBlock):
    """Choose a mayor's testimonial; photos and cities arrive with it."""

    def __init__(self, **kwargs):
        super().__init__("home.Testimonial", **kwargs)

    def get_bulk_queryset(self):
        from home.models import CustomImage

        specs = dict.fromkeys((*TESTIMONIAL_PHOTO_RENDITIONS, *API_RENDITIONS))
        photos = CustomImage.objects.prefetch_renditions(*specs)
        return self.model_class.objects.select_related("city").prefetch_related(
            Prefetch("photo", queryset=photos)
        )

    def get_api_representation(self, value, context=None):
        return testimonial_representation(value)


class VisiblePageChooserBlock(BulkChooserMixin, PageChooserBlock):
    """A page chooser whose pages arrive knowing whether visitors may see them (one query)."""

    def get_bulk_queryset(self):
        return self.model_class.objects.annotate(is_restricted=page_restricted())

    def get_api_representation(self, value, context=None):
        """The page as a link object, or None when visitors may not see it."""
        return page_link_representation(value) if visible_pages([value]) else None


class VisibleDocumentChooserBlock(BulkChooserMixin, DocumentChooserBlock):
    """A document chooser whose documents arrive knowing whether their collection is private."""

    def get_bulk_queryset(self):
        return self.model_class.objects.annotate(is_restricted=collection_restricted())

    def get_api_representation(self, value, context=None):
        """The document, or None when it sits in a private collection."""
        return document_representation(value) if visible_documents([value]) else None
