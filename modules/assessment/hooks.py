"""What other modules call to propose assessment points (A-04, C-20). They pass plain ids and numbers."""

from __future__ import annotations

from modules.catalog.scoring_seed import COMPLAINED_ABOUT, PRAISED


def proposal_from_complaint(*, complaint, staff_id: int, user=None, praise: bool = False):
    """C-20/A-04: a valid complaint naming a staff member proposes −5..−10 for them (a praise +5..+10);
    once per complaint and person, even when classified twice at once."""
    from modules.assessment.services import proposal_propose

    return proposal_propose(source_type="praise" if praise else "complaint", source_id=complaint.pk,
                            source_number=complaint.number, person_id=staff_id,
                            rule_code=PRAISED if praise else COMPLAINED_ABOUT,
                            occurred_at=complaint.received_at, user=user)
