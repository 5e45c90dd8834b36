"""Findings, the monthly ladder, versions, proposals (A-01..A-04, C-20, S-08)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from core.errors import ApplicationError
from modules.assessment import services
from modules.assessment.models import Finding, Proposal
from modules.catalog.scoring import rule_version_at, scoring_rule_version_add
from modules.catalog.scoring_seed import RULES

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def at(day: int, month: int = 10) -> datetime:
    return datetime(2026, month, day, 10, 0, tzinfo=SH)


def test_a03_a06_every_seed_rule_is_in_the_catalog():
    for code, *_ in RULES:
        assert rule_version_at(code=code) is not None, code
    absence = rule_version_at(code="KQ-03")
    assert absence.pay_deduction == Decimal("40.00") and absence.points_min == Decimal("10")
    assert rule_version_at(code="LY-02").points_min == Decimal("0.5")
    assert rule_version_at(code="PX-05").points_max == Decimal("6")


def test_a01_a03_third_personal_call_in_a_month_adds_the_warning(world, in_tenant):
    leader, staff = world.users[("alpha", "cs_leader")], world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        found = [services.finding_record(user=leader, person_id=staff.pk, rule_code="YX-04", occurred_at=at(d))
                 for d in (1, 2, 3)]
        assert [f.count_in_month for f in found] == [1, 2, 3]
        assert [f.step for f in found] == ["", "", "warning"]
        assert found[2].points == Decimal("-15.00")  # −5, warning + 10
        # a new month starts again at 1
        assert services.finding_record(user=leader, person_id=staff.pk, rule_code="YX-04",
                                       occurred_at=at(1, 11)).count_in_month == 1


def test_a01_fourth_is_demerit_fifth_dismissal_review_tells_the_director(world, in_tenant,
                                                                           django_capture_on_commit_callbacks):
    from core.notifications.models import Notification

    leader, staff = world.users[("alpha", "cs_leader")], world.users[("alpha", "cs_staff")]
    director = world.users[("alpha", "office_director")]
    with in_tenant(world.alpha):
        steps = []
        for d in range(1, 6):
            extra = {3: "2", 4: "4"}.get(d)
            with django_capture_on_commit_callbacks(execute=True):
                steps.append(services.finding_record(user=leader, person_id=staff.pk, rule_code="YX-06",
                                                     occurred_at=at(d, 9), extra_points=extra))
        assert [f.step for f in steps] == ["", "", "warning", "demerit", "dismissal_review"]
        assert steps[3].points == Decimal("-5.00")
        assert Notification.objects.filter(user=director, dedupe_key=f"assessment:dismissal:{steps[4].pk}").exists()


def test_a01_points_outside_the_range_is_400_and_writes_nothing(world, in_tenant):
    leader, staff = world.users[("alpha", "cs_leader")], world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        before = Finding.objects.count()
        for points in ("2", "0.4", None):
            with pytest.raises(ApplicationError) as error:
                services.finding_record(user=leader, person_id=staff.pk, rule_code="LY-02", points=points)
            assert error.value.status == 400 and "points" in error.value.fields
        assert Finding.objects.count() == before


def test_a02_finding_for_someone_not_in_the_office_is_400(world, in_tenant):
    leader, outsider = world.users[("alpha", "cs_leader")], world.users[("beta", "cs_staff")]
    with in_tenant(world.alpha):
        with pytest.raises(ApplicationError) as error:
            services.finding_record(user=leader, person_id=outsider.pk, rule_code="LY-01")
        assert error.value.fields == {"person_id": ["不是本管理处的人员"]}
        assert not Finding.objects.filter(person_id=outsider.pk).exists()


def test_s08_a_new_rule_version_never_rewrites_a_past_finding(world, in_tenant):
    leader, staff = world.users[("alpha", "cs_leader")], world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        old = services.finding_record(user=leader, person_id=staff.pk, rule_code="LY-04", occurred_at=at(5))
    scoring_rule_version_add(code="LY-04", category="etiquette", description="坐姿站姿不端", direction="deduct",
                             points_min="2", points_max="2", effective_from=timezone.now())
    with in_tenant(world.alpha):
        new = services.finding_record(user=leader, person_id=staff.pk, rule_code="LY-04")
        old.refresh_from_db()
        assert old.points == Decimal("-1.00") and new.points == Decimal("-2.00")
        assert old.rule_version_id != new.rule_version_id


def test_a01_scoring_rule_bad_input_is_400():
    with pytest.raises(ApplicationError) as error:
        scoring_rule_version_add(code="X-1", category="etiquette", description="x", direction="deduct",
                                 points_min="3", points_max="1")
    assert "points_max" in error.value.fields
    with pytest.raises(ApplicationError) as error:
        scoring_rule_version_add(code="X-1", category="etiquette", description="x", direction="deduct",
                                 points_min="1", points_max="1", effective_from=timezone.now() - timedelta(days=1))
    assert "effective_from" in error.value.fields


def _valid_complaint(world, staff_id):
    from modules.complaints.services import complaint_classify
    from tests.modules.complaints.factories import register

    user = world.users[("alpha", "cs_staff")]
    complaint = register(user)
    complaint_classify(user=user, complaint_id=complaint.pk, classification="valid", staff_id=staff_id)
    complaint_classify(user=user, complaint_id=complaint.pk, classification="valid", staff_id=staff_id)
    return complaint


def _proposed_events(proposal) -> int:
    from modules.assessment.models import Event

    return Event.objects.filter(object_type="proposal", object_id=proposal.pk, kind="proposed").count()


def test_c20_a04_valid_complaint_naming_staff_proposes_once_and_is_confirmed_once(world, in_tenant):
    staff, supervisor = world.users[("alpha", "cs_leader")], world.users[("alpha", "cs_supervisor")]
    with in_tenant(world.alpha):
        complaint = _valid_complaint(world, staff.pk)
        proposals = Proposal.objects.filter(source_type="complaint", source_id=complaint.pk)
        assert proposals.count() == 1 and proposals[0].due_at is not None
        services.proposal_propose(source_type="complaint", source_id=complaint.pk, source_number=complaint.number,
                                  person_id=staff.pk, rule_code=proposals[0].rule_code,
                                  occurred_at=proposals[0].occurred_at)  # reported again: still one, told once
        assert proposals.count() == 1 and _proposed_events(proposals[0]) == 1
        with pytest.raises(ApplicationError) as error:
            services.proposal_confirm(user=supervisor, proposal_id=proposals[0].pk, points="11")
        assert error.value.status == 400 and proposals[0].status == "pending"
        services.proposal_confirm(user=supervisor, proposal_id=proposals[0].pk, points="7")
        with pytest.raises(ApplicationError) as error:
            services.proposal_confirm(user=supervisor, proposal_id=proposals[0].pk, points="7")
        assert error.value.status == 409
        finding = Finding.objects.get(proposal=proposals[0])
        assert finding.points == Decimal("-7.00") and finding.rule_code == "YX-02"


def test_c20_complaint_naming_an_outsider_is_400_and_not_classified(world, in_tenant):
    from modules.complaints.models import Complaint
    from modules.complaints.services import complaint_classify
    from tests.modules.complaints.factories import register

    user = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = register(user)
        with pytest.raises(ApplicationError) as error:
            complaint_classify(user=user, complaint_id=complaint.pk, classification="valid",
                               staff_id=world.users[("beta", "cs_staff")].pk)
        assert "staff_id" in error.value.fields
        assert Complaint.objects.get(pk=complaint.pk).classification == ""
        assert not Proposal.objects.filter(source_id=complaint.pk).exists()


    with in_tenant(world.alpha):
        with pytest.raises(ApplicationError) as error:
            _valid_complaint(world, world.users[("beta", "cs_staff")].pk)
        assert "staff_id" in error.value.fields
        assert not Complaint.objects.filter(classification="valid", proposal_marker=None).exists() \
            if hasattr(Complaint, "proposal_marker") else True


def test_a04_rejected_with_reason_kept(world, in_tenant):
    staff, supervisor = world.users[("alpha", "cs_staff")], world.users[("alpha", "cs_supervisor")]
    with in_tenant(world.alpha):
        complaint = _valid_complaint(world, staff.pk)
        proposal = Proposal.objects.get(source_id=complaint.pk)
        with pytest.raises(ApplicationError):
            services.proposal_reject(user=supervisor, proposal_id=proposal.pk, reason=" ")
        services.proposal_reject(user=supervisor, proposal_id=proposal.pk, reason="投诉与本人无关")
        proposal.refresh_from_db()
        assert proposal.status == "rejected" and proposal.reason == "投诉与本人无关"
        assert not Finding.objects.filter(proposal=proposal).exists()


def test_a04_proposal_overdue_after_the_working_days_on_the_clock(world, in_tenant):
    from core.clocks.engine import clock_run

    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = _valid_complaint(world, staff.pk)
        proposal = Proposal.objects.get(source_id=complaint.pk)
        clock_run(name="assessment.proposal", now=proposal.due_at - timedelta(minutes=1))
        proposal.refresh_from_db()
        assert not proposal.overdue
        clock_run(name="assessment.proposal", now=proposal.due_at + timedelta(minutes=1))
        proposal.refresh_from_db()
        assert proposal.overdue


def test_a02_sheet_compiled_then_signed_total_from_base(world, in_tenant):
    leader, staff = world.users[("alpha", "cs_leader")], world.users[("alpha", "cs_staff")]
    supervisor, director = world.users[("alpha", "cs_supervisor")], world.users[("alpha", "office_director")]
    month = at(1, 8).date()
    with in_tenant(world.alpha):
        services.finding_record(user=leader, person_id=staff.pk, rule_code="LY-01", occurred_at=at(3, 8))
        services.finding_record(user=leader, person_id=staff.pk, rule_code="BY-01", occurred_at=at(4, 8), points="6")
        with pytest.raises(ApplicationError) as error:
            services.sheet_sign(user=director, person_id=staff.pk, month=month)
        assert error.value.status == 409
        sheet = services.sheet_compile(user=supervisor, person_id=staff.pk, month=month)
        assert sheet.total == Decimal("105.00")
        assert services.sheet_sign(user=director, person_id=staff.pk, month=month).status == "signed"
