"""The news section: an index of dated stories and the stories themselves."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import ArticleMixin, BasePage, DatedIndexPage, PersonLink, TopicsMixin
from home.models.base import panels_without


class NewsIndexPage(DatedIndexPage):
    """The news section front: stories newest first, filterable by topic, with its feeds."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    listing_model = "news.NewsArticlePage"
    feed_description = "News from the Mayors Innovation Project and its member cities."
    home_teasers = 3
    home_heading = "Latest news"

    class Meta:
        verbose_name = "news index page"


class NewsArticlePage(ArticleMixin, TopicsMixin, BasePage):
    """A news story: summary, authors, topics and a body of blocks."""

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    body = StreamField(BodyBlock())

    content_panels = [
        *Page.content_panels,
        FieldPanel("publication_date"),
        FieldPanel("summary"),
        FieldPanel(
            "listing_image",
            heading="Main image",
            help_text="Shown at the top of the page and beside it in listings.",
        ),
        InlinePanel("authors", label="Author", heading="Authors"),
        FieldPanel("topics"),
        FieldPanel("body"),
    ]
    # The main image is the listing image: edited on the Content tab, not twice.
    promote_panels = panels_without(BasePage.promote_panels, "listing_image")

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    api_fields = [
        *BasePage.api_fields,
        *ArticleMixin.api_fields,
        *TopicsMixin.api_fields,
        APIField("body", writable=True),
    ]
    api_prefetch = ("authors",)

    schema_org_type = "NewsArticle"

    class Meta:
        verbose_name = "news article"


class NewsArticleAuthor(PersonLink):
    """An author of a news article, in byline order."""

    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="authors")
