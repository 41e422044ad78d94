"""What anonymous visitors may see: view restrictions on pages and collections.

Pages and collections are trees whose paths extend their ancestors' paths, so an object is
restricted when a restriction sits on a node whose path starts its own. That test is one
subquery, so listings and StreamField choosers can carry it in the query they already make.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction


def _restricted(restrictions, outer_path, restricted_node):
    return Exists(
        restrictions.filter(StartsWith(OuterRef(outer_path), F(f"{restricted_node}__path")))
    )


def page_restricted(outer_path="path"):
    """Query expression: a view restriction covers the page (at `outer_path`) or an ancestor."""
    return _restricted(PageViewRestriction.objects.all(), outer_path, "page")


def collection_restricted(outer_path="collection__path"):
    """Query expression: a view restriction covers the object's collection or an ancestor."""
    return _restricted(CollectionViewRestriction.objects.all(), outer_path, "collection")


def _visible(objects, model, restricted):
    """Objects not covered by a restriction, in order.

    Objects loaded with an `is_restricted` annotation cost nothing; the others (a value fresh
    from an editor's form, a related row) are checked together in one query, and keep the
    answer (`is_restricted`) so asking again about the same object is free.
    """
    objects = [obj for obj in objects if obj is not None]
    unknown = [obj for obj in objects if not hasattr(obj, "is_restricted")]
    if unknown:
        open_ids = set(
            model.objects.filter(pk__in=[obj.pk for obj in unknown])
            .exclude(restricted)
            .values_list("pk", flat=True)
        )
        for obj in unknown:
            obj.is_restricted = obj.pk not in open_ids
    return [obj for obj in objects if not obj.is_restricted]


def is_current(page):
    """Whether the page's expiry time (if any) is still to come."""
    return page.expire_at is None or page.expire_at > timezone.now()


def visible_pages(pages):
    """The live, unexpired pages among these that no view restriction covers, in order."""
    pages = [page for page in pages if page and page.live and is_current(page)]
    return _visible(pages, Page, page_restricted())


def visible_images(images):
    """The images among these that are not in a private collection, in order."""
    return _visible(images, get_image_model(), collection_restricted())


def is_visible_image(image):
    """Whether visitors may see this image (it is not in a private collection)."""
    return bool(visible_images([image]))


def visible_documents(documents):
    """The documents among these whose collection no view restriction covers, in order."""
    return _visible(documents, get_document_model(), collection_restricted())


def not_expired():
    """Query condition: the page has no expiry time, or it has not come yet.

    The scheduler unpublishes expired pages; this keeps them out in the seconds before it does.
    """
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def public_pages(queryset=None):
    """Live pages no view restriction covers and whose expiry has not come (for APIs, feeds)."""
    queryset = Page.objects.all() if queryset is None else queryset
    # page_restricted() rather than .public(), which first fetches every restriction.
    return queryset.live().exclude(page_restricted()).filter(not_expired())


def public_documents(queryset=None):
    """Documents outside private collections."""
    queryset = get_document_model().objects.all() if queryset is None else queryset
    return queryset.exclude(collection_restricted())
