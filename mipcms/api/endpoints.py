"""The public read API's endpoints (Wagtail API v2): pages, images, documents and redirects.

Wagtail's viewsets with three changes: every query parameter is checked before it reaches
the database (a bad one is a 400 naming it, never a 500); only what is live and public is
ever found, whoever asks; and a listing fetches related rows, StreamField blocks and rich
text links in bulk, so twenty items cost the same queries as two.
"""

import copy
import datetime
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, FieldError, ValidationError
from django.db import DataError
from django.db.models import ForeignKey, Q, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.module_loading import import_string
from rest_framework.filters import BaseFilterBackend
from rest_framework.response import Response
from wagtail.api.v2.filters import (
    AncestorOfFilter,
    ChildOfFilter,
    DescendantOfFilter,
    LocaleFilter,
    TranslationOfFilter,
)
from wagtail.api.v2.filters import OrderingFilter as WagtailOrderingFilter
from wagtail.api.v2.serializers import PageParentField, PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.contrib.redirects.api import RedirectsAPIViewSet
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import StreamField
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, get_page_models
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from home.api_fields import PublicFileUrlField, TagsField
from home.blocks.streams import prefetch_stream_blocks
from home.models.mixins import load_topics
from home.privacy import public_documents, public_images, public_pages
from home.representations import API_IMAGE_RENDITIONS, renditions_asked
from home.richtext import prefetch_links, stored_rich_texts
from home.site_version import kept_while_serving
from home.text import search_terms
from search.candidates import bounded_search

from .checks import MAX_ID, check_query_string
from .filters import AuthorFilter, PublishedFilter, TopicFilter, in_utc
from .item_cache import serialize_cached
from .pagination import KeptCountPagination

logger = logging.getLogger(__name__)

# `?renditions=card,large`: the image sizes an answer makes and lists (not a filter, though
# images have a `renditions` relation).
RENDITIONS_PARAMETER = "renditions"


class FieldsFilter(BaseFilterBackend):
    """`?<field>=<value>` on plain fields: the value is checked against the field first."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        fields.discard("locale")  # LocaleFilter handles it
        for name, value in request.GET.items():
            if name not in fields or name == RENDITIONS_PARAMETER:
                continue
            field = queryset.model._meta.get_field(name)
            # Related rows and StreamField bodies (JSON, whose to_python() chokes on "1")
            # cannot be matched by one value.
            if field.many_to_many or field.one_to_many or isinstance(field, StreamField):
                raise BadRequestError(f"cannot filter by '{name}' (use the documented filters)")
            if isinstance(field, ForeignKey):
                field = field.target_field
            try:
                value = field.to_python(value)
                if isinstance(value, int) and not abs(value) <= MAX_ID:
                    raise ValidationError("out of range")
                if isinstance(value, datetime.datetime):
                    # A time without an offset is the site's local time, as in `start_from`
                    # (and without the warning Django gives for a naive value).
                    if timezone.is_naive(value):
                        value = timezone.make_aware(value)
                    value = in_utc(value, name)
            except ValidationError as error:
                raise BadRequestError(
                    f"{value!r} is not a valid value for '{name}': {' '.join(error.messages)}"
                ) from error
            queryset = queryset.filter(**{name: value})
        return queryset


class OrderingFilter(WagtailOrderingFilter):
    """Wagtail's `?order=`, refusing related rows: ordering by them repeats items."""

    def filter_queryset(self, request, queryset, view):
        for name in request.GET.get("order", "").split(","):
            try:
                field = queryset.model._meta.get_field(name.lstrip("-"))
            except FieldDoesNotExist:
                continue  # Wagtail's filter names the unknown field
            if field.many_to_many or field.one_to_many:
                raise BadRequestError(f"cannot order by '{name}' (a list of related items)")
        return super().filter_queryset(request, queryset, view)


