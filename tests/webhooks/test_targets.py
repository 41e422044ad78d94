"""Webhooks reach only public internet addresses: never the metadata service, Redis or the LAN."""

import socket
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from mipcms.webhooks.models import Attempt, Delivery, Subscription
from mipcms.webhooks.targets import TargetRefused, check
from tests.news.factories import NewsArticlePageFactory

from .test_webhooks import ALL_EVENTS, deliver_now, received, subscribe

# Loopback, private, link-local (cloud metadata), multicast, reserved, unspecified, shared
# address space, and loopback or the LAN in IPv6 clothes (IPv4-mapped, 6to4, Teredo, NAT64).
INTERNAL = [
    "http://169.254.169.254/latest/meta-data/",
    "http://localhost:6379/",
    "http://127.0.0.1:5432/",
    "http://[::1]/",
    "http://10.0.0.1/",
    "http://172.16.5.4/",
    "http://192.168.1.20:8080/hook",
    "http://[fe80::1]/",
    "http://[fd00::1]/",
    "http://224.0.0.1/",
    "http://240.0.0.1/",
    "http://0.0.0.0:8000/",
    "http://100.64.0.1/",
    "http://[::ffff:127.0.0.1]/",
    "http://[2002:7f00:1::]/",  # 6to4 wrapping 127.0.0.1
    "http://[2002:a00:1::1]/",  # 6to4 wrapping 10.0.0.1
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",  # Teredo, client 127.0.0.1
    "http://[64:ff9b::7f00:1]/",  # NAT64 wrapping 127.0.0.1
    "http://[64:ff9b::a9fe:a9fe]/",  # NAT64 wrapping 169.254.169.254
    "http://[64:ff9b:1::a00:1]/",  # local-use NAT64 prefix
]
PUBLIC = "93.184.215.14"
REFUSED = "webhooks go only to public internet addresses"


def resolver(answers):
    """A stand-in for DNS: each name gets the next list of addresses in `answers[name]`."""
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host not in answers:
            return real(host, port, *args, **kwargs)
        if not answers[host]:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        addresses = answers[host].pop(0)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port)) for a in addresses]

    return mock.patch("socket.getaddrinfo", getaddrinfo)


@pytest.fixture
def production_targets(settings):
    """Production's rule: private addresses refused (dev and test settings allow them)."""
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False


def add_in_admin(client, url):
    return client.post(
        "/admin/webhooks/subscription/create/",
        {"url": url, "events": ["page.published"], "secret": "whsec_" + "A" * 32, "active": "on"},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", INTERNAL)
def test_internal_addresses_cannot_be_subscribed(url, admin_client, production_targets):
    response = add_in_admin(admin_client, url)
    assert response.status_code == 200  # the form again, with the reason
    assert REFUSED in response.content.decode()
    with pytest.raises(CommandError, match=REFUSED):
        call_command("webhooks", "add", url, "--event", "page.published", stdout=StringIO())
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_a_name_that_resolves_to_an_internal_address_cannot_be_subscribed(
    admin_client, production_targets
):
    with resolver({"hooks.partner.example": [[PUBLIC, "10.1.2.3"]]}):
        response = add_in_admin(admin_client, "https://hooks.partner.example/mip")
    assert "hooks.partner.example resolves to 10.1.2.3 is a private address" in (
        response.content.decode()
    )
    assert not Subscription.objects.exists()


@pytest.mark.django_db
def test_public_addresses_and_names_not_yet_in_dns_can_be_subscribed(
    admin_client, production_targets
):
    with resolver({"hooks.partner.example": [[PUBLIC]], "new.partner.example": []}):
        for url in (
            f"https://{PUBLIC}/hook",
            "https://hooks.partner.example/mip",
            "https://new.partner.example/mip",  # checked again on every delivery
        ):
            assert add_in_admin(admin_client, url).status_code == 302
    assert Subscription.objects.count() == 3


@pytest.mark.django_db
def test_a_delivery_to_an_internal_address_is_refused_without_connecting(
    news_index, receiver, settings
):
    """An address saved while allowed (or past the form) is still never contacted."""
    subscribe(receiver.url)  # 127.0.0.1
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    NewsArticlePageFactory(parent=news_index)
    assert deliver_now() == 1
    assert receiver.requests == []
    attempt = Attempt.objects.get()
    assert attempt.status_code is None
    assert attempt.error == f"127.0.0.1 is a loopback address; {REFUSED}."
    assert Delivery.objects.get().status == Delivery.PENDING

    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True  # development and tests
    assert deliver_now(Delivery.objects.get().next_attempt_at) == 1
    assert [body["event"] for body in received(receiver)] == ["page.published"]


@pytest.mark.django_db
def test_a_name_that_later_resolves_to_an_internal_address_is_not_contacted(
    news_index, receiver, admin_client, production_targets
):
    """DNS rebinding: public when staff saved it, loopback when the delivery goes out."""
    port = receiver.server.server_port
    name = "hooks.partner.example"
    with resolver({name: [[PUBLIC], ["127.0.0.1"], ["127.0.0.1"]]}):
        assert add_in_admin(admin_client, f"http://{name}:{port}/hooks/mip").status_code == 302
        NewsArticlePageFactory(parent=news_index)
        assert deliver_now() == 1
    assert receiver.requests == []
    assert Attempt.objects.get().error == (
        f"{name} resolves to 127.0.0.1 is a loopback address; {REFUSED}."
    )


@pytest.mark.django_db
def test_a_delivery_connects_to_the_address_it_checked(news_index, receiver):
    """One lookup per delivery: a second one (that could answer differently) never happens."""
    port = receiver.server.server_port
    name = "hooks.partner.example"
    subscribe(f"http://{name}:{port}/hooks/mip", events=ALL_EVENTS)
    NewsArticlePageFactory(parent=news_index)
    with resolver({name: [["127.0.0.1"]]}):  # any further lookup fails
        assert deliver_now() == 1
    assert Attempt.objects.get().status_code == 200
    [(headers, _)] = receiver.requests
    assert headers["Host"] == f"{name}:{port}"  # spoken to by name, connected by address


def test_an_ipv4_address_wrapped_in_ipv6_is_judged_by_the_ipv4_address(production_targets):
    """6to4 and Teredo carry an IPv4 address Python's is_global does not look at."""
    with pytest.raises(TargetRefused, match=r"127\.0\.0\.1 is a loopback address"):
        check("2002:7f00:1::", ["2002:7f00:1::"])
    with pytest.raises(TargetRefused, match="64:ff9b::7f00:1 is a NAT64 address"):
        check("64:ff9b::7f00:1", ["64:ff9b::7f00:1"])
    check("2002:5db8:d70e::", ["2002:5db8:d70e::"])  # 6to4 wrapping a public address
