"""Every request path that touches Redis, with Redis refusing connections and with Redis paused
(issue 7 §1.1): routing (version check), login (axes, sessions), pages, the register page and API
(notifications queued through the broker), health. Each answers cleanly -- never a 500, never a
hang (the timeout mark is a hang guard, not a performance threshold)."""

import re

import pytest
from django.test import Client

from tests.conftest import host_of

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(90)]
PASSWORD = "Quiet-Harbor-5528"


def _login(tenant, username) -> Client:
    from tenants.models import User

    user = User.objects.get(username=username)
    user.set_password(PASSWORD)
    user.save()
    client = Client(HTTP_HOST=host_of(tenant), enforce_csrf_checks=True, REMOTE_ADDR="10.66.0.1")
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    done = client.post("/accounts/login/", {"username": username, "password": PASSWORD,
                                            "csrfmiddlewaretoken": token, "next": "/"})
    assert done.status_code == 302 and done["Location"] == "/"
    return client


def test_login_and_pages_answer_with_redis_down(redis_down, world):
    client = _login(world.alpha, "alpha_cs_staff")
    for path in ("/", "/complaints/", "/complaints/new/", "/notifications/", "/duty/", "/residents/"):
        assert client.get(path).status_code == 200, path
    assert Client(HTTP_HOST=host_of(world.hq)).get("/accounts/login/").status_code == 200


def test_health_says_degraded_with_redis_down(redis_down, world, settings):
    settings.REDIS_URL = settings.CACHES["default"]["LOCATION"]
    response = Client(HTTP_HOST=host_of(world.alpha)).get("/healthz")
    assert response.status_code == 503 and response.json()["redis"].startswith("error")
    assert response.json()["database"] == "ok"
