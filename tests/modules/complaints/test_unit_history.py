"""P-02 (issue 9 §3 defects 3 and 16) on the pages: 登记投诉 finds a household by part of its unit or a
resident's name, with script (the search route) and without (the 查找住户 button keeps what was typed);
the household's earlier complaints are shown beside the form and on a complaint's page; another office's
households and history are never reachable."""

import pytest

from modules.complaints import selectors
from modules.residents.services import resident_register
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


def _home(building="81栋", room="201", name="周一", phone="13812345678", household=""):
    return resident_register(building_name=building, unit_number=room, household_name=household or name,
                             name=name, phone=phone).household


def _history(world, in_tenant, count=3):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        household = _home()
        made = [register(staff, household_id=household.pk, content=f"第{n}次投诉") for n in range(count)]
        other = register(staff, household_id=_home(room="202", name="吴二", phone="13812340000").pk)
    return household, made, other


def test_p02_unit_history_selector_newest_first_bounded_one_query(world, in_tenant, django_assert_num_queries):
    household, made, other = _history(world, in_tenant, count=12)
    with in_tenant(world.alpha):
        selectors.complaint_unit_history(household_id=household.pk)  # the schema's search path is set once
        with django_assert_num_queries(1):
            history = selectors.complaint_unit_history(household_id=household.pk, exclude_id=made[-1].pk)
        assert [c.pk for c in history["rows"]] == [c.pk for c in reversed(made[:-1])][:10]
        assert history["more"] is True and other.pk not in {c.pk for c in history["rows"]}
        assert selectors.complaint_unit_history(household_id=None)["rows"] == []


def test_p02_search_route_finds_building_partial_room_and_resident_name(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        _home(room="201", name="郑三", household="郑家")
        _home(room="1001", name="冯四")
    client = client_for(world.alpha, "cs_staff")
    units = lambda q: [h["unit"] for h in client.get("/residents/households/search/", {"q": q}).json()["results"]]  # noqa: E731
    assert units("81栋") == ["81栋-201", "81栋-1001"]
    assert units("81栋-2") == ["81栋-201"]
    assert units("郑三") == ["81栋-201"]
    assert client.get("/residents/households/search/", {"q": "x" * 65}).status_code == 400


def test_p02_register_lookup_without_script_keeps_typed_and_lists_households(client_for, world, in_tenant):
    household, made, _other = _history(world, in_tenant, count=2)
    client = client_for(world.alpha, "cs_staff")
    response = client.post("/complaints/new/", {"lookup": "1", "unit_query": "周一", "content": "门禁坏了",
                                                "complainant_name": "周一", "channel": "phone"})
    page = response.content.decode()
    assert response.status_code == 200 and "门禁坏了" in page
    assert f'name="household_id" value="{household.pk}" checked' in page  # the only match is chosen
    for complaint in made:  # and its history is beside the form, linked
        assert f'href="/complaints/{complaint.pk}/"' in page and complaint.number in page
    assert f"/complaints/?household={household.pk}" in page
    with in_tenant(world.alpha):
        from modules.complaints.models import Complaint

        assert Complaint.objects.filter(content="门禁坏了").count() == 0  # looked up, not registered


def test_p02_register_page_has_lookup_script_and_no_inline_script(client_for, world):
    page = client_for(world.alpha, "cs_staff").get("/complaints/new/").content.decode()
    assert 'src="/static/complaints/unit_search.js"' in page and 'name="lookup"' in page
    assert 'data-history="/complaints/new/unit-history/"' in page
    assert "<script>" not in page and "onclick" not in page


def test_p02_unit_history_fragment_lists_household_complaints(client_for, world, in_tenant):
    household, made, other = _history(world, in_tenant)
    client = client_for(world.alpha, "cs_staff")
    page = client.get("/complaints/new/unit-history/", {"household": household.pk}).content.decode()
    assert [made[2].number in page, made[0].number in page, other.number in page] == [True, True, False]
    assert page.index(made[2].number) < page.index(made[0].number)  # most recent first
    assert client.get("/complaints/new/unit-history/", {"household": "abc"}).status_code == 404
    assert client.get("/complaints/new/unit-history/", {"household": 2**40}).status_code == 404


def test_p02_detail_page_shows_the_households_other_complaints(client_for, world, in_tenant):
    household, made, other = _history(world, in_tenant)
    page = client_for(world.alpha, "cs_staff").get(f"/complaints/{made[1].pk}/").content.decode()
    section = page[page.index('class="card unit-history"'):]
    assert made[0].number in section and made[2].number in section and other.number not in section
    assert made[1].number not in section  # not itself
    assert section.index(made[2].number) < section.index(made[0].number)
    assert f"/complaints/?household={household.pk}" in section


def test_p02_queue_filtered_by_household_lists_all_its_complaints(client_for, world, in_tenant):
    household, made, other = _history(world, in_tenant)
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        from modules.complaints import services

        services.complaint_handle_on_spot(user=staff, complaint_id=made[0].pk, solution="已现场处理")
    page = client_for(world.alpha, "cs_staff").get("/complaints/", {"household": household.pk}).content.decode()
    assert all(c.number in page for c in made) and other.number not in page
    assert client_for(world.alpha, "cs_staff").get("/complaints/", {"household": "x"}).status_code == 200


def test_p02_isolation_other_office_cannot_look_up_or_see_history(client_for, world, in_tenant):
    household, made, _other = _history(world, in_tenant)
    beta_user = client_for(world.alpha, "cs_staff", user_of=world.beta)
    for url in ("/residents/households/search/?q=81栋", f"/complaints/new/unit-history/?household={household.pk}"):
        assert beta_user.get(url).status_code == 404
    beta = client_for(world.beta, "cs_staff")  # on its own host: alpha's rows are not in its schema
    assert beta.get("/residents/households/search/", {"q": "周一"}).json()["results"] == []
    assert beta.get("/complaints/new/unit-history/", {"household": household.pk}).status_code == 404
    page = beta.post("/complaints/new/", {"lookup": "1", "unit_query": "81栋"}).content.decode()
    assert made[0].number not in page and "周一" not in page


def test_p02_register_lookup_finding_nothing_keeps_the_form_usable(client_for, world):
    page = client_for(world.alpha, "cs_staff").post(
        "/complaints/new/", {"lookup": "1", "unit_query": "无此楼-9", "content": "噪音扰民"}).content.decode()
    assert "噪音扰民" in page and 'type="hidden" name="household_id"' in page
    assert 'name="household_id" value=' not in page.replace('type="hidden" name="household_id"', "")
