"""What search engines and link previews read about a page, worked out once for both surfaces.

The HTML <head> (templates/components/seo.html) and the API's `seo` field show the same
values: title, description, canonical URL, OpenGraph and Twitter card tags, and schema.org
JSON-LD. Every value comes from the page interface (home/models/base.py): the page's
description, sharing image, schema.org type and `get_json_ld()`, which each section
overrides; the site's name, tagline and default image fill in what a page lacks.

- Canonical URL: the page's own address without a query string. A listing's later pages
  and topic filters (`?page=2`, `?topic=water`) are views of one page; the API, which has
  no query string to go by, gives the same address.
- Image: as og:image shows it, the rendition the width of a page's main picture
  (home/renditions.py SOCIAL), so an article's head and its main image share one rendition.

Nothing here runs a query per page of a listing: site-wide details are read once per
request, and the API loads images and authors with the listing (BasePage.api_field_relations).
"""

import json
from functools import cached_property

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import mark_safe

from .privacy import visible_images
from .renditions import SOCIAL
from .representations import rendition_details

# The organisation's logo, for JSON-LD publisher and organizer.
LOGO = "images/logo.svg"
SCHEMA = "https://schema.org"
# Characters that could end a <script> element or start markup, escaped inside JSON strings.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def compact(data):
    """The dict without the keys whose value is empty (None, "" or [])."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def image_details(image):
    """An image as og:image shows it: absolute rendition URL, size and alt text (or None)."""
    details = rendition_details(image, SOCIAL)
    return details and {**details, "alt": image.default_alt_text}


def sharing_image(images):
    """The first of these images visitors may see (none from a private collection) that
    can be shown, as og:image shows it; one query at most for the privacy check."""
    for image in visible_images(images):
        details = image_details(image)
        if details:
            return details
    return None


class SiteDetails:
    """What every page's metadata takes from its site: name, address, tagline, logo, image."""

    def __init__(self, site, site_settings):
        self.site = site
        self.settings = site_settings

    @cached_property
    def name(self):
        return (self.site and self.site.site_name) or settings.WAGTAIL_SITE_NAME

    @cached_property
    def url(self):
        root = self.site.root_url if self.site else settings.PUBLIC_BASE_URL
        return f"{root}/"

    def absolute(self, url):
        """An absolute URL on the site for a site-relative one."""
        return self.url.rstrip("/") + url if url.startswith("/") else url

    @property
    def tagline(self):
        return self.settings.footer_text if self.settings else ""

    @cached_property
    def image(self):
        """The default social image, for pages without one of their own."""
        if self.settings is None or not self.settings.default_social_image_id:
            return None
        return sharing_image([self.settings.default_social_image])

    def organization(self, full=False):
        """The organisation as JSON-LD; `full` adds its description, links and contacts."""
        data = {
            "@type": "Organization",
            "name": self.name,
            "url": self.url,
            "logo": self.absolute(static(LOGO)),
        }
        if full and self.settings is not None:
            data |= {
                "description": self.tagline,
                "email": self.settings.contact_email,
                "telephone": self.settings.phone,
                "sameAs": [url for _, url in self.settings.social_links()],
            }
        return compact(data)


class Seo:
    """The metadata of a view that shows no page (search, a 404): the site's own."""

    canonical_url = published_time = modified_time = json_ld = None
    og_type = "website"

    def __init__(self, site):
        self.site = site
        self.site_name = site.name

    @property
    def title(self):
        return self.site.name

    @property
    def description(self):
        return self.site.tagline

    @property
    def image(self):
        return self.site.image

    @property
    def twitter_card(self):
        return "summary_large_image" if self.image else "summary"

    def as_dict(self):
        """The API's `seo` object: what the <head> shows."""
        return {
            "title": self.title,
            "description": self.description,
            "canonical_url": self.canonical_url,
            "site_name": self.site_name,
            "og_type": self.og_type,
            "image": self.image,
            "twitter_card": self.twitter_card,
            "published_time": self.published_time,
            "modified_time": self.modified_time,
            "json_ld": self.json_ld,
        }

    @property
    def json_ld_text(self):
        """The JSON-LD as the text of a <script> element; no value can close the element early."""
        if not self.json_ld:
            return ""
        data = json.dumps(self.json_ld, ensure_ascii=False).translate(SCRIPT_ESCAPES)
        return mark_safe(data)  # noqa: S308


class PageSeo(Seo):
    """The metadata of a page, read from the page interface (home/models/base.py)."""

    def __init__(self, page, site, request=None):
        super().__init__(site)
        self.page = page
        self.request = request

    @cached_property
    def title(self):
        return self.page.seo_title or self.page.title

    @cached_property
    def description(self):
        return self.page.get_description() or self.site.tagline

    @cached_property
    def canonical_url(self):
        return self.page.get_full_url(self.request)

    @cached_property
    def image(self):
        return sharing_image(self.page.get_social_images()) or self.site.image

    @property
    def schema_type(self):
        """The schema.org type of the page's JSON-LD."""
        return self.page.schema_org_type

    @property
    def og_type(self):
        return self.page.og_type

    @cached_property
    def published_time(self):
        if self.og_type != "article":
            return None
        published = self.page.get_listing_date() or self.page.first_published_at
        return published.isoformat() if published else None

    @cached_property
    def modified_time(self):
        if self.og_type != "article" or self.page.last_published_at is None:
            return None
        return timezone.localtime(self.page.last_published_at).isoformat()

    @cached_property
    def json_ld(self):
        return {"@context": SCHEMA, **self.page.get_json_ld(self)}

    @property
    def image_urls(self):
        """The sharing image's URL as a JSON-LD `image` list (None without one)."""
        return [self.image["url"]] if self.image else None


class RoutedSeo(PageSeo):
    """The metadata of an address under a page: a topic's or a person's page under its index."""

    def __init__(self, page, site, request, title, description, subpath, schema_type=None):
        super().__init__(page, site, request)
        self._title = title
        self._description = description
        self.subpath = subpath
        self._schema_type = schema_type

    @property
    def title(self):
        return self._title

    @property
    def description(self):
        return self._description or self.site.tagline

    @cached_property
    def canonical_url(self):
        url = self.page.get_full_url(self.request)
        return url and url.rstrip("/") + "/" + self.subpath

    @property
    def schema_type(self):
        return self._schema_type or self.page.schema_org_type


def web_page_json_ld(seo):
    """A WebPage or CollectionPage (a section front): name, description, address, site."""
    return compact(
        {
            "@type": seo.schema_type,
            "name": seo.title,
            "description": seo.description,
            "url": seo.canonical_url,
            "image": seo.image and seo.image["url"],
            "isPartOf": {"@type": "WebSite", "name": seo.site.name, "url": seo.site.url},
        }
    )


def person_json_ld(person):
    """A person (an author) as JSON-LD."""
    return compact({"@type": "Person", "name": person.name, "jobTitle": person.role})
