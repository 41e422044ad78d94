"""The import itself: a parsed export in, topics, people, media, pages and redirects out.

Everything goes through Wagtail's page API (add_child, save_revision, publish), so
revisions, the reference index, the search index and the embargo on files stay right. Each
WordPress item is matched by its id (ImportedItem), so a second run changes nothing; an item
that cannot be imported is skipped with its reason and the rest go on. The caller runs it
in one transaction (management/commands/import_wordpress.py).
"""

from collections import Counter
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.blocks import StreamValue
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site

from home.models import HomePage, Person, StandardPage, Topic
from home.text import plain_text
from news.models import NewsArticleAuthor, NewsArticlePage, NewsIndexPage

from . import content, media, redirects
from .models import ImportedItem
from .pages import free_slug, page_title, publish_as_on_wordpress, wanted_slug
from .report import Summary

PAGE_STATUSES = {"publish", "draft", "pending", "future", "private"}
# WordPress's own bookkeeping fields; any other custom field is reported as not imported.
KNOWN_META = {
    "_thumbnail_id",
    "_wp_attachment_image_alt",
    "_yoast_wpseo_metadesc",
    "_yoast_wpseo_title",
}


class ImportFailed(Exception):
    """The import cannot run at all (no home page, no news section)."""


class ItemResolver(content.Resolver):
    """Tells the content converter what the import made of the items a post points at."""

    def __init__(self, importer, kind, item):
        self.importer, self.kind, self.item = importer, kind, item

    def page_id(self, url):
        return self.importer.page_for_address(url)

    def image(self, wp_id=None, url=None):
        image = self.importer.images.get(str(wp_id)) if wp_id else None
        if image is None and url:
            image = self.importer.images_by_key.get(media.upload_key(url))
        if image is None:
            return None
        return image.pk, image.alt_text or image.title

    def document_id(self, url):
        document = self.importer.documents_by_key.get(media.upload_key(url))
        return document.pk if document else None

    def note(self, message):
        self.importer.summary.note(self.kind, self.item.wp_id, self.item.title, message)


