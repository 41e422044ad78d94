"""What search engines and link previews read about a page, worked out once for both surfaces.

The HTML <head> (templates/components/seo.html) and the API's `seo` field show the same
values: title, description, canonical URL, OpenGraph and Twitter card tags, and schema.org
JSON-LD of the page's type.

- Description: the search description, else the summary, else the page's opening text
  (intro or first body paragraph, trimmed), else the site's one-line description.
- Image: the social image, else the listing image (else the home page's hero), else the
  site's default social image, as a rendition the width of a page's main picture (so an
  article's head and its main image share one rendition).
- Canonical URL: the page's own address without a query string. A listing's later pages
  and topic filters (`?page=2`, `?topic=water`) are views of one page; the API, which has
  no query string to go by, gives the same address.

Nothing here runs a query per page of a listing: site-wide details are read once per
request, and the API loads images and authors with the listing (BasePage.api_field_relations).
"""

import html
import json
import re
from functools import cached_property

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone
from django.utils.safestring import mark_safe

from home.privacy import visible_images
from home.representations import rendition_details

# og:image size: the width components/main_image.html and the home page's hero show.
SOCIAL_IMAGE_RENDITION = "width-1200"
# Search results show about this many characters of a description.
DESCRIPTION_LENGTH = 160
# Fields whose text, in this order, describes a page that has no summary.
OPENING_TEXT_FIELDS = ("intro", "hero_text", "body")
# Image fields, in this order, that picture a page when it is shared.
IMAGE_FIELDS = ("social_image", "listing_image", "hero_image")
# The organisation's logo, for JSON-LD publisher and organizer.
LOGO = "images/logo.svg"

SCHEMA = "https://schema.org"
SCHEDULED, OFFLINE = "EventScheduled", "OfflineEventAttendanceMode"
EVENT_STATUS = {
    "scheduled": SCHEDULED,
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
}
ATTENDANCE_MODE = {
    "in_person": OFFLINE,
    "online": "OnlineEventAttendanceMode",
    "hybrid": "MixedEventAttendanceMode",
}
# "City, ST 12345": the last line of a US street address.
CITY_LINE = re.compile(r"^(?P<city>[^,]+),\s*(?P<state>[A-Z]{2})\s+(?P<zip>\d{5}(?:-\d{4})?)$")
FIRST_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.IGNORECASE | re.DOTALL)
# Tags that separate words (line breaks, list items); other tags are inside words' flow.
BREAKING_TAG = re.compile(r"</?(?:br|li|ul|ol|h[1-6]|div|blockquote)\b[^>]*>", re.IGNORECASE)
# Characters that could end a <script> element or start markup, escaped inside JSON strings.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def plain_text(value):
    """The first paragraph of rich text, plain text or a body, as one line of plain text."""
    if hasattr(value, "raw_data"):  # a StreamField body: its first paragraph block
        value = next((b["value"] for b in value.raw_data if b["type"] == "paragraph"), "")
    value = str(value or "")
    match = FIRST_PARAGRAPH.search(value)
    if match:
        value = match.group(1)
    text = html.unescape(re.sub(r"<[^>]*>", "", BREAKING_TAG.sub(" ", value)))
    return " ".join(text.split())


def trimmed(text, length=DESCRIPTION_LENGTH):
    """The text cut at a word boundary to fit `length` characters, with an ellipsis if cut."""
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-\N{EN DASH}\N{EM DASH}")
    return f"{cut}\N{HORIZONTAL ELLIPSIS}"


def compact(data):
    """The dict without the keys whose value is empty (None, "" or [])."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def image_details(image):
    """An image as og:image shows it: absolute rendition URL, size and alt text (or None)."""
    details = rendition_details(image, SOCIAL_IMAGE_RENDITION)
    return details and {**details, "alt": image.default_alt_text}


def sharing_image(images):
    """The first of these images visitors may see (none from a private collection) that
    can be shown, as og:image shows it; one query at most for the privacy check."""
    for image in visible_images(images):
        details = image_details(image)
        if details:
            return details
    return None


def postal_address(text):
    """A free-text address as a schema.org PostalAddress (city, state and ZIP when found)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    match = CITY_LINE.match(lines[-1])
    if match is None:
        return {"@type": "PostalAddress", "streetAddress": ", ".join(lines)}
    return compact(
        {
            "@type": "PostalAddress",
            "streetAddress": ", ".join(lines[:-1]),
            "addressLocality": match["city"].strip(),
            "addressRegion": match["state"],
            "postalCode": match["zip"],
            "addressCountry": "US",
        }
    )


def people(page, relation):
    """A page's people (authors) in order, from the API's prefetch or in one query."""
    links = getattr(page, relation, None)
    if links is None:
        return []
    if relation in getattr(page, "_prefetched_objects_cache", {}):
        rows = links.all()
    else:
        rows = links.select_related("person")
    return [
        compact({"@type": "Person", "name": link.person.name, "jobTitle": link.person.role})
        for link in rows
    ]


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


