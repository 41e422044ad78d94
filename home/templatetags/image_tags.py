"""`{% sized_image image "card" alt="" %}`: an image at one of the named sizes (home/renditions.py).

Images in private collections are never shown (home.privacy), whatever template asks.
"""

import html

from django import template
from django.apps import apps
from django.utils.safestring import SafeData, mark_safe
from wagtail.images.shortcuts import get_renditions_or_not_found

from home.privacy import is_visible_image
from home.renditions import SIZES, image_filter

register = template.Library()


@register.simple_tag
def sized_image(image, size_name, **attributes):
    """The <img> of an image at a named size: WebP renditions in `srcset` with `sizes`, and
    the `width` and `height` of the narrowest, so the page keeps its layout while it loads.

    Renditions come from those prefetched with the image when they were (no query); an
    image whose file is missing shows Wagtail's "not found" placeholder, not an error.
    A small original is not made into copies of itself at larger sizes: only the widths it
    can fill are made and offered, each once.
    """
    if image is None or not is_visible_image(image):
        return ""
    size = SIZES[size_name]
    filters = [image_filter(spec) for spec in size.specs_for(image.width)]
    renditions = get_renditions_or_not_found(image, filters)
    by_width = {}
    for rendition in renditions.values():
        by_width.setdefault(rendition.width, rendition)
    if len(by_width) > 1:
        attributes.setdefault("sizes", size.sizes)
    return img_tag(list(by_width.values()), attributes)


def _escape(value):
    # Django's conditional_escape() without its lazy-string wrapper: the same characters.
    return value if isinstance(value, SafeData) else html.escape(str(value))


def img_tag(renditions, attributes):
    """The <img> Wagtail's ResponsiveImage makes of these renditions (the first is the
    fallback) and `attributes`, attribute for attribute, made without its per-attribute
    formatting: a card listing renders ten of them. Each rendition's URL is worked out once."""
    first = renditions[0]
    urls = [rendition.url for rendition in renditions]
    attrs = {"src": urls[0], "width": first.width, "height": first.height, "alt": first.alt}
    attrs.update(apps.get_app_config("wagtailimages").default_attrs)
    attrs.update(attributes)
    if len(renditions) > 1:
        pairs = zip(urls, renditions, strict=True)
        attrs["srcset"] = ", ".join(f"{url} {rendition.width}w" for url, rendition in pairs)
    # As Django's flatatt(): valued attributes by name, then the true booleans.
    valued = sorted(
        (name, value)
        for name, value in attrs.items()
        if value is not None and not isinstance(value, bool)
    )
    flags = [name for name, value in attrs.items() if value is True]
    text = "".join(f' {name}="{_escape(value)}"' for name, value in valued)
    return mark_safe(f"<img{text}{''.join(' ' + name for name in flags)}>")  # noqa: S308 (escaped above)
