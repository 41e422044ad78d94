"""What anonymous visitors may see: view restrictions on pages and collections, embargoed files.

Pages and collections are trees whose paths extend their ancestors' paths, so an object is
restricted when a restriction sits on a node whose path starts its own. That test is one
subquery, so listings and StreamField choosers can carry it in the query they already make;
while a request is served, the restricted paths are read once per site version (a
restriction saved or deleted moves it) and the test is a LIKE on each.

A file (document or image) is embargoed while the pages that use it are none of them live
and public: Wagtail's reference index knows who uses what, and whether those pages are live
is read at the moment of the request, so a file is downloadable the moment its page goes
live, by the scheduler included, and hidden again the moment it is unpublished.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    CharField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
)
from django.db.models.functions import Cast
from django.db.models.lookups import StartsWith
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)

from home.site_version import kept_while_serving


def _restricted(restrictions, outer_path, restricted_node):
    paths = kept_while_serving(
        ("restricted_paths", restrictions.model._meta.label),
        lambda: sorted(set(restrictions.values_list(f"{restricted_node}__path", flat=True))),
    )
    if paths is None:
        return Exists(
            restrictions.filter(StartsWith(OuterRef(outer_path), F(f"{restricted_node}__path")))
        )
    # While a request is served: the few restricted paths of this site version, so the
    # query carries a LIKE per restriction instead of a subquery (cheaper to build and run).
    if not paths:
        return Value(False)
    covered = Q()
    for path in paths:
        covered |= Q(**{f"{outer_path}__startswith": path})
    return ExpressionWrapper(covered, output_field=BooleanField())


def page_restricted(outer_path="path"):
    """Query expression: a view restriction covers the page (at `outer_path`) or an ancestor."""
    return _restricted(PageViewRestriction.objects.all(), outer_path, "page")


def collection_restricted(outer_path="collection__path"):
    """Query expression: a view restriction covers the object's collection or an ancestor."""
    return _restricted(CollectionViewRestriction.objects.all(), outer_path, "collection")


def _visible(objects, model, restricted):
    """Objects not covered by a restriction (`restricted()`, a query condition), in order.

    Objects loaded with an `is_restricted` annotation cost nothing, not even building the
    condition; the others (a value fresh from an editor's form, a related row) are checked
    together in one query, and keep the answer (`is_restricted`) so asking again about the
    same object is free.
    """
    objects = [obj for obj in objects if obj is not None]
    unknown = [obj for obj in objects if not hasattr(obj, "is_restricted")]
    if unknown:
        open_ids = set(
            model.objects.filter(pk__in=[obj.pk for obj in unknown])
            .exclude(restricted())
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
    return _visible(pages, Page, page_restricted)


def visible_images(images):
    """The images among these that are not in a private collection, in order."""
    return _visible(images, get_image_model(), collection_restricted)


def is_visible_image(image):
    """Whether visitors may see this image (it is not in a private collection)."""
    return bool(visible_images([image]))


def visible_documents(documents):
    """The documents among these whose collection no view restriction covers, in order."""
    return _visible(documents, get_document_model(), collection_restricted)


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


def embargoed(model, outer_pk="pk"):
    """Query condition: pages use the file, none of them live and public, and nothing else does.

    The one embargo rule, for documents and images (`model`). A file no page uses (uploaded to
    the library on its own) is not embargoed; a file that anything but a page uses (a person's
    photo, a snippet) is public through that.
    """
    references = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(model),
        to_object_id=Cast(OuterRef(outer_pk), output_field=CharField()),
    )
    page_type = ContentType.objects.get_for_model(Page)
    from_pages = references.filter(base_content_type=page_type)
    public_ids = public_pages().annotate(key=Cast("pk", output_field=CharField())).values("key")
    return Q(
        Exists(from_pages),
        ~Exists(from_pages.filter(object_id__in=public_ids)),
        ~Exists(references.exclude(base_content_type=page_type)),
    )


def public_documents(queryset=None):
    """Documents anyone may download or find: outside private collections and not embargoed."""
    queryset = get_document_model().objects.all() if queryset is None else queryset
    model = queryset.model
    return queryset.exclude(collection_restricted()).exclude(embargoed(model))


def public_images(queryset=None):
    """Images anyone may have the details and files of: no private collection, no embargo."""
    queryset = get_image_model().objects.all() if queryset is None else queryset
    return queryset.exclude(collection_restricted()).exclude(embargoed(queryset.model))


def held_back(request, file):
    """Whether the embargo keeps this document or image from the person making the request.

    Staff signed in to the admin have every file. So has anyone a live page using the file lets
    in: a page behind a password, a login or a group is not public, which embargoes its files,
    but those who may read it may download them. Private collections are Wagtail's own check,
    which asks for a login or a password.
    """
    user = request.user
    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return False
    model = type(file)
    if not model.objects.filter(pk=file.pk).filter(embargoed(model)).exists():
        return False
    page_ids = (
        ReferenceIndex.get_references_to(file)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    pages = Page.objects.live().filter(not_expired(), pk__in=[int(pk) for pk in page_ids])
    return not any(
        all(restriction.accept_request(request) for restriction in page.get_view_restrictions())
        for page in pages
    )
