"""Top-level URLs: admin, documents, search, the content API, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.sitemaps import robots_txt, sitemap_index
from mipcms.page_cache import shared_by_visitors
from mipcms.sitemaps import SITEMAPS
from search import views as search_views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path(
        "sitemap.xml",
        shared_by_visitors(sitemap_index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        shared_by_visitors(sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", shared_by_visitors(robots_txt), name="robots_txt"),
    path("api/", include("mipcms.api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

# A database outage answers 503 (JSON on the API) instead of 500: mipcms/errors.py.
handler500 = "mipcms.errors.server_error"
