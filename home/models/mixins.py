"""Abstract page mixins: topics, a contact person, and dated, authored writing."""

from collections import defaultdict

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable

from home.api_fields import Represented
from home.representations import (
    contact_representation,
    person_representation,
    topic_representation,
)
from home.seo import compact, person_json_ld

from .snippets import Topic


class TopicsMixin(models.Model):
    """Tags a page with policy areas, for filtering listings."""

    topics = ParentalManyToManyField(
        "home.Topic", blank=True, related_name="+", help_text="The policy areas this covers."
    )

    # Read through get_topics(): the endpoints give a listing its topics with load_topics().
    api_fields = [
        APIField(
            "topics", serializer=Represented(topic_representation, many=True, source="get_topics")
        )
    ]

    class Meta:
        abstract = True

    def get_topics(self):
        """The page's topics in name order: as load_topics() gave them, else read now."""
        loaded = self.__dict__.get("_loaded_topics")
        return loaded if loaded is not None else list(self.topics.all())


def load_topics(pages):
    """Give pages of any types their topics (TopicsMixin.get_topics) in one query per page
    type, reading only which page has which: the topics themselves are the site's list,
    read once per site version (Topic.site_topics)."""
    by_model = defaultdict(list)
    for page in pages:
        # Not a draft's topics (a preview's), which are in memory and not saved yet.
        in_memory = "topics" in page.__dict__.get("_cluster_related_objects", {})
        if isinstance(page, TopicsMixin) and not in_memory:
            by_model[type(page)].append(page)
    if not by_model:
        return
    ranked = {topic.pk: (rank, topic) for rank, topic in enumerate(Topic.site_topics())}
    for model, group in by_model.items():
        field = model._meta.get_field("topics")
        page_id, topic_id = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
        links = field.remote_field.through.objects.filter(
            **{f"{page_id}__in": [page.pk for page in group]}
        )
        found = defaultdict(list)
        for page, topic in links.values_list(page_id, topic_id).order_by():
            found[page].append(topic)
        unknown = {topic for topics in found.values() for topic in topics} - ranked.keys()
        if unknown:  # added since the list was read (this request changed the site): last
            for topic in Topic.objects.filter(pk__in=unknown):  # in name order
                ranked[topic.pk] = (len(ranked), topic)
        for page in group:
            page._loaded_topics = [
                topic for _, topic in sorted(ranked[pk] for pk in found[page.pk])
            ]


class PersonLinkManager(models.Manager):
    """Links come with their person, prefetched ones too: a name never costs its own query."""

    def get_queryset(self):
        return super().get_queryset().select_related("person")


class PersonLink(Orderable):
    """One person attached to a page in order (an author, a speaker)."""

    person = models.ForeignKey("home.Person", on_delete=models.CASCADE, related_name="+")

    objects = PersonLinkManager()

    panels = [FieldPanel("person")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return str(self.person)


def people_field(relation):
    """The API field listing a page's people (authors, speakers) in order, as small objects."""
    return APIField(
        relation, serializer=Represented(lambda link: person_representation(link.person), many=True)
    )


def linked_people(page, relation):
    """A page's people (authors, speakers) in order with their person records: from a
    prefetch when the listing made one, else in one query, remembered for the request."""
    if relation in getattr(page, "_prefetched_objects_cache", {}):
        return list(getattr(page, relation).all())
    cache = page.__dict__.setdefault("_linked_people", {})
    if relation not in cache:
        cache[relation] = list(getattr(page, relation).all())
    return cache[relation]


class ContactMixin(models.Model):
    """The person visitors should contact about a page."""

    contact = models.ForeignKey(
        "home.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Who visitors should get in touch with about this.",
    )

    api_fields = [APIField("contact", serializer=Represented(contact_representation))]

    class Meta:
        abstract = True


class ArticleMixin(models.Model):
    """Dated, authored writing (news stories, reports): publication date, byline, JSON-LD.

    The page type gives itself an `authors` relation (a PersonLink subclass with
    related_name="authors") and its schema.org type.
    """

    publication_date = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Leave empty to use the day the page goes live.",
    )

    api_fields = [APIField("publication_date", writable=True), people_field("authors")]

    og_type = "article"

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.publication_date is None:
            went_live = self.go_live_at or self.first_published_at
            if went_live is not None:
                self.publication_date = timezone.localdate(went_live)
        super().save(*args, **kwargs)

    def get_listing_date(self):
        return self.publication_date

    def get_authors(self):
        """Authors in byline order, each with their person record."""
        return linked_people(self, "authors")

    def get_json_ld(self, seo):
        """A NewsArticle or Report: headline, dates, authors, image and publisher."""
        return compact(
            {
                "@type": seo.schema_type,
                "headline": seo.title,
                "name": seo.title,
                "description": seo.description,
                "url": seo.canonical_url,
                "mainEntityOfPage": seo.canonical_url,
                "image": seo.image_urls,
                "datePublished": seo.published_time,
                "dateModified": seo.modified_time,
                "author": [person_json_ld(link.person) for link in self.get_authors()],
                "publisher": seo.site.organization(),
            }
        )
