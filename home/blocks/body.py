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
