"""The shared block library; import blocks from here."""

from .body import BodyBlock
from .choosers import AccessibleImageBlock
from .links import CallToActionBlock, RelatedPagesBlock, TestimonialBlock
from .media import CaptionedImageBlock, DocumentBlock, VideoBlock, parse_video_url
from .text import (
    AccordionBlock,
    HeadingBlock,
    KeyFigureBlock,
    ParagraphBlock,
    QuoteBlock,
    TableBlock,
)

__all__ = [
    "AccessibleImageBlock",
    "AccordionBlock",
    "BodyBlock",
    "CallToActionBlock",
    "CaptionedImageBlock",
    "DocumentBlock",
    "HeadingBlock",
    "KeyFigureBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "RelatedPagesBlock",
    "TableBlock",
    "TestimonialBlock",
    "VideoBlock",
    "parse_video_url",
]
