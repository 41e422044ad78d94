"""The site's version: one value that changes whenever anything a visitor can see may change.

Every save or delete of a content row (a page, a snippet, a setting, an image, a restriction,
a redirect...) bumps it, at once and again when its transaction commits. Rows that change
without changing what visitors see (sessions, revisions, logs, renditions, search hits, task
and heartbeat rows, editing sessions) are listed in SITE_VERSION_IGNORED_MODELS and leave it
alone, so reading the site never moves it.

Some of what a page shows changes with the clock alone: an event becomes past when it ends,
an expired page stops being public before the scheduler unpublishes it. SITE_VERSION_MOMENTS
names those date fields; the version a request sees includes the next such moment, so it
changes when that moment passes.

What is computed from the content once per version (the page chrome, counts: `cached()`)
and the anonymous page cache (mipcms/page_cache.py) are keyed on it, so they are never stale
and need no list of what to invalidate.

Where the version is kept: in the shared cache (Redis), read with one round trip per
request; or, where the cache is private to each process (LocMemCache, the default without
REDIS_URL), in one database row, because the scheduler and the task worker publish from
other processes. When the shared cache is away the version is unknown (None), and everything
keyed on it is computed afresh.
"""

import copy
import datetime
import functools
import hashlib
import threading
import time
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import models, transaction
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_migrate,
    post_save,
    pre_migrate,
)
from django.utils import timezone
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move


def site_version_model():
    """home.SiteVersion. Looked up, not imported: home's models page through listings with
    cached() (home/pagination.py), so this module must not import them."""
    return apps.get_model("home", "SiteVersion")


def site_settings_model():
    """home.SiteSettings (looked up for the same reason)."""
    return apps.get_model("home", "SiteSettings")


KEY = "site-version"

# A page save that changes only these columns (a draft saved, a page locked) leaves what
# visitors see as it was.
DRAFT_ONLY_FIELDS = {
    "draft_title",
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def kept_in_cache():
    """Whether every process shares the cache, so the version can live there."""
    configured = getattr(settings, "SITE_VERSION_IN_CACHE", None)
    if configured is not None:
        return configured
    backend = settings.CACHES["default"]["BACKEND"]
    return not backend.endswith(("LocMemCache", "DummyCache"))


def read(*keys):
    """The stored version and the cached values of `keys`, in one round trip where possible.

    Returns (version or None, {key: value}).
    """
    if not kept_in_cache():
        return site_version_model().current(), (cache.get_many(keys) if keys else {})
    values = cache.get_many([KEY, *keys])
    stored = values.pop(KEY, None)
    if stored is None:
        # Never set, or lost (Redis restarted or evicted it): a value no entry was made with.
        cache.add(KEY, time.time_ns(), timeout=None)
        stored = cache.get(KEY)
    return stored, values


def current(*keys):
    """The version the site shows now (stored version plus the next time-bound moment).

    Returns (version or None, {key: cached value}), the values read in the same round trip.
    """
    stored, values = read(*keys)
    if stored is None:
        return None, values
    return f"{stored}.{next_moment_stamp(stored)}", values


def address_key(prefix, request):
    """A cache key for the address of this request (host, path and query string)."""
    address = f"{request.get_host()}{request.get_full_path()}"
    return f"{prefix}:" + hashlib.sha256(address.encode()).hexdigest()


def current_entry(request, key):
    """The site version and the entry kept at `key` if it was made at that version.

    One round trip reads both; the version is kept on the request. Returns (version or
    None, entry or None). Entries are dicts with the "version" they were made at.
    """
    version, values = current(key)
    request._site_version = version
    _serve(version)
    entry = values.get(key)
    if version is None or entry is None or entry.get("version") != version:
        return version, None
    return version, entry


def for_request(request):
    """The site version for this request, read once per request."""
    if not hasattr(request, "_site_version"):
        request._site_version = current()[0]
        _serve(request._site_version)
    return request._site_version


# The version the request being served reads, for code that has no request at hand (a page's
# URL asked for deep in a serializer). Set when the request first reads the version; cleared
# as each request starts and ends, so nothing outside a request ever sees an old one. A
# request made up outside the serving of one (a task or a test rendering a template) sets
# nothing: no request_finished would ever clear it.
_serving = ContextVar("site_version_serving", default=None)
_in_request = ContextVar("site_version_in_request", default=False)


def _serve(version):
    if _in_request.get():
        _serving.set(version)


def serving():
    """Whether a request being served has read the version."""
    return _serving.get() is not None


def start_serving(**kwargs):
    """Signal receiver: a request starts; it has read no version yet."""
    _in_request.set(True)
    _serving.set(None)


def stop_serving(**kwargs):
    """Signal receiver: a request ends, and with it the version it read."""
    _in_request.set(False)
    _serving.set(None)


def bump():
    """Mark the site as changed: now, and again when the open transaction (if any) commits.

    Now, so a process inside the transaction sees its own change; at commit, so a page
    rendered by another request before the commit is not kept under the new version.
    """
    _bump_now()
    # The request making the change no longer reads the version it started with: what is
    # kept for that version would not show its own change.
    _serving.set(None)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump_now)


