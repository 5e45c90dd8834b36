"""Training's calls into assessment (A-06): a failed exam and an unexcused training absence PROPOSE their
scoring rule's points for the person; nothing is deducted until the supervisor confirms (A-04). Plain ids and
numbers cross the boundary; one proposal per source row, person and rule (assessment's unique constraint)."""

from __future__ import annotations

ABSENCE_RULE = "PX-01"  # 培训无故缺席 −2 (seed 001 第3篇 6.0)


def proposal_from_absence(*, attendance, session, user=None):
    """A-06: an unexcused absence from a session proposes PX-01 for that person, once."""
    from modules.assessment.services import proposal_propose

    return proposal_propose(source_type="training", source_id=attendance.pk, source_number=session.number,
                            person_id=attendance.person_id, rule_code=ABSENCE_RULE, occurred_at=session.starts_at, field="person_id",
                            user=user)


def proposal_from_exam(*, result, exam, rule_code: str, user=None):
    """A-06: a failed sitting proposes the ladder's rule (PX-04 1st −3, PX-05 2nd −6, PX-06 3rd −10, PX-07 the
    dismissal review), once per result."""
    from django.utils import timezone

    from core.calendar import SHANGHAI
    from modules.assessment.services import proposal_propose
    from modules.training.deadlines import end_of

    occurred = min(timezone.now(), end_of(result.sat_on).astimezone(SHANGHAI))
    return proposal_propose(source_type="training", source_id=result.pk,
                            source_number=f"{exam.number}#{result.sitting}", person_id=result.person_id,
                            rule_code=rule_code, occurred_at=occurred, user=user, field="person_id")
