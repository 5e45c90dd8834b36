"""Demo findings (A-01..A-04, C-20): two months of a few findings per office, a third personal call that
reaches the warning, a praise and a compiled sheet — through the assessment services."""

from __future__ import annotations

from datetime import timedelta

from core.demo.base import local_now


def assessment_seed(staff: dict) -> None:
    from modules.assessment.models import Finding
    from modules.assessment.services import finding_record, sheet_compile

    if Finding.objects.exists():
        return
    leader, person = staff["cs_leader"], staff["cs_staff"]
    this_month = local_now().replace(day=1, hour=10, minute=0, second=0, microsecond=0)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    for when, code, points in ((last_month, "LY-01", None), (last_month + timedelta(days=3), "BY-01", "8"),
                               (last_month + timedelta(days=9), "KQ-01", None)):
        finding_record(user=leader, person_id=person.pk, rule_code=code, occurred_at=when, points=points)
    sheet_compile(user=staff["cs_supervisor"], person_id=person.pk, month=last_month.date())
    for day in (1, 2, 3):  # the third personal call in a month adds the warning
        when = this_month + timedelta(days=day - 1)
        if when < local_now():
            finding_record(user=leader, person_id=staff["duty_officer"].pk, rule_code="YX-04", occurred_at=when,
                           extra_points="10")
    from modules.assessment.hooks import proposal_from_complaint
    from modules.complaints.models import Complaint

    complaint = Complaint.objects.filter(classification="valid").order_by("pk").first()
    if complaint is not None:  # C-20: a valid complaint about a staff member, waiting for the supervisor
        proposal_from_complaint(complaint=complaint, staff_id=person.pk, user=staff["cs_staff"])
