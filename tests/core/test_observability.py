"""Sentry events: tagged with the tenant, scrubbed of residents' names and phone numbers."""

from __future__ import annotations

import json

import pytest
from django.test import override_settings
from django_tenants.utils import schema_context

from core.observability import before_send, sentry_init

NAMES = ("王小明", "李秀英")
PHONES = ("13812345678", "139 1234 5678", "+86 137-0000-1111", "021-62345678", "13912345678")


def _event() -> dict:
    """Shaped like what sentry_sdk's Django integration sends for a failed complaint registration."""
    return {
        "event_id": "f" * 32,
        "level": "error",
        "platform": "python",
        "sdk": {"name": "sentry.python.django", "version": "2.0"},
        "contexts": {"runtime": {"name": "CPython", "version": "3.11"}},
        "user": {"id": "7", "username": "alpha_cs_staff", "ip_address": "10.0.0.5"},
        "request": {
            "url": "https://alpha.wuye.example/complaints/new/",
            "method": "POST",
            "query_string": "phone=13812345678&name=%E7%8E%8B%E5%B0%8F%E6%98%8E&page=2",
            "data": {"complainant_name": "王小明", "complainant_phone": "13812345678",
                     "content": "楼上漏水，请回电 139 1234 5678", "category": "repairs"},
            "headers": {"User-Agent": "Mozilla/5.0", "Referer": "https://alpha.wuye.example/"},
        },
        "extra": {"resident": {"name": "李秀英", "mobile": "+86 137-0000-1111"}, "room": "3-1-101"},
        "exception": {"values": [{
            "type": "IntegrityError",
            "value": "duplicate key value (phone)=(13912345678)",
            "stacktrace": {"frames": [{
                "function": "complaint_register", "module": "modules.complaints.services",
                "vars": {"name": "'王小明'", "phone": "'13812345678'", "note": "'回电 021-62345678'",
                         "data": {"contact_name": "'李秀英'", "room": "'3-1-101'"}},
            }]},
        }]},
        "breadcrumbs": {"values": [
            {"category": "query", "message": 'INSERT INTO "residents_resident" ("name", "phone") VALUES (%s, %s)',
             "data": {"params": ["王小明", "13812345678"]}},
            {"category": "django", "message": "call 13912345678 back", "level": "info"},
        ]},
    }


def test_before_send_strips_names_and_phones_everywhere():
    cleaned = before_send(_event(), hint={})
    text = json.dumps(cleaned, ensure_ascii=False)
    for secret in NAMES + PHONES:
        assert secret not in text, secret
    assert "王" not in json.dumps(cleaned["request"]["query_string"])  # percent-encoded name gone
    assert "%E7%8E%8B" not in cleaned["request"]["query_string"]
    assert "page=2" in cleaned["request"]["query_string"]
    # what helps debugging stays
    assert cleaned["request"]["data"]["category"] == "repairs"
    assert cleaned["extra"]["room"] == "3-1-101"
    assert cleaned["exception"]["values"][0]["stacktrace"]["frames"][0]["function"] == "complaint_register"
    assert "user" not in cleaned
    assert cleaned["sdk"]["name"] == "sentry.python.django"  # SDK metadata untouched
    assert cleaned["contexts"]["runtime"]["name"] == "CPython"


@pytest.mark.django_db
def test_before_send_tags_tenant_schema_and_type(world):
    from django.db import connection

    with schema_context("alpha"):
        connection.set_tenant(world.alpha)
        cleaned = before_send(_event(), hint={})
    assert cleaned["tags"]["tenant.schema"] == "alpha"
    assert cleaned["tags"]["tenant.type"] == "office"
    connection.set_schema_to_public()
    assert before_send(_event(), hint={})["tags"] == {"tenant.schema": "public", "tenant.type": "public"}


def test_sentry_init_off_without_dsn():
    with override_settings(SENTRY_DSN=""):
        assert sentry_init() is False


def test_celery_worker_start_initialises_sentry(monkeypatch):
    import weakref

    from celery.signals import worker_init

    from core import observability
    from core.celery import _worker_sentry

    receivers = [ref() if isinstance(ref, weakref.ReferenceType) else ref for _, ref in worker_init.receivers]
    assert _worker_sentry in receivers
    calls = []
    monkeypatch.setattr(observability, "sentry_init", lambda: calls.append(1) or False)
    _worker_sentry(sender=None)
    assert calls == [1]


def _event_with_free_text() -> dict:
    """A resident's name inside free text, where no key names it: an SQL statement with inlined
    values, an HTTP call's URL, a django.db.backends log line, and a log record's params."""
    return {
        "event_id": "e" * 32,
        "level": "error",
        "logger": "modules.residents.services",
        "logentry": {"message": "resident %s moved to %s", "params": ["王小明", "3-1-101"],
                     "formatted": "resident 王小明 moved to 3-1-101"},
        "breadcrumbs": {"values": [
            {"category": "query", "type": "default",
             "message": "SELECT * FROM residents_resident WHERE name = '王小明'", "data": {"db.system": "pg"}},
            {"category": "httplib", "type": "http",
             "data": {"url": "https://sms.example/send?to=李秀英", "method": "GET", "status_code": 200}},
            {"category": "django.db.backends", "type": "log", "level": "debug",
             "message": "(0.002) UPDATE residents_resident SET note = '李秀英 家属' WHERE id = 3"},
            {"category": "django", "type": "log", "message": "complaint 17 escalated"},
        ]},
    }


def test_before_send_drops_free_text_of_sql_http_breadcrumbs_and_log_params():
    cleaned = before_send(_event_with_free_text(), hint={})
    text = json.dumps(cleaned, ensure_ascii=False)
    for secret in NAMES:
        assert secret not in text, secret
    query, http, db_log, other = cleaned["breadcrumbs"]["values"]
    assert query["message"] == "[Filtered]" and query["category"] == "query"
    assert http["data"]["method"] == "GET" and http["data"]["status_code"] == 200
    assert db_log["message"] == "[Filtered]" and db_log["level"] == "debug"
    assert other["message"] == "complaint 17 escalated"  # other categories keep their text
    logentry = cleaned["logentry"]
    assert logentry["params"] == []
    assert logentry["formatted"] == logentry["message"] == "resident %s moved to %s"


def test_before_send_drops_sql_logger_record_text():
    event = {"logger": "django.db.backends",
             "logentry": {"message": "(0.1) SELECT 1 WHERE name = '王小明'", "params": [],
                          "formatted": "(0.1) SELECT 1 WHERE name = '王小明'"},
             "breadcrumbs": [{"category": "redis", "message": "GET resident:王小明"}]}
    cleaned = before_send(event, hint={})
    assert cleaned["logentry"]["message"] == cleaned["logentry"]["formatted"] == "[Filtered]"
    assert cleaned["breadcrumbs"][0]["message"] == "[Filtered]"
    assert "王小明" not in json.dumps(cleaned, ensure_ascii=False)
