"""Rich text link handlers for pages and documents: only to what visitors may see.

Registered in wagtail_hooks.py in place of Wagtail's own; they load links in bulk and
remember them for the request through home/richtext.py's VisibleLinkMixin.
"""

from wagtail.documents import get_document_model
from wagtail.documents.rich_text import DocumentLinkHandler
from wagtail.rich_text.pages import PageLinkHandler

from .privacy import collection_restricted, public_pages
from .richtext import VisibleLinkMixin
from .site_version import kept_while_serving, share_site_root_paths


class VisiblePageLinkHandler(VisibleLinkMixin, PageLinkHandler):
    """Links to pages: a bare `<a>` unless the page is live, public and not expired.

    Where each page's links go is kept per site version while a request is served: a
    publish, unpublish, move, new restriction or expiry moves the version.
    """

    @classmethod
    def load(cls, ids):
        """The address of each of these pages, by id; None where visitors may not see it."""
        kept = kept_while_serving("page_link_urls", dict)
        urls = {} if kept is None else kept
        missing = [pk for pk in ids if pk not in urls]
        if missing:
            pages = list(public_pages().filter(id__in=missing).defer_streamfields().order_by())
            share_site_root_paths(pages)
            addresses = {str(page.pk): page.url for page in pages}
            urls.update({pk: addresses.get(pk) for pk in missing})
        return {pk: urls[pk] for pk in ids}

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [cls.link_html(url or "") for url in cls.get_many(attrs_list)]


class VisibleDocumentLinkHandler(VisibleLinkMixin, DocumentLinkHandler):
    """Links to documents: a bare `<a>` when the document is in a private collection.

    Not the embargo: a page showing the link uses the file, and whoever may read that page
    may download it (home.privacy.held_back), so its readers get the link, as with document
    blocks (home.privacy.visible_documents).
    """

    @classmethod
    def load(cls, ids):
        documents = get_document_model().objects.filter(id__in=ids)
        return {str(doc.pk): doc for doc in documents.exclude(collection_restricted())}

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [cls.link_html(doc.url if doc else "") for doc in cls.get_many(attrs_list)]
