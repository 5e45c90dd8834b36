"""What other modules call to propose assessment points (A-04, C-20). They pass plain ids and numbers."""

from __future__ import annotations

from modules.catalog.scoring_seed import (
    ABSENCE,
    COMPLAINED_ABOUT,
    LATE_5_TO_10,
    LATE_UNDER_5,
    PRAISED,
    SERVICE_POOR,
)


def proposal_from_complaint(*, complaint, staff_id: int, user=None, praise: bool = False):
    """C-20/A-04: a valid complaint naming a staff member proposes −5..−10 for them (a praise +5..+10);
    once per complaint and person, even when classified twice at once."""
    from modules.assessment.services import proposal_propose

    return proposal_propose(source_type="praise" if praise else "complaint", source_id=complaint.pk,
                            source_number=complaint.number, person_id=staff_id,
                            rule_code=PRAISED if praise else COMPLAINED_ABOUT,
                            occurred_at=complaint.received_at, user=user)


def lateness_rule(*, minutes_late: float, minor: int, absence: int) -> str | None:
    """A-03 (seed 001 第4篇): late up to `minor` minutes → KQ-01 (−1); up to `absence` → KQ-02 (−5); later
    counts as absence → KQ-03 (−10 and 40 元). On time (at or before the start) → None. Pure."""
    if minutes_late <= 0:
        return None
    if minutes_late <= minor:
        return LATE_UNDER_5
    if minutes_late <= absence:
        return LATE_5_TO_10
    return ABSENCE


def proposal_from_arrival(*, arrival, starts_at, user=None):
    """A-03/D-04: an arrival after the shift's start proposes the seed's lateness bracket for that person;
    the supervisor confirms or rejects (A-04). A person who is not a member of the office is skipped, never
    blocking the arrival. Once per arrival."""
    from django.db import transaction

    from core.errors import ApplicationError
    from modules.assessment.services import proposal_propose
    from modules.catalog.selectors import setting_values

    values = setting_values(["assessment.late_minor_minutes", "assessment.late_absence_minutes"],
                            at=arrival.arrived_at)
    code = lateness_rule(minutes_late=(arrival.arrived_at - starts_at).total_seconds() / 60,
                         minor=int(values["assessment.late_minor_minutes"]),
                         absence=int(values["assessment.late_absence_minutes"]))
    if code is None:
        return None
    try:
        with transaction.atomic():
            return proposal_propose(source_type="duty", source_id=arrival.pk, source_number=f"{starts_at:%m-%d %H:%M}",
                                    person_id=arrival.user_id, rule_code=code, occurred_at=starts_at, user=user)
    except ApplicationError:
        return None


def proposal_from_visit(*, visit, staff_id: int, user=None):
    """A-04: a return visit answered with praise for a named staff member proposes +5..+10 for them, once
    per visit and person. Called inside the visit's own transaction: a person who is not a member of the
    office, or praise on a 不满意 answer, refuses the answer (400 naming `praised_staff_id`), so nothing
    half-written is kept."""
    from core.errors import ValidationFailed
    from modules.assessment.services import proposal_propose

    if visit.answer == "dissatisfied":
        raise ValidationFailed("客户不满意时不能记录表扬。", fields={"praised_staff_id": ["客户不满意时不能选择"]})
    return proposal_propose(source_type="visit", source_id=visit.pk, source_number=visit.source_number,
                            person_id=staff_id, rule_code=PRAISED, occurred_at=visit.answered_at, user=user,
                            field="praised_staff_id")


def proposal_from_service_evaluation(*, evaluation_id: int, person_id: int, score: int, evaluated_at=None,
                                     number: str = "", user=None):
    """S-07: a special-service job evaluated at or below `assessment.service_poor_score_at_most` (catalog,
    in force at the evaluation) proposes the FW-01 points for its worker; the supervisor confirms or rejects
    (A-04). A better score, or a worker who is not a member of the office, proposes nothing and never blocks
    the evaluation. Once per evaluation and person."""
    from django.db import transaction
    from django.utils import timezone

    from core.errors import ApplicationError
    from modules.assessment.services import proposal_propose
    from modules.catalog.selectors import setting_value

    evaluated_at = evaluated_at or timezone.now()
    if int(score) > int(setting_value("assessment.service_poor_score_at_most", at=evaluated_at)):
        return None
    try:
        with transaction.atomic():
            return proposal_propose(source_type="service", source_id=evaluation_id, source_number=number,
                                    person_id=person_id, rule_code=SERVICE_POOR, occurred_at=evaluated_at,
                                    user=user)
    except ApplicationError:
        return None
