"""Feed discovery: <link rel="alternate"> tags for the site's feeds, and a page's own feeds."""

from django import template
from django.db.models import Subquery
from wagtail.models import Page, get_page_models

from home.feeds import PageRoutesMixin
from home.models import IndexPage
from home.privacy import public_pages, visible_pages
from home.site_version import cached, find_site

register = template.Library()


def site_feed_pages(site):
    """The first public front of each section type that has feeds, in menu order, in one query.

    Every page advertises these (the news, research and events feeds of the site).
    """
    models = [
        model
        for model in get_page_models()
        if issubclass(model, IndexPage) and issubclass(model, PageRoutesMixin) and model.feeds
    ]
    if not models:
        return []
    root = Page.objects.filter(pk=site.root_page_id)
    pages = (
        public_pages(Page.objects.type(*models))
        .filter(path__startswith=Subquery(root.values("path")[:1]))
        .order_by("depth", "path")
    )
    first = {}
    for page in pages:
        first.setdefault(page.specific_class, page)
    return sorted(first.values(), key=lambda page: page.path)


def site_feeds(request, site):
    """The feed links of the site's section fronts (computed once per site version)."""
    links = []
    for page in site_feed_pages(site):
        links += page.specific_class.feed_links(page.get_url(request), page.title)
    return links


@register.simple_tag(takes_context=True)
def page_feeds(context):
    """The feeds of the page being viewed (its topic's on a filtered listing), or none."""
    page = context.get("page")
    request = context.get("request")
    # A private page's feeds are 404s (PageRoutesMixin.route): do not advertise them.
    if not isinstance(page, PageRoutesMixin) or not visible_pages([page]):
        return []
    url = page.get_url(request)
    return page.feed_links(url, page.title, context.get("active_topic")) if url else []


@register.simple_tag(takes_context=True)
def feed_links(context):
    """The page's own feeds, then the site's news, research and events feeds (one query)."""
    request = context.get("request")
    links = list(page_feeds(context))
    site = find_site(request) if request is not None else None
    if site is not None:
        links += cached(("site_feeds", site.pk), lambda: site_feeds(request, site), request)
    # A section front's own feeds are also the site's: each address once, first place kept.
    return list({link.url: link for link in links}.values())
