"""Links in rich text: only to what visitors may see, loaded in bulk, absolute in the API.

Wagtail stores links as `<a linktype="page" id="3">` and expands them when text is shown.
The handlers in richtext_links.py replace Wagtail's page and document handlers (see
wagtail_hooks.py) so a link to a draft, private or expired page, or to a document in a
private collection, expands to a bare `<a>`, exactly as for a deleted page.

Every request runs inside `rich_text_links()` (RichTextLinksMiddleware): linked objects are
remembered for the request, and `prefetch_links()` loads all the links of a page (or of a
whole API listing) up front, so a body costs one query per link type however many
paragraphs it holds. In the API the links become absolute public URLs.
"""

from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils.html import escape
from wagtail.fields import RichTextField, StreamField
from wagtail.rich_text import features
from wagtail.rich_text.rewriters import FIND_A_TAG, extract_attrs

from .representations import public_url

# {"absolute": bool, "cache": {(link type, id): object or None}} for the current request.
_state = ContextVar("mipcms_rich_text_links", default=None)


@contextmanager
def rich_text_links(absolute=False):
    """Within the block (a request), linked objects are remembered; absolute=True for the API."""
    token = _state.set({"absolute": absolute, "cache": {}})
    try:
        yield
    finally:
        _state.reset(token)


class RichTextLinksMiddleware:
    """Runs each request inside rich_text_links(): absolute links for /api/ addresses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with rich_text_links(absolute=request.path.startswith("/api/")):
            return self.get_response(request)


def stored_rich_texts(obj, field_names=None):
    """The stored rich text of an object's RichTextFields and StreamFields (all, or these)."""
    for field in type(obj)._meta.concrete_fields:
        if field_names is not None and field.name not in field_names:
            continue
        if isinstance(field, RichTextField):
            yield getattr(obj, field.attname) or ""
        elif isinstance(field, StreamField):
            yield from _strings_in(list(getattr(obj, field.attname).raw_data))


def _strings_in(data):
    """Every string inside stored StreamField data (where rich text links hide)."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings_in(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings_in(value)


def prefetch_links(texts):
    """Load every page and document linked from these database-HTML strings, one query each."""
    by_type = defaultdict(list)
    for text in texts:
        for match in FIND_A_TAG.finditer(text or ""):
            attrs = extract_attrs(match.group(1))
            if "linktype" in attrs:
                by_type[attrs["linktype"]].append(attrs)
    handlers = features.get_link_types()
    for link_type, attrs_list in by_type.items():
        handler = handlers.get(link_type)
        if handler is not None and issubclass(handler, VisibleLinkMixin):
            handler.get_many(attrs_list)


class VisibleLinkMixin:
    """get_many() that finds only visible objects and remembers them for the request."""

    @classmethod
    def load(cls, ids):
        """Visible objects with these primary keys, by key as a string."""
        raise NotImplementedError

    @classmethod
    def get_many(cls, attrs_list):
        ids = [str(attrs.get("id", "")) for attrs in attrs_list]
        state = _state.get()
        cache = state["cache"] if state else {}
        missing = {pk for pk in ids if (cls.identifier, pk) not in cache}
        if missing:
            found = cls.load([pk for pk in missing if pk.isdigit()])
            cache.update({(cls.identifier, pk): found.get(pk) for pk in missing})
        return [cache[(cls.identifier, pk)] for pk in ids]

    @classmethod
    def link_html(cls, url):
        state = _state.get()
        if url and state and state["absolute"]:
            url = public_url(url)
        return f'<a href="{escape(url)}">' if url else "<a>"
