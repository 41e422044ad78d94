"""Deliveries are signed per Standard Webhooks: partners verify them with the maintained library."""

import base64
import datetime
import hashlib
import hmac
import importlib
import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from standardwebhooks import Webhook, WebhookVerificationError

from mipcms.webhooks.models import Delivery, Subscription
from mipcms.webhooks.signing import new_secret
from tests.clock import clock_at
from tests.news.factories import NewsArticlePageFactory

from .test_webhooks import ALL_EVENTS, BACKOFF, deliver_now


def moment():
    """A whole second just after now: deliveries queued now are due, timestamps are exact."""
    return (timezone.now() + datetime.timedelta(seconds=1)).replace(microsecond=0)


migration = importlib.import_module("mipcms.webhooks.migrations.0004_standard_webhooks_secrets")


@pytest.mark.django_db
def test_a_real_delivery_verifies_with_the_standardwebhooks_library(news_index, receiver):
    subscription = Subscription.objects.create(url=receiver.url, events=ALL_EVENTS)
    page = NewsArticlePageFactory(parent=news_index, title="Lead pipe deadline")
    sent_at = moment()
    deliver_now(sent_at)
    [(headers, raw)] = receiver.requests
    headers = dict(headers)
    partner = Webhook(subscription.secret)  # the secret exactly as staff give it out

    with clock_at(sent_at + datetime.timedelta(seconds=2)):  # on arrival
        body = partner.verify(raw, headers)
        assert (body["event"], body["page"]["title"]) == ("page.published", page.title)
        assert headers["webhook-id"] == f"msg_{Delivery.objects.get().pk}"
        assert headers["webhook-timestamp"] == str(int(sent_at.timestamp()))
        with pytest.raises(WebhookVerificationError):  # an altered body
            partner.verify(raw.replace(b"Lead", b"Load"), headers)
        with pytest.raises(WebhookVerificationError):  # a forged timestamp
            partner.verify(raw, {**headers, "webhook-timestamp": str(int(sent_at.timestamp()) + 1)})
        with pytest.raises(WebhookVerificationError):  # someone else's secret
            Webhook("whsec_" + base64.b64encode(b"x" * 32).decode()).verify(raw, headers)
    with (
        clock_at(sent_at + datetime.timedelta(minutes=6)),
        pytest.raises(WebhookVerificationError, match="too old"),
    ):
        partner.verify(raw, headers)  # a captured delivery replayed later


@pytest.mark.django_db
def test_a_retry_keeps_its_id_and_is_signed_at_its_own_time(news_index, receiver):
    receiver.answers = [503]
    subscription = Subscription.objects.create(url=receiver.url, events=ALL_EVENTS)
    NewsArticlePageFactory(parent=news_index)
    first = moment()
    deliver_now(first)
    deliver_now(first + BACKOFF[0])
    (first_headers, raw), (retry_headers, retry_raw) = receiver.requests
    assert retry_raw == raw
    assert first_headers["webhook-id"] == retry_headers["webhook-id"]  # receivers drop repeats
    assert int(retry_headers["webhook-timestamp"]) - int(first_headers["webhook-timestamp"]) == 30
    with clock_at(first + BACKOFF[0]):
        Webhook(subscription.secret).verify(retry_raw, dict(retry_headers))


@pytest.mark.django_db
def test_secrets_are_generated_and_checked_in_the_standard_form(admin_client):
    generated = {Subscription().secret for _ in range(2)}
    assert len(generated) == 2
    for secret in generated:
        assert secret.startswith("whsec_")
        assert len(base64.b64decode(secret.removeprefix("whsec_"), validate=True)) == 32
    for bad in ("x", "whsec_not base64!", "whsec_" + base64.b64encode(b"short").decode()):
        response = admin_client.post(
            "/admin/webhooks/subscription/create/",
            {"url": "https://partner.example.org/hook", "events": ["page.updated"], "secret": bad},
        )
        assert response.status_code == 200
        assert "Leave the generated secret as it is" in response.content.decode()
        with pytest.raises(CommandError, match="signing secret"):
            call_command(
                "webhooks",
                "add",
                "https://partner.example.org/hook",
                "--secret",
                bad,
                "--event",
                "page.updated",
                stdout=StringIO(),
            )
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_secrets_from_before_are_migrated_and_old_receivers_keep_working(news_index, receiver):
    """The key stays the same: the migrated secret is the old one in the whsec_ form."""
    old = "a-partner-secret-from-2025"
    Subscription.objects.create(url=receiver.url, events=ALL_EVENTS, secret=old)
    migration.to_standard_form(apps, None)
    subscription = Subscription.objects.get()
    assert subscription.secret == "whsec_" + base64.b64encode(old.encode()).decode()

    NewsArticlePageFactory(parent=news_index)
    sent_at = moment()
    deliver_now(sent_at)
    [(headers, raw)] = receiver.requests
    with clock_at(sent_at):
        Webhook(subscription.secret).verify(raw, dict(headers))
    # A receiver still running the check documented before: unchanged, still passes.
    expected = "sha256=" + hmac.new(old.encode(), raw, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(expected, headers["X-MIP-Signature"])

    migration.to_old_form(apps, None)
    assert Subscription.objects.get().secret == old


@pytest.mark.django_db
def test_a_migrated_secret_of_an_unusual_size_stays_valid_until_staff_change_it():
    """A hand-set secret from before ("s3cret", 6 bytes) is kept through later edits."""
    Subscription.objects.create(
        url="https://partner.example.org/hook", events=ALL_EVENTS, secret="s3cret"
    )
    migration.to_standard_form(apps, None)
    subscription = Subscription.objects.get()
    subscription.events = ["page.published"]
    subscription.full_clean()  # the secret is the stored one: accepted
    subscription.save()

    subscription.secret = "whsec_" + base64.b64encode(b"s3cre7").decode()  # a new short one
    with pytest.raises(ValidationError, match="holds 6"):
        subscription.full_clean()
    with pytest.raises(ValidationError, match="holds 6"):
        Subscription(
            url="https://partner.example.org/hook",
            events=ALL_EVENTS,
            secret=Subscription.objects.get().secret,
        ).full_clean()


@pytest.mark.django_db
def test_a_secret_too_long_for_the_standard_form_stops_the_migration_and_says_which():
    Subscription.objects.create(
        url="https://partner.example.org/hook", events=ALL_EVENTS, secret="x" * 150
    )
    with pytest.raises(RuntimeError, match=re.escape("https://partner.example.org/hook")):
        migration.to_standard_form(apps, None)
    assert Subscription.objects.get().secret == "x" * 150


@pytest.mark.django_db
def test_a_secret_already_in_the_standard_form_is_left_as_it_is():
    """A subscription added (with a generated secret) before the migration ran keeps its key."""
    generated = new_secret()
    Subscription.objects.create(
        url="https://partner.example.org/hook", events=ALL_EVENTS, secret=generated
    )
    migration.to_standard_form(apps, None)
    assert Subscription.objects.get().secret == generated
