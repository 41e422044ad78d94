"""The research section: reports with key findings and PDF downloads."""

from django.db import models
from django.db.models import Prefetch
from django.template.defaultfilters import filesizeformat
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.api_fields import ImageField, Represented
from home.blocks import BodyBlock
from home.models import (
    ArticleMixin,
    BasePage,
    ContactMixin,
    DatedIndexPage,
    PersonLink,
    TopicsMixin,
)
from home.models.mixins import people_field
from home.privacy import collection_restricted, visible_documents
from home.representations import document_representation


class ResearchIndexPage(DatedIndexPage):
    """The research section front: reports newest first, filterable by topic, with its feeds."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["research.ResearchReportPage"]
    listing_model = "research.ResearchReportPage"
    feed_description = "Research reports from the Mayors Innovation Project."

    class Meta:
        verbose_name = "research index page"


class KeyFindingsBlock(blocks.StreamBlock):
    """The report's key findings, one statement each."""

    finding = blocks.TextBlock(
        help_text="One finding in a sentence or two.",
        icon="tick",
        description="A single key finding of the report.",
    )


def download_representation(download):
    """A file of a report with its document, or None when the document is private."""
    if getattr(download, "is_restricted", None) is None:
        visible = bool(visible_documents([download.document]))
    else:
        visible = not download.is_restricted
    if not visible:
        return None
    return {
        "title": download.title,
        "page_count": download.page_count,
        "document": document_representation(download.document),
    }


class ResearchReportPage(ContactMixin, ArticleMixin, TopicsMixin, BasePage):
    """A research report: summary, key findings, authors, cover and PDF downloads."""

    parent_page_types = ["research.ResearchIndexPage"]
    subpage_types = []

    cover_image = models.ForeignKey(
        "home.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The report's front cover.",
    )
    key_findings = StreamField(KeyFindingsBlock(), blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("publication_date"),
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("key_findings"),
        InlinePanel("downloads", label="PDF download", heading="Downloads", min_num=1),
        InlinePanel("authors", label="Author", heading="Authors"),
        FieldPanel("contact"),
        FieldPanel("topics"),
        FieldPanel("body"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("key_findings"),
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    api_fields = [
        *BasePage.api_fields,
        APIField("publication_date", writable=True),
        APIField("cover_image", serializer=ImageField()),
        APIField("key_findings", writable=True),
        APIField("downloads", serializer=Represented(download_representation, many=True)),
        people_field("authors"),
        *ContactMixin.api_fields,
        *TopicsMixin.api_fields,
        APIField("body", writable=True),
    ]

    api_prefetch = ("authors", "contact")

    schema_org_type = "Report"

    class Meta:
        verbose_name = "research report"

    @classmethod
    def get_api_prefetch(cls):
        """Downloads arrive with their documents, knowing whether each is private."""
        downloads = ResearchReportDownload.objects.select_related("document").annotate(
            is_restricted=collection_restricted("document__collection__path")
        )
        return [*super().get_api_prefetch(), Prefetch("downloads", downloads)]

    def get_downloads(self):
        """The report's files in order, each with its document, leaving out private ones."""
        downloads = list(self.downloads.select_related("document"))
        shown = {doc.pk for doc in visible_documents(d.document for d in downloads)}
        return [download for download in downloads if download.document_id in shown]


class ResearchReportAuthor(PersonLink):
    """An author of a report, in byline order."""

    page = ParentalKey(ResearchReportPage, on_delete=models.CASCADE, related_name="authors")


class ResearchReportDownload(Orderable):
    """A file of the report (full report, summary, data appendix)."""

    page = ParentalKey(ResearchReportPage, on_delete=models.CASCADE, related_name="downloads")
    title = models.CharField(max_length=200, help_text="E.g. 'Full report' or 'Two-page brief'.")
    document = models.ForeignKey("home.CustomDocument", on_delete=models.PROTECT, related_name="+")
    page_count = models.PositiveIntegerField(null=True, blank=True)

    panels = [FieldPanel("title"), FieldPanel("document"), FieldPanel("page_count")]

    def __str__(self):
        return self.title

    @property
    def size(self):
        """The file's size for people, e.g. '1.2 MB'."""
        size = self.document.file_size
        return filesizeformat(size) if size else ""
