"""Serializer fields for `APIField(..., serializer=...)`: each renders one shared JSON shape.

They need no request, so Wagtail's v3 API (which reuses v2 serializers for reading) gives
the same shapes as v2.
"""

from rest_framework.fields import Field

from .representations import public_url, visible_image_representation


class Represented(Field):
    """A read-only field shown as `represent(value)`; with many=True, a list of related rows.

    For `many`, rows come from the relation's `.all()` (prefetched by the endpoint) or from a
    list a property built, and rows represented as None (a private document, a page visitors
    cannot see) are left out.
    """

    def __init__(self, represent, many=False, **kwargs):
        self.represent = represent
        self.many = many
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        if not self.many:
            return self.represent(value)
        rows = value.all() if hasattr(value, "all") else value
        items = (self.represent(item) for item in rows)
        return [item for item in items if item is not None]


class ImageField(Represented):
    """An image foreign key as alt text, credit and named renditions; null when private."""

    def __init__(self, **kwargs):
        super().__init__(visible_image_representation, **kwargs)


class SeoField(Field):
    """A page's `seo` object (BasePage.get_seo); site-wide details read once per v2 request."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, page) -> dict:
        return page.get_seo(self.context.get("request")).as_dict()


class PublicFileUrlField(Field):
    """The absolute public address of a file (an image's original)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, source="*", **kwargs)

    def to_representation(self, image):
        return public_url(image.file.url)


class TagsField(Field):
    """Tag names in order, from tags prefetched with the listing (Wagtail's own re-queries)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())
