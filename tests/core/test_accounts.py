"""Accounts (R-01..R-04): the real login form on every host type, host-only session cookies,
django-axes lockout per account and address, password validators on user creation."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from core.errors import ValidationFailed
from tests.conftest import host_of

pytestmark = pytest.mark.django_db
PASSWORD = "Lantern-Harbor-7741"


def _user(world, tenant, role):
    from tenants.models import User

    # a fresh copy: changing the password of the shared session object would log out force_login users
    user = User.objects.get(pk=world.users[(tenant.slug, role)].pk)
    user.set_password(PASSWORD)
    user.save()
    return user


def _browser(tenant, ip="10.0.0.1") -> Client:
    return Client(HTTP_HOST=host_of(tenant), enforce_csrf_checks=True, REMOTE_ADDR=ip)


def _login(client: Client, username: str, password: str):
    page = client.get("/accounts/login/")
    assert page.status_code == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client.post("/accounts/login/", {"username": username, "password": password,
                                            "csrfmiddlewaretoken": token, "next": "/"})


def _csrf(client: Client, path="/") -> str:
    page = client.get(path)
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)


@pytest.mark.parametrize("tenant_name, role", [
    ("alpha", "cs_staff"), ("hq", "hq_agent"), ("public", "group_admin"),
])
def test_login_and_logout_through_the_form_R04(world, tenant_name, role):
    tenant = getattr(world, tenant_name)
    user = _user(world, tenant, role)
    client = _browser(tenant)
    assert client.get("/").status_code == 302  # not logged in → login page
    response = _login(client, user.username, PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["domain"] == ""  # host-only: never sent to another office's host
    assert cookie["httponly"]
    assert client.get("/").status_code == 200
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": _csrf(client)})
    assert response.status_code == 302 and response["Location"] == settings.LOGIN_URL
    home = client.get("/")
    assert home.status_code == 302 and home["Location"].startswith(settings.LOGIN_URL)


def test_wrong_password_shows_form_error(world):
    user = _user(world, world.alpha, "cs_staff")
    response = _login(_browser(world.alpha), user.username, "wrong-password")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_member_of_alpha_logged_in_on_beta_host_gets_404_R04(world):
    user = _user(world, world.alpha, "cs_staff")
    client = _browser(world.beta)
    response = _login(client, user.username, PASSWORD)  # the password is right: the session exists
    assert response.status_code == 302
    assert client.get("/").status_code == 404


def test_session_of_one_host_is_not_valid_on_another(world):
    user = _user(world, world.alpha, "cs_staff")
    client = _browser(world.alpha)
    _login(client, user.username, PASSWORD)
    # a browser never sends a host-only cookie to beta.localhost: same client, different host, no cookie
    other = Client(HTTP_HOST=host_of(world.beta))
    assert other.get("/").status_code == 302


def test_axes_settings_lock_5_failures_15_minutes_per_account_and_address():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert timedelta(hours=settings.AXES_COOLOFF_TIME) == timedelta(minutes=15)
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert settings.MIDDLEWARE[-1] == "axes.middleware.AxesMiddleware"


def _fail_five_times(client, username):
    for _ in range(5):
        response = _login(client, username, "not-the-password")
    return response


def test_axes_locks_after_five_failures_right_password_refused(world):
    user = _user(world, world.alpha, "cs_leader")
    client = _browser(world.alpha)
    _fail_five_times(client, user.username)
    sixth = _login(client, user.username, PASSWORD)
    assert sixth.status_code == 429
    assert "锁定" in sixth.content.decode()
    assert settings.SESSION_COOKIE_NAME not in sixth.cookies
    assert client.get("/").status_code == 302  # still not logged in


def test_axes_lock_is_per_account_and_address(world):
    locked = _user(world, world.alpha, "cs_supervisor")
    other = _user(world, world.alpha, "cashier")
    _fail_five_times(_browser(world.alpha, ip="10.0.0.9"), locked.username)
    # same account from another address, another account from the same address: both fine
    assert _login(_browser(world.alpha, ip="10.0.0.10"), locked.username, PASSWORD).status_code == 302
    assert _login(_browser(world.alpha, ip="10.0.0.9"), other.username, PASSWORD).status_code == 302
    assert _login(_browser(world.alpha, ip="10.0.0.9"), locked.username, PASSWORD).status_code == 429


def test_axes_lock_expires_after_15_minutes(world):
    from axes.models import AccessAttempt

    user = _user(world, world.hq, "hq_gm")
    _fail_five_times(_browser(world.hq), user.username)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert _login(_browser(world.hq), user.username, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert _login(_browser(world.hq), user.username, PASSWORD).status_code == 302


@pytest.mark.parametrize("password", ["12345678", "password", "abc", "zhangsan2024", "87654321098"])
def test_user_create_rejects_weak_passwords(password):
    from tenants.models import User
    from tenants.services import user_create

    with pytest.raises(ValidationFailed) as info:
        user_create(username="zhangsan2024", password=password, display_name="张三")
    assert info.value.fields["password"]
    assert not User.objects.filter(username="zhangsan2024").exists()


def test_user_create_accepts_strong_password():
    from tenants.services import user_create

    user = user_create(username="lisi", password=PASSWORD, display_name="李四")
    assert user.check_password(PASSWORD)
