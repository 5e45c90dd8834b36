"""Action forms on the detail page move the complaint (through the services) and show the timeline."""

import base64
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
SIGNATURE = "data:image/png;base64," + base64.b64encode(PNG).decode()


@pytest.fixture
def complaint(world, in_tenant):
    with in_tenant(world.alpha):
        return register(world.users[("alpha", "cs_staff")], content="楼上漏水")


def _fresh(world, in_tenant, pk):
    from modules.complaints.models import Complaint

    with in_tenant(world.alpha):
        return Complaint.objects.get(pk=pk)


def _post(client, complaint, action, **fields):
    data = {f"{action}-{key}": value for key, value in fields.items()}
    return client.post(f"/complaints/{complaint.pk}/do/{action}/", data)


def test_classify_reply_close_moves_complaint_and_shows_timeline_C05_C12_C14(client_for, world, in_tenant,
                                                                             complaint):
    client = client_for(world.alpha, "cs_staff")
    assert _post(client, complaint, "classify", classification="valid", note="维修问题").status_code == 302
    assert _fresh(world, in_tenant, complaint.pk).status == "in_progress"
    assert _post(client, complaint, "reply", method="phone", opinion="已修好", satisfied="true").status_code == 302
    assert _fresh(world, in_tenant, complaint.pk).status == "replied"
    assert _post(client, complaint, "close", satisfied="on").status_code == 302
    assert _fresh(world, in_tenant, complaint.pk).status == "closed"
    body = client.get(f"/complaints/{complaint.pk}/").content.decode()
    for label in ("登记", "分类", "回复客户", "结案", "维修问题"):
        assert label in body
    assert "当前没有可执行的操作" not in body  # a note can still be added (C-15)


def test_home_visit_reply_keeps_drawn_signature_C12(client_for, world, in_tenant, complaint):
    client = client_for(world.alpha, "cs_staff")
    _post(client, complaint, "classify", classification="valid")
    response = _post(client, complaint, "reply", method="home_visit", opinion="满意", satisfied="true",
                     signature_data_url=SIGNATURE)
    assert response.status_code == 302
    with in_tenant(world.alpha):
        reply = _fresh(world, in_tenant, complaint.pk).replies.get()
        assert reply.method == "home_visit" and reply.signature is not None
    assert "客户签名" in client.get(f"/complaints/{complaint.pk}/").content.decode()


def test_home_visit_without_signature_shows_error_on_form_C12(client_for, world, in_tenant, complaint):
    client = client_for(world.alpha, "cs_staff")
    _post(client, complaint, "classify", classification="valid")
    response = _post(client, complaint, "reply", method="home_visit", satisfied="unknown")
    assert response.status_code == 200
    assert "缺少客户签名" in response.content.decode() or "签名" in str(response.context["action_forms"])
    assert _fresh(world, in_tenant, complaint.pk).status == "in_progress"


def test_service_error_lands_on_the_action_form_not_500(client_for, world, in_tenant, complaint):
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = _post(client_for(world.alpha, "cs_staff"), complaint, "classify", classification="valid",
                     agreed_reply_at=past)
    assert response.status_code == 200
    bound = dict((a.name, f) for a, f in response.context["action_forms"])["classify"]
    assert "agreed_reply_at" in bound.errors
    assert _fresh(world, in_tenant, complaint.pk).status == "registered"


def test_step_not_allowed_now_shows_message_C14(client_for, world, in_tenant, complaint):
    client = client_for(world.alpha, "cs_staff")
    response = _post(client, complaint, "close", satisfied="on")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "当前状态下不能执行" in page
    assert _fresh(world, in_tenant, complaint.pk).status == "registered"


def test_action_404_without_permission_or_from_other_office_R04(client_for, world, in_tenant, complaint):
    assert _post(client_for(world.alpha, "records_clerk"), complaint, "classify",
                 classification="valid").status_code == 404
    assert _post(client_for(world.alpha, "cs_staff", user_of=world.beta), complaint, "classify",
                 classification="valid").status_code == 404
    assert _post(client_for(world.alpha, "cs_staff"), complaint, "no_such_step").status_code == 404
    assert _fresh(world, in_tenant, complaint.pk).status == "registered"


