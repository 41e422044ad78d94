"""The draft behind a front-end preview token, in the JSON shape of /api/v2/pages/<id>/.

The token comes only from the admin's "Front end (API)" preview mode (home/models/preview.py).
Anything else (no token, a tampered or expired one, a token for another page type) is the same
404, so the endpoint never tells whether a draft exists.
"""

from django.apps import apps
from django.http import Http404
from django.urls import path
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from rest_framework.response import Response
from wagtail.api.v2.serializers import DetailUrlField, PageSerializer

from home.models.preview import FrontEndPreviewMixin

from .endpoints import PagesEndpoint


class DraftDetailUrlField(DetailUrlField):
    """`meta.detail_url`, null for a page never saved (it has no address in the API yet)."""

    def get_attribute(self, instance):
        if instance.pk is None:
            return None
        return super().get_attribute(instance)


class DraftPageSerializer(PageSerializer):
    """The pages endpoint's serializer, also for a page that was never saved."""

    detail_url = DraftDetailUrlField(read_only=True)


class PreviewEndpoint(PagesEndpoint):
    """`?content_type=<app>.<model>&token=<token>`: the draft an editor is previewing."""

    base_serializer_class = DraftPageSerializer
    item_cache = False  # drafts change without a publish
    name = "preview"

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "preview_view"}), name="preview")]

    def preview_view(self, request):
        """The draft as /api/v2/pages/<id>/ would show it once published."""
        return Response(self.serialize([self.get_object()], many=True)[0])

    def get_object(self):
        if not hasattr(self, "_draft"):
            self._draft = self.find_draft()
        return self._draft

    def find_draft(self):
        """The page the query's token names, or a 404 that says nothing more."""
        try:
            model = apps.get_model(self.request.GET.get("content_type", ""))
        except (LookupError, ValueError):
            model = None
        page = None
        if model is not None and issubclass(model, FrontEndPreviewMixin):
            page = model.get_page_from_preview_token(self.request.GET.get("token", ""))
        if page is None:
            raise Http404("not found")
        return page

    def prefetch(self, items, fields):
        # A draft's related rows (topics, authors, downloads...) are in memory, not in the
        # database. Marked as loaded, they are read through (an author's person, in bulk)
        # rather than fetched again, which would bring back the saved ones.
        for page in items:
            model = type(page)
            names = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
            names += [field.name for field in get_all_child_m2m_relations(model)]
            page._prefetched_objects_cache = {name: getattr(page, name).all() for name in names}
        super().prefetch(items, fields)
