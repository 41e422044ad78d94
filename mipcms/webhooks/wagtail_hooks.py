"""Webhooks in the admin (wagtail-modeladmin): subscriptions to edit, a log to read."""

from django import forms
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from .models import EVENTS, Attempt, Delivery, Subscription


class SubscriptionForm(WagtailAdminModelForm):
    """Events as checkboxes rather than raw JSON."""

    events = forms.MultipleChoiceField(
        choices=EVENTS,
        widget=forms.CheckboxSelectMultiple,
        help_text="Which changes this partner hears about.",
    )


class ReadOnlyPermissionHelper(PermissionHelper):
    """Deliveries and attempts are a log: nobody adds, edits or deletes them by hand."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class SubscriptionAdmin(ModelAdmin):
    """Partner sites' webhook addresses, their secrets and the events they receive."""

    model = Subscription
    menu_label = "Subscriptions"
    menu_icon = "link-external"
    list_display = ("url", "description", "event_list", "active", "deactivated_reason")
    list_filter = ("active",)
    search_fields = ("url", "description")
    edit_handler = ObjectList(
        [
            FieldPanel("url"),
            FieldPanel("description"),
            FieldPanel("events"),
            FieldPanel("secret"),
            FieldPanel("active"),
        ],
        base_form_class=SubscriptionForm,
    )

    def event_list(self, obj):
        return ", ".join(obj.events)

    event_list.short_description = "Events"


class DeliveryAdmin(ModelAdmin):
    """Each event queued for each subscription, with its retry state."""

    model = Delivery
    menu_label = "Deliveries"
    menu_icon = "mail"
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    inspect_view_fields = (
        "subscription",
        "event",
        "page_id",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "created_at",
        "body",
    )
    list_display = ("created_at", "event", "page_id", "subscription", "status", "attempts")
    list_filter = ("status", "event")
    search_fields = ("subscription__url", "body")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("subscription")


class AttemptAdmin(ModelAdmin):
    """Every HTTP attempt and the receiver's answer: the place to look when a partner asks."""

    model = Attempt
    menu_label = "Attempts"
    menu_icon = "history"
    permission_helper_class = ReadOnlyPermissionHelper
    list_display = ("attempted_at", "delivery", "status_code", "error", "duration_ms")
    list_filter = ("status_code",)
    search_fields = ("delivery__subscription__url", "error")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("delivery__subscription")


class WebhooksGroup(ModelAdminGroup):
    """One admin menu: Webhooks > Subscriptions, Deliveries, Attempts."""

    menu_label = "Webhooks"
    menu_icon = "link-external"
    menu_order = 800
    items = (SubscriptionAdmin, DeliveryAdmin, AttemptAdmin)


modeladmin_register(WebhooksGroup)
