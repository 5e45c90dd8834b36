"""Issue 7 §5, what an API client needs before anything else: a token (obtain / revoke, with the
login page's lock-out and the host's membership check), the people of the host's tenant, and the
caller's notifications (list, mark read), all scoped to the host (R-04)."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from core.notifications.services import notification_send
from tests.conftest import host_of

pytestmark = pytest.mark.django_db
PASSWORD = "Lantern-Harbor-7741"
TOKEN = "/api/v1/auth/token/"


def _with_password(world, tenant, role):
    from tenants.models import User

    user = User.objects.get(pk=world.users[(tenant.slug, role)].pk)
    user.set_password(PASSWORD)
    user.save()
    return user


def _api(tenant, ip="10.1.0.1") -> Client:
    return Client(HTTP_HOST=host_of(tenant), REMOTE_ADDR=ip, enforce_csrf_checks=True)


def _obtain(client, username, password):
    return client.post(TOKEN, {"username": username, "password": password}, content_type="application/json")


@pytest.mark.parametrize("tenant_name, role", [("alpha", "cs_staff"), ("hq", "hq_agent"), ("public", "group_admin")])
def test_token_obtain_use_and_revoke_on_every_host_type(world, tenant_name, role):
    tenant = getattr(world, tenant_name)
    user = _with_password(world, tenant, role)
    client = _api(tenant)
    response = _obtain(client, user.username, PASSWORD)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["username"] == user.username and body["role"] == role
    auth = {"HTTP_AUTHORIZATION": f"Token {body['token']}"}
    assert client.get("/api/v1/me/", **auth).json()["username"] == user.username
    assert client.delete(TOKEN, **auth).status_code == 204
    assert not Token.objects.filter(user=user).exists()
    assert client.get("/api/v1/me/", **auth).status_code == 401


def test_token_bad_input_and_wrong_password_are_400(world):
    user = _with_password(world, world.alpha, "cs_leader")
    client = _api(world.alpha)
    missing = client.post(TOKEN, {"username": user.username}, content_type="application/json")
    assert missing.status_code == 400 and "password" in missing.json()["error"]["fields"]
    wrong = _obtain(client, user.username, "not-the-password")
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "invalid_credentials"
    assert not Token.objects.filter(user=user).exists()


def test_token_lockout_as_the_login_page_refuses_the_right_password(world):
    """django-axes: the fifth failure locks the account on this address (429); the next try, even
    with the right password, is 429 in the API's error shape too, and no token is made."""
    user = _with_password(world, world.alpha, "cs_supervisor")
    client = _api(world.alpha, ip="10.1.0.9")
    statuses = [_obtain(client, user.username, "not-the-password").status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    locked = _obtain(client, user.username, PASSWORD)
    assert locked.status_code == 429
    assert locked.json()["error"]["code"] == "locked_out"
    assert not Token.objects.filter(user=user).exists()
    # another address is not locked (per account and address, as the login page)
    assert _obtain(_api(world.alpha, ip="10.1.0.10"), user.username, PASSWORD).status_code == 200


def test_token_for_a_user_of_another_office_is_404(world):
    """R-04: the right password of beta's user on alpha's host gives no token."""
    user = _with_password(world, world.beta, "cs_staff")
    response = _obtain(_api(world.alpha), user.username, PASSWORD)
    assert response.status_code == 404
    assert not Token.objects.filter(user=user).exists()
    # and a token of beta's user sent to alpha is 404 on revoke too
    token = Token.objects.create(user=user)
    assert _api(world.alpha).delete(TOKEN, HTTP_AUTHORIZATION=f"Token {token.key}").status_code == 404
    assert Token.objects.filter(pk=token.pk).exists()


def test_token_revoke_needs_authentication(world):
    assert _api(world.alpha).delete(TOKEN).status_code == 401


def test_people_of_the_office_with_role_and_perm_filter(world, client_for):
    client = client_for(world.alpha, "cs_staff")
    response = client.get("/api/v1/people/", {"page_size": 200})
    assert response.status_code == 200
    people = {p["username"]: p for p in response.json()["results"]}
    assert people["alpha_duty_officer"]["role"] == "duty_officer"
    assert people["alpha_duty_officer"]["id"] == world.users[("alpha", "duty_officer")].pk
    assert "complaints.handle" in people["alpha_duty_officer"]["permissions"]
    assert not [name for name in people if not name.startswith("alpha_")]  # beta's people never appear
    handlers = client.get("/api/v1/people/", {"perm": "complaints.handle", "page_size": 200}).json()["results"]
    assert "alpha_duty_officer" in {p["username"] for p in handlers}
    assert "alpha_cashier" not in {p["username"] for p in handlers}


def test_people_bad_input_role_and_other_office(world, client_for):
    bad = client_for(world.alpha, "cs_staff").get("/api/v1/people/", {"perm": "no.such"})
    assert bad.status_code == 400 and "perm" in bad.json()["error"]["fields"]
    assert client_for(world.alpha, "cashier").get("/api/v1/people/").status_code == 403
    assert client_for(world.alpha, "cs_staff", user_of=world.beta).get("/api/v1/people/").status_code == 404


def test_people_of_head_office_on_the_hq_host(world, client_for):
    response = client_for(world.hq, "hq_agent").get("/api/v1/people/", {"page_size": 200})
    assert response.status_code == 200
    assert {p["username"] for p in response.json()["results"]} >= {"hq_hq_gm", "hq_hq_agent"}
    assert all(p["username"].startswith("hq_") for p in response.json()["results"])
    assert client_for(world.hq, "office_director", user_of=world.alpha).get("/api/v1/people/").status_code == 404
    # the apex host's people list is the group administrators' every-office list (issue 9 §1, R-03)
    assert client_for(world.public, "hq_gm", user_of=world.hq).get("/api/v1/people/").status_code == 404


def test_notifications_list_and_mark_read_scoped_to_host_and_user(world, client_for):
    from tenants.services import membership_grant

    user = world.users[("alpha", "cs_staff")]
    membership_grant(user=user, tenant=world.beta, role="cs_staff")
    [mine] = notification_send(users=[user], tenant=world.alpha, title="投诉 #3 待处理", email=False)
    [on_beta] = notification_send(users=[user], tenant=world.beta, title="贝塔", email=False)
    [theirs] = notification_send(users=[world.users[("alpha", "cs_leader")]], tenant=world.alpha,
                                 title="别人的", email=False)
    client = client_for(world.alpha, "cs_staff")
    listed = client.get("/api/v1/notifications/").json()["results"]
    assert [n["id"] for n in listed] == [mine.pk]
    assert listed[0]["read_at"] is None
    for other in (on_beta, theirs):
        response = client.post(f"/api/v1/notifications/{other.pk}/read/")
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    read = client.post(f"/api/v1/notifications/{mine.pk}/read/")
    assert read.status_code == 200 and read.json()["read_at"]
    assert client.get("/api/v1/notifications/", {"unread": "true"}).json()["results"] == []
    on_beta.refresh_from_db()
    theirs.refresh_from_db()
    assert on_beta.read_at is None and theirs.read_at is None


def test_notifications_bad_input_and_other_office(world, client_for):
    bad = client_for(world.alpha, "cs_staff").get("/api/v1/notifications/", {"unread": "perhaps"})
    assert bad.status_code == 400 and "unread" in bad.json()["error"]["fields"]
    # every member has their own notifications (no role needed); a user of another office gets 404
    assert client_for(world.alpha, "cashier").get("/api/v1/notifications/").status_code == 200
    stranger = client_for(world.alpha, "cs_staff", user_of=world.beta)
    assert stranger.get("/api/v1/notifications/").status_code == 404
    assert stranger.post("/api/v1/notifications/1/read/").status_code == 404
