"""Site-wide models, re-exported so `from home.models import X` always works."""

from .listing import LISTING_IMAGE_RENDITIONS, IndexPage, listing_image_prefetch
from .media import CustomDocument, CustomImage, CustomRendition
from .mixins import BasePage, ContactMixin, PersonLink, PublicationDateMixin, TopicsMixin
from .pages import (
    CohortIndexPage,
    CohortMember,
    CohortPage,
    HomePage,
    HomePageFeaturedItem,
    StandardPage,
)
from .settings import SiteSettings
from .snippets import US_STATES, MemberCity, Person, Testimonial, Topic
from .workflow import ModeratorApprovalTask

__all__ = [
    "LISTING_IMAGE_RENDITIONS",
    "US_STATES",
    "BasePage",
    "CohortIndexPage",
    "CohortMember",
    "CohortPage",
    "ContactMixin",
    "CustomDocument",
    "CustomImage",
    "CustomRendition",
    "HomePage",
    "HomePageFeaturedItem",
    "IndexPage",
    "MemberCity",
    "ModeratorApprovalTask",
    "Person",
    "PersonLink",
    "PublicationDateMixin",
    "SiteSettings",
    "StandardPage",
    "Testimonial",
    "Topic",
    "TopicsMixin",
    "listing_image_prefetch",
]
