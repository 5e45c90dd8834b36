"""Writes of the special-services catalog (S-01, S-08).

S-01 (seed 002 §3.1, §4.1.5, §4.3.3 b): the office manager proposes an item, a rate or the stop of an item,
with the residents' survey result; the general manager approves or rejects with a reason; only an approved
proposal changes the catalog. Rates are new versions from a date on, never edits (S-08)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max

from core.errors import NotAllowedNow, ValidationFailed
from modules.services.catalog import models as m
from modules.services.catalog.selectors import local_day
from modules.services.money import money


def _event(*, entity: str, entity_id: int, action: str, user, from_state: str = "", to_state: str = "",
           note: str = "") -> None:
    m.CatalogEvent.objects.create(entity=entity, entity_id=entity_id, action=action, user=user,
                                  from_state=from_state, to_state=to_state, note=note[:2000])


def _text(value, field: str, label: str, *, max_length: int, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationFailed(f"{label}必填。", fields={field: ["必填"]})
    if len(text) > max_length:
        raise ValidationFailed(f"{label}过长。", fields={field: [f"最多 {max_length} 字"]})
    return text


def _choice(value, choices, field: str, label: str) -> str:
    if value not in dict(choices):
        raise ValidationFailed(f"{label}无效。", fields={field: ["无效的选项"]})
    return value


def _effective(value: date | None) -> date:
    """S-08: a change takes effect from today or later, never in the past."""
    today = local_day()
    if value is None:
        return today
    if value < today:
        raise ValidationFailed("生效日期不能早于今天：收费标准不改写过去。", fields={"effective_from": ["不能早于今天"]})
    return value


def _survey(*, households, in_favour, summary) -> tuple[int, int, str]:
    """S-01: a new item or rate carries the residents' survey result (seed 002 §4.1.2–4.1.4)."""
    for field, value in (("survey_households", households), ("survey_in_favour", in_favour)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValidationFailed("调查户数须为非负整数。", fields={field: ["须为非负整数"]})
    if households == 0:
        raise ValidationFailed("须附住户调查结果。", fields={"survey_households": ["须大于 0"]})
    if in_favour > households:
        raise ValidationFailed("赞成户数不能多于调查户数。", fields={"survey_in_favour": ["不能多于调查户数"]})
    return households, in_favour, _text(summary, "survey_summary", "调查结果", max_length=2000)


@transaction.atomic
def proposal_submit(*, office, user, kind: str, item_id: int | None = None, name: str = "", category: str = "",
                    unit: str = "", standard: str = "", price=None, deposit=None, effective_from: date | None = None,
                    survey_households: int = 0, survey_in_favour: int = 0, survey_summary: str = "",
                    reason: str = "") -> m.ServiceProposal:
    """S-01: an office manager's proposal; nothing in the catalog changes until it is approved."""
    kind = _choice(kind, m.PROPOSAL_KINDS, "kind", "类型")
    fields: dict = {"kind": kind, "office": office, "proposed_by": user,
                    "reason": _text(reason, "reason", "理由", max_length=2000, required=kind == m.STOP_ITEM),
                    "effective_from": _effective(effective_from)}
    if kind == m.NEW_ITEM:
        fields.update(name=_text(name, "name", "服务项目", max_length=200),
                      category=_choice(category, m.CATEGORIES, "category", "类别"),
                      unit=_choice(unit, m.UNITS, "unit", "计价单位"),
                      standard=_text(standard, "standard", "服务标准", max_length=2000))
    else:
        item = m.ServiceItem.objects.filter(pk=item_id).first() if item_id else None
        if item is None:
            raise ValidationFailed("服务项目不存在。", fields={"item_id": ["服务项目不存在"]})
        if item.status != m.ACTIVE:
            raise NotAllowedNow("该服务项目已停止。", fields={"item_id": ["已停止"]})
        fields["item"] = item
    if kind in (m.NEW_ITEM, m.NEW_RATE):
        fields["price"] = money(price, field="price")
        fields["deposit"] = money(deposit if deposit not in (None, "") else "0", field="deposit")
        (fields["survey_households"], fields["survey_in_favour"],
         fields["survey_summary"]) = _survey(households=survey_households, in_favour=survey_in_favour,
                                             summary=survey_summary)
    proposal = m.ServiceProposal.objects.create(**fields)
    _event(entity="proposal", entity_id=proposal.pk, action="submit", user=user, to_state=m.PENDING,
           note=office.name)
    return proposal


def _lock(proposal_id: int, action: str) -> tuple[m.ServiceProposal, str]:
    proposal = m.ServiceProposal.objects.select_for_update().filter(pk=proposal_id).first()
    if proposal is None:
        from core.errors import NotFound

        raise NotFound("申请不存在。")
    target = m.PROPOSAL_TRANSITIONS[action].get(proposal.status)
    if target is None:
        raise NotAllowedNow("该申请已审批。")
    return proposal, target


def _next_code() -> str:
    last = m.ServiceItem.objects.select_for_update().aggregate(n=Max("id"))["n"] or 0
    return f"SV{last + 1:04d}"


def _apply(proposal: m.ServiceProposal, *, user) -> None:
    """The approved change enters the catalog: from the proposed date, or today if that date has passed."""
    start = max(proposal.effective_from or local_day(), local_day())
    if proposal.kind == m.NEW_ITEM:
        item = m.ServiceItem.objects.create(code=_next_code(), name=proposal.name, category=proposal.category,
                                            unit=proposal.unit, standard=proposal.standard)
        item.offices.set([proposal.office_id])
        proposal.item = item
        _event(entity="item", entity_id=item.pk, action="create", user=user, to_state=m.ACTIVE)
    if proposal.kind in (m.NEW_ITEM, m.NEW_RATE):
        m.ServiceRate.objects.create(item=proposal.item, price=proposal.price, deposit=proposal.deposit,
                                     effective_from=start, proposal=proposal)
        _event(entity="item", entity_id=proposal.item_id, action="rate", user=user,
               note=f"{proposal.price} / {proposal.deposit} @ {start}")
    else:  # STOP_ITEM (seed 002 §4.3.3 b): bookable until the day before `start`
        item = m.ServiceItem.objects.select_for_update().get(pk=proposal.item_id)
        item.status, item.stopped_from = m.STOPPED, start
        item.save(update_fields=["status", "stopped_from"])
        _event(entity="item", entity_id=item.pk, action="stop", user=user, from_state=m.ACTIVE, to_state=m.STOPPED,
               note=str(start))


@transaction.atomic
def proposal_approve(*, proposal_id: int, user, reason: str = "") -> m.ServiceProposal:
    """S-01: the general manager approves; the item, rate or stop enters the catalog in the same transaction."""
    from django.utils import timezone

    proposal, target = _lock(proposal_id, "approve")
    reason = _text(reason, "reason", "审批意见", max_length=2000, required=False)
    _apply(proposal, user=user)
    proposal.status, proposal.decided_by, proposal.decided_at = target, user, timezone.now()
    proposal.decision_reason = reason
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_reason", "item"])
    _event(entity="proposal", entity_id=proposal.pk, action="approve", user=user, from_state=m.PENDING,
           to_state=target, note=reason)
    return proposal


@transaction.atomic
def proposal_reject(*, proposal_id: int, user, reason: str) -> m.ServiceProposal:
    """S-01: rejected with a reason; the catalog is untouched."""
    from django.utils import timezone

    reason = _text(reason, "reason", "驳回理由", max_length=2000)
    proposal, target = _lock(proposal_id, "reject")
    proposal.status, proposal.decided_by, proposal.decided_at = target, user, timezone.now()
    proposal.decision_reason = reason
    proposal.save(update_fields=["status", "decided_by", "decided_at", "decision_reason"])
    _event(entity="proposal", entity_id=proposal.pk, action="reject", user=user, from_state=m.PENDING,
           to_state=target, note=reason)
    return proposal


@transaction.atomic
def item_offices_set(*, item_id: int, office_ids: list[int], user) -> m.ServiceItem:
    """R-03: group administrators decide which offices may offer an approved item (none: every office)."""
    from tenants.models import Tenant

    item = m.ServiceItem.objects.select_for_update().filter(pk=item_id).first()
    if item is None:
        from core.errors import NotFound

        raise NotFound("服务项目不存在。")
    offices = list(Tenant.objects.filter(pk__in=office_ids, type=Tenant.OFFICE))
    if len(offices) != len(set(office_ids)):
        raise ValidationFailed("管理处不存在。", fields={"office_ids": ["管理处不存在"]})
    item.offices.set(offices)
    _event(entity="item", entity_id=item.pk, action="offices", user=user,
           note="、".join(o.name for o in offices)[:2000])
    return item
