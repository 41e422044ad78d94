"""Chooser blocks that fetch what they render in one query per StreamField, not one per block."""

import copy

from django.db.models import Prefetch
from wagtail.blocks import PageChooserBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from home.privacy import (
    collection_restricted,
    is_visible_image,
    page_restricted,
    visible_documents,
    visible_pages,
)
from home.renditions import BODY, PORTRAIT
from home.representations import (
    document_representation,
    image_representation,
    page_link_representation,
    testimonial_representation,
    visible_image_representation,
)
from home.site_version import share_site_root_paths


class BulkChooserMixin:
    """Load the chosen objects of many blocks from one queryset (see get_bulk_queryset)."""

    def get_bulk_queryset(self):
        """The queryset chosen objects are loaded from, with what rendering them needs."""
        return self.model_class.objects.all()

    def bulk_to_python(self, values):
        objects = self.get_bulk_queryset().order_by().in_bulk([v for v in values if v is not None])
        seen, result = set(), []
        for pk in values:
            obj = objects.get(pk)
            if obj is not None and pk in seen:
                obj = copy.copy(obj)
            result.append(obj)
            seen.add(pk)
        return result


class RenditionImageChooserBlock(BulkChooserMixin, ImageChooserBlock):
    """An image chooser whose images arrive with their body (and API) renditions and with
    whether visitors may see them (home/models/media.py CustomImageQuerySet.for_display)."""

    def get_bulk_queryset(self):
        return self.model_class.objects.for_display(BODY, api=True)

    def get_api_representation(self, value, context=None):
        return visible_image_representation(value)


class AccessibleImageBlock(ImageBlock):
    """Wagtail's image-with-alt-text block, loading images and renditions in bulk."""

    def __init__(self, required=True, **kwargs):
        super().__init__(required=required, **kwargs)
        chooser = RenditionImageChooserBlock(required=required)
        chooser.set_name("image")
        self.child_blocks["image"] = chooser

    def get_api_representation(self, value, context=None):
        """The image with its alt text; None (left out) when visitors may not see it."""
        if value is None or not is_visible_image(value):
            return None
        return image_representation(
            value, alt=getattr(value, "contextual_alt_text", None), decorative=value.decorative
        )


class TestimonialChooserBlock(BulkChooserMixin, SnippetChooserBlock):
    """Choose a mayor's testimonial; photos and cities arrive with it."""

    def __init__(self, **kwargs):
        super().__init__("home.Testimonial", **kwargs)

    def get_bulk_queryset(self):
        photos = get_image_model().objects.for_display(PORTRAIT, api=True)
        return self.model_class.objects.select_related("city").prefetch_related(
            Prefetch("photo", queryset=photos)
        )

    def get_api_representation(self, value, context=None):
        return testimonial_representation(value)


class VisiblePageChooserBlock(BulkChooserMixin, PageChooserBlock):
    """A page chooser whose pages arrive knowing whether visitors may see them (one query)."""

    def get_bulk_queryset(self):
        return self.model_class.objects.annotate(is_restricted=page_restricted())

    def bulk_to_python(self, values):
        pages = super().bulk_to_python(values)
        share_site_root_paths(page for page in pages if page is not None)
        return pages

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
