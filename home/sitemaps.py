"""What crawlers read: the sitemap of live public pages, and robots.txt pointing to it."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap

from home.privacy import public_pages


class PublicPagesSitemap(Sitemap):
    """Wagtail's sitemap of the site's pages, each with its last-published date, public only."""

    def items(self):
        # Wagtail's own .live().public() keeps pages whose expiry has passed but that the
        # scheduler has not unpublished yet; public_pages() is the site-wide definition.
        root = self.get_wagtail_site().root_page
        return (
            public_pages(root.get_descendants(inclusive=True))
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


def robots_txt(request):
    """robots.txt: where the sitemap is, and what crawlers should leave alone."""
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
