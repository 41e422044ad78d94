"""Webhook signatures per the Standard Webhooks scheme (standardwebhooks.com).

Each delivery carries `webhook-id` (the same on every retry), `webhook-timestamp` (seconds
since the epoch when this attempt was sent) and `webhook-signature`: `v1,` and the base64
HMAC-SHA256 of "id.timestamp.body", keyed with the bytes of the subscription's secret
(`whsec_` and their base64). The timestamp is inside what is signed, so a receiver that
refuses old timestamps (the `standardwebhooks` libraries allow five minutes) cannot be
replayed a captured delivery.
"""

import base64
import binascii
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"  # noqa: S105 (a prefix, not a secret)
SECRET_BYTES = 32
# The range of key sizes the scheme recommends.
MIN_KEY_BYTES, MAX_KEY_BYTES = 24, 64


def new_secret():
    """A random signing secret in the scheme's form: whsec_ and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def check_secret(secret):
    """ValueError, saying why, unless `secret` is whsec_ and base64 of a key of a good size."""
    if not secret.startswith(SECRET_PREFIX):
        raise ValueError(f"A signing secret starts with {SECRET_PREFIX}.")
    try:
        key = base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
    except binascii.Error:
        raise ValueError(f"After {SECRET_PREFIX} a signing secret is base64.") from None
    if not MIN_KEY_BYTES <= len(key) <= MAX_KEY_BYTES:
        raise ValueError(
            f"A signing secret holds {MIN_KEY_BYTES} to {MAX_KEY_BYTES} bytes; this one holds "
            f"{len(key)}."
        )


def signature_headers(secret, message_id, timestamp, body):
    """The headers that sign `body` (bytes) for the subscription with this secret.

    `X-MIP-Signature` (hex HMAC-SHA256 of the body alone, same key) is the scheme used before
    December 2026, kept for receivers that still check it; it carries no replay protection.
    """
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
    timestamp = str(int(timestamp))
    signed = f"{message_id}.{timestamp}.".encode() + body
    signature = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    legacy = hmac.new(key, body, hashlib.sha256).hexdigest()
    return {
        "webhook-id": message_id,
        "webhook-timestamp": timestamp,
        "webhook-signature": f"v1,{signature}",
        "X-MIP-Signature": f"sha256={legacy}",
    }
