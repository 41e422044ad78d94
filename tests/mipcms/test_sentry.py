"""With SENTRY_DSN set, unhandled errors go to Sentry, with no personal data."""

from unittest import mock

import pytest
import sentry_sdk
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client, RequestFactory
from sentry_sdk.transport import Transport

from mipcms.sentry import init_sentry


class CapturingTransport(Transport):
    """Keeps what would be sent to Sentry (sentry-sdk's test hook); nothing leaves."""

    def __init__(self, options=None):
        super().__init__(options)
        self.envelopes = []

    def capture_envelope(self, envelope):
        self.envelopes.append(envelope)

    def events(self):
        return [
            item.payload.json
            for envelope in self.envelopes
            for item in envelope.items
            if item.type == "event"
        ]


@pytest.fixture
def sentry():
    transport = CapturingTransport()
    client = init_sentry(
        "https://public@sentry.example.invalid/1",
        environment="staging",
        release="mipcms@1.2.3",
        transport=transport,
    )
    yield client, transport
    client.close()
    sentry_sdk.get_global_scope().set_client(None)


def wsgi_get(path, **environ):
    """A GET through Django's WSGI handler, as gunicorn calls it (Sentry hooks in there)."""
    handler = WSGIHandler()
    request_environ = RequestFactory()._base_environ(PATH_INFO=path, **environ)
    statuses = []
    body = b"".join(handler(request_environ, lambda status, headers: statuses.append(status)))
    return statuses[0], body


# A real WSGI request closes a test transaction's connection at its start: this test needs a
# database the request can use (the site and its version are read before any view runs).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_unhandled_error_is_reported_without_personal_data(sentry, home_page, django_user_model):
    client, transport = sentry
    assert client.is_active()
    assert client.dsn == "https://public@sentry.example.invalid/1"
    editor = django_user_model.objects.create_user("jordan-comms", "jordan@mip.example", "pw")
    browser = Client()
    browser.force_login(editor)
    session_cookie = browser.cookies["sessionid"].value
    with mock.patch("wagtail.models.Site._find_for_request", side_effect=RuntimeError("a bug")):
        status, _ = wsgi_get(
            "/news/",
            HTTP_COOKIE=f"sessionid={session_cookie}",
            REMOTE_ADDR="203.0.113.9",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    assert status.startswith("500")
    client.flush()

    [event] = transport.events()
    assert event["exception"]["values"][-1]["value"] == "a bug"
    assert event["environment"] == "staging"
    assert event["release"] == "mipcms@1.2.3"
    assert event["request"]["url"].endswith("/news/")
    # No personal data: no user, no session cookie, no IP address.
    assert "id" not in event.get("user", {})
    assert "jordan" not in str(event)
    assert session_cookie not in str(event)
    assert "203.0.113.9" not in str(event)
