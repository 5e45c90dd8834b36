"""What a complaint step needs beyond its status (C-08, C-10, C-11, C-12, C-16), in one place.

The services call `precondition_check` and refuse (409) when a rule does not hold; the selector
`complaint_actions_available` offers only the steps whose TRANSITIONS entry, permission and
preconditions all hold. Both read the same predicates below, so the page never offers a step the
service would refuse, nor hides one it would take."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.errors import NotAllowedNow
from core.permissions import has_perm
from modules.complaints.models import (
    ASSISTED,
    LEVEL_PERM,
    NEXT_LEVEL,
    ON_SPOT,
    REPLY_METHODS,
    WRITTEN_CHANNELS,
)

# step name → the permission it needs (the order is the order the detail page shows them in)
ACTION_PERMS: dict[str, str] = {
    "handle_on_spot": "complaints.handle", "assign": "complaints.handle", "classify": "complaints.handle",
    "referral": "complaints.handle", "progress": "complaints.handle", "reply": "complaints.handle",
    "close": "complaints.handle", "reopen_dissatisfied": "complaints.handle",
    "escalate": "complaints.escalate_director", "link_incident": "complaints.handle",
    "report_director": "complaints.handle", "notify_hq": "complaints.escalate_hq",
    "report_result": "complaints.handle", "spot_check": "complaints.spot_check", "note": "complaints.handle",
    "category_correct": "complaints.handle",
}
# step name → its TRANSITIONS action when the two differ (the two C-10 steps)
ACTION_TRANSITION = {"report_director": "collective_step", "notify_hq": "collective_step"}


def incident_needs_director_report(incident) -> bool:
    """C-10 step 1 is due: the incident is collective and the director has not been told yet."""
    return bool(incident is not None and incident.collective and incident.director_reported_at is None)


def incident_needs_hq_notice(incident) -> bool:
    """C-10 step 2 is due: the director was told, head office not yet."""
    return bool(incident is not None and incident.director_reported_at is not None
                and incident.hq_notified_at is None)


def escalation_target(*, role: str | None, complaint) -> str | None:
    """C-11: the next level up, when this role may send the complaint there (the director alone
    sends it to head office); None otherwise."""
    level = NEXT_LEVEL.get(complaint.escalation_level)
    if level is None or not has_perm(role, LEVEL_PERM[level]):
        return None
    return level


def reply_needs_letter(complaint) -> bool:
    """C-12: a complaint made in writing is answered in writing (a printable letter) at the same time as
    by one other means, in the reply that completes its handling."""
    return complaint.channel in WRITTEN_CHANNELS and complaint.completed_at is None


def reply_methods_allowed(complaint) -> list[str]:
    """The reply methods the rules leave: C-10 a collective complaint by home visit; C-03 a complaint
    handled on the spot by phone; C-12 a written complaint by phone or home visit, with the letter."""
    if complaint.collective:
        return ["home_visit"]
    if complaint.status == ON_SPOT:
        return ["phone"]
    if reply_needs_letter(complaint):
        return ["phone", "home_visit"]
    return [method for method, _label in REPLY_METHODS]


def _incident(complaint):
    return complaint.incident if complaint.incident_id else None


@dataclass(frozen=True)
class Precondition:
    holds: Callable[..., bool]
    message: str
    code: str


_ASSISTED = Precondition(lambda c: c.classification == ASSISTED, "只有协助处理投诉需要转交责任方。", "not_assisted")
_REFERRED = Precondition(lambda c: c.classification != ASSISTED or c.referrals.exists(),
                         "协助处理投诉须先书面转交责任方。", "referral_missing")
_FROM_HQ = Precondition(lambda c: bool(c.hq_ref), "这不是总部转办的投诉。", "not_from_hq")

PRECONDITIONS: dict[str, tuple[Precondition, ...]] = {
    "referral": (_ASSISTED,),  # C-08
    "progress": (_ASSISTED, _REFERRED),  # C-08
    "reply": (_REFERRED,),  # C-08
    "close": (  # C-12, C-16
        Precondition(lambda c: c.channel not in WRITTEN_CHANNELS or c.replies.exclude(letter_text="").exists(),
                     "书面投诉须有书面回复才能结案。", "written_reply_required"),
        Precondition(lambda c: not c.hq_ref or c.result_reported_at is not None,
                     "请先向总部报告处理结果。", "hq_result_not_reported"),
    ),
    "escalate": (Precondition(lambda c: c.escalation_level in NEXT_LEVEL, "已升级到总部投诉中心。",
                              "escalation_out_of_order"),),  # C-11
    "link_incident": (Precondition(lambda c: c.incident_id is None, "这条投诉已属于一个事件。",
                                   "already_linked"),),  # C-10
    "report_director": (Precondition(lambda c: incident_needs_director_report(_incident(c)),
                                     "该事件不需要（或已经）报告主任。", "report_director_not_allowed"),),
    "notify_hq": (Precondition(lambda c: incident_needs_hq_notice(_incident(c)),
                               "须先报主任，且只报总部一次。", "notify_hq_not_allowed"),),
    "report_result": (_FROM_HQ, Precondition(lambda c: c.result_reported_at is None, "处理结果已报总部。",
                                             "result_already_reported")),  # C-16
}


def precondition_failing(*, complaint, action: str) -> Precondition | None:
    return next((rule for rule in PRECONDITIONS.get(action, ()) if not rule.holds(complaint)), None)


def precondition_check(*, complaint, action: str) -> None:
    """409 with the rule's code when a precondition of `action` does not hold (services call this)."""
    rule = precondition_failing(complaint=complaint, action=action)
    if rule is not None:
        raise NotAllowedNow(rule.message, code=rule.code)
