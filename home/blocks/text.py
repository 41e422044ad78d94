"""Text blocks: paragraphs, headings, quotes, key figures, FAQs and tables."""

from django.utils.text import slugify
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock

# Rich text features offered to editors in body paragraphs and FAQ answers.
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript"]


class ParagraphBlock(blocks.RichTextBlock):
    """A run of formatted text."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        description = "Formatted text: bold, italics, lists and links."
        preview_value = (
            "<p>Cities that pair <b>lead pipe replacement</b> with customer assistance "
            "keep water bills within reach for every household.</p>"
        )


class HeadingValue(blocks.StructValue):
    """A heading that knows the in-page anchor it can be linked to."""

    def anchor(self):
        return slugify(self.get("text") or "")


class HeadingBlock(blocks.StructBlock):
    """A section heading that structures the page and its table of contents."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Subsection heading")],
        default="h2",
        help_text="Use a section heading first; subsections go under a section.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        value_class = HeadingValue
        description = "A heading that starts a new section of the page."
        preview_value = {"text": "What the data shows", "level": "h2"}


class QuoteBlock(blocks.StructBlock):
    """A pull quote with who said it."""

    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, help_text="Who said it.")
    role = blocks.CharBlock(required=False, help_text="E.g. 'Mayor of Dubuque, Iowa'.")

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        description = "A quotation set apart from the text, with who said it."
        preview_value = {
            "text": "Affordable water is a public health measure before it is a budget line.",
            "attribution": "A member mayor",
            "role": "Mayor",
        }


class KeyFigureBlock(blocks.StructBlock):
    """A single headline number with what it measures."""

    figure = blocks.CharBlock(max_length=20, help_text="The number as it should read: '1 in 4'.")
    label = blocks.CharBlock(max_length=200, help_text="What the number measures.")
    source = blocks.CharBlock(required=False, help_text="Where the figure comes from.")

    class Meta:
        icon = "order"
        template = "blocks/key_figure.html"
        label = "Key figure"
        description = "One striking number, shown large, with what it measures and its source."
        preview_value = {
            "figure": "1 in 4",
            "label": "renter households spend over half their income on housing",
            "source": "American Community Survey",
        }


class FAQItemBlock(blocks.StructBlock):
    """One question and its answer."""

    question = blocks.CharBlock(max_length=255)
    answer = ParagraphBlock()

    class Meta:
        icon = "help"


class AccordionBlock(blocks.StructBlock):
    """Questions and answers that open one at a time (an FAQ)."""

    heading = blocks.CharBlock(required=False, help_text="E.g. 'Frequently asked questions'.")
    items = blocks.ListBlock(FAQItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion.html"
        label = "Accordion (FAQ)"
        description = "Questions whose answers open when a visitor clicks them."
        preview_value = {
            "heading": "Frequently asked questions",
            "items": [
                {"question": "Who can join?", "answer": "<p>Any sitting mayor.</p>"},
                {"question": "Is there a fee?", "answer": "<p>Membership is by city.</p>"},
            ],
        }


class TableBlock(WagtailTableBlock):
    """A data table with an optional header row and caption."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "table_options",
            {"startRows": 3, "startCols": 3, "colHeaders": False, "rowHeaders": False},
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "table"
        template = "blocks/table.html"
        description = "Rows and columns of figures or text, with an optional caption."
        preview_value = {
            "table_header_choice": "row",
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": "Average monthly water bill",
            "data": [["City size", "Bill"], ["Under 50,000", "$68"], ["Over 250,000", "$81"]],
        }
