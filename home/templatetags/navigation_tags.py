"""Site-wide navigation: the site's name, its primary navigation and breadcrumbs."""

from django import template
from django.conf import settings
from django.db.models import Subquery
from wagtail.models import Page, Site

from home.privacy import public_pages

register = template.Library()


def _current_site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


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
    items = []
    if site is not None:
        for menu_page in menu_pages(site):
            if current_path == menu_page.path:
                current = "page"
            elif current_path.startswith(menu_page.path):
                current = "true"
            else:
                current = ""
            items.append(
                {"title": menu_page.title, "url": menu_page.get_url(request), "current": current}
            )
    return {"items": items}


@register.inclusion_tag("components/breadcrumb.html", takes_context=True)
def breadcrumb(context):
    """Links to the live ancestors of the page being viewed, from the site's home page down."""
    request = context.get("request")
    page = context.get("page")
    site = _current_site(context)
    if site is None or not isinstance(page, Page) or page.pk == site.root_page_id:
        return {"ancestors": [], "page": None}
    ancestors = list(Page.objects.ancestor_of(page).live().filter(depth__gt=1).order_by("depth"))
    root_index = next((i for i, p in enumerate(ancestors) if p.pk == site.root_page_id), None)
    if root_index is None:
        return {"ancestors": [], "page": None}
    links = [{"title": p.title, "url": p.get_url(request)} for p in ancestors[root_index:]]
    links[0]["title"] = "Home"
    return {"ancestors": links, "page": page}