def test_dissatisfied_customer_opens_linked_complaint_C13(client_for, world, in_tenant, complaint):
    client = client_for(world.alpha, "cs_staff")
    _post(client, complaint, "classify", classification="valid")
    _post(client, complaint, "reply", method="phone", satisfied="false")
    response = _post(client, complaint, "reopen_dissatisfied", opinion="还在漏")
    assert response.status_code == 302 and response["Location"] != f"/complaints/{complaint.pk}/"
    assert _fresh(world, in_tenant, complaint.pk).status == "reopened"
    assert complaint.number in client.get(response["Location"]).content.decode()


def test_assisted_referral_prints_letter_C08(client_for, world, in_tenant, complaint):
    client = client_for(world.alpha, "cs_staff")
    _post(client, complaint, "classify", classification="assisted")
    body = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert 'id="action-referral"' in body
    response = _post(client, complaint, "referral", party_kind="utility", party_name="自来水公司",
                     text="请尽快检修总阀")
    assert response.status_code == 302
    with in_tenant(world.alpha):
        referral = _fresh(world, in_tenant, complaint.pk).referrals.get()
    letter = client.get(f"/complaints/{complaint.pk}/referrals/{referral.pk}/print/")
    assert letter.status_code == 200 and "自来水公司" in letter.content.decode()
    assert client.get(f"/complaints/{complaint.pk}/referrals/{referral.pk + 999}/print/").status_code == 404


def test_written_reply_prints_letter_C12(client_for, world, in_tenant, complaint):
    client = client_for(world.alpha, "cs_staff")
    _post(client, complaint, "classify", classification="valid")
    assert _post(client, complaint, "reply", method="written", letter_text="已于本周更换水管。",
                 satisfied="unknown").status_code == 302
    with in_tenant(world.alpha):
        reply = _fresh(world, in_tenant, complaint.pk).replies.get()
    page = client.get(f"/complaints/{complaint.pk}/replies/{reply.pk}/print/")
    assert page.status_code == 200 and "已于本周更换水管。" in page.content.decode()


def test_director_marks_spot_check_from_list_C19(client_for, world, in_tenant, complaint):
    client = client_for(world.alpha, "office_director")
    today = timezone.localdate().isoformat()
    listing = client.get("/complaints/spot-checks/", {"start": today, "end": today})
    assert complaint.number in listing.content.decode()
    response = client.post(f"/complaints/{complaint.pk}/do/spot_check/", {
        "spot_check-finding": "记录完整", "spot_check-satisfied": "true",
        "next": f"/complaints/spot-checks/?start={today}&end={today}"})
    assert response.status_code == 302 and response["Location"].startswith("/complaints/spot-checks/")
    assert "记录完整" in client.get(response["Location"]).content.decode()


def test_assign_then_queue_filters_by_assignee_and_building_C04(client_for, world, in_tenant):
    from tests.modules.complaints.factories import household_make

    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        household = household_make(building=f"B{staff.pk}栋")
        mine = register(staff, household_id=household.pk)
        other = register(staff)
    client = client_for(world.alpha, "cs_leader")  # not the duty officer: their unread "新投诉" list names both
    assert _post(client, mine, "assign", assignee_id=str(staff.pk), note="请跟进").status_code == 302
    assert _fresh(world, in_tenant, mine.pk).assignee_id == staff.pk
    by_assignee = client.get("/complaints/", {"assignee": str(staff.pk)}).content.decode()
    assert mine.number in by_assignee and other.number not in by_assignee
    by_building = client.get("/complaints/", {"building": str(household.unit.building_id)}).content.decode()
    assert mine.number in by_building and other.number not in by_building


def test_escalation_one_level_at_a_time_errors_on_form_C11(client_for, world, in_tenant, complaint):
    client = client_for(world.alpha, "cs_staff")
    refused = _post(client, complaint, "escalate", to_level="hq", reason="无法解决")
    assert refused.status_code == 200
    bound = dict((a.name, f) for a, f in refused.context["action_forms"])["escalate"]
    assert bound.errors  # CS staff may not send it to head office
    assert _post(client, complaint, "escalate", to_level="director", reason="需主任协调").status_code == 302
    assert _fresh(world, in_tenant, complaint.pk).escalation_level == "director"
    assert "需主任协调" in client.get(f"/complaints/{complaint.pk}/").content.decode()


