"""The news section: an index of dated stories and the stories themselves."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import BodyBlock
from home.models import BasePage, IndexPage, PersonLink, PublicationDateMixin, TopicsMixin
from home.models.listing import FeedsMixin
from home.models.mixins import people_field

from .feeds import NewsFeed


class NewsIndexPage(FeedsMixin, IndexPage):
    """The news section front: stories newest first, filterable by topic, with its feeds."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsArticlePage"]
    listing_model = "news.NewsArticlePage"
    listing_ordering = ("-publication_date", "-first_published_at", "-pk")
    listing_prefetch = ("authors__person",)
    feed_class = NewsFeed

    class Meta:
        verbose_name = "news index page"


class NewsArticlePage(PublicationDateMixin, TopicsMixin, BasePage):
    """A news story: summary, authors, topics and a body of blocks."""

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    body = StreamField(BodyBlock())

    content_panels = [
        *Page.content_panels,
        FieldPanel("publication_date"),
        FieldPanel("summary"),
        FieldPanel("listing_image", heading="Main image"),
        InlinePanel("authors", label="Author", heading="Authors"),
        FieldPanel("topics"),
        FieldPanel("body"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("publication_date"),
    ]

    api_fields = [
        *BasePage.api_fields,
        *PublicationDateMixin.api_fields,
        people_field("authors"),
        *TopicsMixin.api_fields,
        APIField("body", writable=True),
    ]
    api_prefetch = ("topics", "authors__person")

    class Meta:
        verbose_name = "news article"

    def get_authors(self):
        """Authors in byline order, each with their person record."""
        return self.authors.select_related("person")


class NewsArticleAuthor(PersonLink):
    """An author of a news article, in byline order."""

    page = ParentalKey(NewsArticlePage, on_delete=models.CASCADE, related_name="authors")
