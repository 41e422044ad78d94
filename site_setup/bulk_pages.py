"""Add many published pages under one parent in bulk, the way Wagtail would have left them.

`parent.add_child()` and `save_revision().publish()` cost a dozen queries and signals per page,
which is hours for 50,000 pages. This writes the same rows a few thousand at a time: the
page tree's materialised paths (worked out here, as treebeard does), the page and its
page-type row, its topics and other child rows, one published revision per page (set as
its latest and live revision) and its search index entries, through the search backend's own
bulk path (what `update_index` uses). The tree stays valid (`Page.find_problems()` finds
nothing).

What it does not do, on purpose: send publish signals (no cache purges, webhooks or
reference index rows for a thousand pages at a time), run workflows, or keep more than one
batch in memory.
"""

from itertools import islice

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backends

BATCH_SIZE = 1000


class BulkPageWriter:
    """Appends pages of one specific page model after the last child of `parent`."""

    def __init__(self, parent, model):
        self.parent = Page.objects.get(pk=parent.pk)
        self.model = model
        self.content_type = ContentType.objects.get_for_model(model)
        self.page_type = ContentType.objects.get_for_model(Page)
        last = self.parent.get_last_child()
        self.next_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
        self.taken_slugs = set(Page.objects.child_of(self.parent).values_list("slug", flat=True))
        self.child_relations = get_all_child_relations(model)
        self.added = 0

    def unique_slug(self, slug):
        """The slug, or the slug with a number after it when a sibling already has it."""
        candidate, number = slug, 1
        while candidate in self.taken_slugs:
            number += 1
            candidate = f"{slug}-{number}"
        self.taken_slugs.add(candidate)
        return candidate

    def add(self, pages):
        """Write these unsaved, specific pages (each with first_published_at) as live children.

        Many-to-many values and child rows set on a page in memory (modelcluster) are
        written too. `pages` may be a generator: it is read BATCH_SIZE pages at a time, so
        memory stays flat. Call inside a transaction.
        """
        pages = iter(pages)
        while batch := list(islice(pages, BATCH_SIZE)):
            self._write_batch(batch)

    def finish(self):
        """Count the new children on the parent page (treebeard's numchild)."""
        Page.objects.filter(pk=self.parent.pk).update(numchild=F("numchild") + self.added)
        self.added = 0

    def _place(self, page):
        """Give page its place in the tree and the fields a published page has."""
        page.slug = self.unique_slug(page.slug)
        page.depth = self.parent.depth + 1
        page.path = Page._get_path(self.parent.path, page.depth, self.next_step)
        self.next_step += 1
        page.numchild = 0
        page.url_path = f"{self.parent.url_path}{page.slug}/"
        page.locale_id = self.parent.locale_id
        page.content_type = self.content_type
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.last_published_at = page.first_published_at
        page.latest_revision_created_at = page.first_published_at
        # A new page has no child rows but those set in memory: say so, or modelcluster asks
        # the database for each relation (comments...) when the revision is serialised.
        in_memory = getattr(page, "_cluster_related_objects", {})
        for relation in self.child_relations:
            if relation.get_accessor_name() not in in_memory:
                setattr(page, relation.get_accessor_name(), [])

    def _write_batch(self, pages):
        for page in pages:
            self._place(page)
        # A page type's row and its Page row are two tables (multi-table inheritance), which
        # bulk_create() refuses: the Page rows first, for their ids, then the page type's own.
        base_fields = [field for field in Page._meta.concrete_fields if not field.primary_key]
        bases = [
            Page(**{field.attname: getattr(page, field.attname) for field in base_fields})
            for page in pages
        ]
        Page.objects.bulk_create(bases)
        for page, base in zip(pages, bases, strict=True):
            page.pk = page.id = page.page_ptr_id = base.pk
        own_fields = list(self.model._meta.local_concrete_fields)
        self.model._base_manager._insert(pages, fields=own_fields)
        self._write_relations(pages)
        revisions = [
            Revision(
                content_type=self.content_type,
                base_content_type=self.page_type,
                object_id=str(page.pk),
                created_at=page.first_published_at,
                object_str=page.title,
                content=page.serializable_data(),
            )
            for page in pages
        ]
        Revision.objects.bulk_create(revisions)
        for base, revision in zip(bases, revisions, strict=True):
            base.latest_revision_id = base.live_revision_id = revision.pk
        Page.objects.bulk_update(bases, ["latest_revision", "live_revision"])
        self._index(pages)
        self.added += len(pages)

    def _write_relations(self, pages):
        """The pages' many-to-many rows and child rows (authors...), set in memory."""
        for field in self.model._meta.local_many_to_many:
            through = field.remote_field.through
            source = field.m2m_field_name()
            target = field.m2m_reverse_field_name()
            through.objects.bulk_create(
                through(**{f"{source}_id": page.pk, f"{target}_id": related.pk})
                for page in pages
                for related in getattr(page, field.name).all()
            )
        for relation in self.child_relations:
            rows = []
            for page in pages:
                for row in getattr(page, relation.get_accessor_name()).all():
                    setattr(row, relation.field.attname, page.pk)
                    rows.append(row)
            relation.related_model.objects.bulk_create(rows)

    def _index(self, pages):
        """Search index entries for the pages, in one go per backend."""
        objects = list(self.model.get_indexed_objects().filter(pk__in=[page.pk for page in pages]))
        for backend in get_search_backends():
            backend.get_index_for_model(self.model).add_items(self.model, objects)


def add_pages(parent, model, pages):
    """Add these unsaved pages of `model` under parent as published pages; returns how many."""
    with transaction.atomic():
        writer = BulkPageWriter(parent, model)
        writer.add(pages)
        count = writer.added
        writer.finish()
    refresh_statistics()
    return count


def refresh_statistics():
    """Have PostgreSQL look at the tables again (ANALYZE) after a bulk load.

    Until autovacuum gets to it, the planner believes the tables are as small as before and
    picks plans (nested loops over every page) that take a hundred times longer.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
