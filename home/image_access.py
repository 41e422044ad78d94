"""Image files as private as their images: a hidden image's files are private in the store.

An image visitors may not see (home.privacy: in a private collection, or embargoed, i.e. used
only by pages that are not live and public) has its original and every rendition stored
private; every other image's files are public, at plain addresses that CDNs cache. This needs
a storage that can make single files private: S3 with object ACLs (mipcms/storage.py:
`controls_access`, `set_public`, `private_uploads`, `signed_url`). Elsewhere (files on disk,
which the web server hands to anyone; S3 with ACLs off) nothing here runs or costs anything,
and every image file is public.

When. Visibility changes with what uses an image (a page saved or published, a snippet
saved, anything deleted), with pages' live state (publishing by an editor, the v3 API or the
scheduler; unpublishing; the scheduler's expiry), with view restrictions on pages and
collections, a page or collection moved, an image's collection. Each of those notes what it
touched (`touch`), through Wagtail's own signals: the reference index's task finishing (the
one place where what an object uses is recorded; inline, mipcms/task_routing.py, but a
worker would do too),
reference rows deleted, page_published/page_unpublished, post_page_move, treebeard's
path_updated (a collection moved), restrictions and images saved.
When the transaction commits, `sync` asks in one query which of the touched images are
hidden and changes the files of those whose state flipped, before the request (or scheduler
pass) ends: going private later would be a leak, and going public at once is what the
editor expects. A new rendition of a hidden image is private from its upload (its image's
state is read afresh just before; one that another request uploads in the very instant of
a flip may miss the flip, and is set right by the image's next sync or sync_image_files).

Why a stored flag, `CustomImage.files_private`, and not a query: it records what the bucket
holds, so a sync touches only images whose state flipped (S3 has no bulk ACL call: one
request per file), and an image's files get signed addresses for staff without a query per
rendition (the admin lists dozens). Visitors' surfaces never read it: pages and the APIs
ask home.privacy at request time, as before. `manage.py sync_image_files` sets every image's
files afresh (after switching storage, or if the store was away during a sync).
"""

import logging
import threading
from collections import defaultdict
from contextlib import nullcontext

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import BigIntegerField, BooleanField, CharField, ExpressionWrapper, Q
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save
from django_tasks.signals import task_finished
from modelcluster.fields import ParentalKey
from treebeard.mp_tree import path_updated
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
)
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.tasks import update_reference_index_task

from home.privacy import collection_restricted, embargoed

logger = logging.getLogger(__name__)


def _access_storage(model):
    """The storage of the model's files when it can make single files private; else None."""
    storage = model._meta.get_field("file").storage
    return storage if getattr(storage, "controls_access", False) else None


def access_storage():
    """The images' storage when it can keep hidden images' files private; else None."""
    return _access_storage(get_image_model())


def signed_url(file):
    """A short-lived signed address of a hidden image's file, or None where files are public."""
    storage = file.storage
    if getattr(storage, "controls_access", False):
        return storage.signed_url(file.name)
    return None


def private_uploads(private):
    """A block in which images' files are uploaded private (when `private` and possible)."""
    storage = access_storage()
    return storage.private_uploads() if private and storage is not None else nullcontext()


def hidden_now(image):
    """Whether the image, as about to be saved, is one visitors may not see (for its upload)."""
    if access_storage() is None:
        return False
    collection = Collection.objects.filter(pk=image.collection_id)
    restricted = collection.filter(collection_restricted("path")).exists()
    if restricted or image.pk is None:
        return restricted  # a new image no page uses yet is hidden only by its collection
    model = type(image)
    return model.objects.filter(pk=image.pk).filter(embargoed(model)).exists()


def stored_private(image):
    """Whether the image's files are private now (read afresh: a sync may have just run)."""
    if image.pk is None or access_storage() is None:
        return False
    rows = type(image).objects.filter(pk=image.pk).values_list("files_private", flat=True)
    image.files_private = bool(rows.first())
    return image.files_private


# What this thread's transaction touched, until it commits: image ids, (model, pk) of objects
# whose references were indexed, page ids, collection ids and paths (each with what lies
# below).
_pending = threading.local()


def touch(kind, *items):
    """Note images whose visibility may have changed; they are synced when the data commits.

    Every touch asks for a sync on commit; the first that runs syncs everything noted, the
    others find nothing left. Notes from a transaction that rolled back are synced with the
    next: a sync reads the state as it is, so an extra image costs nothing but a row.
    """
    if access_storage() is None:
        return
    touched = getattr(_pending, "touched", None)
    if touched is None:
        touched = _pending.touched = defaultdict(set)
    touched[kind].update(items)
    transaction.on_commit(sync_touched, robust=True)


def sync_touched():
    """Sync the images noted since the last sync (on commit)."""
    touched, _pending.touched = getattr(_pending, "touched", None), None
    if touched:
        sync(_touched_images(touched))


def _indexed_keys(objects):
    """{base content type: object ids} under which the reference index records these objects.

    A child row (an inline panel's item) is indexed as part of its parent page or snippet.
    """
    by_model = defaultdict(set)
    for model, pk in objects:
        by_model[model].add(pk)
    keys = defaultdict(set)
    while by_model:
        model, pks = by_model.popitem()
        parental = [field for field in model._meta.get_fields() if isinstance(field, ParentalKey)]
        if parental:
            field = parental[0]
            parents = model.objects.filter(pk__in=pks).values_list(field.attname, flat=True)
            by_model[field.related_model].update(str(pk) for pk in parents if pk is not None)
            continue
        base = [model, *model._meta.get_parent_list()][-1]
        keys[ContentType.objects.get_for_model(base)].update(pks)
    return keys


