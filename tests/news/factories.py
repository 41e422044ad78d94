"""Factories for the news section."""

import datetime

import factory
from factory.django import DjangoModelFactory

from news.models import NewsArticleAuthor, NewsArticlePage, NewsIndexPage
from tests.factories import PublishedPageFactory, SectionPageFactory, site_section, stream
from tests.home.factories import PersonFactory


class NewsIndexPageFactory(SectionPageFactory):
    title = factory.Sequence(lambda n: f"News {n}")

    class Meta:
        model = NewsIndexPage


class NewsArticlePageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Cities expand lead pipe replacement {n}")
    parent = site_section(NewsIndexPage, NewsIndexPageFactory)
    publication_date = factory.Sequence(
        lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n)
    )
    summary = "Three member cities share how they pay for lead line replacement."
    body = stream(("paragraph", "<p>Replacing lead service lines protects children.</p>"))

    class Meta:
        model = NewsArticlePage


class NewsArticleAuthorFactory(DjangoModelFactory):
    page = factory.SubFactory(NewsArticlePageFactory)
    person = factory.SubFactory(PersonFactory)

    class Meta:
        model = NewsArticleAuthor
