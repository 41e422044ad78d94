"""Which addresses may receive webhooks: public internet hosts only, checked at every step.

A subscription's address is checked when staff save it, and again on every delivery against
the address its name resolves to at that moment (DNS can change after the first check). The
delivery resolves the name once, checks every address it got, and connects to the address it
checked, so a second lookup cannot send the request somewhere else.

`WEBHOOKS_ALLOW_PRIVATE_TARGETS` lets development and test receivers on 127.0.0.1 through.
"""

import http.client
import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

CONNECTIONS = {"http": http.client.HTTPConnection, "https": http.client.HTTPSConnection}


class TargetRefused(Exception):
    """The address may not receive webhooks; the message says why, for staff to read."""


class NotHTTP(TargetRefused):
    """The address is not an http:// or https:// URL with a host."""


# NAT64 prefixes (RFC 6052, RFC 8215): a gateway turns these into the IPv4 address in their
# last 32 bits, which may be internal. Python's `is_global` calls both global, so they are
# refused outright.
NAT64_PREFIXES = [ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48")]


def refusal(address):
    """Why this IP address may not receive webhooks, or "" if it may."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone (fe80::1%eth0)
    if ip.version == 6 and any(ip in prefix for prefix in NAT64_PREFIXES):
        return f"{ip} is a NAT64 address; {REFUSED}."
    for candidate in unwrapped(ip):
        if kind := kind_of(candidate):
            return f"{candidate} is {kind} address; {REFUSED}."
    return ""


REFUSED = "webhooks go only to public internet addresses"


def unwrapped(ip):
    """The addresses a packet to `ip` really reaches: the IPv4 address inside first.

    ::ffff:127.0.0.1 (IPv4-mapped) is 127.0.0.1; 2002:7f00:1:: (6to4) and a Teredo address
    carry an IPv4 address too, which Python's `is_global` does not look at, so that address
    is checked as well as the IPv6 one.
    """
    if getattr(ip, "ipv4_mapped", None):
        return [ip.ipv4_mapped]
    inside = []
    if getattr(ip, "sixtofour", None):
        inside.append(ip.sixtofour)
    if getattr(ip, "teredo", None):
        inside.append(ip.teredo[1])  # (server, client): packets go to the client
    return [*inside, ip]


def kind_of(ip):
    """What kind of non-public address `ip` is ("a loopback", ...), or "" if it is public."""
    kinds = [
        ("an unspecified", ip.is_unspecified),
        ("a loopback", ip.is_loopback),
        ("a link-local", ip.is_link_local),
        ("a multicast", ip.is_multicast),
        ("a private", ip.is_private),
        ("a reserved", ip.is_reserved),
        ("a non-public", not ip.is_global),  # shared address space (100.64.0.0/10) and the like
    ]
    return next((name for name, matches in kinds if matches), "")


def resolve(host, port):
    """Every address `host` resolves to now (one lookup), in the resolver's order."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as problem:
        raise TargetRefused(f"The host name {host} could not be resolved ({problem}).") from None
    return list(dict.fromkeys(info[4][0] for info in found))


def split(url):
    """(scheme, host, port) of a webhook address; TargetRefused if it is not http(s)."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None  # out of range or not a number: refused below
        parts = parts._replace(netloc="")
    if parts.scheme not in CONNECTIONS or not parts.hostname:
        raise NotHTTP("Only http:// and https:// addresses can receive webhooks.")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80)


def check(host, addresses):
    """TargetRefused unless every address `host` resolved to may receive webhooks."""
    if settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS:
        return
    for address in addresses:
        if reason := refusal(address):
            name = "" if host == address else f"{host} resolves to "
            raise TargetRefused(f"{name}{reason}")


def check_subscription_url(url):
    """Staff's check when saving an address: it is http(s) and its host is public now.

    A name that does not resolve yet is let through (a partner may set up its DNS later):
    every delivery checks again before it connects.
    """
    _scheme, host, port = split(url)
    if settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS:
        return  # no lookup: nothing it could find would be refused
    try:
        addresses = resolve(host, port)
    except TargetRefused:
        return
    check(host, addresses)


def connection_to(url, timeout):
    """An HTTP(S) connection to the checked addresses of `url`'s host.

    The connection speaks to the host by name (Host header, TLS server name and certificate)
    but its socket goes to an address that was just resolved and checked, never to the
    result of a second lookup.
    """
    scheme, host, port = split(url)
    addresses = resolve(host, port)
    check(host, addresses)
    connection = CONNECTIONS[scheme](host, port, timeout=timeout)
    connection._create_connection = pinned(addresses)  # the socket factory http.client calls
    return connection


def pinned(addresses):
    """A socket factory like socket.create_connection that connects only to `addresses`."""

    def create_connection(host_and_port, *args, **kwargs):
        problem = OSError("No address to connect to.")
        for address in addresses:  # in the resolver's order, as create_connection would
            try:
                return socket.create_connection((address, host_and_port[1]), *args, **kwargs)
            except OSError as error:
                problem = error
        raise problem

    return create_connection
