"""Partner sites hear about published, updated and unpublished pages through signed POSTs."""

import base64
import datetime
import socket
import threading
import time
from io import StringIO
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from standardwebhooks import Webhook
from wagtail.models import PageViewRestriction

from mipcms.scheduler import Scheduler
from mipcms.webhooks import delivery as delivery_module
from mipcms.webhooks.delivery import BACKOFF, MAX_ATTEMPTS, send_delivery
from mipcms.webhooks.models import Attempt, Delivery, Subscription
from news.models import NewsIndexPage
from site_setup.skeleton import ensure_site
from tests.clock import clock_at
from tests.news.factories import NewsArticlePageFactory
from tests.polling import wait_for
from tests.tasks import run_tasks, worker

ALL_EVENTS = ["page.published", "page.updated", "page.unpublished"]


# A secret in the Standard Webhooks form: whsec_ and base64 of the key.
SECRET = "whsec_" + base64.b64encode(b"s3cret-for-the-webhook-tests-32b").decode()


def subscribe(url, events=ALL_EVENTS, secret=SECRET):
    return Subscription.objects.create(url=url, events=events, secret=secret)


def deliver_now(moment=None):
    """Run the queued tasks due at `moment`, as the task worker does: how many deliveries
    were attempted."""
    ran = run_tasks(moment)
    return sum(
        row.return_value is True for row in ran if row.task_path == send_delivery.module_path
    )


def received(receiver):
    """The JSON bodies the receiver got, after checking each signature as a partner would."""
    bodies = []
    for headers, raw in receiver.requests:
        sent = datetime.datetime.fromtimestamp(int(headers["webhook-timestamp"]), datetime.UTC)
        with clock_at(sent):  # as the receiver checks it on arrival
            body = Webhook(SECRET).verify(raw, dict(headers))  # the maintained library
        assert headers["Content-Type"] == "application/json"
        assert headers["X-MIP-Event"] == body["event"]
        bodies.append(body)
    return bodies


@pytest.mark.django_db
def test_a_published_page_is_announced_with_a_signed_post(news_index, receiver):
    subscribe(receiver.url)
    page = NewsArticlePageFactory(parent=news_index, title="Water shutoff moratorium")
    assert page.live
    assert receiver.requests == []  # publishing only queued it

    assert deliver_now() == 1
    [body] = received(receiver)
    assert body["event"] == "page.published"
    assert body["page"] == {
        "id": page.pk,
        "type": "news.NewsArticlePage",
        "title": "Water shutoff moratorium",
        "url": f"http://testserver{page.url}",
        "api_url": f"http://testserver/api/v2/pages/{page.pk}/",
    }
    assert datetime.datetime.fromisoformat(body["time"]) <= timezone.now()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.DELIVERED, 1)
    assert Attempt.objects.get().status_code == 200
    assert deliver_now() == 0  # delivered once


@pytest.mark.django_db
def test_publish_update_unpublish_and_the_schedule_each_send_their_event(news_index, receiver):
    subscribe(receiver.url)
    page = NewsArticlePageFactory(parent=news_index)
    page.title = "Updated title"
    page.save_revision().publish()
    page.unpublish()
    page.save_revision().publish()  # live again: published, not updated

    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    scheduled = NewsArticlePageFactory(parent=news_index, go_live_at=go_live_at)
    expiring = NewsArticlePageFactory(parent=news_index, expire_at=go_live_at)
    with clock_at(go_live_at):
        Scheduler().run_due()
    deliver_now(go_live_at)

    events = [(body["event"], body["page"]["id"]) for body in received(receiver)]
    assert events == [
        ("page.published", page.pk),
        ("page.updated", page.pk),
        ("page.unpublished", page.pk),
        ("page.published", page.pk),
        ("page.published", expiring.pk),
        ("page.published", scheduled.pk),  # by the scheduler
        ("page.unpublished", expiring.pk),  # expired
    ]


@pytest.mark.django_db
def test_a_subscription_gets_only_its_events(news_index, receiver):
    subscribe(receiver.url, events=["page.unpublished"])
    page = NewsArticlePageFactory(parent=news_index)
    page.unpublish()
    deliver_now()
    assert [body["event"] for body in received(receiver)] == ["page.unpublished"]


