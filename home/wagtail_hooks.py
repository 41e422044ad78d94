"""Admin registration of the shared records, privacy-aware rich text links, dashboard panels."""

from django.http import Http404
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .admin_panels import PublishingSchedulePanel
from .models import MemberCity, Person, Testimonial, Topic
from .privacy import held_back
from .richtext_links import VisibleDocumentLinkHandler, VisiblePageLinkHandler


@hooks.register("before_serve_document")
def hold_back_embargoed_documents(document, request):
    """An embargoed file is a missing file to visitors (home.privacy.embargoed)."""
    if held_back(request, document):
        raise Http404


@hooks.register("register_rich_text_features", order=100)
def register_visible_link_handlers(features):
    """Rich text links to pages and documents visitors cannot see expand to a bare <a>."""
    features.register_link_type(VisiblePageLinkHandler)
    features.register_link_type(VisibleDocumentLinkHandler)


class PersonFilterSet(WagtailFilterSet):
    """Filter the people list by staff or not."""

    class Meta:
        model = Person
        fields = ["is_staff", "organisation"]


# No `search_fields` on these viewsets: Wagtail then searches every field the model indexes,
# which also works on SQLite (restricting fields there produces an invalid FTS query).


class TopicViewSet(SnippetViewSet):
    """Policy areas: searchable list in the admin."""

    model = Topic
    icon = "tag"
    list_display = ["name", "slug"]
    ordering = ["name"]


class PersonViewSet(SnippetViewSet):
    """Staff, authors and speakers: searchable and filterable by staff."""

    model = Person
    icon = "user"
    list_display = ["name", "role", "organisation", "is_staff"]
    filterset_class = PersonFilterSet
    ordering = ["name"]


class TestimonialViewSet(SnippetViewSet):
    """Mayors' quotes, chosen on the home page, cohorts and in page bodies."""

    model = Testimonial
    icon = "openquote"
    list_display = ["name", "role", "quote"]


class PeopleAndTopicsGroup(SnippetViewSetGroup):
    """One admin menu for the shared records."""

    items = (TopicViewSet, PersonViewSet, TestimonialViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "Records"
    menu_name = "records"


register_snippet(PeopleAndTopicsGroup)


class MemberCityAdmin(ModelAdmin):
    """The directory of member cities: search, filter by state, export to CSV or Excel."""

    model = MemberCity
    menu_label = "Member cities"
    menu_icon = "globe"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ("name", "state", "mayor", "population", "joined_on")
    list_filter = ("state",)
    search_fields = ("name", "mayor")
    list_export = ("name", "state", "mayor", "population", "joined_on", "website")
    export_filename = "member-cities"
    ordering = ("name",)


modeladmin_register(MemberCityAdmin)


@hooks.register("construct_homepage_panels")
def add_publishing_schedule_panel(request, panels):
    """Show staff who work on pages what is scheduled to go live and what went out lately."""
    if PublishingSchedulePanel.is_shown_to(request.user):
        panels.append(PublishingSchedulePanel())
