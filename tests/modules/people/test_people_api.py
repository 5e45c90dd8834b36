"""The people API (R-01..R-04): happy path, bad input, a role without the right, another office, and the
one-time password gate; an ended membership or a lock refuses the next request at once."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token

from tenants.models import AccountEvent, User

pytestmark = pytest.mark.django_db


def _token(user) -> dict:
    token, _ = Token.objects.get_or_create(user=user)
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def _add(client, **body):
    return client.post("/api/v1/people/", body, content_type="application/json")


def test_director_adds_a_person_and_gets_the_one_time_password_once_R01(client_for, world):
    client = client_for(world.alpha, "office_director")
    response = _add(client, role="cs_staff", username="api_new", display_name="钱新")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["role"] == "cs_staff" and len(body["one_time_password"]) >= 8
    detail = client.get(f"/api/v1/people/{body['id']}/").json()
    assert "one_time_password" not in detail
    assert [e["kind"] for e in detail["events"]] == ["granted"]


def test_add_bad_input_names_the_field(client_for, world):
    client = client_for(world.alpha, "office_director")
    assert _add(client, role="no_such_role", username="x").json()["error"]["fields"].keys() == {"role"}
    response = _add(client, role="cs_staff", username="")
    assert response.status_code == 400 and "username" in response.json()["error"]["fields"]
    response = _add(client, role="hq_gm", username="x_hq")  # a role of another tenant type
    assert response.status_code == 400 and "role" in response.json()["error"]["fields"]
    response = _add(client, role="office_director", username="x_dir")  # not above (nor at) their own
    assert response.status_code == 403
    assert not User.objects.filter(username__in=["x_hq", "x_dir"]).exists()


@pytest.mark.parametrize("role", ["cs_staff", "records_clerk", "duty_director"])
def test_roles_without_people_manage_cannot_add_nor_see_ended_R01(client_for, world, role):
    client = client_for(world.alpha, role)
    assert _add(client, role="cs_staff", username="x_by_" + role).status_code in (403, 404)
    assert client.get("/api/v1/people/?status=ended").status_code in (403, 404)
    target = world.users[("alpha", "cashier")].pk
    assert client.post(f"/api/v1/people/{target}/end/").status_code in (403, 404)


def test_director_of_office_a_cannot_see_or_grant_in_office_b_R04(client_for, world):
    client = client_for(world.beta, "office_director", user_of=world.alpha)
    assert client.get("/api/v1/people/").status_code == 404
    assert _add(client, role="cs_staff", username="x_b").status_code == 404
    # on its own host, a person of office B is not found either
    own = client_for(world.alpha, "office_director")
    beta_person = world.users[("beta", "cs_staff")].pk
    for path in ("", "role/", "end/", "password-reset/"):
        method = own.get if not path else own.post
        assert method(f"/api/v1/people/{beta_person}/{path}").status_code == 404, path


def test_hq_user_cannot_manage_office_people_R04(client_for, world):
    client = client_for(world.alpha, "hq_gm", user_of=world.hq)
    assert _add(client, role="cs_staff", username="x_hq_user").status_code == 404


def test_hq_gm_manages_head_office_people_with_hq_roles_R02(client_for, world):
    client = client_for(world.hq, "hq_gm")
    response = _add(client, role="hq_agent", username="hq_new_agent")
    assert response.status_code == 201
    assert _add(client, role="cs_staff", username="x_office_role").status_code == 400
    person = response.json()["id"]
    assert client.post(f"/api/v1/people/{person}/role/", {"role": "hq_mgmt_rep"},
                       content_type="application/json").json()["role"] == "hq_mgmt_rep"


def test_end_membership_refuses_the_persons_token_and_session_at_once_R04(client_for, world):
    director = client_for(world.alpha, "office_director")
    person = world.users[("alpha", "cs_staff")]
    headers = _token(person)
    session = client_for(world.alpha, "cs_staff")
    assert director.get("/api/v1/me/", **headers).status_code == 200
    response = director.post(f"/api/v1/people/{person.pk}/end/", {"note": "离职"}, content_type="application/json")
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert client_for(world.alpha).get("/api/v1/me/", **headers).status_code == 404
    assert session.get("/complaints/").status_code == 404
    ended = director.get("/api/v1/people/?status=ended").json()["results"]
    assert [p["id"] for p in ended] == [person.pk]


def test_role_change_audited_and_bad_role_named(client_for, world):
    director = client_for(world.alpha, "office_director")
    person = world.users[("alpha", "cashier")].pk
    bad = director.post(f"/api/v1/people/{person}/role/", {"role": "hq_gm"}, content_type="application/json")
    assert bad.status_code == 400 and "role" in bad.json()["error"]["fields"]
    ok = director.post(f"/api/v1/people/{person}/role/", {"role": "records_clerk"}, content_type="application/json")
    assert ok.status_code == 200
    event = AccountEvent.objects.filter(user_id=person).first()
    assert (event.kind, event.role_from, event.role_to) == ("role_changed", "cashier", "records_clerk")
    assert event.actor == world.users[("alpha", "office_director")] and event.tenant == world.alpha


def test_one_time_password_holds_the_api_until_changed_R01(client_for, world):
    director = client_for(world.alpha, "office_director")
    body = _add(director, role="cs_staff", username="otp_api_user").json()
    anon = client_for(world.alpha)
    token = anon.post("/api/v1/auth/token/", {"username": "otp_api_user", "password": body["one_time_password"]},
                      content_type="application/json")
    assert token.status_code == 200
    headers = {"HTTP_AUTHORIZATION": f"Token {token.json()['token']}"}
    refused = anon.get("/api/v1/me/", **headers)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "password_change_required"
    weak = anon.post("/api/v1/auth/password/", {"old_password": body["one_time_password"], "new_password": "1234"},
                     content_type="application/json", **headers)
    assert weak.status_code == 400 and "new_password" in weak.json()["error"]["fields"]
    changed = anon.post("/api/v1/auth/password/", {"old_password": body["one_time_password"],
                                                   "new_password": "my-Own-pass-2026"},
                        content_type="application/json", **headers)
    assert changed.status_code == 200
    assert anon.get("/api/v1/me/", **headers).status_code == 200


def test_manager_reset_gives_a_new_one_time_password_and_revokes_the_token(client_for, world):
    director = client_for(world.alpha, "office_director")
    body = _add(director, role="cs_staff", username="reset_api_user").json()
    user = User.objects.get(pk=body["id"])
    headers = _token(user)
    reset = director.post(f"/api/v1/people/{user.pk}/password-reset/")
    assert reset.status_code == 200 and reset.json()["one_time_password"] != body["one_time_password"]
    assert client_for(world.alpha).get("/api/v1/me/", **headers).status_code == 401


def test_group_admin_lists_every_office_and_locks_everywhere_R03(client_for, world):
    admin = client_for(world.public, "group_admin")
    listed = admin.get("/api/v1/people/?q=alpha_cs_staff").json()
    assert listed["count"] == 1 and listed["results"][0]["tenant"] == "alpha"
    person = world.users[("alpha", "cs_staff")]
    headers = _token(person)
    lock = admin.post(f"/api/v1/people/{person.pk}/lock/", {"note": "调查"}, content_type="application/json")
    assert lock.status_code == 200 and lock.json()["is_active"] is False
    assert client_for(world.alpha).get("/api/v1/me/", **headers).status_code == 401  # token revoked
    assert client_for(world.alpha, "cs_staff").get("/").status_code in (302, 404)  # session refused
    assert admin.post(f"/api/v1/people/{person.pk}/lock/").status_code == 409
    assert admin.post(f"/api/v1/people/{person.pk}/unlock/").json()["is_active"] is True
    assert admin.get("/api/v1/people/999999/").status_code == 404


def test_only_group_admins_reach_the_group_people_api_R03(client_for, world):
    token_user = world.users[("alpha", "office_director")]
    response = client_for(world.public).get("/api/v1/people/", **_token(token_user))
    assert response.status_code == 404


def test_password_change_by_session_keeps_the_session_and_names_bad_fields(client_for, world):
    user = User.objects.create(username="api_session_pw")
    user.set_password("old-Pass-word-2026")
    user.must_change_password = True
    user.save()
    from tenants.models import Membership

    Membership.objects.create(user=user, tenant=world.alpha, role="cs_staff")
    client = client_for(world.alpha)
    client.force_login(user)
    wrong = client.post("/api/v1/auth/password/", {"old_password": "nope", "new_password": "x-New-pass-2026"},
                        content_type="application/json")
    assert wrong.status_code == 400 and "old_password" in wrong.json()["error"]["fields"]
    assert client.post("/api/v1/auth/password/", {}, content_type="application/json").status_code == 400
    ok = client.post("/api/v1/auth/password/", {"old_password": "old-Pass-word-2026",
                                                "new_password": "x-New-pass-2026"}, content_type="application/json")
    assert ok.status_code == 200
    assert client.get("/api/v1/me/").status_code == 200  # same session, no longer held