@pytest.mark.django_db
def test_a_failing_receiver_is_retried_with_backoff_then_given_up(news_index, receiver):
    receiver.default = 500
    subscribe(receiver.url)
    page = NewsArticlePageFactory(parent=news_index)
    assert page.live  # the publish went through

    moment = timezone.now()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert deliver_now(moment) == 1
        delivery = Delivery.objects.get()
        assert delivery.attempts == attempt
        if attempt < MAX_ATTEMPTS:
            assert delivery.status == Delivery.PENDING
            assert delivery.next_attempt_at == moment + BACKOFF[attempt - 1]
            # Not before the backoff is over.
            assert deliver_now(delivery.next_attempt_at - datetime.timedelta(seconds=1)) == 0
            moment = delivery.next_attempt_at
    assert delivery.status == Delivery.FAILED
    assert len(receiver.requests) == MAX_ATTEMPTS
    assert list(Attempt.objects.values_list("status_code", flat=True)) == [500] * MAX_ATTEMPTS


@pytest.mark.django_db
def test_an_unreachable_receiver_is_logged_and_retried(news_index):
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed.getsockname()[1]}/hook"
    subscribe(url)
    NewsArticlePageFactory(parent=news_index)
    assert deliver_now() == 1
    attempt = Attempt.objects.get()
    assert attempt.status_code is None
    assert "refused" in attempt.error.lower()
    assert Delivery.objects.get().status == Delivery.PENDING


@pytest.mark.django_db
def test_410_gone_switches_the_subscription_off(news_index, receiver):
    receiver.default = 410
    subscription = subscribe(receiver.url)
    NewsArticlePageFactory(parent=news_index)
    NewsArticlePageFactory(parent=news_index)
    assert deliver_now() == 1  # the second is cancelled with the subscription
    subscription.refresh_from_db()
    assert not subscription.active
    assert "410" in subscription.deactivated_reason
    assert set(Delivery.objects.values_list("status", flat=True)) == {Delivery.CANCELLED}
    NewsArticlePageFactory(parent=news_index)
    assert Delivery.objects.count() == 2  # nothing new queued for it


@pytest.mark.django_db
def test_publishing_never_fails_because_of_webhooks(news_index, receiver, caplog):
    subscribe(receiver.url)
    with mock.patch.object(Delivery.objects, "bulk_create", side_effect=RuntimeError("disk full")):
        page = NewsArticlePageFactory(parent=news_index, title="Published anyway")
    page.refresh_from_db()
    assert page.live
    assert "Could not queue webhooks" in caplog.text


@pytest.mark.django_db
def test_private_pages_are_not_announced(news_index, receiver):
    subscribe(receiver.url)
    PageViewRestriction.objects.create(page=news_index, restriction_type=PageViewRestriction.LOGIN)
    page = NewsArticlePageFactory(parent=news_index)
    page.unpublish()
    assert Delivery.objects.count() == 0


@pytest.mark.django_db
def test_a_post_caught_up_after_its_expiry_is_not_announced(news_index, receiver):
    subscribe(receiver.url, events=["page.published"])
    go_live_at = timezone.now() + datetime.timedelta(hours=1)
    NewsArticlePageFactory(
        parent=news_index, go_live_at=go_live_at, expire_at=go_live_at + datetime.timedelta(hours=1)
    )
    # The scheduler was down through both times: the post was never visible.
    with mock.patch(
        "django.utils.timezone.now", return_value=go_live_at + datetime.timedelta(days=1)
    ):
        assert Scheduler().run_due() == 2
    assert Delivery.objects.count() == 0


@pytest.mark.django_db
def test_only_http_addresses_are_ever_contacted(news_index):
    """A file:// or ftp:// address saved past the form's checks is refused, not read."""
    for url in ("file:///etc/passwd", "ftp://127.0.0.1/hook"):
        subscription = Subscription(url=url, events=ALL_EVENTS)
        with pytest.raises(ValidationError):
            subscription.full_clean()
    Subscription.objects.create(url="file:///etc/passwd", events=ALL_EVENTS, secret="s")
    NewsArticlePageFactory(parent=news_index)
    assert deliver_now() == 1
    attempt = Attempt.objects.get()
    assert attempt.status_code is None
    assert "Only http:// and https://" in attempt.error


