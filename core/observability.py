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
# breadcrumbs and log records of these categories (SQL statements, HTTP calls) carry free text built
# from data — a resident's name in a WHERE clause or a URL — that no key or pattern can recognise
SQL_HTTP_CATEGORIES = {"query", "sql", "redis", "httplib", "http", "subprocess"}
SQL_HTTP_LOGGERS = ("django.db.backends", "django.request", "django.server", "urllib3", "requests",
                    "httpx", "http.client", "psycopg", "redis", "kombu")
SAFE_HTTP_DATA = {"method", "status_code", "reason", "http.method", "http.response.status_code"}


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


def _is_sql_or_http(category, type_=None) -> bool:
    category = str(category or "")
    return (category in SQL_HTTP_CATEGORIES or str(type_ or "") in {"http", "query"}
            or category.startswith(SQL_HTTP_LOGGERS))


def _scrub_breadcrumb(crumb):
    """Drop the text of an SQL or HTTP breadcrumb (its message and its data but the method and
    status); other breadcrumbs keep their text, scrubbed of keyed fields and phone numbers."""
    if not isinstance(crumb, dict) or not _is_sql_or_http(crumb.get("category"), crumb.get("type")):
        return scrub(crumb)
    cleaned = scrub({k: v for k, v in crumb.items() if k not in {"message", "data"}})
    if "message" in crumb:
        cleaned["message"] = FILTERED
    data = crumb.get("data")
    if isinstance(data, dict):
        cleaned["data"] = {k: (v if k in SAFE_HTTP_DATA else FILTERED) for k, v in data.items()}
    return cleaned


def _scrub_logentry(logentry, logger_name):
    """A log record's params are dropped (they may hold a name); its formatted text, built from
    them, falls back to the bare template; an SQL or HTTP logger's text is dropped altogether."""
    if not isinstance(logentry, dict):
        return scrub(logentry)
    cleaned = scrub({k: v for k, v in logentry.items() if k not in {"params", "formatted"}})
    if _is_sql_or_http(logger_name):
        cleaned.update({k: FILTERED for k in ("message", "formatted") if k in logentry})
    elif logentry.get("params"):
        cleaned["formatted"] = cleaned.get("message", FILTERED)
    elif "formatted" in logentry:
        cleaned["formatted"] = scrub(logentry["formatted"])
    if "params" in logentry:
        cleaned["params"] = []
    return cleaned


def _scrub_text_parts(event: dict, cleaned: dict) -> None:
    crumbs = event.get("breadcrumbs")
    values = crumbs.get("values") if isinstance(crumbs, dict) else crumbs
    if isinstance(values, list):
        scrubbed = [_scrub_breadcrumb(crumb) for crumb in values]
        cleaned["breadcrumbs"] = {**cleaned["breadcrumbs"], "values": scrubbed} if isinstance(crumbs, dict) \
            else scrubbed
    if "logentry" in event:
        cleaned["logentry"] = _scrub_logentry(event["logentry"], event.get("logger"))


def before_send(event, hint):
    """Tag the tenant (schema and type) and strip residents' names and phone numbers (P-01 data
    never leaves the process) from request data, extra, exception frame variables and breadcrumbs;
    SQL and HTTP breadcrumbs and log records lose their free text, log records their params."""
    from django.db import connection

    tenant = getattr(connection, "tenant", None)
    tags = event.setdefault("tags", {})
    tags["tenant.schema"] = getattr(connection, "schema_name", "public")
    tags["tenant.type"] = getattr(tenant, "type", "public") if tenant is not None else "public"
    event.pop("user", None)
    cleaned = {k: (v if k in SAFE_TOP_LEVEL else scrub(v)) for k, v in event.items()}
    _scrub_text_parts(event, cleaned)
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
