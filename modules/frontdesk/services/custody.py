"""Residents' property in the office's care (M-01): receive, hand back; a loss or damage is recorded,
reported to the resident and resolved — each step a locked row, a checked transition and an event."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.frontdesk.models import CustodyIncident, CustodyItem
from modules.frontdesk.models import custody as c
from modules.frontdesk.services.common import actor_name, event_write, next_state, require_text

ITEM, INCIDENT = "custody", "custody_incident"


def _when(moment: datetime | None, field: str) -> datetime:
    now = timezone.now()
    if moment is None:
        return now
    if moment > now + timedelta(minutes=5):
        raise ValidationFailed("时间不能晚于现在。", fields={field: ["不能是将来的时间"]})
    return moment


def _choice(value: str, choices, field: str, label: str) -> str:
    if value not in dict(choices):
        raise ValidationFailed(f"请选择{label}。", fields={field: [f"无效的{label}"]})
    return value


def _household(household_id: int | None, unit: str = "", household_name: str = "") -> int:
    """The household the item belongs to: the one chosen by id, or the active household of the unit
    written as on labels (`1栋-101`), told apart by name when the unit has several."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Concat

    from modules.residents.models import Household

    if household_id is not None:
        if not Household.objects.filter(pk=household_id).exists():
            raise ValidationFailed("住户不存在。", fields={"household_id": ["住户不存在"]})
        return household_id
    if not (unit or "").strip():
        raise ValidationFailed("请填写物品所属住户。", fields={"household_id": ["必填"], "unit": ["必填"]})
    found = Household.objects.filter(is_active=True).annotate(label=Concat(
        "unit__building__name", Value("-"), "unit__number", output_field=CharField())).filter(label=unit.strip())
    if (household_name or "").strip():
        found = found.filter(name=household_name.strip())
    ids = list(found.values_list("pk", flat=True)[:2])
    if len(ids) != 1:
        message = "没有这个房号的住户。" if not ids else "该房号有多户，请填写户名。"
        raise ValidationFailed(message, fields={"unit" if not ids else "household_name": [message]})
    return ids[0]


@transaction.atomic
def custody_receive(*, user, kind: str, description: str, household_id: int | None = None, unit: str = "",
                    household_name: str = "", owner_name: str = "", storage_location: str = "",
                    received_at: datetime | None = None) -> CustodyItem:
    """M-01: an item of a household (chosen by id, or by unit label and name) taken into our care."""
    item = CustodyItem.objects.create(
        kind=_choice(kind, c.ITEM_KINDS, "kind", "物品类别"),
        description=require_text(description, "description", "物品描述", max_length=255),
        household_id=_household(household_id, unit, household_name), owner_name=(owner_name or "").strip()[:64],
        storage_location=(storage_location or "").strip()[:64], received_at=_when(received_at, "received_at"),
        received_by_name=actor_name(user))
    event_write(entity=ITEM, entity_id=item.pk, action="receive", user=user, to_state=c.HELD,
                note=item.description, at=item.received_at)
    return item


def _item_locked(item_id: int) -> CustodyItem:
    item = CustodyItem.objects.select_for_update().filter(pk=item_id).first()
    if item is None:
        raise NotFound("物品登记不存在。")
    return item


@transaction.atomic
def custody_return(*, user, item_id: int, returned_to: str, returned_at: datetime | None = None) -> CustodyItem:
    """M-01: the item handed back; who took it and when are kept."""
    item = _item_locked(item_id)
    target = next_state(c.ITEM_TRANSITIONS, action="return", current=item.status, code="custody_not_held")
    returned_to = require_text(returned_to, "returned_to", "领取人", max_length=64)
    at = _when(returned_at, "returned_at")
    if at < item.received_at:
        raise ValidationFailed("领取时间不能早于接收时间。", fields={"returned_at": ["早于接收时间"]})
    before = item.status
    item.status, item.returned_to, item.returned_at = target, returned_to, at
    item.save(update_fields=["status", "returned_to", "returned_at"])
    event_write(entity=ITEM, entity_id=item.pk, action="return", user=user, from_state=before, to_state=target,
                note=returned_to, at=at)
    return item


