"""Sentry (DESIGN.md "Stack"): on only when SENTRY_DSN is set. Events are tagged with the tenant and
scrubbed of residents' names and phone numbers before they leave the process."""

from __future__ import annotations

import re

from django.conf import settings

PHONE_RE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")
SENSITIVE_KEYS = {
    "name", "full_name", "first_name", "last_name", "complainant", "complainant_name", "contact_name",
    "resident", "resident_name", "phone", "mobile", "telephone", "contact_phone", "complainant_phone",
    "signature", "id_number", "email",
}
FILTERED = "[Filtered]"


def scrub(value, key: str | None = None):
    """Return a copy of `value` with sensitive keys and phone-number look-alikes replaced."""
    if key is not None and key.lower() in SENSITIVE_KEYS:
        return FILTERED
    if isinstance(value, dict):
        return {k: scrub(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(v) for v in value]
    if isinstance(value, str):
        return PHONE_RE.sub(FILTERED, value)
    return value


def before_send(event, hint):
    from django.db import connection

    tenant = getattr(connection, "tenant", None)
    tags = event.setdefault("tags", {})
    tags["tenant.schema"] = getattr(connection, "schema_name", "public")
    tags["tenant.type"] = getattr(tenant, "type", "public") if tenant is not None else "public"
    event.pop("user", None)
    return scrub(event)


def sentry_init() -> bool:
    dsn = getattr(settings, "SENTRY_DSN", "")
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=False,
        before_send=before_send,
        traces_sample_rate=float(getattr(settings, "SENTRY_TRACES_SAMPLE_RATE", 0.0)),
        environment=getattr(settings, "SENTRY_ENVIRONMENT", "production"),
    )
    return True
