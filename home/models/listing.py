"""Section fronts: the abstract index page behind every listing, and the dated-section base."""

from collections import defaultdict

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Q, prefetch_related_objects
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page

from home.feeds import FeedsMixin
from home.pagination import DeepPaginator
from home.privacy import public_pages
from home.renditions import CARD
from home.text import clean_query

from .base import BasePage
from .media import CustomImage
from .mixins import load_topics
from .snippets import Topic


def load_card_images(pages):
    """Give pages of any types their listing images, with their card renditions and privacy,
    in one query for the images and one for the renditions, however many types."""
    pages = [page for page in pages if isinstance(page, BasePage)]
    ids = {page.listing_image_id for page in pages if page.listing_image_id}
    images = CustomImage.objects.for_display(CARD).in_bulk(ids) if ids else {}
    for page in pages:
        if page.listing_image_id:
            page.listing_image = images.get(page.listing_image_id)
    return pages


class CollectionPage(BasePage):
    """A page that gathers others under an introduction (schema.org CollectionPage): the
    section fronts, and the topic, people and member directory pages."""

    intro = RichTextField(blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    api_fields = [*BasePage.api_fields, APIField("intro", writable=True)]

    schema_org_type = "CollectionPage"

    class Meta:
        abstract = True

    def feed_items(self, pages):
        """The pages of one of its feeds with what the entries name: topics and authors
        (no pictures: a feed entry has none)."""
        return load_cards(pages, images=False, authors=True)


class IndexPage(CollectionPage):
    """A section front: lists its children, newest first, ten to a page, filterable by topic."""

    # Set by each section: the child page model listed ("app.Model"), its order, how many to
    # a page and the card template.
    listing_model = ""
    listing_ordering = ("-first_published_at", "-pk")
    per_page = 10
    card_template = "components/card.html"
    # What the home page shows of the section: the first `home_teasers` items of its front
    # under `home_heading` (HomePage.get_sections); 0 for none.
    home_teasers = 0
    home_heading = ""

    class Meta:
        abstract = True

    def get_listing_queryset(self):
        """Live, public, unexpired children in listing order (give a slice of them what their
        cards show with load_cards())."""
        return (
            public_pages(apps.get_model(self.listing_model).objects.all())
            .child_of(self)
            .order_by(*self.listing_ordering)
        )

    def filter_listing(self, queryset, params):
        """Section-specific filters from the query string (`params`, a QueryDict or {}).

        Returns the queryset and extra template context; with no parameters, what the
        section's front shows first.
        """
        return queryset, {}

    def get_home_teasers(self):
        """The first items of the section's front, for the home page, which loads what their
        cards show with its other cards' (load_cards)."""
        queryset, _ = self.filter_listing(self.get_listing_queryset(), {})
        return list(queryset[: self.home_teasers])

    def feed_topic(self, request):
        """The topic a feed is narrowed to with ?topic=slug (None for all); 404 if there is none."""
        slug = request.GET.get("topic", "").strip()
        if not slug:
            return None
        topic = Topic.from_slug(slug)
        if topic is None:
            raise Http404("No such topic.")
        return topic

    def paginator(self, queryset, request, topic):
        """The listing's pages: the front and its topics count once per site version and
        reach a deep page through a kept sort key (home/pagination.py); other filters
        (a section's own) are counted afresh."""
        if set(request.GET) - {"page", "topic"} or (request.GET.get("topic") and not topic):
            return Paginator(queryset, self.per_page)
        key = f"listing:{self.pk}:{topic.pk if topic else ''}"
        return DeepPaginator(queryset, self.per_page, key, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        queryset = self.get_listing_queryset()
        topic_slug = request.GET.get("topic", "").strip()
        # The topics change only with the site: listed once per version, for every listing.
        topics = Topic.site_topics(request)
        topic = next((topic for topic in topics if topic.slug == topic_slug), None)
        if topic_slug:
            queryset = queryset.filter(topics=topic) if topic else queryset.none()
        queryset, extra = self.filter_listing(queryset, request.GET)
        page_obj = self.paginator(queryset, request, topic).get_page(request.GET.get("page"))
        context.update(
            extra,
            page_obj=page_obj,
            items=load_cards(page_obj.object_list),
            topics=topics,
            active_topic=topic,
            # Shown back to the visitor, so cleaned like a search query.
            unknown_topic=clean_query(topic_slug) if topic_slug and topic is None else "",
        )
        return context


class DatedIndexPage(FeedsMixin, IndexPage):
    """The front of a section of dated, authored writing (news, research): newest first by
    publication date, with RSS and Atom feeds that name each item's authors."""

    listing_ordering = ("-publication_date", "-first_published_at", "-pk")

    class Meta:
        abstract = True


# Listings that gather pages of several types (a topic's, a person's) ------------------------


def gathered_pages(lookups):
    """Live, public pages of several types as one Page queryset, newest first.

    `lookups` maps each page model to the filter its pages must match (e.g. {"topics": t}).
    Paginate it (a plain ordering, so home/pagination.py can keep its count and deep pages),
    then load the page's slice with load_cards().
    """
    condition = Q()
    for model, lookup in lookups.items():
        condition |= Q(pk__in=model.objects.filter(**lookup).values("pk"))
    if not condition:
        return Page.objects.none()
    return public_pages(Page.objects.filter(condition)).order_by("-first_published_at", "-pk")


def load_cards(pages, images=True, authors=False):
    """Pages in order, as their own types (a slice of gathered_pages() is made specific), with
    what their cards show loaded: the picture and its renditions (two queries for all
    types; not with `images` False) and the topics (one per page type), however many pages;
    with `authors`, their authors too (feeds name them, cards do not)."""
    pages = list(pages.specific() if getattr(pages, "model", None) is Page else pages)
    if images:
        load_card_images(pages)
    load_topics(pages)
    if authors:
        by_model = defaultdict(list)
        for page in pages:
            if hasattr(page, "get_authors"):
                by_model[type(page)].append(page)
        for group in by_model.values():
            prefetch_related_objects(group, "authors")  # with their people (PersonLinkManager)
    return pages