def site_details(request=None, page=None):
    """The site details for a request (read once per request) or, without one, for a page."""
    from wagtail.models import Site

    from home.models import SiteSettings

    cached = getattr(request, "_seo_site_details", None)
    if cached is not None:
        return cached
    if request is not None:
        site = Site.find_for_request(request)
    else:
        site = (page.get_site() if page is not None else None) or Site.objects.filter(
            is_default_site=True
        ).first()
    if site is None:
        site_settings = None
    elif request is not None:
        site_settings = SiteSettings.for_request(request)  # shared with the footer
    else:
        site_settings = SiteSettings.for_site(site)
    details = SiteDetails(site, site_settings)
    if request is not None:
        request._seo_site_details = details
    return details


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
    def json_ld_script(self):
        """The JSON-LD in a <script> element; no value can close the element early."""
        if not self.json_ld:
            return ""
        data = json.dumps(self.json_ld, ensure_ascii=False).translate(SCRIPT_ESCAPES)
        return mark_safe(f'<script type="application/ld+json">{data}</script>')  # noqa: S308


class PageSeo(Seo):
    """The metadata of a page."""

    def __init__(self, page, request=None):
        super().__init__(site_details(request, page))
        self.page = page
        self.request = request

    @cached_property
    def title(self):
        return self.page.seo_title or self.page.title

    @cached_property
    def description(self):
        page = self.page
        for written in (page.search_description, page.summary):
            if written and written.strip():
                return written.strip()
        for name in OPENING_TEXT_FIELDS:
            text = plain_text(getattr(page, name, ""))
            if text:
                return trimmed(text)
        return self.site.tagline

    @cached_property
    def canonical_url(self):
        return self.page.get_full_url(self.request)

    @cached_property
    def image(self):
        page = self.page
        images = [getattr(page, name) for name in IMAGE_FIELDS if getattr(page, f"{name}_id", None)]
        return sharing_image(images) or self.site.image

    @cached_property
    def schema_type(self):
        """The schema.org type of the page's JSON-LD."""
        from home.models import IndexPage

        label = self.page._meta.label
        if label in SCHEMA_TYPES:
            return SCHEMA_TYPES[label]
        return "CollectionPage" if isinstance(self.page, IndexPage) else "WebPage"

    @property
    def og_type(self):
        return "article" if self.schema_type in {"NewsArticle", "Report"} else "website"

    @cached_property
    def published_time(self):
        if self.og_type != "article":
            return None
        published = getattr(self.page, "publication_date", None) or self.page.first_published_at
        return published.isoformat() if published else None

    @cached_property
    def modified_time(self):
        if self.og_type != "article" or self.page.last_published_at is None:
            return None
        return timezone.localtime(self.page.last_published_at).isoformat()

    @cached_property
    def json_ld(self):
        return {"@context": SCHEMA, **JSON_LD_BUILDERS[self.schema_type](self)}


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


def organization_json_ld(seo):
    """The home page: the organisation, with its logo, contacts and social profiles."""
    return seo.site.organization(full=True)


def article_json_ld(seo):
    """A NewsArticle or Report: headline, dates, authors, image and publisher."""
    return compact(
        {
            "@type": seo.schema_type,
            "headline": seo.title,
            "name": seo.title,
            "description": seo.description,
            "url": seo.canonical_url,
            "mainEntityOfPage": seo.canonical_url,
            "image": [seo.image["url"]] if seo.image else None,
            "datePublished": seo.published_time,
            "dateModified": seo.modified_time,
            "author": people(seo.page, "authors"),
            "publisher": seo.site.organization(),
        }
    )


def event_json_ld(seo):
    """An Event: times in its own zone, status, attendance mode, where, organizer."""
    event = seo.page
    places = []
    if event.has_venue:
        address = postal_address(event.address)
        places.append(compact({"@type": "Place", "name": event.venue_name, "address": address}))
    if event.is_online:
        places.append({"@type": "VirtualLocation", "url": event.online_url or seo.canonical_url})
    return compact(
        {
            "@type": "Event",
            "name": seo.title,
            "description": seo.description,
            "url": seo.canonical_url,
            "image": [seo.image["url"]] if seo.image else None,
            "startDate": event.local_start and event.local_start.isoformat(),
            "endDate": event.local_end and event.local_end.isoformat(),
            "eventStatus": f"{SCHEMA}/{EVENT_STATUS.get(event.status, SCHEDULED)}",
            "eventAttendanceMode": f"{SCHEMA}/{ATTENDANCE_MODE.get(event.event_format, OFFLINE)}",
            "location": places[0] if len(places) == 1 else places,
            "organizer": seo.site.organization(),
        }
    )


# The schema.org type of each page type with one of its own (others: WebPage, CollectionPage).
SCHEMA_TYPES = {
    "home.HomePage": "Organization",
    "news.NewsArticlePage": "NewsArticle",
    "research.ResearchReportPage": "Report",
    "events.EventPage": "Event",
}
JSON_LD_BUILDERS = {
    "Organization": organization_json_ld,
    "NewsArticle": article_json_ld,
    "Report": article_json_ld,
    "Event": event_json_ld,
    "WebPage": web_page_json_ld,
    "CollectionPage": web_page_json_ld,
}


def page_seo(page, request=None):
    """The metadata of a page (request: the one being answered, for site details)."""
    return PageSeo(page, request)


def site_seo(request=None):
    """The metadata of a view that shows no page: the site's name, description and image."""
    return Seo(site_details(request))
