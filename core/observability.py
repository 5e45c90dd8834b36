"""Sentry (DESIGN.md "Stack"): on only when SENTRY_DSN is set. Events are tagged with the tenant and
scrubbed of residents' names and phone numbers before they leave the process."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode

from django.conf import settings

# mobiles with or without +86 and separators (138 1234 5678, 138-1234-5678), landlines 021-12345678
PHONE_RE = re.compile(
    r"(?<!\d)(?:\+?86[- ]?)?(?:1[3-9]\d[- ]?\d{4}[- ]?\d{4}|0\d{2,3}[- ]?\d{7,8})(?!\d)"
)
SENSITIVE_KEYS = {
    "name", "full_name", "first_name", "last_name", "display_name", "complainant", "complainant_name",
    "contact_name", "resident", "resident_name", "residents", "owner", "owner_name", "tenant_name",
    "phone", "mobile", "telephone", "tel", "contact_phone", "complainant_phone", "resident_phone",
    "signature", "id_number", "email", "address", "params",  # SQL breadcrumb parameters: any column
}
# parts of an event that describe the SDK and runtime, not the request: kept as they are
SAFE_TOP_LEVEL = {"sdk", "contexts", "tags", "modules", "event_id", "timestamp", "level", "platform",
                  "release", "environment", "server_name", "fingerprint", "type"}
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


def _scrub_query_string(query):
    """`?name=王小明&phone=...` in a URL: filter the values of sensitive parameters."""
    if isinstance(query, list | tuple):
        pairs = [tuple(pair) for pair in query]
    elif isinstance(query, str):
        pairs = parse_qsl(query, keep_blank_values=True)
    else:
        return scrub(query)
    return urlencode([(k, FILTERED if k.lower() in SENSITIVE_KEYS else PHONE_RE.sub(FILTERED, v))
                      for k, v in pairs])


def before_send(event, hint):
    """Tag the tenant (schema and type) and strip residents' names and phone numbers (P-01 data
    never leaves the process) from request data, extra, exception frame variables and breadcrumbs."""
    from django.db import connection

    tenant = getattr(connection, "tenant", None)
    tags = event.setdefault("tags", {})
    tags["tenant.schema"] = getattr(connection, "schema_name", "public")
    tags["tenant.type"] = getattr(tenant, "type", "public") if tenant is not None else "public"
    event.pop("user", None)
    cleaned = {k: (v if k in SAFE_TOP_LEVEL else scrub(v)) for k, v in event.items()}
    request = cleaned.get("request")
    if isinstance(request, dict) and request.get("query_string"):
        request["query_string"] = _scrub_query_string(event["request"]["query_string"])
    return cleaned


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
