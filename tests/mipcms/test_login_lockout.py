"""Admin sign-in: repeated wrong passwords lock that user out from that address for a while."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client, override_settings

PASSWORD = "the-right-password-42"
WRONG = "not-the-password"
ADDRESS = "203.0.113.7"


@pytest.fixture(autouse=True)
def _lockout_on(settings):
    """Lockout as in production (tests/settings switch it off for the test client's login())."""
    settings.AXES_ENABLED = True


@pytest.fixture
def staff(db):
    """An editor with an admin login."""
    return get_user_model().objects.create_superuser("ana", "ana@example.org", PASSWORD)


def sign_in(password, username="ana", address=ADDRESS, **headers):
    """Submit the admin's sign-in form from `address`; whether the admin then opens."""
    client = Client(REMOTE_ADDR=address, **headers)
    response = client.post("/admin/login/", {"username": username, "password": password})
    signed_in = client.get("/admin/").status_code == 200
    return response, signed_in


def fail(times, **kwargs):
    """Sign in with a wrong password `times` times."""
    for _ in range(times):
        assert not sign_in(WRONG, **kwargs)[1]


def test_the_right_password_after_too_many_wrong_ones_is_refused(staff):
    assert sign_in(PASSWORD)[1], "the right password signs in to begin with"
    fail(settings.AXES_FAILURE_LIMIT)

    response, signed_in = sign_in(PASSWORD)
    assert not signed_in
    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()


def test_fewer_failures_than_the_limit_do_not_lock(staff):
    fail(settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(PASSWORD)[1]
    # A successful sign-in starts the count again.
    fail(settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in(PASSWORD)[1]


@pytest.mark.parametrize(
    "command", [["axes_reset_username", "ana"], ["axes_reset_ip", ADDRESS], ["axes_reset"]]
)
def test_an_administrator_unlocks_with_axes_reset(staff, command):
    fail(settings.AXES_FAILURE_LIMIT)
    assert not sign_in(PASSWORD)[1]

    call_command(*command, verbosity=0)
    assert sign_in(PASSWORD)[1]


def test_the_lock_is_on_the_user_at_that_address(staff):
    """Guessing from one address locks neither the user elsewhere nor others at that address."""
    get_user_model().objects.create_user("ben", "ben@example.org", PASSWORD, is_superuser=True)
    fail(settings.AXES_FAILURE_LIMIT)

    assert sign_in(PASSWORD, address="198.51.100.20")[1]
    assert sign_in(PASSWORD, username="ben")[1]
    assert not sign_in(PASSWORD)[1]


def test_without_trusted_proxies_a_forwarded_address_changes_nothing(staff):
    """A client cannot escape its lock by sending a made-up X-Forwarded-For."""
    fail(settings.AXES_FAILURE_LIMIT, HTTP_X_FORWARDED_FOR="192.0.2.1")
    assert not sign_in(PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")[1]


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_a_proxy_the_client_is_the_address_the_proxy_forwards(staff):
    proxy = "10.0.0.5"
    # The client may send its own X-Forwarded-For; the proxy appends the address it saw.
    fail(settings.AXES_FAILURE_LIMIT, address=proxy, HTTP_X_FORWARDED_FOR="1.1.1.1, 192.0.2.1")

    locked = sign_in(PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="2.2.2.2, 192.0.2.1")
    assert not locked[1], "a different made-up entry on the left does not unlock"
    assert sign_in(PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.2")[1], (
        "another client behind the same proxy is not locked out"
    )
