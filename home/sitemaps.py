"""What crawlers read: a sitemap index of live public pages by section, and robots.txt.

`/sitemap.xml` is an index (Django's sitemap index view through Wagtail's) naming one sitemap
per section (`/sitemap-news.xml`, research, events, and `pages` for everything else), each
cut into pages of PAGE_SIZE addresses (`?p=2`...), so every public page is listed however
many there are (a sitemap may hold at most 50,000). A page of a sitemap costs the same at
its start and at its end: it starts at its first page's tree path (a keyset) instead of
counting past the pages before it, and each section's count, page starts and latest date
are worked out once per change of the site's content (home/site_version.py). The index
itself names a sitemap per PAGE_SIZE pages of a section, so it grows with the site: it is
made once per change of the content too, for each address it is asked at.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import HttpResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import index as wagtail_sitemap_index

from home.privacy import public_pages
from home.site_version import cached

# Addresses per sitemap page: small enough that each page answers quickly at any size
# (Yoast SEO uses the same), far under the protocol's 50,000.
PAGE_SIZE = 1000


class KeysetPaginator(Paginator):
    """A paginator of pages in tree order that starts each page at a known path, not OFFSET.

    `count` and `starts` (the path of each page's first item) come from the caller, cached.
    """

    def __init__(self, object_list, per_page, count, starts):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count  # Paginator.count is a cached_property
        self.starts = starts

    def page(self, number):
        number = self.validate_number(number)
        items = self.object_list.none()
        if self.starts:
            items = self.object_list.filter(path__gte=self.starts[number - 1])[: self.per_page]
        return self._get_page(items, number, self)


class SectionSitemap(Sitemap):
    """The public pages of some page types (`models`), or of all others (`other_than`)."""

    limit = PAGE_SIZE
    name = ""
    models = ()
    other_than = ()

    def pages(self):
        """The section's live, public pages (Page rows), whatever their order."""
        root = self.get_wagtail_site().root_page
        pages = public_pages(root.get_descendants(inclusive=True))
        if self.models:
            return pages.type(*self.models)
        return pages.not_type(*self.other_than)

    def items(self):
        # public_pages() rather than Wagtail's .live().public(), which keeps pages whose
        # expiry has passed but that the scheduler has not unpublished yet.
        return self.pages().order_by("path").defer_streamfields().specific()

    def stats(self):
        """(count, the path each sitemap page starts at, latest publish time), cached."""

        def compute():
            paths = list(self.pages().order_by("path").values_list("path", flat=True))
            latest = self.pages().aggregate(latest=Max("last_published_at"))["latest"]
            return len(paths), paths[:: self.limit], latest

        site = self.get_wagtail_site()
        return cached(f"sitemap:{site.pk}:{self.name}", compute, request=self.request)

    @property
    def paginator(self):
        count, starts, _ = self.stats()
        return KeysetPaginator(self.items(), self.limit, count, starts)

    def get_latest_lastmod(self):
        # Django's own reads every item of the section for the index.
        return self.stats()[2]


def section_sitemaps(sections):
    """The sitemaps of the index: one per section ({name: page models}), then `pages`."""
    sitemaps = {
        name: type(f"{name.title()}Sitemap", (SectionSitemap,), {"name": name, "models": models})
        for name, models in sections.items()
    }
    others = tuple(model for models in sections.values() for model in models)
    sitemaps["pages"] = type(
        "PagesSitemap", (SectionSitemap,), {"name": "pages", "other_than": others}
    )
    return sitemaps


def robots_txt(request):
    """robots.txt: where the sitemap index is, and what crawlers should leave alone."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # JSON for other sites' code, not for search results (robots.txt does not bind them).
        "Disallow: /api/",
        # Endless combinations of queries, each a thin page: search engines ask sites to
        # keep them out.
        "Disallow: /search/",
        # Wagtail's login and page-password forms.
        "Disallow: /_util/",
        # /documents/ stays open: reports' PDFs are worth finding, and private ones are
        # refused to anyone not signed in anyway.
        "",
        f"Sitemap: {settings.PUBLIC_BASE_URL}{reverse('sitemap')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap_index(request, sitemaps, **kwargs):
    """The sitemap index (Wagtail's view), made once per site version for each address."""

    def make():
        response = wagtail_sitemap_index(request, sitemaps, **kwargs)
        response.render()
        return response.content, response["Content-Type"], response.get("Last-Modified")

    key = ("sitemap_index", request.scheme, request.get_host())
    content, content_type, last_modified = cached(key, make, request)
    response = HttpResponse(content, content_type=content_type)
    if last_modified:
        response["Last-Modified"] = last_modified
    return response
