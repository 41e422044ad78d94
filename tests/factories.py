"""Factory bases shared by every app's factories."""

import json

import factory
import wagtail_factories
from django.utils.text import slugify

from site_setup.skeleton import ensure_home_page


def stream(*blocks):
    """Raw StreamField JSON from (block_type, value) pairs."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page under the site's home page, saved as a revision and published."""

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title)[:80] or "page")
    parent = factory.LazyFunction(ensure_home_page)

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        """Publish through a revision, as the editor does (pass publish=False for a draft)."""
        if create and extracted is not False:
            page.save_revision().publish()
            page.refresh_from_db()
        elif create:
            page.live, page.has_unpublished_changes = False, True
            page.save(update_fields=["live", "has_unpublished_changes"])
            page.save_revision()
