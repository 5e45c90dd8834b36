"""Training pages (A-05, A-06): a plan drafted, submitted and approved on its page; a session's attendance and
its 培训记录表; results with the retake ladder; a form error keeps what was typed; the workbench card and the
navigation entry; another office and roles without the permission get 404."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from modules.training.models import ExamResult, Plan

pytestmark = pytest.mark.django_db


def test_a05_plan_page_drafted_submitted_approved(client_for, world, in_tenant):
    supervisor = client_for(world.alpha, "cs_supervisor")
    response = supervisor.post("/training/", {"kind": "annual", "period": "2027-03"})
    assert response.status_code == 302
    url = response["Location"]
    assert supervisor.post(url, {"action": "item", "category": "fire", "topic": "火场逃生", "class_hours": "4",
                                 "planned_on": "2027-03-10"}).status_code == 302
    bad = supervisor.post(url, {"action": "item", "category": "fire", "topic": "疏散演练", "class_hours": "4",
                                "planned_on": "2028-01-10"})
    assert bad.status_code == 200 and "疏散演练" in bad.content.decode() and "须在计划期内" in bad.content.decode()
    assert supervisor.post(url, {"action": "submit"}).status_code == 302
    director = client_for(world.alpha, "office_director")
    assert "批准" in director.get(url).content.decode()
    assert director.post(url, {"action": "approve"}).status_code == 302
    with in_tenant(world.alpha):
        plan = Plan.objects.get()
        assert plan.status == "approved" and plan.period.year == 2027 and plan.items.count() == 1
    page = director.get("/training/").content.decode()
    assert "年度培训计划" in page and "已批准" in page


def test_a05_plan_record_names_its_events_in_words_not_codes(client_for, world):
    """The plan page's record said "opened", "item_added", "submitted", "approved" (the stored codes)."""
    supervisor = client_for(world.alpha, "cs_supervisor")
    url = supervisor.post("/training/", {"kind": "monthly", "period": "2027-05"})["Location"]
    supervisor.post(url, {"action": "item", "category": "regular", "topic": "接待礼仪", "class_hours": "2"})
    supervisor.post(url, {"action": "submit"})
    client_for(world.alpha, "office_director").post(url, {"action": "approve"})
    record = re.findall(r"<li>(.*?)</li>", supervisor.get(url).content.decode().split("<h2>")[-1])
    assert len(record) == 4
    for words, code in zip(("开始编制", "添加了培训项目", "已上报审批", "已批准"),
                           ("opened", "item_added", "submitted", "approved"), strict=True):
        assert any(words in line for line in record) and not any(code in line for line in record)


def test_a05_session_attendance_page_and_a06_exam_ladder_page(client_for, world, in_tenant):
    leader = client_for(world.alpha, "cs_leader")
    staff = world.users[("alpha", "cs_staff")]
    starts = timezone.localtime(timezone.now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    response = leader.post("/training/sessions/", {"category": "regular", "topic": "客服礼仪", "trainer_name": "王主管",
                                                   "starts_at": starts, "class_hours": "2"})
    assert response.status_code == 302
    url = response["Location"]
    assert leader.post(url, {"action": "attendance", f"status_{staff.pk}": "absent"}).status_code == 302
    assert leader.post(url, {"action": "record", "summary": "效果良好"}).status_code == 302
    page = leader.get(url).content.decode()
    assert "培训记录表" in page and "无故缺席" in page and "效果良好" in page
    supervisor = client_for(world.alpha, "cs_supervisor")
    response = supervisor.post("/training/exams/", {"kind": "monthly", "period": f"{timezone.localdate():%Y-%m}"})
    assert response.status_code == 302
    exam_url = response["Location"]
    bad = supervisor.post(exam_url, {"person_id": staff.pk, "written_score": "150", "practical_score": "80"})
    assert bad.status_code == 200 and 'value="150"' in bad.content.decode() and "errorlist" in bad.content.decode()
    assert supervisor.post(exam_url, {"person_id": staff.pk, "written_score": "40",
                                      "practical_score": "80"}).status_code == 302
    page = supervisor.get(exam_url).content.decode()
    assert "单独培训后补考" in page and "不合格" in page
    with in_tenant(world.alpha):
        assert ExamResult.objects.get().step == "retrain"
    rates = supervisor.get(f"/training/pass-rates/?month={timezone.localdate():%Y-%m}").content.decode()
    assert "0.00%" in rates and "90.00%" in rates and "未达标" in rates
    assert "A-0" not in page + rates  # no rule ids on pages staff read


def test_a05_workbench_card_and_navigation(client_for, world):
    supervisor = client_for(world.alpha, "cs_supervisor")
    supervisor.post("/training/", {"kind": "monthly", "period": f"{timezone.localdate() + timedelta(days=20):%Y-%m}"})
    home = supervisor.get("/").content.decode()
    assert 'id="wb-training"' in home and "/training/?due=1" in home and "/training/exams/?open=1" in home
    assert 'href="/training/"' in home
    for path in ("/training/?due=1", "/training/sessions/?week=1", "/training/exams/?open=1", "/training/inductions/"):
        assert supervisor.get(path).status_code == 200, path


def test_isolation_training_pages_are_404_for_another_office_and_roles_without_it(client_for, world, in_tenant):
    supervisor = client_for(world.alpha, "cs_supervisor")
    plan_url = supervisor.post("/training/", {"kind": "monthly", "period": "2027-01"})["Location"]
    paths = ["/training/", plan_url, "/training/sessions/", "/training/sessions/1/", "/training/exams/",
             "/training/exams/1/", "/training/inductions/", "/training/pass-rates/"]
    outsider = client_for(world.alpha, "office_director", user_of=world.beta)
    for path in paths:
        assert outsider.get(path).status_code == 404, path
        assert outsider.post(path, {"action": "approve"}).status_code == 404, path
        assert client_for(world.alpha, "cashier").get(path).status_code == 404, path
    assert client_for(world.beta, "office_director").get(plan_url).status_code == 404
    # a team leader may look but not open an exam or start an induction
    leader = client_for(world.alpha, "cs_leader")
    assert leader.post("/training/exams/", {"kind": "monthly", "period": "2026-11"}).status_code == 404
    assert leader.post("/training/inductions/", {}).status_code == 404
