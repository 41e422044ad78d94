"""Factory bases shared by every app's factories."""

import json

import factory
import wagtail_factories
from django.utils.text import slugify

from site_setup.skeleton import ensure_home_page
from tests.indexing import index_once


def stream(*blocks):
    """Raw StreamField JSON from (block_type, value) pairs."""
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def free_slug(parent, slug):
    """The slug, or the slug with a number added, so that no sibling has it."""
    taken = set(parent.get_children().filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


class PublishedPageFactory(wagtail_factories.PageFactory):
    """A page under the site's home page, saved as a revision and published.

    A slug a sibling already has gets a number added (pages made with the same title land
    in the site's one news section, say, as they would for an editor).
    """

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda obj: slugify(obj.title)[:80] or "page")
    parent = factory.LazyFunction(ensure_home_page)

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _generate(cls, strategy, params):
        """Made, published and then indexed once (not after each of the page's saves)."""
        with index_once():
            return super()._generate(strategy, params)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        parent, slug = kwargs.get("parent"), kwargs.get("slug")
        if parent is not None and slug:
            kwargs["slug"] = free_slug(parent, slug)
        return super()._create(model_class, *args, **kwargs)

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


class SectionPageFactory(PublishedPageFactory):
    """A section front under the home page.

    The test database holds the site's skeleton (tests/conftest.py); a front made with the
    slug of one of its sections ("news") takes that section's place for the test.
    """

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        parent, slug = kwargs.get("parent"), kwargs.get("slug")
        if parent is not None and slug:
            taken = list(parent.get_children().filter(slug=slug))
            for page in taken:
                page.delete()
            if taken:
                parent.refresh_from_db(fields=["numchild"])
        return super()._create(model_class, *args, **kwargs)


def site_section(model, fallback):
    """A lazy default parent: the site's own front of this type, else a new one (`fallback`)."""
    return factory.LazyFunction(lambda: model.objects.order_by("path").first() or fallback())
