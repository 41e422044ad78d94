"""Search and sharing metadata for <head>: the page being viewed's, or the site's off a page."""

from django import template

from home.models import BasePage
from home.models.settings import site_details
from home.seo import Seo

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_metadata(context):
    """The metadata of the page in the context (home/seo.py); the site's on search or a 404.

    An address under a page (a topic's, a person's) gives its own as `routed_seo`.
    """
    if (routed := context.get("routed_seo")) is not None:
        return routed
    page = context.get("page")
    request = context.get("request")
    if isinstance(page, BasePage):
        return page.get_seo(request)
    return Seo(site_details(request))
