"""人员 pages (R-01..R-04): managers on office and head-office hosts, group administrators on the apex
host, the forced change of a one-time password, and isolation on every people route."""

from __future__ import annotations

import pytest

from tenants.models import AccountEvent, Membership, User

pytestmark = pytest.mark.django_db


def test_nav_shows_people_to_managers_only_R01(client_for, world):
    assert 'href="/people/"' in client_for(world.alpha, "office_director").get("/").content.decode()
    assert 'href="/people/"' in client_for(world.alpha, "cs_supervisor").get("/").content.decode()
    assert 'href="/people/"' not in client_for(world.alpha, "cs_staff").get("/").content.decode()
    assert 'href="/people/"' in client_for(world.hq, "hq_gm").get("/").content.decode()
    assert 'href="/admin/people/"' in client_for(world.public, "group_admin").get("/").content.decode()


def test_list_add_detail_role_end_on_the_office_host_R01_R04(client_for, world):
    client = client_for(world.alpha, "office_director")
    listing = client.get("/people/").content.decode()
    assert "alpha_cs_staff" in listing and "beta_cs_staff" not in listing
    page = client.post("/people/add/", {"role": "cs_staff", "username": "page_new", "display_name": "孙新"})
    assert page.status_code == 200 and 'id="one-time-password"' in page.content.decode()
    assert "no-store" in page["Cache-Control"]
    user = User.objects.get(username="page_new")
    assert client.post(f"/people/{user.pk}/role/", {"role": "cs_leader"}).status_code == 302
    assert client.post(f"/people/{user.pk}/end/", {"note": "调走"}).status_code == 302
    detail = client.get(f"/people/{user.pk}/").content.decode()
    assert "已离职" in detail and "调走" in detail and "孙新" in detail
    assert detail.index("结束任职") < detail.rindex("授予角色")  # newest first
    assert Membership.objects.get(user=user, tenant=world.alpha).is_active is False


def test_add_form_keeps_what_was_typed_and_names_the_field(client_for, world):
    client = client_for(world.alpha, "office_director")
    page = client.post("/people/add/", {"role": "cs_staff", "existing": "nobody-here", "display_name": "周"})
    html = page.content.decode()
    assert page.status_code == 200 and "没有此用户名或电话的账号" in html and 'value="nobody-here"' in html
    page = client.post("/people/add/", {"role": "office_director", "username": "x_up"})  # not offered
    assert page.status_code == 200 and not User.objects.filter(username="x_up").exists()


def test_cs_supervisor_may_manage_front_desk_only_R01(client_for, world):
    client = client_for(world.alpha, "cs_supervisor")
    roles = client.get("/people/add/").content.decode()
    assert 'value="cs_staff"' in roles and 'value="cashier"' not in roles
    duty_director = world.users[("alpha", "duty_director")].pk
    assert "end-form" not in client.get(f"/people/{duty_director}/").content.decode()
    client.post(f"/people/{duty_director}/end/", {"note": ""})
    assert Membership.objects.get(user_id=duty_director, tenant=world.alpha).is_active


@pytest.mark.parametrize("host,role,owner", [("alpha", "office_director", "beta"), ("alpha", "hq_gm", "hq"),
                                             ("alpha", "cs_staff", "alpha"), ("hq", "office_director", "alpha"),
                                             ("hq", "hq_agent", "hq")])
def test_people_pages_are_404_without_a_manager_role_here_R04(client_for, world, host, role, owner):
    client = client_for(getattr(world, host), role, user_of=getattr(world, owner))
    person = world.users[("alpha", "cashier")].pk
    for path in ("/people/", "/people/add/", f"/people/{person}/"):
        assert client.get(path).status_code == 404, path
    for path in ("/people/add/", f"/people/{person}/role/", f"/people/{person}/end/",
                 f"/people/{person}/password-reset/"):
        assert client.post(path, {"role": "cs_staff", "username": "x_leak"}).status_code == 404, path
    assert Membership.objects.get(user_id=person, tenant=world.alpha).is_active
    assert not User.objects.filter(username="x_leak").exists()


def test_director_of_a_does_not_find_office_b_people_on_their_own_host_R04(client_for, world):
    client = client_for(world.alpha, "office_director")
    assert client.get(f"/people/{world.users[('beta', 'cs_staff')].pk}/").status_code == 404


