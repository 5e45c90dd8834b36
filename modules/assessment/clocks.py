"""A-04: a proposal not decided within N working days (catalog `assessment.proposal_decide_working_days`)
is overdue: one threshold of the core clock engine on `Proposal.due_at`."""

from __future__ import annotations

from django.db.models import Q

from core.clocks import Clock, Threshold, clock_register


def register() -> None:
    from modules.assessment.models import PENDING, Proposal
    from modules.assessment.services import proposal_overdue_mark

    clock_register(Clock(
        name="assessment.proposal",
        rows=lambda: Proposal.objects.filter(status=PENDING),
        thresholds=(Threshold(name="overdue", passed=lambda now, lead: Q(due_at__lt=now), pending=Q(overdue=False),
                              handle=lambda row, now: proposal_overdue_mark(row, now)),),
    ))