class Importer:
    """Imports one export; `stored_files` collects the media files it writes."""

    def __init__(self, export, uploads_dir=None, stored_files=None):
        self.export = export
        self.uploads_dir = uploads_dir
        self.stored_files = stored_files if stored_files is not None else []
        self.summary = Summary()
        self.topics = {}  # "category:slug" / "tag:slug" -> Topic
        self.people = {}  # login -> Person
        self.images, self.documents = {}, {}  # attachment id -> image / document
        self.images_by_key, self.documents_by_key = {}, {}  # upload path -> image / document
        self.pages = {}  # post id -> page
        self.addresses = {}  # normalised old path -> page id

    def run(self):
        """Import everything; returns the Summary."""
        self.home = self.site_home()
        self.news_index = NewsIndexPage.objects.descendant_of(self.home).first()
        if self.news_index is None:
            raise ImportFailed("The site has no news section to put posts in: run setup_site.")
        self.import_topics()
        self.import_people()
        self.import_attachments()
        entries = self.place_pages()
        for item, page, kind, fresh in entries:
            self.fill_page(item, page, kind, fresh)
        for item, page, _kind, _fresh in entries:
            self.keep_addresses(item, page)
        self.report_other_items()
        return self.summary

    @staticmethod
    def site_home():
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site and site.root_page.specific
        if not isinstance(home, HomePage):
            raise ImportFailed("The default site has no home page: run setup_site first.")
        return home

    # Matching by WordPress id

    def mapped(self, kind, wp_id, model):
        """(ImportedItem, its object) for this WordPress item, or (None, None)."""
        record = ImportedItem.objects.filter(kind=kind, wp_id=wp_id).first()
        if record is None:
            return None, None
        found = model.objects.filter(pk=record.object_id).first()
        if found is None:  # deleted since the last import: import it afresh
            record.delete()
            return None, None
        return record, found

    @staticmethod
    def remember(kind, wp_id, obj, fingerprint):
        ImportedItem.objects.update_or_create(
            kind=kind,
            wp_id=wp_id,
            defaults={"object_id": obj.pk, "fingerprint": fingerprint},
        )

    # Topics and people

    def all_terms(self):
        """Declared categories and tags, and any used by an item without being declared."""
        terms = {(term.kind, term.slug): term for term in self.export.terms if term.slug}
        for item in self.export.items:
            for term in item.terms:
                if term.kind in {"category", "tag"} and term.slug:
                    terms.setdefault((term.kind, term.slug), term)
        return list(terms.values())

    def import_topics(self):
        for term in self.all_terms():
            key = f"{term.kind}:{term.slug}"
            if term.slug == "uncategorized":
                self.summary.skip("topic", key, term.name, "WordPress's default category")
                continue
            record, topic = self.mapped("topic", key, Topic)
            if topic is not None:
                outcome = "unchanged"
                if record.fingerprint != term.fingerprint and term.description:
                    if not topic.description:
                        topic.description = plain_text(term.description)
                        topic.save()
                        outcome = "updated"
                    self.remember("topic", key, topic, term.fingerprint)
                self.summary.count("topic", outcome)
            else:
                slug = slugify(unquote(term.slug), allow_unicode=True)[:100] or slugify(term.name)
                name = (term.name or slug)[:100]
                topic = (
                    Topic.objects.filter(slug=slug).first()
                    or Topic.objects.filter(name__iexact=name).first()
                )
                if topic is not None:
                    self.summary.count("topic", "unchanged")
                    self.summary.note("topic", key, term.name, f"merged with topic '{topic}'")
                else:
                    topic = Topic.objects.create(
                        name=name, slug=slug, description=plain_text(term.description)
                    )
                    self.summary.count("topic", "created")
                self.remember("topic", key, topic, term.fingerprint)
            self.topics[key] = topic

    def import_people(self):
        for author in self.export.authors:
            if not author.login:
                continue
            record, person = self.mapped("person", author.login, Person)
            if person is not None:
                outcome = "unchanged"
                if record.fingerprint != author.fingerprint:
                    if author.email and not person.email:
                        person.email = author.email
                        person.save()
                        outcome = "updated"
                    self.remember("person", author.login, person, author.fingerprint)
                self.summary.count("person", outcome)
            else:
                slugs = {slugify(author.login)[:100], slugify(author.name)[:100]} - {""}
                person = Person.objects.filter(slug__in=slugs).order_by("pk").first()
                if person is not None:
                    self.summary.count("person", "unchanged")
                    self.summary.note(
                        "person", author.login, author.name, f"merged with person '{person}'"
                    )
                else:
                    person = Person.objects.create(
                        name=author.name[:150],
                        slug=free_person_slug(slugify(author.name)[:90] or "author"),
                        email=author.email if "@" in author.email else "",
                    )
                    self.summary.count("person", "created")
                self.remember("person", author.login, person, author.fingerprint)
            self.people[author.login] = person

    # Media

    def import_attachments(self):
        models = {"image": get_image_model(), "document": get_document_model()}
        for item in self.export.of_type("attachment"):
            kind = media.kind_of(item.attachment_url)
            if kind is None:
                self.summary.skip(
                    "other", item.wp_id, item.title, "attachment of a file type not imported"
                )
                continue
            record, found = self.mapped(kind, item.wp_id, models[kind])
            title = item.title or item.attachment_url.rsplit("/", 1)[-1]
            alt = item.meta.get("_wp_attachment_image_alt", "").strip()
            if found is not None:
                outcome = "unchanged"
                if record.fingerprint != item.fingerprint:
                    self.store(kind, item, title, alt, existing=found)
                    self.remember(kind, item.wp_id, found, item.fingerprint)
                    outcome = "updated"
                self.summary.count(kind, outcome)
            else:
                try:
                    path = media.find_file(self.uploads_dir, item.attachment_url)
                    found = self.store(kind, item, title, alt, path=path)
                except media.MediaError as problem:
                    self.summary.skip(kind, item.wp_id, item.title, str(problem))
                    continue
                self.stored_files.append(found.file.name)
                self.remember(kind, item.wp_id, found, item.fingerprint)
                self.summary.count(kind, "created")
            (self.images if kind == "image" else self.documents)[item.wp_id] = found
            by_key = self.images_by_key if kind == "image" else self.documents_by_key
            by_key[media.upload_key(item.attachment_url)] = found

    @staticmethod
    def store(kind, item, title, alt, path=None, existing=None):
        if kind == "image":
            return media.store_image(path, title, alt, existing=existing)
        description = plain_text(item.excerpt or item.content)
        return media.store_document(path, title, description, existing=existing)

    # Pages

    def page_items(self):
        """Posts and pages to import, parents before children; the others skipped."""
        items = []
        for item in self.export.items:
            if item.post_type not in {"post", "page"}:
                continue
            if item.status not in PAGE_STATUSES:
                self.summary.skip(
                    item.post_type, item.wp_id, item.title, f"status '{item.status}' not imported"
                )
                continue
            items.append(item)
        page_ids = {item.wp_id for item in items if item.post_type == "page"}
        ordered, placed, waiting = [], set(), list(items)
        while waiting:
            ready = [
                item
                for item in waiting
                if item.post_type == "post"
                or item.parent_id in placed
                or item.parent_id not in page_ids
            ]
            if not ready:  # a parent loop: the rest go under the home page
                ready = waiting
            ordered.extend(ready)
            placed.update(item.wp_id for item in ready)
            waiting = [item for item in waiting if item not in ready]
        return ordered

    def place_pages(self):
        """Find or create (as an empty draft) the page of every post and page, so that
        links between them can be written; [(item, page, kind, fresh)]."""
        entries = []
        for item in self.page_items():
            kind = item.post_type
            model = NewsArticlePage if kind == "post" else StandardPage
            record, page = self.mapped(kind, item.wp_id, model)
            if page is not None:
                fresh = record.fingerprint != item.fingerprint
            else:
                parent = self.parent_for(item)
                page = model(title=page_title(item), live=False, has_unpublished_changes=True)
                page.slug = free_slug(parent, wanted_slug(item))
                if item.slug and page.slug != wanted_slug(item):
                    self.note(item, f"address '{wanted_slug(item)}' was taken: '{page.slug}'")
                parent.add_child(instance=page)
                self.remember(kind, item.wp_id, page, "")
                fresh = None  # new
            self.pages[item.wp_id] = page
            for path in redirects.old_paths(item):
                self.addresses[path] = page.pk
            entries.append((item, page, kind, fresh))
        return entries

    def parent_for(self, item):
        if item.post_type == "post":
            return self.news_index
        parent = self.pages.get(item.parent_id)
        return parent if isinstance(parent, StandardPage) else self.home

    def page_for_address(self, url):
        """The id of the page imported from the post at this WordPress address, or None."""
        parsed = urlparse(url or "")
        site = urlparse(self.export.site_url or "")
        if parsed.netloc and host(parsed.netloc) != host(site.netloc):
            return None
        if parsed.query:
            query = parse_qs(parsed.query)
            for name in redirects.ID_PARAMETERS:
                if name in query:
                    return self.addresses.get(f"/?{name}={query[name][0]}")
            return None
        if not parsed.path.strip("/"):
            return None
        return self.addresses.get(Redirect.normalise_path(parsed.path))

    def fill_page(self, item, page, kind, fresh):
        """Write the item's fields and body into its page and publish, schedule or keep it
        as a draft, as it was on WordPress. Unchanged items are left alone."""
        if fresh is False:
            self.summary.count(kind, "unchanged")
            return
        try:
            with transaction.atomic():
                self.write_fields(item, page, kind)
                publish_as_on_wordpress(item, page)
        except ValidationError as problem:
            self.summary.skip(kind, item.wp_id, item.title, f"not valid: {problem}")
            return
        self.remember(kind, item.wp_id, page, item.fingerprint)
        self.summary.count(kind, "created" if fresh is None else "updated")
        if item.status == "pending":
            self.note(item, "pending review on WordPress: imported as a draft")
        self.report_extras(item, kind)

    def write_fields(self, item, page, kind):
        page.title = page_title(item)
        page.summary = plain_text(item.excerpt)[:600]
        page.search_description = item.meta.get("_yoast_wpseo_metadesc", "").strip()
        seo_title = item.meta.get("_yoast_wpseo_title", "").strip()
        page.seo_title = "" if "%%" in seo_title else seo_title[:255]
        thumbnail = self.images.get(item.meta.get("_thumbnail_id", "").strip())
        page.listing_image = thumbnail
        if item.meta.get("_thumbnail_id") and thumbnail is None:
            self.note(item, "featured image not imported")
        page.body = self.body(item, kind)
        topics = [
            self.topics[f"{term.kind}:{term.slug}"]
            for term in item.terms
            if f"{term.kind}:{term.slug}" in self.topics
        ]
        if kind == "post":
            page.publication_date = timezone.localdate(item.date_gmt) if item.date_gmt else None
            page.topics.set(list(dict.fromkeys(topics)))
            person = self.people.get(item.creator)
            page.authors = [NewsArticleAuthor(person=person)] if person else []
            if item.creator and person is None:
                self.note(item, f"author '{item.creator}' is not among the export's authors")
        elif topics:
            self.note(item, "categories and tags of a page are not kept (pages have no topics)")

    def body(self, item, kind):
        """The item's content as body blocks, each checked by its block; a block that does not
        validate is left out and reported."""
        resolver = ItemResolver(self, kind, item)
        stream_block = NewsArticlePage.body.field.stream_block
        valid = []
        for raw in content.to_blocks(item.content, resolver):
            child = stream_block.child_blocks[raw["type"]]
            try:
                child.clean(child.to_python(raw["value"]))
            except ValidationError as problem:
                resolver.note(f"{raw['type']} block left out: {problem.messages[0]}")
                continue
            valid.append(raw)
        return StreamValue(stream_block, valid, is_lazy=True)

    def report_extras(self, item, kind):
        if item.comments:
            self.summary.skip(
                "comment",
                item.wp_id,
                item.title,
                f"{item.comments} comment(s) not imported",
                number=item.comments,
            )
        for key in item.meta:
            if key and not key.startswith("_") and key not in KNOWN_META:
                self.summary.skip(
                    "custom field", item.wp_id, item.title, f"custom field '{key}' not imported"
                )

    def note(self, item, message):
        self.summary.note(item.post_type, item.wp_id, item.title, message)

    # Addresses

    def keep_addresses(self, item, page):
        for path in redirects.old_paths(item):
            outcome = redirects.keep_address(path, page)
            if outcome in {"created", "unchanged"}:
                self.summary.count("redirect", outcome)
            elif outcome == "same":
                continue
            else:
                self.summary.skip("redirect", item.wp_id, item.title, outcome)

    def report_other_items(self):
        kinds = Counter(
            item.post_type
            for item in self.export.items
            if item.post_type not in {"post", "page", "attachment"}
        )
        for post_type, number in sorted(kinds.items()):
            self.summary.skip(
                "other", "-", "", f"{number} item(s) of type '{post_type}' not imported", number
            )


def host(netloc):
    """A host name as WordPress sites are reached either way: with or without www."""
    return netloc.lower().removeprefix("www.")


def free_person_slug(slug):
    taken = set(Person.objects.filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate
