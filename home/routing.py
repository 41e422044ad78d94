"""Finding the page an address names: Wagtail's walk down the tree, in two queries.

Wagtail's `Page.route` asks for one child per level and then for its specific type: two
queries per level, ten for a page five levels down. Every page's `url_path` is its address
under the tree, so the pages along an address can be read in one query, and the one asked for
in a second, annotated with whether a view restriction covers it (so the privacy checks that
follow ask nothing more). The walk itself is Wagtail's: a page with its own sub-addresses
(RoutablePageMixin: feeds, calendars) answers them before its children do, and the page
reached routes the rest, so live, expiry and sub-address rules stay where they were.
"""

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from home.privacy import page_restricted


def pages_on_path(root, components):
    """The pages under `root` along the address `components`, by url_path."""
    prefixes = [root.url_path + "/".join(components[: n + 1]) + "/" for n in range(len(components))]
    # url_path has no index; slug has, as Wagtail's walk uses it: the slugs narrow the rows
    # to a handful, however many pages the site has, and url_path picks the ones on the path.
    pages = Page.objects.filter(
        slug__in=set(components), url_path__in=prefixes, path__startswith=root.path
    )
    return {
        page.url_path: page
        for page in pages.only("id", "path", "depth", "url_path", "live", "content_type_id")
    }


def answers_itself(model, page, components):
    """Whether a page with sub-addresses has one for `components` (RoutablePageMixin.route)."""
    if not (issubclass(model, RoutablePageMixin) and page.live):
        return False
    try:
        model.get_resolver().resolve("/" + "/".join(components) + "/")
    except Http404:
        return False
    return True


def as_specific(page, model, parent):
    """The page as its own type, knowing whether a view restriction covers it."""
    if isinstance(page, model):
        return page
    found = model.objects.annotate(is_restricted=page_restricted()).get(pk=page.pk)
    found._cached_parent_obj = parent  # as Wagtail's walk leaves it: get_parent() is free
    return found


def route(root, request, components):
    """Wagtail's RouteResult for `components` under `root` (a specific page)."""
    on_path = pages_on_path(root, components)
    page, model, parent = root, type(root), None
    for n in range(len(components)):
        rest = components[n:]
        if answers_itself(model, page, rest):
            return as_specific(page, model, parent).route(request, rest)
        child = on_path.get(root.url_path + "/".join(components[: n + 1]) + "/")
        if child is None:
            raise Http404
        page, model, parent = child, child.specific_class, page
    return as_specific(page, model, parent).route(request, [])
