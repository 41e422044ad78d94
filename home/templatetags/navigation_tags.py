"""Site-wide navigation: the site's name, its primary navigation and breadcrumbs.

Computed once per site version (home/site_version.py), not per request: the menu and a
page's ancestors change only when content does.
"""

from django import template
from django.conf import settings
from django.db.models import Subquery
from wagtail.models import Page

from home.privacy import public_pages
from home.site_version import cached, find_site

register = template.Library()


def _current_site(context):
    request = context.get("request")
    return find_site(request) if request is not None else None


def _current_path(context):
    page = context.get("page")
    return getattr(page, "path", "") or ""


@register.simple_tag(takes_context=True)
def site_name(context):
    """The name of the site being viewed, or the project-wide name."""
    site = _current_site(context)
    return (site and site.site_name) or settings.WAGTAIL_SITE_NAME


def menu_pages(site):
    """The site root's children that are live, public and shown in menus, in one query.

    Wagtail's `.public()` first loads every view restriction and then queries the pages;
    here "no restriction on the page or any ancestor" is a subquery of the same statement.
    """
    root = Page.objects.filter(pk=site.root_page_id)
    return (
        public_pages(Page.objects.in_menu())
        .filter(
            depth=Subquery(root.values("depth")[:1]) + 1,
            path__startswith=Subquery(root.values("path")[:1]),
        )
        .order_by("path")
    )


@register.inclusion_tag("components/primary_navigation.html", takes_context=True)
def primary_navigation(context):
    """The site's sections, the one being viewed marked for aria-current."""
    request = context.get("request")
    site = _current_site(context)
    current_path = _current_path(context)
    if site is None:
        return {"items": []}
    menu = cached(
        ("menu", site.pk),
        lambda: [(page.path, page.title, page.get_url(request)) for page in menu_pages(site)],
        request,
    )
    items = []
    for path, title, url in menu:
        if current_path == path:
            current = "page"
        elif current_path.startswith(path):
            current = "true"
        else:
            current = ""
        items.append({"title": title, "url": url, "current": current})
    return {"items": items}


@register.inclusion_tag("components/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    """Links to the live ancestors of the page being viewed, from the site's home page down."""
    request = context.get("request")
    page = context.get("page")
    site = _current_site(context)
    if site is None or not isinstance(page, Page) or page.pk == site.root_page_id:
        return {"ancestors": [], "page": None}
    links = cached(
        ("breadcrumb", site.pk, page.path), lambda: ancestor_links(request, site, page), request
    )
    if not links:
        return {"ancestors": [], "page": None}
    return {"ancestors": links, "page": page}


def ancestor_links(request, site, page):
    """Title and address of the page's live ancestors from the site's home page down."""
    ancestors = list(Page.objects.ancestor_of(page).live().filter(depth__gt=1).order_by("depth"))
    root_index = next((i for i, p in enumerate(ancestors) if p.pk == site.root_page_id), None)
    if root_index is None:
        return []
    links = [{"title": p.title, "url": p.get_url(request)} for p in ancestors[root_index:]]
    links[0]["title"] = "Home"
    return links