def test_one_time_password_leads_every_page_to_the_change_page_R01(client_for, world):
    director = client_for(world.alpha, "office_director")
    director.post("/people/add/", {"role": "cs_staff", "username": "forced_user"})
    user = User.objects.get(username="forced_user")
    client = client_for(world.alpha)
    client.force_login(user)
    response = client.get("/complaints/")
    assert response.status_code == 302 and response["Location"].startswith("/me/password/?next=")
    assert client.get("/api/v1/me/").json()["error"]["code"] == "password_change_required"
    page = client.get(response["Location"])
    assert page.status_code == 200 and 'id="must-change"' in page.content.decode()


def test_password_page_changes_the_password_and_keeps_the_session(client_for, world):
    user = User.objects.create(username="pw_page_user")
    user.set_password("old-Pass-word-2026")
    user.must_change_password = True
    user.save()
    Membership.objects.create(user=user, tenant=world.alpha, role="cs_staff")
    client = client_for(world.alpha)
    client.force_login(user)
    bad = client.post("/me/password/", {"old_password": "old-Pass-word-2026", "new_password": "123",
                                        "new_password_again": "123"})
    assert bad.status_code == 200 and "errorlist" in bad.content.decode()
    ok = client.post("/me/password/", {"old_password": "old-Pass-word-2026", "new_password": "new-Pass-word-2026",
                                       "new_password_again": "new-Pass-word-2026", "next": "/complaints/"})
    assert ok.status_code == 302 and ok["Location"] == "/complaints/"
    assert client.get("/complaints/").status_code == 200
    assert AccountEvent.objects.filter(user=user, kind="password_changed").exists()


def test_apex_people_pages_list_search_lock_and_reset_R03(client_for, world):
    admin = client_for(world.public, "group_admin")
    listing = admin.get("/admin/people/?q=beta_cs").content.decode()
    assert "beta_cs_staff" in listing and "alpha_cs_staff" not in listing
    target = world.users[("beta", "cs_staff")]
    assert admin.post(f"/admin/people/{target.pk}/lock/", {"note": "冒用"}).status_code == 302
    target.refresh_from_db()
    assert not target.is_active
    detail = admin.get(f"/admin/people/{target.pk}/").content.decode()
    assert "冒用" in detail and 'id="unlock-form"' in detail
    reset = admin.post(f"/admin/people/{target.pk}/password-reset/")
    assert 'id="one-time-password"' in reset.content.decode()


@pytest.mark.parametrize("tenant,role", [("alpha", "office_director"), ("hq", "hq_gm")])
def test_apex_people_pages_are_404_for_other_hosts_users_R04(client_for, world, tenant, role):
    client = client_for(world.public, role, user_of=getattr(world, tenant))
    assert client.get("/admin/people/").status_code == 404
    assert client.post(f"/admin/people/{world.users[('alpha', 'cs_staff')].pk}/lock/").status_code == 404


def test_office_page_shows_only_this_offices_events_R04(client_for, world):
    from tenants.services import membership_grant

    person = world.users[("alpha", "cashier")]
    membership_grant(user=person, tenant=world.beta, role="cs_staff", actor=world.users[("beta", "office_director")])
    html = client_for(world.alpha, "office_director").get(f"/people/{person.pk}/").content.decode()
    assert world.beta.name not in html


def test_head_office_manages_its_people_with_hq_roles_on_the_hq_host_R02(client_for, world):
    client = client_for(world.hq, "hq_deputy_gm")
    form = client.get("/people/add/").content.decode()
    assert 'value="hq_agent"' in form and 'value="hq_gm"' not in form and 'value="cs_staff"' not in form
    page = client.post("/people/add/", {"role": "hq_agent", "username": "hq_page_agent"})
    assert 'id="one-time-password"' in page.content.decode()
    listing = client.get("/people/").content.decode()
    assert "hq_page_agent" in listing and "alpha_cs_staff" not in listing


def test_cs_supervisor_adds_a_front_desk_person_R01(client_for, world):
    client = client_for(world.alpha, "cs_supervisor")
    page = client.post("/people/add/", {"role": "cs_leader", "username": "sup_added"})
    assert page.status_code == 200 and 'id="one-time-password"' in page.content.decode()
    assert Membership.objects.get(user__username="sup_added", tenant=world.alpha).role == "cs_leader"
