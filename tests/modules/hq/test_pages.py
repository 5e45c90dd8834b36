"""Pages of the head-office complaint center (C-10, C-11, C-16) and their isolation (R-04)."""

import pytest
from django.urls import reverse
from django_tenants.utils import schema_context

from tests.modules.hq.factories import escalate, hq_complaint

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"hq:{name}", args=args, urlconf="core.urls.hq")


def inbox_table(client, **params) -> str:
    """The inbox's table only (the notification bar links to cases too)."""
    page = client.get(url("inbox"), params).content.decode()
    return page[page.index('id="cases"'):page.index("</table>", page.index('id="cases"'))]


def test_escalated_collective_case_in_inbox_C10(world, client_for):
    case_id, _ = escalate(world, world.alpha, collective=True, content="十户业主投诉电梯停运")
    page = inbox_table(client_for(world.hq, "hq_agent"))
    assert url("case", case_id) in page and "测试alpha管理处" in page and "集体" in page


def test_inbox_filters_office_and_collective_C10(world, client_for):
    alpha_case, _ = escalate(world, world.alpha, collective=True)
    beta_case, _ = escalate(world, world.beta)
    client = client_for(world.hq, "hq_agent")
    page = inbox_table(client, office="beta")
    assert url("case", beta_case) in page and url("case", alpha_case) not in page
    page = inbox_table(client, collective="yes")
    assert url("case", alpha_case) in page and url("case", beta_case) not in page


def test_case_page_shows_timeline_and_instruction_goes_to_office_C11(world, client_for):
    from modules.complaints.models import ComplaintEvent

    case_id, complaint_id = escalate(world, world.alpha, reason="业主要求总部介入")
    client = client_for(world.hq, "hq_agent")
    page = client.get(url("case", case_id)).content.decode()
    assert "业主要求总部介入" in page and 'id="timeline"' in page
    response = client.post(url("instruct", case_id), {"text": "请48小时内书面答复"})
    assert response.status_code == 302
    assert "请48小时内书面答复" in client.get(url("case", case_id)).content.decode()
    with schema_context(world.alpha.schema_name):
        assert ComplaintEvent.objects.filter(complaint_id=complaint_id, kind="hq_instruction").count() == 1


def test_empty_instruction_shows_error_C11(world, client_for):
    case_id, _ = escalate(world, world.alpha)
    response = client_for(world.hq, "hq_agent").post(url("instruct", case_id), {"text": ""})
    assert response.status_code == 200 and "errorlist" in response.content.decode()


def test_mgmt_rep_gives_opinion_and_assigns_quality_manager_from_case_page_C11_R02(world, client_for):
    """C-11/R-02 (seed 003 §5.1): 管理者代表负责对各部门未能处理的顾客投诉提出处理意见，亲自或指派品质管理部经理处理."""
    from modules.complaints.models import ComplaintEvent

    case_id, complaint_id = escalate(world, world.alpha)
    rep = client_for(world.hq, "hq_mgmt_rep")
    page = rep.get(url("case", case_id)).content.decode()
    assert 'id="assign-form"' in page and url("instruct", case_id) in page
    manager = world.users[("hq", "hq_quality_manager")]
    refused = rep.post(url("assign", case_id), {"assignee_id": manager.pk, "opinion": ""})
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()
    response = rep.post(url("assign", case_id), {"assignee_id": manager.pk, "opinion": "先赔偿损失，再整改"})
    assert response.status_code == 302
    page = client_for(world.hq, "hq_quality_manager").get(url("case", case_id)).content.decode()
    assert manager.username in page[page.index('id="assignee"'):] and "先赔偿损失，再整改" in page
    assert 'id="assign-form"' not in page
    mine = inbox_table(client_for(world.hq, "hq_quality_manager"), mine="on")
    assert url("case", case_id) in mine
    with schema_context(world.alpha.schema_name):
        assert ComplaintEvent.objects.filter(complaint_id=complaint_id, kind="hq_instruction",
                                             note__contains="先赔偿损失，再整改").exists()


