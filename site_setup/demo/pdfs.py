"""Real PDF files for the demo reports, typeset with reportlab from the reports' own text."""

import io
import re
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
)

NETWORK = "Mayors Innovation Project"
TAG = re.compile(r"<[^>]+>")

_styles = getSampleStyleSheet()
TITLE = ParagraphStyle("DemoTitle", parent=_styles["Title"], fontSize=30, leading=36)
SUBTITLE = ParagraphStyle("DemoSubtitle", parent=_styles["Heading2"], textColor=colors.grey)
HEADING = ParagraphStyle("DemoHeading", parent=_styles["Heading1"], spaceBefore=6)
BODY = ParagraphStyle("DemoBody", parent=_styles["BodyText"], fontSize=11, leading=16)


def plain(html):
    """Text without HTML tags, escaped for reportlab's paragraph markup."""
    return escape(TAG.sub("", html))


def _footer(title):
    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(inch, 0.6 * inch, f"{NETWORK} | {title}")
        canvas.drawRightString(LETTER[0] - inch, 0.6 * inch, f"Page {doc.page}")
        canvas.restoreState()

    return draw


def _title_page(title, subtitle, date_text, authors):
    return [
        Spacer(1, 2 * inch),
        Paragraph(escape(title), TITLE),
        Spacer(1, 0.3 * inch),
        Paragraph(escape(subtitle), SUBTITLE),
        Spacer(1, 1.5 * inch),
        Paragraph(escape(", ".join(authors)), BODY),
        Paragraph(escape(date_text), BODY),
        Spacer(1, 0.3 * inch),
        Paragraph(NETWORK, BODY),
        PageBreak(),
    ]


def _findings(summary, findings):
    items = [ListItem(Paragraph(plain(text), BODY), leftIndent=12) for text in findings]
    return [
        Paragraph("Summary", HEADING),
        Paragraph(plain(summary), BODY),
        Spacer(1, 0.2 * inch),
        Paragraph("Key findings", HEADING),
        ListFlowable(items, bulletType="bullet", start="\u2022"),
    ]


def build_report_pdf(report, published, brief=False):
    """Typeset a report (a content_research dict) as a PDF; returns (bytes, page_count).

    `published` is the report's publication date, printed on the title page.

    The full report is a title page, a summary with key findings, then one page or more per
    section; the brief is the title page and the summary with key findings.
    """
    buffer = io.BytesIO()
    pages = []
    footer = _footer(report["title"])

    def on_page(canvas, doc):
        pages.append(doc.page)
        footer(canvas, doc)

    document = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        title=report["title"],
        author=NETWORK,
        subject=plain(report["summary"]),
        invariant=True,
        leftMargin=inch,
        rightMargin=inch,
        topMargin=inch,
        bottomMargin=inch,
    )
    kind = "Two-page brief" if brief else "Full report"
    story = _title_page(report["title"], kind, published.strftime("%B %Y"), report["authors"])
    story += _findings(report["summary"], report["findings"])
    if not brief:
        for heading, paragraphs in report["sections"]:
            story += [PageBreak(), Paragraph(escape(heading), HEADING)]
            story += [Paragraph(plain(text), BODY) for text in paragraphs]
    document.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue(), len(pages)
