"""The JSON shapes the API gives shared things: images, documents, page links, people, topics,
and a page's `seo` metadata (worked out in home/seo.py, for the web page's <head> too).

One function per shape, used by model fields (home/api/fields.py) and by blocks'
get_api_representation alike, so an image looks the same in `listing_image` and in a body.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.urls import NoReverseMatch, reverse

from .privacy import is_visible_image
from .renditions import API as API_IMAGE_RENDITIONS


def public_url(url):
    """An absolute public URL for a site-relative one (`/news/x/`); others pass through."""
    if url and url.startswith("/") and not url.startswith("//"):
        return settings.PUBLIC_BASE_URL + url
    return url


# The sizes (names in API_IMAGE_RENDITIONS) an API answer asks for (`?renditions=`); all by
# default. Only those are made, and only those are listed.
_asked_sizes = ContextVar("asked_rendition_sizes", default=None)


@contextmanager
def renditions_asked(names):
    """Within the block, images are represented with these renditions only (None: all)."""
    asked = None if names is None else {name: API_IMAGE_RENDITIONS[name] for name in names}
    token = _asked_sizes.set(asked)
    try:
        yield
    finally:
        _asked_sizes.reset(token)


def asked_renditions():
    """{name: spec} of the renditions the answer being made asks for."""
    asked = _asked_sizes.get()
    return API_IMAGE_RENDITIONS if asked is None else asked


def rendition_details(image, spec):
    """A rendition's absolute URL and size, or None when the original cannot be read."""
    try:
        rendition = image.get_rendition(spec)
    except OSError:  # the original is missing (SourceImageIOError) or not an image at all
        return None
    return {"url": rendition.full_url, "width": rendition.width, "height": rendition.height}


def image_representation(image, alt=None, decorative=False):
    """An image with its alt text, credit and ready-made renditions (absolute URLs)."""
    if image is None:
        return None
    # A rendition that cannot be made is left out; the other fields still help.
    renditions = {
        name: details
        for name, spec in asked_renditions().items()
        if (details := rendition_details(image, spec)) is not None
    }
    if decorative:
        alt = ""
    elif alt is None:
        alt = image.default_alt_text
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt,
        "credit": getattr(image, "credit", ""),
        "width": image.width,
        "height": image.height,
        "renditions": renditions,
    }


def visible_image_representation(image):
    """An image visitors may see, represented; None for one in a private collection."""
    return image_representation(image) if image and is_visible_image(image) else None


def document_representation(document):
    """A downloadable file: absolute URL, title, file type and size in bytes."""
    if document is None:
        return None
    return {
        "id": document.pk,
        "title": document.title,
        "url": public_url(document.url),
        "file_type": document.file_extension.upper(),
        "file_size": document.file_size,
        "description": getattr(document, "description", ""),
    }


def api_detail_url(page_id):
    """The v2 API address of a page."""
    try:
        return public_url(reverse("wagtailapi:pages:detail", args=[page_id]))
    except NoReverseMatch:  # the API is not mounted (a test URLconf)
        return None


def page_link_representation(page):
    """A link to another page: id, type, title, and its web and API addresses."""
    if page is None:
        return None
    model = page.specific_class
    return {
        "id": page.pk,
        "type": model._meta.label if model else "wagtailcore.Page",
        "title": page.title,
        "url": public_url(page.url),
        "detail_url": api_detail_url(page.pk),
    }


def person_representation(person, with_email=False):
    """A person (author, speaker, contact) as a small object."""
    if person is None:
        return None
    data = {
        "id": person.pk,
        "name": person.name,
        "slug": person.slug,
        "role": person.role,
        "organisation": person.organisation,
    }
    if with_email:
        data["email"] = person.email
    return data


def contact_representation(person):
    """The contact person of a page, with the email address visitors should write to."""
    return person_representation(person, with_email=True)


def topic_representation(topic):
    """A policy area: id, name and the slug used by `?topic=`."""
    return {"id": topic.pk, "name": topic.name, "slug": topic.slug}


def member_representation(member):
    """A cohort member (a CohortMember row) as its city, mayor and note."""
    city = member.city
    return {
        "id": city.pk,
        "name": city.name,
        "state": city.state,
        "mayor": city.mayor,
        "population": city.population,
        "note": member.note,
    }


def testimonial_representation(testimonial):
    """A mayor's quote with who said it and their photo."""
    if testimonial is None:
        return None
    city = testimonial.city
    return {
        "id": testimonial.pk,
        "quote": testimonial.quote,
        "name": testimonial.name,
        "role": testimonial.role,
        "city": {"id": city.pk, "name": city.name, "state": city.state} if city else None,
        "photo": visible_image_representation(testimonial.photo),
    }
