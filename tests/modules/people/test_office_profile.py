"""管理处信息 (C-01): the office director keeps the duty phone the residents' public pages publish."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/office/"
API = "/api/v1/office/"


@pytest.fixture(autouse=True)
def _routing_fresh():
    from tenants.routing import clear_local

    clear_local()
    yield
    clear_local()


def _phone(world, office):
    from tenants.models import Tenant

    return Tenant.objects.get(pk=office.pk).duty_phone


def test_director_sets_the_duty_phone_on_the_page_C01(client_for, world):
    client = client_for(world.alpha, "office_director")
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"duty_phone": "0755-86001234"})
    assert response.status_code == 302 and _phone(world, world.alpha) == "0755-86001234"
    assert "0755-86001234" in client_for(world.alpha).get("/public/complaints/").content.decode()
    home = client.get("/").content.decode()
    assert 'href="/office/"' in home  # in the director's menu


def test_bad_phone_is_a_form_error_keeping_what_was_typed_C01(client_for, world):
    response = client_for(world.alpha, "office_director").post(URL, {"duty_phone": "12ab"})
    assert response.status_code == 400 and "duty_phone" in response.context["form"].errors
    assert 'value="12ab"' in response.content.decode() and _phone(world, world.alpha) == ""
    too_long = client_for(world.alpha, "office_director").post(URL, {"duty_phone": "1" * 40})
    assert too_long.status_code == 400


def test_other_roles_have_no_office_page_C01(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"duty_phone": "0755-86001234"}).status_code == 404
    assert 'href="/office/"' not in client.get("/").content.decode()


def test_director_of_another_office_gets_404_C01(client_for, world):
    beta_director = client_for(world.alpha, "office_director", user_of=world.beta)
    assert beta_director.get(URL).status_code == 404
    assert beta_director.post(URL, {"duty_phone": "0755-86001234"}).status_code == 404
    assert _phone(world, world.alpha) == ""


def test_api_reads_and_director_changes_duty_phone_C01(client_for, world):
    assert client_for(world.alpha, "cs_staff").get(API).json()["duty_phone"] == ""
    director = client_for(world.alpha, "office_director")
    changed = director.patch(API, {"duty_phone": "020-12345678"}, content_type="application/json")
    assert changed.status_code == 200 and changed.json()["duty_phone"] == "020-12345678"
    assert _phone(world, world.alpha) == "020-12345678"


def test_api_bad_input_names_the_field_C01(client_for, world):
    director = client_for(world.alpha, "office_director")
    bad = director.patch(API, {"duty_phone": "abc"}, content_type="application/json")
    assert bad.status_code == 400 and "duty_phone" in bad.json()["error"]["fields"]
    long = director.patch(API, {"duty_phone": "1" * 33}, content_type="application/json")
    assert long.status_code == 400 and "duty_phone" in long.json()["error"]["fields"]


def test_api_without_role_or_from_another_office_is_refused_C01(client_for, world):
    staff = client_for(world.alpha, "cs_staff")
    assert staff.patch(API, {"duty_phone": "020-12345678"}, content_type="application/json").status_code == 403
    other = client_for(world.alpha, "office_director", user_of=world.beta)
    assert other.get(API).status_code == 404
    assert other.patch(API, {"duty_phone": "020-12345678"}, content_type="application/json").status_code == 404
    assert _phone(world, world.alpha) == ""
