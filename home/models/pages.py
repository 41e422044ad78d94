"""Site-wide page types: home, standard pages and cohorts."""

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, get_page_models
from wagtail.search import index

from home.api_fields import ImageField, Represented
from home.blocks import BodyBlock
from home.privacy import public_pages
from home.representations import (
    member_representation,
    page_link_representation,
    testimonial_representation,
)
from home.site_version import cached

from .base import BasePage
from .listing import IndexPage, load_card_images
from .mixins import ContactMixin, TopicsMixin, load_topics

SECTION_PAGE_TYPES = [
    "home.StandardPage",
    "home.FormPage",
    "home.CohortIndexPage",
    "news.NewsIndexPage",
    "research.ResearchIndexPage",
    "events.EventIndexPage",
    "home.TopicIndexPage",
    "home.PeopleIndexPage",
    "home.MemberDirectoryPage",
]


class HomePage(BasePage):
    """The front page: introduction, featured items, latest news, upcoming events."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = SECTION_PAGE_TYPES
    max_count = 1

    hero_heading = models.CharField(max_length=200, help_text="The large line at the top.")
    hero_text = models.TextField(blank=True, help_text="A sentence or two under the heading.")
    hero_image = models.ForeignKey(
        "home.CustomImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    testimonial = models.ForeignKey(
        "home.Testimonial",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A mayor's quote shown on the home page.",
    )
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_text"), FieldPanel("hero_image")],
            heading="Hero",
        ),
        InlinePanel("featured_items", label="Featured item", max_num=6),
        FieldPanel("testimonial"),
        FieldPanel("body"),
    ]

    search_fields = [*BasePage.search_fields, index.SearchField("body")]

    api_fields = [
        *BasePage.api_fields,
        APIField("hero_heading", writable=True),
        APIField("hero_text", writable=True),
        APIField("hero_image", serializer=ImageField()),
        APIField("featured_pages", serializer=Represented(page_link_representation, many=True)),
        APIField("testimonial", serializer=Represented(testimonial_representation)),
        APIField("body", writable=True),
    ]

    class Meta:
        verbose_name = "home page"

    schema_org_type = "Organization"
    opening_text_fields = ("hero_text", "body")
    social_image_fields = (*BasePage.social_image_fields, "hero_image")

    @property
    def featured_pages(self):
        """The featured pages a visitor may see, in order (for the API, which lists them as
        links: no card pictures)."""
        return self.get_featured_pages()

    def get_featured_pages(self):
        """The featured pages a visitor may see, in the chosen order (their card images not
        loaded: load_card_images)."""
        ids = [item.featured_page_id for item in self.featured_items.all()]
        by_id = {page.pk: page for page in public_pages().filter(id__in=ids).specific()}
        return [by_id[pk] for pk in ids if pk in by_id]

    def get_sections(self):
        """The section fronts that show their first items on the home page, in menu order."""
        models = [
            model
            for model in get_page_models()
            if issubclass(model, IndexPage) and model.home_teasers
        ]
        if not models:
            return []
        fronts = public_pages(Page.objects.child_of(self).type(*models)).order_by("path")
        return [front for front in fronts.specific() if front.home_teasers]

    def get_json_ld(self, seo):
        """The home page describes the organisation, with its logo, contacts and profiles."""
        return seo.site.organization(full=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_pages"] = self.get_featured_pages()
        # The section fronts change only with the site: found once per version.
        sections = cached(("home_sections", self.pk), self.get_sections, request)
        context["sections"] = [
            (section, items) for section in sections if (items := list(section.get_home_teasers()))
        ]
        # Every card's picture at once: featured pages, news, events; the teasers' topics.
        teasers = [item for _, items in context["sections"] for item in items]
        load_card_images([*context["featured_pages"], *teasers])
        load_topics(teasers)
        return context


class HomePageFeaturedItem(Orderable):
    """A page promoted on the home page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_items")
    featured_page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("featured_page")]


class StandardPage(BasePage):
    """A plain content page: About, Membership, Gatherings, Technical Assistance."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage", "home.FormPage", "home.MemberDirectoryPage"]

    intro = models.TextField(blank=True, help_text="An opening paragraph, shown larger.")
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    api_fields = [
        *BasePage.api_fields,
        APIField("intro", writable=True),
        APIField("body", writable=True),
    ]

    class Meta:
        verbose_name = "standard page"


class CohortIndexPage(IndexPage):
    """Lists the network's cohorts (women mayors, new mayors...)."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.CohortPage"]
    listing_model = "home.CohortPage"
    listing_ordering = ("title", "pk")
    per_page = 12

    class Meta:
        verbose_name = "cohort index page"


class CohortPage(ContactMixin, TopicsMixin, BasePage):
    """A cohort of mayors: who it is for, its members and how to join."""

    parent_page_types = ["home.CohortIndexPage"]
    subpage_types = []

    audience = models.TextField(
        "who it is for", help_text="Which mayors or cities the cohort is for, in a sentence or two."
    )
    application_info = RichTextField(
        "how to join",
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="How to apply or get in touch, with any dates.",
    )
    application_url = models.URLField("application link", blank=True)
    application_deadline = models.DateField(null=True, blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("audience"),
        InlinePanel("members", label="Member city", heading="Members"),
        MultiFieldPanel(
            [
                FieldPanel("application_info"),
                FieldPanel("application_url"),
                FieldPanel("application_deadline"),
                FieldPanel("contact"),
            ],
            heading="Joining",
        ),
        FieldPanel("topics"),
        FieldPanel("body"),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("audience"),
        index.SearchField("body"),
    ]

    api_fields = [
        *BasePage.api_fields,
        APIField("audience", writable=True),
        APIField("members", serializer=Represented(member_representation, many=True)),
        APIField("application_info", writable=True),
        APIField("application_url", writable=True),
        APIField("application_deadline", writable=True),
        APIField("applications_open"),
        *ContactMixin.api_fields,
        *TopicsMixin.api_fields,
        APIField("body", writable=True),
    ]
    api_prefetch = ("members__city", "contact")

    class Meta:
        verbose_name = "cohort page"

    @property
    def applications_open(self):
        """Whether the application deadline (if any) has not passed."""
        deadline = self.application_deadline
        return deadline is None or deadline >= timezone.localdate()

    def get_members(self):
        """Member cities with their mayors, in the chosen order."""
        return self.members.select_related("city").all()


class CohortMember(Orderable):
    """A member city (and so its mayor) in a cohort."""

    page = ParentalKey(CohortPage, on_delete=models.CASCADE, related_name="members")
    city = models.ForeignKey("home.MemberCity", on_delete=models.CASCADE, related_name="+")
    note = models.CharField(
        max_length=200, blank=True, help_text="E.g. 'Chair, 2026' or 'Joined in spring'."
    )

    panels = [FieldPanel("city"), FieldPanel("note")]

    def __str__(self):
        return str(self.city)