def test_handled_on_spot_then_phone_reply_C03(client_for, world, in_tenant, complaint):
    client = client_for(world.alpha, "cs_staff")
    assert _post(client, complaint, "handle_on_spot", solution="当场更换灯泡").status_code == 302
    fresh = _fresh(world, in_tenant, complaint.pk)
    assert fresh.status == "on_spot" and fresh.next_step == "reply"
    body = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "当场更换灯泡" in body and 'id="action-reply"' in body and 'id="action-classify"' not in body
    assert _post(client, complaint, "reply", method="phone", satisfied="true").status_code == 302
    assert _fresh(world, in_tenant, complaint.pk).status == "replied"


def test_progress_offered_only_for_assisted_and_recorded_C08(client_for, world, in_tenant, complaint):
    client = client_for(world.alpha, "cs_staff")
    _post(client, complaint, "classify", classification="valid")
    assert 'id="action-progress"' not in client.get(f"/complaints/{complaint.pk}/").content.decode()
    _post(client, complaint, "classify", classification="assisted", note="改为协助处理")
    _post(client, complaint, "referral", party_kind="developer", party_name="开发商", text="外墙渗水请维修")
    assert _post(client, complaint, "progress", text="开发商已派人查看").status_code == 302
    body = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert "开发商已派人查看" in body and "告知进展" in body


def test_result_report_offered_only_for_forwarded_complaints_C16(client_for, world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        local = register(staff)
        forwarded = register(staff, hq_ref="HQ-UI-1")
    client = client_for(world.alpha, "cs_staff")
    for c in (local, forwarded):
        _post(client, c, "classify", classification="valid")
        _post(client, c, "reply", method="phone", satisfied="true")
    assert 'id="action-report_result"' not in client.get(f"/complaints/{local.pk}/").content.decode()
    assert 'id="action-report_result"' in client.get(f"/complaints/{forwarded.pk}/").content.decode()


def test_assign_options_show_display_name_and_role_label_C04(client_for, world, in_tenant, complaint):
    from django.utils import translation

    from tenants.models import User

    staff = world.users[("alpha", "cs_staff")]
    User.objects.filter(pk=staff.pk).update(display_name="王小丽")
    client = client_for(world.alpha, "cs_leader")
    page = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert f'<option value="{staff.pk}">王小丽（客服专员）</option>' in page
    assert "alpha_cs_staff（" not in page
    client.cookies["django_language"] = "en"
    english = client.get(f"/complaints/{complaint.pk}/").content.decode()
    with translation.override("en"):
        from core.permissions import role_label

        assert f"王小丽（{role_label('cs_staff')}）" in english


def _reply_methods(page: str) -> list[str]:
    import re

    form = page[page.index('id="action-reply"'):]
    select = form[form.index('name="reply-method"'):form.index("</select>")]
    return re.findall(r'<option value="([a-z_]+)"', select)


def test_written_complaint_reply_form_asks_letter_and_another_means_then_prints_C12(client_for, world,
                                                                                     in_tenant):
    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")], channel="email", content="邮件投诉：电梯异响")
    client = client_for(world.alpha, "cs_staff")
    _post(client, complaint, "classify", classification="valid")
    page = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert _reply_methods(page) == ["phone", "home_visit"]
    assert "书面投诉须同时书面回复" in page
    refused = _post(client, complaint, "reply", method="phone", satisfied="unknown")
    # the reply is the next step: its form is the open primary action, the refusal on it
    assert refused.status_code == 200 and 'class="primary-action" id="action-reply"' in refused.content.decode()
    assert not _fresh(world, in_tenant, complaint.pk).replies.exists()
    assert _post(client, complaint, "reply", method="phone", letter_text="电梯已检修。",
                 satisfied="unknown").status_code == 302
    reply = _fresh(world, in_tenant, complaint.pk).replies.get()
    assert (reply.method, reply.letter_text) == ("phone", "电梯已检修。")
    letter = client.get(f"/complaints/{complaint.pk}/replies/{reply.pk}/print/")
    assert letter.status_code == 200 and "电梯已检修。" in letter.content.decode()


def test_on_the_spot_reply_form_offers_phone_only_C03_C12(client_for, world, in_tenant, complaint):
    client = client_for(world.alpha, "cs_staff")
    assert _post(client, complaint, "handle_on_spot", solution="已关闭阀门").status_code == 302
    page = client.get(f"/complaints/{complaint.pk}/").content.decode()
    assert _reply_methods(page) == ["phone"]


def test_classify_form_explains_the_agreed_time_replaces_the_limit_C07(client_for, world, complaint):
    page = client_for(world.alpha, "cs_staff").get(f"/complaints/{complaint.pk}/").content.decode()
    assert "约定后按约定时间回复" in page
