"""Purge a changed page's other addresses from the front-end cache (CDN or Varnish).

Wagtail's frontend_cache app already purges the page's own URL when it is published or
unpublished (by an editor, the v3 API or the scheduler). This adds the addresses that show
it too: its section listing and the section's feeds (all, and per topic of the page), the
home page, the sitemap index and its section's sitemap, and the public API URLs that include
it. An event's own calendar file is one of its cached paths, so Wagtail purges it with the
page. Purging is off until FRONTEND_CACHE names a backend (docs/deployment.md), and always
off on a STAGING copy.
Wagtail hands the requests to a django-tasks task: it waits in the database queue and the
task worker (`manage.py run_worker`) sends it, so a publish never waits for the CDN.

Exact-URL purges cannot reach every query string (`?page=3`, `?fields=...`): those expire
with their max-age (API_CACHE_MAX_AGE for the API).
"""

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished

from mipcms.sitemaps import sitemap_paths


def api_urls(page, parent):
    """The public API addresses whose answer includes this page."""
    base = settings.WAGTAILAPI_BASE_URL.rstrip("/")
    label = page.specific_class._meta.label
    return [
        f"{base}/api/v2/pages/{page.pk}/",
        f"{base}/api/v2/pages/",
        f"{base}/api/v2/pages/?type={label}",
        f"{base}/api/v2/pages/?child_of={parent.pk}",
        f"{base}/api/v3/pages/{page.pk}/",
        f"{base}/api/v3/pages/",
        f"{base}/api/v3/pages/?type={label}",
    ]


def addresses_showing(page):
    """Every cached address, besides the page's own, that lists or describes the page."""
    batch = PurgeBatch()
    parent = page.get_parent().specific
    batch.add_page(parent)  # the listing and its feeds (get_cached_paths)
    parent_url = parent.get_full_url()
    if parent_url:
        topics = getattr(page.specific, "topics", None)
        slugs = list(topics.values_list("slug", flat=True)) if topics is not None else []
        batch.add_urls(
            f"{parent_url}{path.lstrip('/')}?topic={slug}"
            for path in parent.get_cached_paths()
            for slug in slugs
        )
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        batch.add_page(site.root_page)
        batch.add_urls(f"{site.root_url}{path}" for path in sitemap_paths(page))
    batch.add_urls(api_urls(page, parent))
    return batch


def purge_addresses_showing(sender, instance, **kwargs):
    """Signal handler: purge the page's listings and API URLs, when a cache is configured."""
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        addresses_showing(instance).purge()


def page_was_published(sender, instance, **kwargs):
    # Wagtail also sends page_published when a publish only schedules the page: not live yet.
    if instance.live:
        purge_addresses_showing(sender, instance)


def connect_signals():
    """Purge on every publish and unpublish (called from home's ready())."""
    page_published.connect(page_was_published, dispatch_uid="mipcms.cache_purge.published")
    page_unpublished.connect(purge_addresses_showing, dispatch_uid="mipcms.cache_purge.unpublished")
