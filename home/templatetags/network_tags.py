"""Links to the network's own pages: a topic's page, a person's page."""

from django import template
from django.apps import apps
from django.db.models import Subquery
from wagtail.models import Page

from home.privacy import public_pages
from home.site_version import cached, find_site

register = template.Library()


def section_url(request, label):
    """The address of the site's first public page of this type ("/topics/"), or "".

    Worked out once per site version, so a page full of links costs no query for them.
    """
    site = find_site(request) if request is not None else None
    if site is None:
        return ""

    def first_url():
        root = Page.objects.filter(pk=site.root_page_id).values("path")[:1]
        model = apps.get_model(label)
        page = (
            public_pages(model.objects.all())
            .filter(path__startswith=Subquery(root))
            .order_by("path")
            .first()
        )
        return (page.get_url(request) or "") if page is not None else ""

    return cached(("section_url", site.pk, label), first_url, request)


@register.simple_tag(takes_context=True)
def topic_url(context, topic):
    """The address of a topic's page (/topics/housing/), or "" when the site has none."""
    base = section_url(context.get("request"), "home.TopicIndexPage")
    return f"{base}{topic.slug}/" if base and topic.slug else ""


@register.simple_tag(takes_context=True)
def person_url(context, person):
    """The address of a person's page (/people/dana-reyes/), or "" when the site has none."""
    base = section_url(context.get("request"), "home.PeopleIndexPage")
    return f"{base}{person.slug}/" if base and person.slug else ""
