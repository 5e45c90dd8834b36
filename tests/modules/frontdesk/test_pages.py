"""Front-desk pages: usable at the desk (F-01..F-05), gated by role, invisible to other offices."""

import re

import pytest

from tests.modules.frontdesk.factories import user_of

pytestmark = pytest.mark.django_db
PAGES = ["/frontdesk/contacts/", "/frontdesk/workorders/", "/frontdesk/calls/", "/frontdesk/visitors/",
         "/frontdesk/inspections/", "/frontdesk/notices/"]


def _paths(prefix, urlpatterns):
    for pattern in urlpatterns:
        route = str(pattern.pattern)
        route = route.replace("<int:pk>", "1").replace("<slug:step>", "accept")
        assert "<" not in route, route
        yield prefix + route


def test_every_page_renders_for_front_desk_F01(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "<h1>" in response.content.decode()
    assert client_for(world.alpha, "cs_supervisor").get("/frontdesk/inspections/review/").status_code == 200


def test_role_without_permission_gets_404_on_pages(client_for, world):
    cashier = client_for(world.alpha, "cashier")
    for path in PAGES:
        assert cashier.get(path).status_code == 404, path
    assert client_for(world.alpha, "engineering").get("/frontdesk/notices/").status_code == 404
    assert client_for(world.alpha, "cs_staff").get("/frontdesk/inspections/review/").status_code == 404


def test_every_route_is_404_for_another_offices_user(client_for, world):
    from api.frontdesk.urls import urlpatterns as api_patterns
    from modules.frontdesk.urls import urlpatterns as web_patterns

    intruder = client_for(world.alpha, "office_director", user_of=world.beta)
    paths = [*_paths("/frontdesk/", web_patterns), *_paths("/api/v1/frontdesk/", api_patterns)]
    assert len(paths) > 30
    for path in paths:
        assert intruder.get(path).status_code == 404, path
        assert intruder.post(path, {}).status_code == 404, path


def test_register_contact_from_the_page_keeps_number_F01(client_for, world, in_tenant):
    client = client_for(world.alpha, "cs_staff")
    response = client.post("/frontdesk/contacts/", {
        "channel": "visit", "unit": "7栋-101", "name": "郑一", "phone": "13300133000", "request_type": "repair",
        "request": "阳台漏水", "outcome": "workorder", "department": "engineering"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    number = re.search(r"GD-\d{4}-\d{6}", page).group(0)
    assert number in client.get("/frontdesk/workorders/").content.decode()
    assert number in client_for(world.alpha, "engineering").get("/frontdesk/workorders/").content.decode()
    assert number not in client_for(world.alpha, "cleaning").get("/frontdesk/workorders/").content.decode()


def test_bad_form_shows_the_field_error_F01(client_for, world, in_tenant):
    from modules.frontdesk.models import Contact

    response = client_for(world.alpha, "cs_staff").post("/frontdesk/contacts/", {
        "channel": "phone", "unit": "7栋-101", "name": "郑一", "phone": "13300133000", "request_type": "inquiry",
        "request": "开门时间", "outcome": "answered", "answer": ""})
    assert response.status_code == 200
    assert "当场答复须填写答复内容" in response.content.decode() or "必填" in response.content.decode()
    with in_tenant(world.alpha):
        assert not Contact.objects.exists()


def test_workorder_steps_from_the_page_F02(client_for, world, in_tenant):
    from modules.frontdesk.services import workorder_dispatch

    with in_tenant(world.alpha):
        order = workorder_dispatch(user=user_of(world, "cs_staff"), department="greening", content="修剪树枝")
    greening, desk = client_for(world.alpha, "greening"), client_for(world.alpha, "cs_staff")
    base = f"/frontdesk/workorders/{order.pk}/"
    assert "接单" in greening.get(base).content.decode()
    greening.post(f"{base}accept/")
    greening.post(f"{base}done/", {"result": "已修剪"})
    refused = desk.post(f"{base}accept/", follow=True)
    assert "当前状态不允许" in refused.content.decode()
    desk.post(f"{base}verify/")
    with in_tenant(world.alpha):
        order.refresh_from_db()
    assert order.status == "verified"


def test_visitor_and_missed_call_pages_F03_F04(client_for, world):
    client = client_for(world.alpha, "cs_staff")
    client.post("/frontdesk/visitors/", {"name": "冯二", "company": "蓝海传媒", "phone": "13200132000"})
    assert "冯二" in client.get("/frontdesk/visitors/").content.decode()
    client.post("/frontdesk/calls/", {"phone": "13100131000"})
    assert "13100131000" in client.get("/frontdesk/calls/").content.decode()


def test_inspection_pages_finding_to_work_order_and_review_F05(client_for, world, in_tenant):
    from datetime import timedelta

    from django.utils import timezone

    from modules.frontdesk.services import inspection_start

    with in_tenant(world.alpha):
        round_ = inspection_start(user=None, area="4栋 电梯厅", started_at=timezone.now() - timedelta(days=1))
    staff, supervisor = client_for(world.alpha, "cs_staff"), client_for(world.alpha, "cs_supervisor")
    base = f"/frontdesk/inspections/{round_.pk}/"
    staff.post(f"{base}findings/", {"category": "stale_notices", "description": "过期通知未撤", "department": "cleaning"})
    staff.post(f"{base}submit/", {"issues": ["toilets"], "note": "卫生间缺纸"})
    page = staff.get(base).content.decode()
    assert "过期通知未撤" in page and "GD-" in page and "有问题" in page
    review = supervisor.get("/frontdesk/inspections/review/").content.decode()
    assert "4栋 电梯厅" in review
    supervisor.post(f"{base}review/", {"note": "已阅"})
    assert "4栋 电梯厅" not in supervisor.get("/frontdesk/inspections/review/").content.decode()
    assert "已阅" in staff.get(base).content.decode()


def test_notice_pages_publish_M01(client_for, world, in_tenant):
    from modules.residents.models import Building

    with in_tenant(world.alpha):
        building = Building.objects.create(name="9栋")
    client = client_for(world.alpha, "cs_staff")
    response = client.post("/frontdesk/notices/", {
        "kind": "works", "title": "外墙维修", "body": "9栋外墙施工", "starts_at": "2031-05-01T08:00",
        "ends_at": "2031-05-03T18:00", "building_ids": [building.pk]})
    assert response.status_code == 302
    detail = response["Location"]
    late = client.post(f"{detail}publish/", {"publish_at": "2031-05-02T08:00"}, follow=True).content.decode()
    assert "须早于开始时间" in late
    client.post(f"{detail}publish/", {})
    assert "外墙维修" in client_for(world.alpha).get("/public/notices/").content.decode()
    assert "9栋" in client.get(detail).content.decode()


def test_contact_list_links_the_complaint_and_work_order_it_became_F01(client_for, world, in_tenant):
    from modules.frontdesk.services import contact_register
    from tests.modules.frontdesk.factories import contact_input

    with in_tenant(world.alpha):
        user = user_of(world, "cs_staff")
        to_complaint = contact_register(user=user, data=contact_input(outcome="complaint", request="物业费太贵"))
        to_order = contact_register(user=user, data=contact_input(outcome="workorder"))
    page = client_for(world.alpha, "cs_staff").get("/frontdesk/contacts/").content.decode()
    assert to_complaint.result_number.startswith("TS") and to_order.result_number.startswith("GD")
    assert f'<a href="/complaints/{to_complaint.result_id}/">{to_complaint.result_number}</a>' in page
    assert f'<a href="/frontdesk/workorders/{to_order.result_id}/">{to_order.result_number}</a>' in page


def test_workorder_history_shows_labels_not_codes_F02(client_for, world, in_tenant):
    from modules.frontdesk.services import workorder_dispatch

    with in_tenant(world.alpha):
        order = workorder_dispatch(user=user_of(world, "cs_staff"), department="greening", content="修剪草坪")
    greening = client_for(world.alpha, "greening")
    base = f"/frontdesk/workorders/{order.pk}/"
    greening.post(f"{base}accept/")
    page = greening.get(base).content.decode()
    history = page[page.index("处理记录"):]
    assert "已派单 → 已接单" in history and "<td>接单</td>" in history and "<td>派单</td>" in history
    for code in ("dispatched", "accepted", "<td>accept</td>", "<td>dispatch</td>"):
        assert code not in history, code