_migrating = threading.Event()


def _bump_now():
    if _migrating.is_set():  # data migrations: the version's own table may not exist yet
        return
    if kept_in_cache():
        try:
            cache.incr(KEY)
        except ValueError:  # no version stored yet: any new value will do
            cache.add(KEY, time.time_ns(), timeout=None)
    else:
        site_version_model().bump()


# Computed once per version and process ------------------------------------------------------

_memo = {}
_memo_lock = threading.Lock()
_memo_version = [None]
# Values kept per version at most: keys can come from a request (a listing's filters, a
# page's path), and a version can last days; past this the memo starts again.
MEMO_SIZE = 5000


def cached(key, compute, request=None):
    """compute()'s value, computed once per site version in this process.

    For what every visitor sees the same (the navigation, the site's feeds, a listing's
    count). Computed afresh on every call when the version is unknown (cache away).
    """
    version = for_request(request) if request is not None else current()[0]
    return kept(version, key, compute)


def kept(version, key, compute):
    """compute()'s value kept for `version` (computed afresh when the version is unknown)."""
    if version is None:
        return compute()
    memo_key = (version, key)
    try:
        return _memo[memo_key]
    except KeyError:
        pass
    value = compute()
    with _memo_lock:
        if _memo_version[0] != version or len(_memo) >= MEMO_SIZE:
            _memo.clear()  # the site changed (or the memo is full): start again
            _memo_version[0] = version
        _memo[memo_key] = value
    return value


def kept_while_serving(key, compute):
    """compute()'s value kept per version while a request is served and has changed nothing;
    None otherwise (a task, a made-up request, a request that saved content), for the caller
    to work out exactly."""
    version = _serving.get()
    if version is None:
        return None
    return kept(version, key, compute)


def site_root_paths():
    """Wagtail's Site.get_site_root_paths(): kept per version while a request is served.

    Wagtail reads them from the shared cache for each page whose URL it makes (a round trip
    to Redis for every page an API listing or a page body links to); they change only when
    a site or a site's root page does, which moves the version.
    """
    return kept(_serving.get(), "site_root_paths", Site.get_site_root_paths)


def share_site_root_paths(pages):
    """Give pages loaded as Wagtail's Page (not as their own type, so without BasePage's
    `_get_site_root_paths`) the kept root paths, where Wagtail looks before asking the cache."""
    if _serving.get() is None:
        return
    paths = site_root_paths()
    for page in pages:
        page._wagtail_cached_site_root_paths = paths


def find_site(request):
    """The Wagtail site of the request (Site.find_for_request), looked up once per version."""
    if not hasattr(request, "_wagtail_site"):
        address = (request._get_raw_host(), request.get_port())
        request._wagtail_site = cached(
            ("site", address), lambda: Site._find_for_request(request), request
        )
    return request._wagtail_site


