"""Blocks that point somewhere: call-to-action buttons, related pages, testimonials."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page

from home.privacy import visible_pages
from home.representations import public_url

from .choosers import TestimonialChooserBlock, VisiblePageChooserBlock


class CallToActionValue(blocks.StructValue):
    """Resolves the button's address from a chosen page or a typed link."""

    def href(self):
        page = self.get("page")
        if page is not None:
            return page.url if visible_pages([page]) else ""
        return self.get("url") or ""


class CallToActionBlock(blocks.StructBlock):
    """A prominent button leading to a page or an outside address."""

    text = blocks.CharBlock(max_length=60, help_text="The button's words: 'Apply to join'.")
    page = VisiblePageChooserBlock(required=False, help_text="A page on this site, or...")
    url = blocks.URLBlock(required=False, label="Outside link", help_text="...an outside link.")
    description = blocks.CharBlock(required=False, help_text="A short line above the button.")

    class Meta:
        icon = "link"
        template = "blocks/call_to_action.html"
        value_class = CallToActionValue
        label = "Call to action"
        description = "A button that invites readers to act: apply, register, download."
        preview_value = {
            "text": "Apply to join",
            "url": "https://example.org/apply",
            "description": "Applications for the new mayors cohort are open.",
        }

    def get_api_representation(self, value, context=None):
        """The button with its resolved address; None (left out) when it leads nowhere.

        As on the site, a button whose page visitors may not see is dropped whole, so its
        wording cannot hint at the hidden page.
        """
        href = value.href()
        if not href:
            return None
        data = super().get_api_representation(value, context)
        data["href"] = public_url(href)
        return data

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = ValidationError("Choose a page or enter an outside link, not both.")
            raise StructBlockValidationError(block_errors={"page": message})
        return value


class RelatedPagesValue(blocks.StructValue):
    """Only the chosen pages a visitor may see."""

    def visible_pages(self):
        return visible_pages(self.get("pages") or [])


class RelatedPagesBlock(blocks.StructBlock):
    """A short list of links to other pages on the site."""

    heading = blocks.CharBlock(required=False, default="Related")
    pages = blocks.ListBlock(VisiblePageChooserBlock(), min_num=1, max_num=8)

    class Meta:
        icon = "doc-empty-inverse"
        template = "blocks/related_pages.html"
        value_class = RelatedPagesValue
        label = "Related pages"
        description = "Links to up to eight other pages on this site."

    def get_api_representation(self, value, context=None):
        data = super().get_api_representation(value, context)
        data["pages"] = [page for page in data["pages"] if page is not None]
        return data

    def get_preview_value(self):
        recent = Page.objects.live().public().filter(depth__gt=2).order_by("-pk")[:3]
        return blocks.StructValue(self, [("heading", "Related"), ("pages", list(recent))])


class TestimonialBlock(TestimonialChooserBlock):
    """A mayor's testimonial chosen from the shared list."""

    class Meta:
        icon = "openquote"
        template = "blocks/testimonial.html"
        description = "A quote from a mayor, chosen from the testimonials list."

    def get_preview_value(self):
        return self.get_bulk_queryset().order_by("pk").first()
