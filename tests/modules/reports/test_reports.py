"""The monthly complaint report 部门客户投诉工作月报 (C-18, C-19): drafted from the office's own data on the
1st, edited and submitted by the director, frozen at head office as versions, late offices told once."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from core.errors import NotAllowedNow, ValidationFailed
from core.notifications.models import Notification
from tests.core.clocks import sweep
from tests.modules.complaints.factories import household_make, register
from tests.modules.reports.factories import MONTH, at, drafted, submitted

pytestmark = pytest.mark.django_db


def _month_of_complaints(world):
    """October in alpha: four complaints received (two in 楼A), one from September still open, a collective
    incident, two director's visits (one satisfied), all through the complaints services."""
    from modules.complaints import services
    from modules.complaints.models import Complaint, Incident, SpotCheck

    staff, director = world.users[("alpha", "cs_staff")], world.users[("alpha", "office_director")]
    home = household_make(building="楼A")
    a = register(staff, received_at=at(3), household_id=home.pk, category="repairs")
    b = register(staff, received_at=at(5), household_id=household_make(building="楼A").pk, category="repairs")
    c = register(staff, received_at=at(9), channel="letter", category="cleaning")
    d = register(staff, received_at=at(20), channel="visit", category="noise")
    old = register(staff, received_at=at(25, month=date(2026, 9, 1)), category="fees")
    services.complaint_classify(user=staff, complaint_id=a.pk, classification="valid")
    services.complaint_classify(user=staff, complaint_id=b.pk, classification="invalid")
    services.complaint_spot_check(user=director, complaint_id=a.pk, finding="已回访", satisfied=True)
    services.complaint_spot_check(user=director, complaint_id=b.pk, finding="已回访", satisfied=False)
    services.complaint_spot_check(user=director, complaint_id=c.pk, finding="记录完整")  # no visit: not counted
    SpotCheck.objects.update(at=at(28))
    incident = Incident.objects.create(title="十月停水", collective=True, collective_at=at(12))
    Complaint.objects.filter(pk=d.pk).update(incident=incident, collective=True)
    return {"ids": [a.pk, b.pk, c.pk, d.pk], "old": old.pk}


def test_c18_c19_drafted_figures_come_from_the_offices_own_data(world):
    from modules.complaints.selectors import complaint_on_time_rate
    from modules.reports import services
    from modules.visits.selectors import satisfaction_rate

    with schema_context(world.alpha.schema_name):
        made = _month_of_complaints(world)
        report, new = services.report_draft(month=MONTH)
        f = report.figures
        assert new and report.status == "draft" and report.due_on == date(2026, 11, 5)
        assert f["received"] == 4
        assert {r["label"]: r["count"] for r in f["by_class"]} == {"有效投诉": 1, "无效投诉": 1, "未分类": 2}
        assert {r["key"]: r["count"] for r in f["by_category"]} == {"repairs": 2, "cleaning": 1, "noise": 1}
        assert {r["label"]: r["count"] for r in f["by_channel"]} == {"电话": 2, "信函": 1, "来访": 1}
        assert {r["label"]: r["count"] for r in f["by_building"]} == {"楼A": 2, "未关联房号": 2}
        assert f["collective"]["count"] == 1 and f["collective"]["incidents"][0]["title"] == "十月停水"
        # C-17 and V-04: the one selector of each rate, not a second definition
        on_time = complaint_on_time_rate(date(2026, 10, 1), date(2026, 10, 31))
        assert f["on_time"] == {k: on_time[k] for k in ("total", "on_time", "late", "rate")}
        visits = satisfaction_rate(start=date(2026, 10, 1), end=date(2026, 10, 31), source_kind="complaint")
        assert f["visit_satisfaction"]["answers"] == visits["answers"]
        # C-19: the director's visits to complainants (spot checks with the complainant's answer)
        assert f["director_visits"] == {"visits": 2, "satisfied": 1, "rate": 0.5}
        # carried over: every complaint received by the month's end and still open, September's too
        carried = {r["id"] for r in f["carried_over"]["rows"]}
        assert set(made["ids"]) | {made["old"]} <= carried and f["carried_over"]["count"] >= 5


def test_c19_director_visit_rate_is_one_selector_counting_only_visits(world):
    from modules.complaints.selectors import complaint_director_visit_rate

    with schema_context(world.alpha.schema_name):
        _month_of_complaints(world)
        rate = complaint_director_visit_rate(date(2026, 10, 1), date(2026, 10, 31))
        assert (rate["visits"], rate["satisfied"], rate["rate"]) == (2, 1, 0.5)
        assert complaint_director_visit_rate(date(2026, 9, 1), date(2026, 9, 30))["rate"] is None


