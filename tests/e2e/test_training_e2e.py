"""Training in a real browser, the month of a training officer and an office director.

A-05: the supervisor writes next month's training plan on the plans page, adds its line and submits it; on the
plan page the supervisor sees no approve button and a forged approval is refused (nothing written); the office
director approves it. A-06: at 390 px (a phone in the exam room) the supervisor opens the monthly exam and
enters two sittings — one pass, one fail; a score over 100 comes back naming the field with what was typed
kept; the failing person's retake step shows on the page and an assessment proposal (A-04) waits for the
supervisor; the pass-rates page shows the sitting's rate against its target."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def _months_from(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def test_a05_monthly_plan_written_submitted_by_supervisor_approved_by_director_only(
        page_for, live_server_url_for, world, committed, unique_name):
    # a month far from every other test: two years ahead (the latest a plan may be written for)
    period = date(timezone.localdate().year + 2, 7, 1)
    topic = unique_name("客服礼仪与报修受理 ")
    base = live_server_url_for(world.alpha)

    supervisor = page_for(world.alpha, "alpha_cs_supervisor")
    supervisor.goto(f"{base}/training/")
    supervisor.locator("summary", has_text="编制计划").click()
    supervisor.select_option("select[name=kind]", "monthly")
    supervisor.fill("input[name=period]", f"{period:%Y-%m}")
    with supervisor.expect_navigation():
        supervisor.locator("button", has_text="编制计划").click()
    supervisor.wait_for_url("**/training/plans/*/")
    plan_url = supervisor.url
    assert f"{period:%Y-%m}" in supervisor.locator("h1").inner_text()
    assert "待编制" in supervisor.content()

    # the plan's first line: the form is open while the plan has none
    line = supervisor.locator("form", has=supervisor.locator("input[name=action][value=item]"))
    line.locator("select[name=category]").select_option("regular")
    for name, value in (("topic", topic), ("audience", "全体客服"), ("trainer_name", "客服主管"),
                        ("planned_on", f"{period:%Y-%m}-12"), ("class_hours", "2")):
        line.locator(f"input[name={name}]").fill(value)
    with supervisor.expect_navigation():
        line.locator("button[type=submit]").click()
    row = supervisor.locator("table tr", has_text=topic)
    assert row.count() == 1 and f"{period:%Y-%m}-12" in row.inner_text()

    with supervisor.expect_navigation():
        supervisor.locator("button", has_text="上报主任审批").click()
    assert "待审批" in supervisor.content()
    # the supervisor wrote it and may not approve it: no button, and a forged approval is refused
    assert supervisor.locator("button", has_text="批准").count() == 0
    # (posted from the page itself, with its session and CSRF token, as a tampered form would be)
    refused = supervisor.evaluate(
        """async () => {
            const body = new FormData();
            body.append("csrfmiddlewaretoken", document.querySelector("input[name=csrfmiddlewaretoken]").value);
            body.append("action", "approve");
            return (await fetch(location.href, {method: "POST", body, credentials: "same-origin"})).status;
        }""")
    assert refused == 403

    def status():
        from modules.training.models import Plan

        return Plan.objects.values_list("status", "approved_by_name").get(kind="monthly", period=period)

    assert committed(status, tenant=world.alpha) == ("submitted", "")

    # a front-desk member may read the plan but sees neither approve nor submit
    staff = page_for(world.alpha, "alpha_cs_staff")
    staff.goto(plan_url)
    assert staff.locator("table tr", has_text=topic).count() == 1
    assert staff.locator("button", has_text="批准").count() == 0
    assert staff.locator("input[name=action]").count() == 0

    director = page_for(world.alpha, "alpha_office_director")
    director.goto(plan_url)
    with director.expect_navigation():
        director.locator("button", has_text="批准").click()
    assert "已批准" in director.content()
    # the plan's record, in words: opened, its line added, submitted, approved
    record = director.locator("h2", has_text="记录").locator("xpath=following-sibling::ul[1]/li").all_inner_texts()
    assert len(record) == 4
    for line, words in zip(record, ("开始编制", "添加了培训项目", "已上报审批", "已批准"), strict=True):
        assert words in line
    assert director.locator("button", has_text="批准").count() == 0
    assert committed(status, tenant=world.alpha)[0] == "approved"
    director.goto(f"{base}/training/")
    listed = director.locator("table tr", has=director.locator(f"a[href$='{plan_url.split(base)[1]}']"))
    assert listed.count() == 1 and "已批准" in listed.inner_text()


def test_a06_exam_sitting_at_390px_pass_and_fail_retake_step_proposal_and_pass_rate(
        page_for, live_server_url_for, world, committed, unique_name):
    from tenants.services import membership_grant, user_create

    passer, failer = unique_name("培训合格"), unique_name("培训补考")

    def make_people():
        people = []
        for name in (passer, failer):
            user = user_create(username=unique_name("e2e_trainee_"), password="x-Passw0rd-2026", display_name=name)
            membership_grant(user=user, tenant=world.alpha, role="cs_staff")
            people.append(user.pk)
        return people

    passer_id, failer_id = committed(make_people)
    # the training month eleven months back (no other test holds an exam then), examined on its next month's 3rd
    period = _months_from(timezone.localdate().replace(day=1), -11)
    sat_on = _months_from(period, 1).replace(day=3)
    base = live_server_url_for(world.alpha)

    page = page_for(world.alpha, "alpha_cs_supervisor")
    page.set_viewport_size(PHONE)
    page.goto(f"{base}/training/exams/")
    _no_sideways_scroll(page)
    page.locator("summary", has_text="建立考核").click()
    page.select_option("select[name=kind]", "monthly")
    page.fill("input[name=period]", f"{period:%Y-%m}")
    with page.expect_navigation():
        page.locator("button", has_text="建立").click()
    page.wait_for_url("**/training/exams/*/")
    exam_url = page.url
    _no_sideways_scroll(page)

    def enter(person_id: int, written: str, practical: str) -> None:
        summary = page.locator("summary", has_text="记录成绩")
        if page.locator("details", has=summary).get_attribute("open") is None:
            summary.click()
        page.select_option("select[name=person_id]", str(person_id))
        page.fill("input[name=written_score]", written)
        page.fill("input[name=practical_score]", practical)
        page.fill("input[name=sat_on]", f"{sat_on:%Y-%m-%d}")
        with page.expect_navigation():
            page.locator("button", has_text="保存").click()

    enter(passer_id, "92", "88")
    assert "已记录：合格" in page.content()
    _no_sideways_scroll(page)

    # a score over 100: the page names the written score and keeps what was typed
    enter(failer_id, "105", "70")
    field = page.locator(".field-written_score.has-error")
    assert field.count() == 1 and "笔试成绩" in field.inner_text() and field.locator(".errorlist").is_visible()
    assert page.input_value("input[name=written_score]") == "105"
    assert page.input_value("input[name=practical_score]") == "70"
    assert page.input_value("select[name=person_id]") == str(failer_id)
    _no_sideways_scroll(page)

    enter(failer_id, "55", "70")
    assert "已记录：不合格" in page.content()
    _no_sideways_scroll(page)
    assert page.url == exam_url
    passed_row = page.locator("table tr", has_text=passer)
    assert passed_row.count() == 1 and "合格" in passed_row.inner_text() and "不合格" not in passed_row.inner_text()
    failed_row = page.locator("table tr", has_text=failer)
    assert failed_row.count() == 1
    cells = [c.strip() for c in failed_row.locator("td").all_inner_texts()]
    assert cells[1] == "1" and cells[2] == f"{sat_on:%Y-%m-%d}" and cells[5] == "不合格"
    assert cells[6] == "单独培训后补考"  # the ladder's first step (A-06: retraining, then a retake)

    def proposals():
        from modules.assessment.models import Proposal

        return sorted(Proposal.objects.filter(source_type="training", person_id__in=[passer_id, failer_id])
                      .values_list("person_id", "rule_code", "status"))

    # A-06 → A-04: the 1st failure proposes its points; nothing for the one who passed
    assert committed(proposals, tenant=world.alpha) == [(failer_id, "PX-04", "pending")]

    page.goto(f"{base}/training/pass-rates/?month={sat_on:%Y-%m}")
    _no_sideways_scroll(page)
    first = page.locator("table tr", has_text="第 1 次")
    cells = [c.strip() for c in first.locator("td").all_inner_texts()]
    assert cells[1:5] == ["2", "1", "50.00%", "90.00%"] and cells[5] == "未达标"