@transaction.atomic
def custody_incident_record(*, user, item_id: int, kind: str, circumstances: str,
                            occurred_at: datetime | None = None) -> CustodyIncident:
    """M-01: a loss or damage of an item while in our care: what, when and how. A loss marks the item
    lost. The incident stays open until the resident has been told."""
    item = _item_locked(item_id)
    kind = _choice(kind, c.INCIDENT_KINDS, "kind", "类型")
    circumstances = require_text(circumstances, "circumstances", "经过")
    if item.status != c.HELD:  # only what is still in our care can be lost or damaged by us
        raise NotAllowedNow("物品已不在保管中。", code="custody_not_held")
    at = _when(occurred_at, "occurred_at")
    incident = CustodyIncident.objects.create(item=item, kind=kind, occurred_at=at, circumstances=circumstances,
                                              recorded_by_name=actor_name(user), recorded_at=timezone.now())
    event_write(entity=INCIDENT, entity_id=incident.pk, action="record", user=user, to_state=c.OPEN,
                note=circumstances)
    if kind == c.LOSS:
        before, item.status = item.status, next_state(c.ITEM_TRANSITIONS, action="lose", current=item.status,
                                                      code="custody_not_held")
        item.save(update_fields=["status"])
        event_write(entity=ITEM, entity_id=item.pk, action="lose", user=user, from_state=before,
                    to_state=item.status, note=f"遗失登记：{circumstances[:200]}")
    return incident


def _incident_locked(incident_id: int) -> CustodyIncident:
    incident = CustodyIncident.objects.select_for_update().filter(pk=incident_id).first()
    if incident is None:
        raise NotFound("损失登记不存在。")
    return incident


@transaction.atomic
def custody_incident_report(*, user, incident_id: int, reported_to: str, method: str, note: str = "",
                            reported_at: datetime | None = None) -> CustodyIncident:
    """M-01: the loss or damage reported to the resident — to whom, how, when, by whom."""
    incident = _incident_locked(incident_id)
    target = next_state(c.INCIDENT_TRANSITIONS, action="report", current=incident.status,
                        code="incident_already_reported")
    reported_to = require_text(reported_to, "reported_to", "告知对象", max_length=64)
    method = _choice(method, c.REPORT_METHODS, "method", "告知方式")
    at = _when(reported_at, "reported_at")
    if at < incident.occurred_at:
        raise ValidationFailed("告知时间不能早于发生时间。", fields={"reported_at": ["早于发生时间"]})
    before = incident.status
    incident.status, incident.reported_to, incident.report_method = target, reported_to, method
    incident.reported_at, incident.reported_by_name = at, actor_name(user)
    incident.report_note = (note or "").strip()
    incident.save()
    event_write(entity=INCIDENT, entity_id=incident.pk, action="report", user=user, from_state=before,
                to_state=target, note=f"{reported_to}（{incident.get_report_method_display()}）{incident.report_note}",
                at=at)
    return incident


@transaction.atomic
def custody_incident_resolve(*, user, incident_id: int, resolution: str) -> CustodyIncident:
    """M-01: how the loss or damage was settled; only after the resident was told."""
    incident = _incident_locked(incident_id)
    target = next_state(c.INCIDENT_TRANSITIONS, action="resolve", current=incident.status,
                        code="incident_not_reported" if incident.status == c.OPEN else "incident_resolved")
    resolution = require_text(resolution, "resolution", "处理结果")
    now = timezone.now()
    before = incident.status
    incident.status, incident.resolution = target, resolution
    incident.resolved_at, incident.resolved_by_name = now, actor_name(user)
    incident.save()
    event_write(entity=INCIDENT, entity_id=incident.pk, action="resolve", user=user, from_state=before,
                to_state=target, note=resolution, at=now)
    return incident
