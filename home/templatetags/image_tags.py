"""`{% sized_image image "card" alt="" %}`: an image at one of the named sizes (home/renditions.py).

Images in private collections are never shown (home.privacy), whatever template asks.
"""

from django import template
from wagtail.images.models import ResponsiveImage
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
    for spec, rendition in renditions.items():
        by_width.setdefault(rendition.width, (spec, rendition))
    if len(by_width) > 1:
        attributes.setdefault("sizes", size.sizes)
    return ResponsiveImage(dict(by_width.values()), attributes).__html__()