def test_c18_drafting_is_idempotent_and_keeps_the_directors_edits(world):
    from modules.reports import services
    from modules.reports.hq.models import ReportExpectation
    from modules.reports.models import MonthlyReport

    report = drafted(world, summary="主任写的综述")
    services.reports_draft_every_office(today=date(2026, 11, 1))
    services.reports_draft_every_office(today=date(2026, 11, 1))
    with schema_context(world.alpha.schema_name):
        assert MonthlyReport.objects.filter(month=MONTH).count() == 1
        again = MonthlyReport.objects.get(month=MONTH)
        assert again.pk == report.pk and again.summary == "主任写的综述"
        assert again.events.filter(kind="drafted").count() == 1
    with schema_context(world.beta.schema_name):
        assert MonthlyReport.objects.filter(month=MONTH).count() == 1  # every office drafted
    with schema_context(world.hq.schema_name):
        expected = ReportExpectation.objects.filter(month=MONTH)
        assert set(expected.values_list("office_id", flat=True)) >= {world.alpha.pk, world.beta.pk}
        assert expected.filter(office_id=world.alpha.pk).count() == 1


def test_c18_one_failing_office_does_not_stop_the_drafting_beat(world, monkeypatch):
    from modules.reports import services
    from modules.reports.models import MonthlyReport

    real = services.report_draft

    def flaky(*, month):
        from django.db import connection

        if connection.schema_name == world.alpha.schema_name:
            raise RuntimeError("alpha breaks")
        return real(month=month)

    monkeypatch.setattr(services, "report_draft", flaky)
    done = services.reports_draft_every_office(today=date(2026, 11, 2))
    assert world.alpha.schema_name not in done and done[world.beta.schema_name] is True
    with schema_context(world.beta.schema_name):
        assert MonthlyReport.objects.filter(month=MONTH).exists()


def test_c18_submit_freezes_a_snapshot_at_head_office(world):
    from modules.reports.hq.models import ReportExpectation, SubmittedFigure, SubmittedReport

    report = submitted(world, summary="十月投诉以维修为主")
    assert report.status == "submitted" and report.version == 1
    with schema_context(world.hq.schema_name):
        hq = SubmittedReport.objects.get(office_id=world.alpha.pk, month=MONTH)
        assert hq.version == 1 and hq.office_name == world.alpha.name
        assert hq.snapshot["narrative"]["summary"] == "十月投诉以维修为主"
        assert hq.snapshot["figures"] == report.figures and hq.snapshot["month"] == "2026-10"
        assert SubmittedFigure.objects.get(report=hq, key="received").value == report.figures["received"]
        expectation = ReportExpectation.objects.get(office_id=world.alpha.pk, month=MONTH)
        assert (expectation.status, expectation.version, expectation.current_id) == ("submitted", 1, hq.pk)
        assert expectation.submitted_late  # October's report due on 5 November, submitted now
        assert expectation.events.filter(kind="submitted").count() == 1


def test_c18_submit_needs_the_summary_and_names_it(world):
    from modules.reports import services

    report = drafted(world)
    with schema_context(world.alpha.schema_name), pytest.raises(ValidationFailed) as err:
        services.report_submit(user=world.users[("alpha", "office_director")], report_id=report.pk, office=world.alpha)
    assert "summary" in err.value.fields


def test_c18_correction_is_version_2_and_version_1_is_kept(world):
    from modules.reports import services
    from modules.reports.hq.models import ReportExpectation, SubmittedReport

    director = world.users[("alpha", "office_director")]
    report = submitted(world, summary="第一版综述")
    with schema_context(world.alpha.schema_name):
        with pytest.raises(NotAllowedNow):  # a submitted report is not edited in place
            services.report_edit(user=director, report_id=report.pk, summary="改")
        services.report_correct(user=director, report_id=report.pk, reason="漏报一件集体投诉")
        services.report_edit(user=director, report_id=report.pk, summary="第二版综述")
        report = services.report_submit(user=director, report_id=report.pk, office=world.alpha)
        assert report.version == 2 and report.status == "submitted"
    with schema_context(world.hq.schema_name):
        versions = {r.version: r for r in SubmittedReport.objects.filter(office_id=world.alpha.pk, month=MONTH)}
        assert set(versions) == {1, 2}
        assert versions[1].snapshot["narrative"]["summary"] == "第一版综述"
        assert versions[2].snapshot["narrative"]["summary"] == "第二版综述"
        assert ReportExpectation.objects.get(office_id=world.alpha.pk, month=MONTH).current_id == versions[2].pk
        with pytest.raises(ValueError):
            versions[1].save()


def test_c18_head_office_refuses_a_version_out_of_order(world):
    from tenants.bridge import monthly_report_submit

    submitted(world)
    with pytest.raises(NotAllowedNow):
        monthly_report_submit(office=world.alpha, month=MONTH, version=1, snapshot={"figures": {}}, by_name="x")