@pytest.mark.parametrize("role", ["hq_agent", "hq_quality_manager", "hq_gm"])
def test_only_the_mgmt_rep_assigns_cases_C11_R02(world, client_for, role):
    case_id, _ = escalate(world, world.alpha)
    client = client_for(world.hq, role)
    assert 'id="assign-form"' not in client.get(url("case", case_id)).content.decode()
    manager = world.users[("hq", "hq_quality_manager")]
    assert client.post(url("assign", case_id), {"assignee_id": manager.pk, "opinion": "x"}).status_code == 404


def test_register_and_forward_from_pages_C16(world, client_for):
    from modules.hq.models import HqComplaint

    client = client_for(world.hq, "hq_agent")
    response = client.post(url("register"), {
        "channel": "media", "complainant_name": "记者王", "complainant_phone": "13700137000",
        "content": "媒体反映小区噪音扰民", "unit_text": ""})
    assert response.status_code == 302
    with schema_context(world.hq.schema_name):
        item = HqComplaint.objects.get(content="媒体反映小区噪音扰民")
    assert item.number in client.get(url("complaints")).content.decode()
    assert client.post(url("forward", item.pk), {"office": "alpha"}).status_code == 302
    page = client.get(url("complaint", item.pk)).content.decode()
    with schema_context(world.hq.schema_name):
        item.refresh_from_db()
    assert item.office_number and item.office_number in page


def test_register_form_names_bad_phone(world, client_for):
    response = client_for(world.hq, "hq_agent").post(url("register"), {
        "channel": "hotline", "complainant_name": "王", "complainant_phone": "123", "content": "x"})
    assert response.status_code == 200 and "有效的手机号" in response.content.decode()


def test_quality_manager_follows_up_reported_result_C16(world, client_for):
    from modules.hq.models import HqComplaint
    from tenants import bridge

    item = hq_complaint(world)
    with schema_context(world.hq.schema_name):
        bridge.hq_complaint_forward_to_office(hq_complaint_id=item.pk, office=world.alpha,
                                              by_user=world.users[("hq", "hq_agent")])
    with schema_context(world.alpha.schema_name):
        bridge.complaint_result_to_hq(office=world.alpha, snapshot={"hq_ref": item.hq_ref, "status": "replied"},
                                      summary="已处理", by_name="主任")
    assert client_for(world.hq, "hq_agent").post(url("follow_up", item.pk), {"note": "x"}).status_code == 404
    response = client_for(world.hq, "hq_quality_manager").post(url("follow_up", item.pk),
                                                               {"note": "电话回访业主，满意"})
    assert response.status_code == 302
    with schema_context(world.hq.schema_name):
        item = HqComplaint.objects.get(pk=item.pk)
    assert (item.status, item.follow_up_note) == ("followed_up", "电话回访业主，满意")


def test_hq_pages_do_not_exist_on_office_hosts(world, client_for):
    client = client_for(world.alpha, "office_director")
    assert client.get("/center/").status_code == 404
    assert client.get("/api/v1/center/cases/").status_code == 404


def test_office_user_gets_404_on_hq_host_R04(world, client_for):
    client = client_for(world.hq, "office_director", user_of=world.alpha)
    assert client.get(url("inbox")).status_code == 404
    assert client.get("/api/v1/center/cases/").status_code == 404


def test_second_forward_from_page_is_refused_with_message_C16(world, client_for):
    item = hq_complaint(world)
    client = client_for(world.hq, "hq_agent")
    assert client.post(url("forward", item.pk), {"office": "alpha"}).status_code == 302
    response = client.post(url("forward", item.pk), {"office": "beta"}, follow=True)
    assert "不能重复转办" in response.content.decode()
    from modules.complaints.models import Complaint

    with schema_context(world.beta.schema_name):
        assert not Complaint.objects.filter(hq_ref=item.hq_ref).exists()


def test_register_page_needs_hq_register_permission(world, client_for):
    assert client_for(world.hq, "hq_mgmt_rep").get(url("register")).status_code == 404
    assert client_for(world.hq, "hq_quality_manager").get(url("register")).status_code == 200
