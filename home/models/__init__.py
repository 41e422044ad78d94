"""Site-wide models, re-exported so `from home.models import X` always works."""

from .base import BasePage
from .directory import MemberDirectoryPage
from .forms import AbstractFormPage, FormClosed, FormField, FormPage
from .listing import DatedIndexPage, IndexPage, load_cards
from .media import CustomDocument, CustomImage, CustomRendition
from .mixins import ArticleMixin, ContactMixin, PersonLink, TopicsMixin
from .pages import (
    CohortIndexPage,
    CohortMember,
    CohortPage,
    HomePage,
    HomePageFeaturedItem,
    StandardPage,
)
from .people import PeopleIndexPage
from .settings import SiteSettings, SiteVersion
from .snippets import US_STATES, MemberCity, Person, Testimonial, Topic
from .topics import TopicIndexPage
from .workflow import ModeratorApprovalTask

__all__ = [
    "US_STATES",
    "AbstractFormPage",
    "ArticleMixin",
    "BasePage",
    "CohortIndexPage",
    "CohortMember",
    "CohortPage",
    "ContactMixin",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "DatedIndexPage",
    "FormClosed",
    "FormField",
    "FormPage",
    "HomePage",
    "HomePageFeaturedItem",
    "IndexPage",
    "MemberCity",
    "MemberDirectoryPage",
    "ModeratorApprovalTask",
    "PeopleIndexPage",
    "Person",
    "PersonLink",
    "SiteSettings",
    "SiteVersion",
    "StandardPage",
    "Testimonial",
    "Topic",
    "TopicIndexPage",
    "TopicsMixin",
    "load_cards",
]
