"""Webhook subscriptions, the deliveries queued for them, and every attempt to deliver."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone

from .signing import check_secret, new_secret
from .targets import NotHTTP, TargetRefused, check_subscription_url

EVENTS = [
    ("page.published", "Page published (went live, by an editor or on schedule)"),
    ("page.updated", "Page updated (a live page's new version was published)"),
    ("page.unpublished", "Page unpublished (withdrawn by an editor, or expired)"),
]
EVENT_NAMES = [name for name, _ in EVENTS]


class Subscription(models.Model):
    """A partner site's address that receives signed POSTs when pages change."""

    url = models.URLField(
        max_length=500,
        unique=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=(
            "The partner's receiving address (https://...). We POST JSON to it. One "
            "subscription per address: edit it to change its events. Addresses on this "
            "network or the server itself (localhost, 10.x, 192.168.x...) are refused."
        ),
    )
    secret = models.CharField(
        max_length=200,
        default=new_secret,
        help_text=(
            "Give it to the partner, privately: with it they check that each delivery came "
            "from us (Standard Webhooks signatures). Keep the generated one; a new one must "
            "start with whsec_."
        ),
    )
    events = models.JSONField(
        default=list,
        help_text="Which changes to send: page.published, page.updated, page.unpublished.",
    )
    active = models.BooleanField(
        default=True,
        help_text=(
            "Inactive subscriptions receive nothing. A receiver that answers 410 Gone is "
            "switched off automatically."
        ),
    )
    description = models.CharField(
        max_length=200, blank=True, help_text="Who this is for, e.g. the partner's name."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    deactivated_reason = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["url"]

    def __str__(self):
        return self.description or self.url

    def secret_is_stored(self):
        """The secret is the one already saved: a secret migrated from before December 2026
        (0004) may hold a key of any size, and staff editing something else must not have to
        replace it. A new or changed secret is checked."""
        if self.pk is None:
            return False
        stored = type(self).objects.filter(pk=self.pk).values_list("secret", flat=True).first()
        return stored == self.secret

    def clean(self):
        errors = {}
        try:
            check_subscription_url(self.url)
        except NotHTTP:
            pass  # the field's own validator says so
        except TargetRefused as refused:
            errors["url"] = str(refused)
        try:
            if not self.secret_is_stored():
                check_secret(self.secret)
        except ValueError as problem:
            errors["secret"] = (
                f"{problem} Leave the generated secret as it is, or paste one the partner gave you."
            )
        unknown = set(self.events or []) - set(EVENT_NAMES)
        if unknown or not self.events:
            errors["events"] = f"Choose one or more of {', '.join(EVENT_NAMES)}."
        if errors:
            raise ValidationError(errors)


class Delivery(models.Model):
    """One event on its way to one subscription: the signed body and its retry state."""

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    CANCELLED = "cancelled"
    STATUSES = [
        (PENDING, "Pending"),
        (DELIVERED, "Delivered"),
        (FAILED, "Failed (gave up)"),
        (CANCELLED, "Cancelled (subscription switched off)"),
    ]

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=EVENTS)
    page_id = models.PositiveIntegerField(db_index=True)
    body = models.TextField(help_text="The JSON sent, exactly as signed.")
    status = models.CharField(max_length=20, choices=STATUSES, default=PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(default=timezone.now)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "deliveries"
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx")]

    def __str__(self):
        return f"{self.event} #{self.page_id} to {self.subscription}"


class Attempt(models.Model):
    """One HTTP request of a delivery and what the receiver answered."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    attempted_at = models.DateTimeField(default=timezone.now)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-attempted_at", "-pk"]

    def __str__(self):
        return f"{self.delivery}: {self.status_code or self.error}"

    @property
    def succeeded(self):
        return self.status_code is not None and 200 <= self.status_code < 300