def prime(request):
    """Give the request its site and site settings as computed once per version.

    Wagtail's page serving, the settings context processor and the templates then find them
    on the request instead of asking the database.
    """
    site = find_site(request)
    if site is None:
        return
    model = site_settings_model()
    stored = cached(("site_settings", site.pk), lambda: model.for_site(site), request)
    site_settings = copy.copy(stored)  # its _request is this request's
    site_settings._request = request
    setattr(request, model.get_cache_attr_name(), site_settings)


# Moments when the clock alone changes what the site shows ------------------------------------

_moments = {}


def next_moment_stamp(stored):
    """The next moment (epoch seconds, 0 for none) a time-bound field passes, for `stored`."""
    now = timezone.now()
    held = _moments.get(stored)
    if held is None or not (held[0] <= now < held[1]):
        held = (now, next_moment(now))
        _moments.clear()
        _moments[stored] = held
    until = held[1]
    return (
        0 if until == datetime.datetime.max.replace(tzinfo=datetime.UTC) else int(until.timestamp())
    )


def next_moment(now):
    """The soonest value after `now` of the fields in SITE_VERSION_MOMENTS (or datetime.max).

    One query per model named.
    """
    fields = {}
    for name in settings.SITE_VERSION_MOMENTS:
        label, field_name = name.rsplit(".", 1)
        fields.setdefault(apps.get_model(label), []).append(field_name)
    today = timezone.localdate(now)
    soonest = datetime.datetime.max.replace(tzinfo=datetime.UTC)
    for model, names in fields.items():
        dated = {
            name: isinstance(model._meta.get_field(name), models.DateTimeField) for name in names
        }
        found = model._base_manager.aggregate(
            **{
                name: models.Min(
                    name,
                    filter=models.Q(
                        **{f"{name}__gt": now} if dated[name] else {f"{name}__gte": today}
                    ),
                )
                for name in names
            }
        )
        for name, value in found.items():
            if value is not None and not dated[name]:
                # A date is "still to come" through its whole day, in the site's time zone.
                value = timezone.make_aware(
                    datetime.datetime.combine(value + datetime.timedelta(days=1), datetime.time())
                )
            if value is not None and value < soonest:
                soonest = value
    return soonest


def seconds_to_next_moment(version):
    """Seconds until `version` (from current()) stops being current by the clock, or None."""
    stamp = int(version.rsplit(".", 1)[1]) if version else 0
    return max(0, stamp - int(time.time())) if stamp else None


# What bumps it -------------------------------------------------------------------------------


@functools.cache
def ignored_models():
    return {label.lower() for label in settings.SITE_VERSION_IGNORED_MODELS}


def changes_what_visitors_see(sender, update_fields=None):
    """Whether a save or delete of a `sender` row may change what visitors see."""
    meta = sender._meta
    ignored = ignored_models()
    if meta.app_label in ignored or meta.label_lower in ignored:
        return False
    return not (
        issubclass(sender, Page) and update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS
    )


def on_row_change(sender, update_fields=None, raw=False, action="post_", **kwargs):
    """Signal receiver: bump the version when a row that visitors may see changes."""
    if raw or not action.startswith("post_"):  # fixtures loading; m2m's pre_ signals
        return
    if changes_what_visitors_see(sender, update_fields):
        bump()


def on_page_event(sender, **kwargs):
    """Signal receiver: publishing, unpublishing and moves always change what is shown."""
    bump()


def connect_signals():
    """Listen to every model's saves and deletes, and to Wagtail's page events."""
    post_save.connect(on_row_change, dispatch_uid="site_version_save")
    post_delete.connect(on_row_change, dispatch_uid="site_version_delete")
    m2m_changed.connect(on_row_change, dispatch_uid="site_version_m2m")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(on_page_event, dispatch_uid=f"site_version_{id(signal)}")
    request_started.connect(start_serving, dispatch_uid="site_version_request_started")
    request_finished.connect(stop_serving, dispatch_uid="site_version_request_finished")
    pre_migrate.connect(lambda **kwargs: _migrating.set(), weak=False, dispatch_uid="sv_pre")
    post_migrate.connect(lambda **kwargs: _migrating.clear(), weak=False, dispatch_uid="sv_post")