class SearchFilter(BaseFilterBackend):
    """`?search=`: the words of the query, as on the site's search page (search/query.py)."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        operator = request.GET.get("search_operator")
        if operator not in {None, "and", "or"}:
            raise BadRequestError(f"'search_operator' must be 'and' or 'or', got {operator!r}")
        terms = search_terms(request.GET["search"])
        if not terms:
            return queryset.none()
        # At most SEARCH_LIMIT hits are counted and ranked, as on the site's search page
        # (meta.total_count stops there); ordering is kept, as `order` and relevance need.
        try:
            return bounded_search(
                queryset, terms, operator=operator, order_by_relevance="order" not in request.GET
            )
        except (FilterFieldError, OrderByFieldError) as error:
            raise BadRequestError(str(error)) from error


# Serializer classes built so far, by endpoint, model and fields asked for.
SERIALIZER_CLASSES = {}
MAX_SERIALIZER_CLASSES = 500
# The type of each page a detail has shown, by id (a page never changes type), at most so many.
PAGE_TYPES = {}
MAX_PAGE_TYPES = 50_000


class PublicAPIMixin:
    """Checked input, JSON errors, and bulk loading of what the serializer will show."""

    pagination_class = KeptCountPagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query_string(request.GET)
        self.rendition_names = asked_rendition_names(request.GET)

    def handle_exception(self, exc):
        # The checks above should catch bad input first; this keeps anything they miss a 400,
        # logged so the missing check can be added, and never quotes SQL back to the client.
        if isinstance(exc, (ValidationError, FieldError, DataError, ValueError, OverflowError)):
            logger.warning("API input reached %s unchecked", type(exc).__name__, exc_info=exc)
            if isinstance(exc, DataError):
                messages = ["a value is out of range for the database"]
            else:
                messages = getattr(exc, "messages", None) or [str(exc)]
            return Response({"message": "bad request: " + " ".join(messages)}, status=400)
        response = super().handle_exception(exc)
        # Django REST framework's own errors (405, 406...) say `detail`; the API says
        # `message`, and never an empty one.
        data = response.data if isinstance(response.data, dict) else {}
        message = str(data.get("message") or data.get("detail") or "").strip()
        if not message:
            message = "not found" if response.status_code == 404 else response.status_text
        response.data = {"message": message}
        return response

    def perform_content_negotiation(self, request, force=False):
        # Django REST framework answers an unknown `?format=` with a bare 404.
        wanted = request.query_params.get("format")
        formats = [renderer.format for renderer in self.get_renderers()]
        if not force and wanted is not None and wanted not in formats:
            allowed = " or ".join(repr(name) for name in formats)
            raise BadRequestError(f"'format' must be {allowed}, got {wanted!r}")
        return super().perform_content_negotiation(request, force)

    def check_pk(self):
        """A 404 for ids too large to exist (the database would refuse to compare them)."""
        if int(self.kwargs.get("pk", 0)) > MAX_ID:
            raise Http404("not found")

    def get_object(self):
        # Asked for twice per detail request (by the view and to pick the serializer).
        if not hasattr(self, "_object"):
            self._object = self.load_object()
        return self._object

    def load_object(self):
        """The object the detail view shows, or a 404."""
        self.check_pk()
        return super().get_object()

    def get_renderer_context(self):
        # Compact JSON: Wagtail pretty-prints with an indent of 4, which makes the body half
        # spaces and forces Python's slow pure-Python encoder.
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False, nested=False):
        # Wagtail builds a serializer class on every request; the same fields make the same
        # class, so each is built once per process (a bounded number of them).
        key = (cls, id(router), model, repr(fields_config), show_details, nested)
        serializer_class = SERIALIZER_CLASSES.get(key)
        if serializer_class is None:
            serializer_class = super()._get_serializer_class(
                router, model, fields_config, show_details=show_details, nested=nested
            )
            if len(SERIALIZER_CLASSES) >= MAX_SERIALIZER_CLASSES:
                SERIALIZER_CLASSES.clear()
            SERIALIZER_CLASSES[key] = serializer_class
        return serializer_class

    # Whether serialized items may be kept in the per-item cache (not for drafts).
    item_cache = True

    def serialize(self, items, many):
        """Serialized data for these objects, from the per-item cache or made in bulk."""
        serializer_class = self.get_serializer_class()

        sizes = getattr(self, "rendition_names", None)

        def make(missing):
            context = self.get_serializer_context()
            # Loaded and shown with the image sizes asked for (?renditions=) only.
            with renditions_asked(sizes):
                self.prefetch(missing, set(serializer_class.Meta.fields))
                return serializer_class(missing, many=True, context=context).data

        if not self.item_cache:
            return make(items)
        return serialize_cached(self.request, serializer_class, items, make, sizes)

    def prefetch(self, items, fields):
        """Load what the serialized `fields` of these objects need, a query per relation."""

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        items = list(self.paginate_queryset(queryset))
        return self.get_paginated_response(self.serialize(items, many=True))

    def detail_view(self, request, pk):
        return Response(self.serialize([self.get_object()], many=True)[0])


def asked_rendition_names(query):
    """The image sizes `?renditions=` names (None when absent: all); a 400 for unknown ones."""
    if RENDITIONS_PARAMETER not in query:
        return None
    value = query[RENDITIONS_PARAMETER]
    names = value.split(",") if value else []
    unknown = [name for name in names if name not in API_IMAGE_RENDITIONS]
    if unknown:
        sizes = ", ".join(API_IMAGE_RENDITIONS)
        raise BadRequestError(
            f"renditions: {unknown[0]!r} is not an image size; give a comma-separated list "
            f"of {sizes}, or nothing for none"
        )
    return list(dict.fromkeys(names))


def section_filters():
    """The API filters page types add for themselves (`api_filters`, e.g. events' `?when=`)."""
    paths = dict.fromkeys(path for m in get_page_models() for path in getattr(m, "api_filters", ()))
    return [import_string(path) for path in paths]


class VisibleParentField(PageParentField):
    """Wagtail's `parent` of a page's detail, found once per site version for all its children.

    Wagtail loads the parent, then asks whether the listing would show it; asking the
    listing's queryset for the page at the parent's path does both, in one query. The
    parent's representation is the same for every page in a section, so while a request is
    served it is kept per version (a change to the parent, or to whether it may be seen,
    moves the version), per site asked for and per address the URLs are made for.
    """

    def get_attribute(self, instance):
        if instance.depth <= 1:
            return None
        parent_path = instance.path[: -instance.steplen]
        request = self.context["request"]
        key = ("api_parent", parent_path, request.build_absolute_uri("/"), request.GET.get("site"))
        kept = kept_while_serving(key, lambda: (self.represent(parent_path),))
        return kept[0] if kept is not None else self.represent(parent_path)

    def represent(self, parent_path):
        """The parent at this path as Wagtail shows it, or None when the listing would not."""
        parent = self.context["base_queryset"].filter(path=parent_path).first()
        return None if parent is None else super().to_representation(parent)

    def to_representation(self, value):
        return copy.deepcopy(value)  # kept for other requests: each answer has its own


class PublicPageSerializer(PageSerializer):
    """Wagtail's page serializer with a parent found once per section and site version, and
    its fields built once per serializer class."""

    parent = VisibleParentField(read_only=True)

    def get_fields(self):
        # Django REST framework builds every field afresh for each serializer (about 1 ms for
        # an article's 23). They depend on the class alone (its Meta and declared fields),
        # and classes are made once per process (_get_serializer_class): each class builds
        # them once and each serializer gets copies, as DRF gives it copies of the declared.
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            cls._built_fields = built
        return copy.deepcopy(built)


class PagesEndpoint(PublicAPIMixin, PagesAPIViewSet):
    """Live, public pages; filters by type, topic, author, dates and each section's own."""

    base_serializer_class = PublicPageSerializer

    filter_backends = [
        FieldsFilter,
        ChildOfFilter,
        AncestorOfFilter,
        DescendantOfFilter,
        TopicFilter,
        AuthorFilter,
        PublishedFilter,
        *section_filters(),
        OrderingFilter,
        TranslationOfFilter,
        LocaleFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["topic", "author", "published_from", "published_to", RENDITIONS_PARAMETER],
        *(f.query_parameters for f in section_filters()),
    )

    def get_base_queryset(self):
        """Live, public, unexpired pages of the site, whoever asks (no session grants more)."""
        # Asked for by the view and again for the serializers' context: built once.
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = self.build_base_queryset()
        return self._base_queryset

    def build_base_queryset(self, model=Page):
        """get_base_queryset() of pages of `model` (of every type by default)."""
        if not hasattr(self, "_site"):
            try:
                self._site = SiteFilterValidator(
                    site=self.request.GET.get("site"), request=self.request
                ).site_obj
            except ValueError as error:
                raise BadRequestError(str(error)) from error
        pages = public_pages(model.objects.all())
        if self._site is None:
            return pages.none()
        return pages.descendant_of(self._site.root_page, inclusive=True)

    def get_queryset(self):
        return super().get_queryset().select_related("locale")

    def load_object(self):
        # A page the listing would not show is a 404 here too.
        self.check_pk()
        pk = int(self.kwargs["pk"])
        # The page as its own type, from a query that decides whether it may be shown. Its
        # type comes from an earlier answer (a page never changes type), else from the
        # listing's query first: what Wagtail's specific() does, in as many queries,
        # without its machinery for many pages of many types.
        known = PAGE_TYPES.get(pk)
        page = self.visible_page(known, pk) if known else None
        if page is None:
            found = self.get_base_queryset().filter(pk=pk).order_by()
            content_type = next(iter(found.values_list("content_type", flat=True)[:1]), None)
            model = content_type and ContentType.objects.get_for_id(content_type).model_class()
            page = self.visible_page(model, pk) if model and model is not known else None
            if page is not None:
                if len(PAGE_TYPES) >= MAX_PAGE_TYPES:
                    PAGE_TYPES.clear()
                PAGE_TYPES[pk] = model
        if page is None:
            raise Http404("not found")
        return page

    def visible_page(self, model, pk):
        """The page `pk` as a `model`, or None when the listing would not show it."""
        return next(iter(self.build_base_queryset(model).filter(pk=pk).order_by()[:1]), None)

    def prefetch(self, items, fields):
        models = {type(item) for item in items}
        if len(models) == 1 and hasattr(next(iter(models)), "get_api_prefetch"):
            model = next(iter(models))
            # A field worked out from others' related rows (`seo`) needs those rows too.
            relations = getattr(model, "api_field_relations", {})
            wanted = set(fields).union(*(relations.get(name, ()) for name in fields))
            lookups = [
                lookup
                for lookup in model.get_api_prefetch()
                if getattr(lookup, "prefetch_through", lookup).split("__")[0] in wanted
            ]
            prefetch_related_objects(items, *lookups)
            # What no prefetch can load (an event's registrations): the model loads in bulk.
            if hasattr(model, "api_bulk_load"):
                model.api_bulk_load(items, wanted)
        if "topics" in fields:  # from the topic list kept per version, for any page types
            load_topics(items)
        streams = [
            getattr(item, field.attname)
            for item in items
            for field in type(item)._meta.concrete_fields
            if field.name in fields and isinstance(field, StreamField)
        ]
        prefetch_stream_blocks(streams)
        prefetch_links(text for item in items for text in stored_rich_texts(item, fields))


class MediaEndpointMixin(PublicAPIMixin):
    """Images and documents outside private collections and not embargoed, whoever asks."""

    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    public = None  # home.privacy's public_images or public_documents, as a staticmethod

    def get_queryset(self):
        return self.public(self.model.objects.all()).prefetch_related("tags").order_by("id")


class PublicImageSerializer(ImageSerializer):
    """Wagtail's image serializer with an absolute download URL and prefetched tags."""

    download_url = PublicFileUrlField()
    tags = TagsField()


class ImagesEndpoint(MediaEndpointMixin, ImagesAPIViewSet):
    """Public images (no private collection, no embargo), with alt text, credit and renditions."""

    base_serializer_class = PublicImageSerializer
    public = staticmethod(public_images)
    listing_default_fields = [*ImagesAPIViewSet.listing_default_fields, "alt", "renditions"]
    known_query_parameters = ImagesAPIViewSet.known_query_parameters.union([RENDITIONS_PARAMETER])

    def get_queryset(self):
        names = API_IMAGE_RENDITIONS if self.rendition_names is None else self.rendition_names
        specs = [API_IMAGE_RENDITIONS[name] for name in names]
        queryset = super().get_queryset()
        # With no size asked there is nothing to load (and Wagtail would load every size).
        return queryset.prefetch_renditions(*specs) if specs else queryset


class PublicDocumentSerializer(DocumentSerializer):
    """Wagtail's document serializer with prefetched tags."""

    tags = TagsField()


class DocumentsEndpoint(MediaEndpointMixin, DocumentsAPIViewSet):
    """Public documents (no private collection, no embargo), with their type and size."""

    base_serializer_class = PublicDocumentSerializer
    public = staticmethod(public_documents)


class RedirectsEndpoint(PublicAPIMixin, RedirectsAPIViewSet):
    """Wagtail's redirects endpoint (old path -> location), as bakerydemo registers it, for a
    front end that answers old addresses itself; only redirects to a page visitors may see,
    or to another address, are listed or found (`?html_path=/old/address/`)."""

    filter_backends = [FieldsFilter, OrderingFilter]

    def check_query_parameters(self, queryset):
        if "search" in self.request.GET:
            raise BadRequestError("'search' is not available on redirects: use ?old_path=")
        super().check_query_parameters(queryset)

    def get_queryset(self):
        to_public_page = Q(redirect_page__in=public_pages().values("pk"))
        to_address = Q(redirect_page__isnull=True) & ~Q(redirect_link="")
        return (
            Redirect.objects.filter(to_public_page | to_address)
            .select_related("redirect_page")
            .order_by("id")
        )

    def find_object(self, queryset, request):
        if "html_path" in request.GET:
            path = Redirect.normalise_path(request.GET["html_path"])
            redirect = get_redirect(request, path)
            if redirect is None or not queryset.filter(pk=redirect.pk).exists():
                raise Http404("not found")
            return redirect
        return super(RedirectsAPIViewSet, self).find_object(queryset, request)
