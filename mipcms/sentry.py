"""Error reporting to Sentry, on when SENTRY_DSN is set (production settings call this)."""

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration


def init_sentry(dsn, environment="production", release=None, traces_sample_rate=0.0, **options):
    """Send unhandled errors (and, if sampled, performance traces) to Sentry.

    No personal data: sentry-sdk's default (neither `send_default_pii` nor
    `data_collection` given) sends no user, cookies, IP address or request body. Extra
    keyword arguments go to `sentry_sdk.init` (tests pass a transport).
    """
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration()],
        **options,
    )
    return sentry_sdk.get_client()
