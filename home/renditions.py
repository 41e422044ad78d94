"""Named image sizes: the one place a rendition spec is written.

Templates (`{% sized_image image "card" %}`), models and blocks (which prefetch renditions
with the rows they load), the API and the SEO metadata all name a size from here, so what
a listing prefetches is always what its template renders, and changing a size is one edit.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ImageSize:
    """A size images are shown at: its rendition specs, smallest first, and `sizes` for srcset."""

    specs: tuple[str, ...]
    sizes: str = ""


# The picture on a card in a listing, a 16:9 crop.
CARD = ImageSize(("fill-640x360",))
# An image inside a page body: two widths, the browser picks one.
BODY = ImageSize(("width-800", "width-1600"), "(min-width: 52rem) 48rem, 100vw")
# A page's main picture and the home page's hero, full width.
MAIN = ImageSize(("width-1200",))
# A report's front cover beside its title.
COVER = ImageSize(("width-400",))
# A mayor's photo beside a testimonial.
PORTRAIT = ImageSize(("fill-160x160",))

SIZES = {"card": CARD, "body": BODY, "main": MAIN, "cover": COVER, "portrait": PORTRAIT}

# og:image and the API's `seo.image`: the main picture's width, so an article's <head> and
# its main image share one rendition.
SOCIAL = MAIN.specs[0]
# The renditions every image in the API carries, by the name the API gives them.
API = {"card": CARD.specs[0], "medium": BODY.specs[0], "large": BODY.specs[1]}


def specs(*sizes, api=False, social=False):
    """The rendition specs of these sizes (and of the API's and og:image's), each once."""
    found = [spec for size in sizes for spec in size.specs]
    if api:
        found += API.values()
    if social:
        found.append(SOCIAL)
    return tuple(dict.fromkeys(found))
