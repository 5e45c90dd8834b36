"""Daily inspection rounds (F-05): findings become work orders; the supervisor reviews yesterday's rounds."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from core.calendar import local
from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.frontdesk import integrations
from modules.frontdesk.models import InspectionFinding, InspectionRound
from modules.frontdesk.models import inspections as ins
from modules.frontdesk.services.common import actor_name, event_write, next_state, require_text
from modules.frontdesk.services.workorders import workorder_dispatch

ENTITY = "inspection"


@transaction.atomic
def inspection_start(*, user, area: str, building_id: int | None = None,
                     started_at: datetime | None = None) -> InspectionRound:
    from modules.residents.models import Building

    if building_id is not None and not Building.objects.filter(pk=building_id).exists():
        raise ValidationFailed("楼栋不存在。", fields={"building_id": ["楼栋不存在"]})
    round_ = InspectionRound.objects.create(
        area=require_text(area, "area", "巡查区域", max_length=128), building_id=building_id,
        started_at=started_at or timezone.now(), inspector_id=getattr(user, "pk", None),
        inspector_name=actor_name(user),
    )
    event_write(entity=ENTITY, entity_id=round_.pk, action="start", user=user, to_state=ins.OPEN,
                at=round_.started_at)
    return round_


def _locked(round_id: int) -> InspectionRound:
    round_ = InspectionRound.objects.select_for_update().filter(pk=round_id).first()
    if round_ is None:
        raise NotFound("巡查记录不存在。")
    return round_


@transaction.atomic
def inspection_finding_add(*, round_id: int, user, category: str, description: str, department: str,
                           location: str = "") -> InspectionFinding:
    """F-05: a finding is recorded, dispatched as a work order and logged in the duty log.
    D-02: what a patrol finds not up to standard is corrected (the work order) and recorded in the
    running shift's log as a "patrol" entry."""
    round_ = _locked(round_id)
    if round_.status != ins.OPEN:
        raise NotAllowedNow("巡查已提交，不能再添加问题。", code="inspection_not_open")
    if category not in ins.CHECKLIST_KEYS:
        raise ValidationFailed("请选择检查项。", fields={"category": ["无效选项"]})
    description = require_text(description, "description", "问题描述")
    now = timezone.now()
    where = (location or "").strip()[:128] or round_.area
    order = workorder_dispatch(user=user, department=department, content=description, location=where,
                               source_type="inspection_finding", dispatched_at=now)
    finding = InspectionFinding.objects.create(round=round_, category=category, description=description,
                                               location=where, work_order=order, found_at=now)
    order.source_id = finding.pk
    order.save(update_fields=["source_id"])
    event_write(entity=ENTITY, entity_id=round_.pk, action="finding", user=user, note=f"{order.number} {description}",
                at=now)
    integrations.duty_log(kind="patrol", content=f"巡查 {where}：{description}（{order.number}）",
                          source_type="workorder", source_id=order.pk, occurred_at=now,
                          user=user, source_number=order.number)
    return finding


@transaction.atomic
def inspection_submit(*, round_id: int, user, issues: list[str], note: str = "") -> InspectionRound:
    """Close the round with its checklist: every item is "ok" unless listed in `issues` or it has a finding."""
    round_ = _locked(round_id)
    target = next_state(ins.TRANSITIONS, action="submit", current=round_.status, code="inspection_not_open")
    unknown = [key for key in issues if key not in ins.CHECKLIST_KEYS]
    if unknown:
        raise ValidationFailed("检查项无效。", fields={"issues": [f"无效：{', '.join(unknown)}"]})
    flagged = set(issues) | set(round_.findings.values_list("category", flat=True))
    round_.checklist = {key: ("issue" if key in flagged else "ok") for key in ins.CHECKLIST_KEYS}
    round_.note, round_.status, round_.submitted_at = (note or "").strip(), target, timezone.now()
    round_.save()
    event_write(entity=ENTITY, entity_id=round_.pk, action="submit", user=user, from_state=ins.OPEN,
                to_state=target, note=round_.note)
    return round_


@transaction.atomic
def inspection_review(*, round_id: int, user, note: str) -> InspectionRound:
    """F-05: the supervisor reviews and signs a previous day's round (not today's, still being walked)."""
    round_ = _locked(round_id)
    if local(round_.started_at).date() >= local(timezone.now()).date():
        raise NotAllowedNow("只能审核前一日及以前的巡查记录。", code="inspection_review_too_early")
    target = next_state(ins.TRANSITIONS, action="review", current=round_.status, code="inspection_cannot_review")
    before = round_.status
    round_.status, round_.reviewed_at = target, timezone.now()
    round_.reviewed_by_name, round_.review_note = actor_name(user), (note or "").strip()
    round_.save()
    event_write(entity=ENTITY, entity_id=round_.pk, action="review", user=user, from_state=before,
                to_state=target, note=round_.review_note)
    return round_
