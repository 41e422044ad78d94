"""Named image sizes: the one place a rendition spec is written.

Templates (`{% sized_image image "card" %}`), models and blocks (which prefetch renditions
with the rows they load), the API and the SEO metadata all name a size from here, so what
a listing prefetches is always what its template renders, and changing a size is one edit.

Pages show WebP at several widths through `srcset`, so a phone downloads a phone-sized
file; every browser the site supports reads WebP. The API and og:image keep JPEG: partner
sites and link previews (some social networks still refuse WebP) read them as they always
have, and the API's rendition URLs are a public contract.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from wagtail.images.models import Filter

# Appended to every rendition spec a web page shows (Wagtail's `format-webp` filter).
WEB_FORMAT = "format-webp"


@lru_cache(maxsize=256)
def image_filter(spec):
    """Wagtail's Filter for a spec, parsed once per process: parsing a spec costs more than
    finding its rendition among those prefetched with an image."""
    return Filter(spec=spec)


def web(*specs):
    """Rendition specs as a page shows them: each resized spec converted to WebP."""
    return tuple(f"{spec}|{WEB_FORMAT}" for spec in specs)


@dataclass(frozen=True)
class ImageSize:
    """A size images are shown at: its rendition specs, narrowest first, and the `sizes`
    attribute that tells the browser how wide the image is laid out (home/templatetags)."""

    specs: tuple[str, ...]
    sizes: str

    def specs_for(self, original_width):
        """The specs worth making for an original this wide: Wagtail never enlarges, so a
        spec after one at least as wide as the original would only make the same file."""
        chosen = []
        for spec in self.specs:
            chosen.append(spec)
            if target_width(spec) >= original_width:
                break
        return tuple(chosen)


def target_width(spec):
    """The width in pixels a resize spec asks for ("fill-800x450|format-webp": 800)."""
    return int(re.match(r"[a-z]+-(\d+)", spec).group(1))


# The picture on a card in a listing, a 16:9 crop: one to three cards a row (site.css
# .card-grid), at most about 22rem wide.
CARD = ImageSize(
    web("fill-400x225", "fill-800x450"), "(min-width: 72rem) 22rem, (min-width: 40rem) 50vw, 100vw"
)
# An image inside a page body, at most the text's measure (44rem).
BODY = ImageSize(web("width-400", "width-800", "width-1600"), "(min-width: 48rem) 44rem, 100vw")
# A page's main picture, as wide as the text; the home page's hero passes its own `sizes`.
MAIN = ImageSize(web("width-400", "width-800", "width-1200"), "(min-width: 48rem) 44rem, 100vw")
# The home page's hero: the main picture's files, beside the hero text on wide screens.
HERO = ImageSize(MAIN.specs, "(min-width: 72rem) 26rem, (min-width: 48rem) 36vw, 100vw")
# A report's front cover beside its title (at most 16rem wide).
COVER = ImageSize(web("width-300", "width-600"), "16rem")
# A mayor's photo beside a testimonial, a 5rem circle.
PORTRAIT = ImageSize(web("fill-80x80", "fill-160x160"), "5rem")

# A person's photo on their page (/people/<slug>/), a 12rem square.
PROFILE = ImageSize(web("fill-240x240", "fill-480x480"), "12rem")

SIZES = {
    "card": CARD,
    "body": BODY,
    "main": MAIN,
    "hero": HERO,
    "cover": COVER,
    "portrait": PORTRAIT,
    "profile": PROFILE,
}

# og:image and the API's `seo.image`: a JPEG as wide as the widest main picture.
SOCIAL = "width-1200"
# The renditions every image in the API carries, by the name the API gives them (JPEG).
API = {"card": "fill-640x360", "medium": "width-800", "large": "width-1600"}


def specs(*sizes, api=(), social=False):
    """The rendition specs of these sizes (and of the API's `api` specs, and og:image's), each
    once."""
    found = [spec for size in sizes for spec in size.specs]
    found += api
    if social:
        found.append(SOCIAL)
    return tuple(dict.fromkeys(found))