def _touched_images(touched):
    """Query condition: the images touched, directly or through what uses them."""
    model = get_image_model()
    condition = Q(pk__in=touched["images"])
    uses = Q()
    for content_type, object_ids in _indexed_keys(touched["objects"]).items():
        uses |= Q(base_content_type=content_type, object_id__in=object_ids)
    if touched["pages"]:
        subtree = Q()
        for path in Page.objects.filter(pk__in=touched["pages"]).values_list("path", flat=True):
            subtree |= Q(path__startswith=path)
        keys = Page.objects.filter(subtree).annotate(key=Cast("pk", CharField())).values("key")
        uses |= Q(base_content_type=ContentType.objects.get_for_model(Page), object_id__in=keys)
    if uses:
        used = ReferenceIndex.objects.filter(
            uses, to_content_type=ContentType.objects.get_for_model(model)
        ).annotate(image_id=Cast("to_object_id", BigIntegerField()))
        condition |= Q(pk__in=used.values("image_id"))
    paths = set(touched["collection_paths"])
    if touched["collections"]:
        collections = Collection.objects.filter(pk__in=touched["collections"])
        paths.update(collections.values_list("path", flat=True))
    for path in paths:
        condition |= Q(collection__path__startswith=path)
    return condition


def sync(condition, force=False):
    """Make the files of the images matching `condition` private or public as visibility says.

    One query works out which are hidden; only those whose files are not yet as they should
    be (all of them with `force`) are changed, the flag first, so staff's addresses are
    signed before the files close. Returns the number of images changed.
    """
    storage = access_storage()
    if storage is None:
        return 0
    model = get_image_model()
    rendition_model = model.get_rendition_model()
    hidden = ExpressionWrapper(
        Q(collection_restricted()) | embargoed(model), output_field=BooleanField()
    )
    rows = model.objects.filter(condition).annotate(hidden=hidden)
    flips = {True: {}, False: {}}  # private? -> {image id: original's name}
    for pk, name, private, is_hidden in rows.values_list("pk", "file", "files_private", "hidden"):
        if force or private != bool(is_hidden):
            flips[bool(is_hidden)][pk] = name
    changed = [*flips[True], *flips[False]]
    if not changed:
        return 0
    renditions = defaultdict(list)
    for image_id, name in rendition_model.objects.filter(image_id__in=changed).values_list(
        "image_id", "file"
    ):
        renditions[image_id].append(name)
    rendition_storage = _access_storage(rendition_model)
    for private, images in flips.items():  # going private first: it is the urgent one
        if not images:
            continue
        state = "private" if private else "public"
        model.objects.filter(pk__in=images).update(files_private=private)
        try:
            storage.set_public(images.values(), public=not private)
            if rendition_storage is not None:
                names = [name for pk in images for name in renditions[pk]]
                rendition_storage.set_public(names, public=not private)
        except Exception:
            # The next sync of these images tries again; sync_image_files does all.
            model.objects.filter(pk__in=images).update(files_private=not private)
            logger.exception("Could not make image files %s: images %s", state, list(images))
            raise
        logger.info("Image files %s: images %s", state, list(images))
    return len(changed)


def _references_indexed(sender, task_result, **kwargs):
    if task_result.task.module_path == update_reference_index_task.module_path:
        app_label, model_name, pk = task_result.args
        touch("objects", (apps.get_model(app_label, model_name), str(pk)))


def _reference_removed(sender, instance, **kwargs):
    if instance.to_content_type_id == ContentType.objects.get_for_model(get_image_model()).pk:
        touch("images", int(instance.to_object_id))


def _page_changed(sender, instance, **kwargs):
    touch("objects", (Page, str(instance.pk)))


def _page_tree_changed(sender, instance, **kwargs):
    touch("pages", getattr(instance, "page_id", instance.pk))


def _collection_restriction_changed(sender, instance, **kwargs):
    touch("collections", instance.collection_id)


def _collection_moved(sender, new_path, **kwargs):
    touch("collection_paths", new_path)


def _image_saved(sender, instance, **kwargs):
    touch("images", instance.pk)


def connect_signals():
    """Sync image files on every change that can change an image's visibility."""
    uid = "home.image_access"
    task_finished.connect(_references_indexed, dispatch_uid=f"{uid}.indexed")
    post_delete.connect(_reference_removed, sender=ReferenceIndex, dispatch_uid=f"{uid}.ref")
    page_published.connect(_page_changed, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(_page_changed, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(_page_tree_changed, dispatch_uid=f"{uid}.moved")
    for signal in (post_save, post_delete):
        signal.connect(_page_tree_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}.pvr")
        signal.connect(
            _collection_restriction_changed,
            sender=CollectionViewRestriction,
            dispatch_uid=f"{uid}.cvr",
        )
    path_updated.connect(_collection_moved, sender=Collection, dispatch_uid=f"{uid}.collection")
    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid=f"{uid}.image")
