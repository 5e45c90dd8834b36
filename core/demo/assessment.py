"""Demo assessment (A-01..A-04, C-20, S-07), through the assessment services: two months of findings (last
month a third personal call reaches the warning), last month's sheets compiled and one signed, proposals
confirmed, rejected and pending (a valid complaint, a resident's praise, a poor service evaluation), so
every assessment page and both workbench cards show something."""

from __future__ import annotations

from datetime import timedelta

from core.demo.base import local_now


def assessment_seed(staff: dict) -> None:
    from modules.assessment.models import Finding

    if Finding.objects.exists():
        return
    now = local_now()
    this_month = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    last_month = (this_month - timedelta(days=1)).replace(day=1, hour=10)
    _last_month(staff, last_month)
    _this_month(staff, this_month, now)
    _proposals(staff, this_month, now)


def _last_month(staff: dict, month) -> None:
    from modules.assessment.services import finding_record, sheet_compile, sheet_sign

    leader, person, officer = staff["cs_leader"], staff["cs_staff"], staff["duty_officer"]
    for day, code, points in ((1, "LY-01", None), (4, "BY-01", "8"), (10, "KQ-01", None)):
        finding_record(user=leader, person_id=person.pk, rule_code=code, occurred_at=month + timedelta(days=day - 1),
                       points=points, note="演示")
    for day in (3, 4, 5):  # the third personal call in a month adds the warning (+10)
        finding_record(user=leader, person_id=officer.pk, rule_code="YX-04", occurred_at=month + timedelta(days=day),
                       note="外线通话超过10分钟")
    supervisor, director = staff["cs_supervisor"], staff["office_director"]
    for user in (person, officer):
        sheet_compile(user=supervisor, person_id=user.pk, month=month.date())
    sheet_sign(user=director, person_id=person.pk, month=month.date(), note="已抽查")  # the officer's waits


def _this_month(staff: dict, month, now) -> None:
    from modules.assessment.services import finding_record

    def when(hours: int):  # within this month and never in the future
        return max(month, min(now - timedelta(minutes=5), month + timedelta(hours=hours)))

    leader = staff["cs_leader"]
    finding_record(user=leader, person_id=staff["cs_staff"].pk, rule_code="LY-04", occurred_at=when(10))
    finding_record(user=leader, person_id=staff["duty_officer"].pk, rule_code="YX-03", occurred_at=when(34),
                   points="1", note="夜班打瞌睡")


def _proposals(staff: dict, month, now) -> None:
    from modules.assessment.hooks import proposal_from_complaint, proposal_from_service_evaluation
    from modules.assessment.models import Proposal
    from modules.assessment.services import praise_note_record, proposal_confirm, proposal_reject
    from modules.complaints.models import Complaint

    supervisor = staff["cs_supervisor"]
    received = max(month, now - timedelta(hours=2))
    praised = praise_note_record(user=staff["cs_leader"], person_id=staff["cs_staff"].pk, words="业主来电表扬耐心解答",
                                 resident="1栋 陈先生", received_at=received)
    proposal = Proposal.objects.get(source_type="note", source_id=praised.pk)
    proposal_confirm(user=supervisor, proposal_id=proposal.pk, points="6", note="业主来电表扬")
    poor = proposal_from_service_evaluation(evaluation_id=1, person_id=staff["cs_staff"].pk, score=2,
                                            evaluated_at=received, number="演示评价")  # S-07
    if poor is not None:
        proposal_reject(user=supervisor, proposal_id=poor.pk, reason="评价针对分包方，非本人原因")
    praise_note_record(user=staff["cs_leader"], person_id=staff["duty_officer"].pk, words="业主表扬夜班巡查认真",
                       received_at=received)  # pending
    complaint = Complaint.objects.filter(classification="valid").order_by("pk").first()
    if complaint is not None:  # C-20: a valid complaint about a staff member, waiting for the supervisor
        proposal_from_complaint(complaint=complaint, staff_id=staff["cs_staff"].pk, user=staff["cs_staff"])
