"""Abstract page mixins: what every page shares, and what dated content shares."""

from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from home.api_fields import ImageField, Represented, SeoField
from home.privacy import collection_restricted, is_current
from home.representations import (
    API_IMAGE_RENDITIONS,
    contact_representation,
    person_representation,
    topic_representation,
)
from home.seo import SOCIAL_IMAGE_RENDITION

from .preview import FrontEndPreviewMixin


class BasePage(FrontEndPreviewMixin, Page):
    """Fields every page has for listings and sharing: listing title, summary, images."""

    listing_title = models.CharField(
        max_length=255, blank=True, help_text="A shorter title for listings. Optional."
    )
    summary = models.TextField(
        blank=True,
        max_length=600,
        help_text="One or two sentences shown in listings, search results and link previews.",
    )
    listing_image = models.ForeignKey(
        "home.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown beside the page in listings. Landscape images work best.",
    )
    social_image = models.ForeignKey(
        "home.CustomImage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared on social media. Defaults to the listing image.",
    )

    promote_panels = [
        *Page.promote_panels,
        FieldPanel("listing_title"),
        FieldPanel("listing_image"),
        FieldPanel("social_image"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("summary")]

    # Writable ones can be set through the v3 API; go_live_at and expire_at schedule a page.
    api_fields = [
        APIField("listing_title", writable=True),
        APIField("summary", writable=True),
        APIField("listing_image", serializer=ImageField()),
        APIField("social_image", serializer=ImageField()),
        APIField("go_live_at", writable=True),
        APIField("expire_at", writable=True),
        APIField("seo", serializer=SeoField()),
    ]
    # Related rows the API fetches in bulk with a listing (images are added by get_api_prefetch).
    api_prefetch = ()
    # API fields worked out from other fields' related rows, which load with them in bulk
    # (hero_image is the home page's, authors are news articles' and reports').
    api_field_relations = {"seo": ("social_image", "listing_image", "hero_image", "authors")}

    class Meta:
        abstract = True

    @property
    def display_title(self):
        """The title to use in listings."""
        return self.listing_title or self.title

    def get_context(self, request, *args, **kwargs):
        from home.richtext import prefetch_links, stored_rich_texts

        # All the links in the page's rich text, loaded together before the template runs.
        prefetch_links(stored_rich_texts(self))
        return super().get_context(request, *args, **kwargs)

    def route(self, request, path_components):
        # An expired page is gone for visitors even before the scheduler unpublishes it.
        if not path_components and not is_current(self):
            raise Http404
        return super().route(request, path_components)

    @classmethod
    def get_api_prefetch(cls):
        """prefetch_related() lookups that let the API show many pages at a fixed cost."""
        from .media import CustomImage

        # Annotated with their privacy, so hiding private images costs no query per page.
        images = CustomImage.objects.prefetch_renditions(
            *API_IMAGE_RENDITIONS.values(), SOCIAL_IMAGE_RENDITION
        ).annotate(is_restricted=collection_restricted())
        image_fields = [
            field.name for field in cls.api_fields if isinstance(field.serializer, ImageField)
        ]
        return [*(Prefetch(name, queryset=images) for name in image_fields), *cls.api_prefetch]


class TopicsMixin(models.Model):
    """Tags a page with policy areas, for filtering listings."""

    topics = ParentalManyToManyField(
        "home.Topic", blank=True, related_name="+", help_text="The policy areas this covers."
    )

    api_fields = [APIField("topics", serializer=Represented(topic_representation, many=True))]

    class Meta:
        abstract = True


class PublicationDateMixin(models.Model):
    """A publication date that defaults to the day the page goes live."""

    publication_date = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Leave empty to use the day the page goes live.",
    )

    api_fields = [APIField("publication_date", writable=True)]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.publication_date is None:
            went_live = self.go_live_at or self.first_published_at
            if went_live is not None:
                self.publication_date = timezone.localdate(went_live)
        super().save(*args, **kwargs)


class PersonLink(Orderable):
    """One person attached to a page in order (an author, a speaker)."""

    person = models.ForeignKey("home.Person", on_delete=models.CASCADE, related_name="+")

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