def test_c18_notable_cases_are_bounded_and_of_the_office(world):
    from modules.reports import services

    director = world.users[("alpha", "office_director")]
    report = drafted(world)
    with schema_context(world.alpha.schema_name):
        mine = register(world.users[("alpha", "cs_staff")], received_at=at(7))
        services.report_notable_set(user=director, report_id=report.pk, complaint_ids=[mine.pk])
        for bad in ([mine.pk] * 2, list(range(1, 12)), [999999999], ["x"]):
            with pytest.raises(ValidationFailed) as err:
                services.report_notable_set(user=director, report_id=report.pk, complaint_ids=bad)
            assert "complaint_ids" in err.value.fields
        later = register(world.users[("alpha", "cs_staff")])  # received in December: not this report's
        with pytest.raises(ValidationFailed):
            services.report_notable_set(user=director, report_id=report.pk, complaint_ids=[later.pk])


def test_c18_narrative_is_bounded(world):
    from modules.reports import services

    report = drafted(world)
    with schema_context(world.alpha.schema_name), pytest.raises(ValidationFailed) as err:
        services.report_edit(user=world.users[("alpha", "office_director")], report_id=report.pk,
                             analysis="长" * 2001)
    assert "analysis" in err.value.fields


def _expect_late(world, month=MONTH):
    from modules.reports.hq.models import ReportExpectation
    from tenants.bridge import monthly_report_expect

    monthly_report_expect(month=month, offices=[world.alpha, world.beta])
    with schema_context(world.hq.schema_name):
        ReportExpectation.objects.filter(month=month).update(due_at=timezone.now() - timedelta(hours=1))


def test_c18_late_report_told_once_to_quality_manager_and_director(world):
    from modules.reports.hq.models import ReportExpectation

    _expect_late(world)
    submitted(world)  # alpha is in time for the clock: only beta is late
    sweep("reports.late")
    sweep("reports.late")
    told = Notification.objects.filter(dedupe_key=f"report-late:{world.beta.pk}:2026-10")
    assert sorted(told.values_list("user__username", "tenant_id")) == [
        ("beta_office_director", world.beta.pk), ("hq_hq_quality_manager", world.hq.pk)]
    assert not Notification.objects.filter(dedupe_key=f"report-late:{world.alpha.pk}:2026-10").exists()
    with schema_context(world.hq.schema_name):
        beta = ReportExpectation.objects.get(office_id=world.beta.pk, month=MONTH)
        assert beta.status == "late" and beta.events.filter(kind="late").count() == 1


def test_c18_a_late_office_that_submits_is_submitted_late(world):
    from modules.reports.hq.models import ReportExpectation

    _expect_late(world)
    sweep("reports.late")
    submitted(world)
    with schema_context(world.hq.schema_name):
        row = ReportExpectation.objects.get(office_id=world.alpha.pk, month=MONTH)
        assert row.status == "submitted" and row.submitted_late and row.current.late


def test_c18_due_day_is_the_catalog_setting(world):
    from modules.catalog.services import setting_set
    from modules.reports import deadlines

    assert deadlines.due_on(date(2026, 10, 1)) == date(2026, 11, 5)
    setting_set(key="reports.monthly_due_day", value=8)
    assert deadlines.due_on(date(2026, 10, 1)) == date(2026, 11, 5)  # S-08: October's stays as it was
    assert deadlines.due_on(date(2026, 12, 1)) == date(2027, 1, 8)
    assert deadlines.due_at(date(2026, 12, 1)).date() == date(2027, 1, 9)


def test_c18_consolidated_sums_offices_current_versions(world, django_assert_max_num_queries):
    from modules.reports.hq import selectors

    submitted(world, world.alpha)
    submitted(world, world.beta)
    with schema_context(world.alpha.schema_name):
        alpha = drafted(world).figures
    with schema_context(world.beta.schema_name):
        beta = drafted(world, world.beta).figures
    with schema_context(world.hq.schema_name), django_assert_max_num_queries(4):  # counts, sums, category names
        data = selectors.consolidated(month=MONTH)
    assert data["received"] == alpha["received"] + beta["received"]
    assert data["counts"]["submitted"] == 2
    assert data["rates"]["on_time"]["den"] == alpha["on_time"]["total"] + beta["on_time"]["total"]


def test_c18_a_correction_replaces_the_offices_figures_in_the_group_totals(world):
    from modules.reports import services
    from modules.reports.hq import selectors

    director = world.users[("alpha", "office_director")]
    report = submitted(world)
    with schema_context(world.hq.schema_name):
        before = selectors.consolidated(month=MONTH)["received"]
    with schema_context(world.alpha.schema_name):
        register(world.users[("alpha", "cs_staff")], received_at=at(15))
        services.report_correct(user=director, report_id=report.pk, reason="补录一件")
        report = services.report_refresh(user=director, report_id=report.pk)
        services.report_submit(user=director, report_id=report.pk, office=world.alpha)
    with schema_context(world.hq.schema_name):
        data = selectors.consolidated(month=MONTH)
    assert data["received"] == before + 1 == report.figures["received"]
