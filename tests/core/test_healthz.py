"""/healthz: database and Redis status for the load balancer, on every host, without login."""

from __future__ import annotations

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("tenant_name", ["alpha", "hq", "public"])
def test_healthz_200_when_database_and_redis_answer(world, client_for, tenant_name):
    response = client_for(getattr(world, tenant_name)).get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_503_when_redis_unreachable(world, client_for):
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):
        response = client_for(world.alpha).get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "degraded" and body["database"] == "ok"
    assert body["redis"].startswith("error")


def test_healthz_503_when_database_fails(world, client_for, monkeypatch):
    from core import views

    monkeypatch.setattr(views, "_check_database", lambda: "error: OperationalError")
    response = client_for(world.public).get("/healthz")
    assert response.status_code == 503 and response.json()["redis"] == "ok"