@pytest.mark.django_db
def test_a_receiver_that_answers_byte_by_byte_is_cut_off(news_index, settings):
    """The timeout bounds the whole exchange, not each read."""
    settings.WEBHOOK_TIMEOUT_SECONDS = 1.5
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()

    def trickle():
        connection, _ = server.accept()
        with connection:
            connection.recv(65536)
            for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 40:
                time.sleep(0.2)
                try:
                    connection.sendall(bytes([byte]))
                except OSError:
                    return

    threading.Thread(target=trickle, daemon=True).start()
    subscribe(f"http://127.0.0.1:{server.getsockname()[1]}/hook")
    NewsArticlePageFactory(parent=news_index)
    started = time.monotonic()
    assert deliver_now() == 1
    assert time.monotonic() - started < 4
    attempt = Attempt.objects.get()
    assert (attempt.status_code, attempt.error) == (None, "No answer within 1.5 s.")
    assert Delivery.objects.get().status == Delivery.PENDING  # retried later
    server.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_transaction_is_open_while_the_partner_answers(receiver):
    """On SQLite an open transaction would block every writer (publishing) meanwhile."""
    ensure_site()
    subscribe(receiver.url)
    NewsArticlePageFactory(parent=NewsIndexPage.objects.get())
    in_transaction = []
    real_post = delivery_module.post

    def post(delivery):
        in_transaction.append(connection.in_atomic_block)
        return real_post(delivery)

    with mock.patch.object(delivery_module, "post", post):
        assert deliver_now() == 1
    assert in_transaction == [False]
    assert Delivery.objects.get().status == Delivery.DELIVERED


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_running_worker_delivers_in_the_background(receiver):
    ensure_site()
    news_index = NewsIndexPage.objects.get()
    subscribe(receiver.url)
    runner = worker()
    thread = threading.Thread(target=runner.run, daemon=True)
    thread.start()
    try:
        NewsArticlePageFactory(parent=news_index)
        wait_for(lambda: receiver.requests, seconds=10)
    finally:
        runner.running = False
        thread.join(timeout=10)
    assert [body["event"] for body in received(receiver)] == ["page.published"]


@pytest.mark.django_db
def test_the_webhooks_command_adds_lists_and_removes(receiver):
    out = StringIO()
    call_command(
        "webhooks",
        "add",
        receiver.url,
        "--secret",
        SECRET,
        "--event",
        "page.published",
        "--event",
        "page.unpublished",
        stdout=out,
    )
    subscription = Subscription.objects.get()
    assert (subscription.secret, subscription.events) == (
        SECRET,
        ["page.published", "page.unpublished"],
    )
    call_command("webhooks", "list", stdout=(listing := StringIO()))
    assert (
        f"{subscription.pk}\t{receiver.url}\tpage.published,page.unpublished\tactive"
        in listing.getvalue()
    )
    with pytest.raises(CommandError):
        call_command("webhooks", "add", "not a url", "--event", "page.published")
    with pytest.raises(CommandError):
        call_command("webhooks", "add", receiver.url, "--event", "page.deleted")
    for refused in (receiver.url, "ftp://127.0.0.1/hook", "file:///etc/passwd"):  # taken; not http
        with pytest.raises(CommandError):
            call_command("webhooks", "add", refused, "--event", "page.updated")
    assert Subscription.objects.count() == 1
    call_command("webhooks", "remove", str(subscription.pk), stdout=out)
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_the_admin_shows_subscriptions_deliveries_and_every_attempt(
    news_index, receiver, admin_client
):
    receiver.answers = [503]
    subscribe(receiver.url)
    NewsArticlePageFactory(parent=news_index)
    deliver_now()
    deliver_now(timezone.now() + BACKOFF[0])

    assert receiver.url in admin_client.get("/admin/webhooks/subscription/").content.decode()
    deliveries = admin_client.get("/admin/webhooks/delivery/").content.decode()
    assert "page.published" in deliveries
    attempts = admin_client.get("/admin/webhooks/attempt/").content.decode()
    assert "503" in attempts and "200" in attempts
    add = admin_client.post(
        "/admin/webhooks/subscription/create/",
        {
            "url": "https://partner.example.org/hook",
            "events": ["page.updated"],
            "secret": SECRET,
            "active": "on",
        },
    )
    assert add.status_code == 302
    assert Subscription.objects.get(url="https://partner.example.org/hook").events == [
        "page.updated"
    ]
