"""The body StreamBlock every page type composes."""

from wagtail import blocks

from .links import CallToActionBlock, RelatedPagesBlock, TestimonialBlock
from .media import CaptionedImageBlock, DocumentBlock, VideoBlock
from .text import (
    AccordionBlock,
    HeadingBlock,
    KeyFigureBlock,
    ParagraphBlock,
    QuoteBlock,
    TableBlock,
)


class BodyBlock(blocks.StreamBlock):
    """The blocks of a page body. Child names are the API's `type` values: keep them stable."""

    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    testimonial = TestimonialBlock()
    video = VideoBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    table = TableBlock()
    key_figure = KeyFigureBlock()
    accordion = AccordionBlock()
    related_pages = RelatedPagesBlock()

    def get_api_representation(self, value, context=None):
        """The blocks, leaving out those that point only at what visitors may not see."""
        items = super().get_api_representation(value, context)
        return [item for item in items if item["value"] is not None]
