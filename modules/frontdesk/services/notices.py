"""Notices to residents (F-06, M-01): drafted, published before the event, withdrawn as a correction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from core.errors import NotFound, ValidationFailed
from modules.frontdesk.models import Notice
from modules.frontdesk.models import notices as n
from modules.frontdesk.services.common import actor_name, event_write, next_state, require_text

ENTITY = "notice"


@dataclass(frozen=True)
class NoticeInput:
    kind: str
    title: str
    body: str
    starts_at: datetime
    ends_at: datetime
    building_ids: list[int] = field(default_factory=list)
    all_buildings: bool = False


def _buildings(data: NoticeInput) -> list[int]:
    from modules.residents.models import Building

    ids = sorted(set(data.building_ids or []))
    if data.all_buildings:
        return []
    if not ids:
        raise ValidationFailed("请选择受影响的楼栋（或全体楼栋）。", fields={"building_ids": ["必填"]})
    found = set(Building.objects.filter(pk__in=ids).values_list("pk", flat=True))
    if found != set(ids):
        raise ValidationFailed("楼栋不存在。", fields={"building_ids": ["包含不存在的楼栋"]})
    return ids


@transaction.atomic
def notice_create(*, user, data: NoticeInput) -> Notice:
    if data.kind not in dict(n.KINDS):
        raise ValidationFailed("请选择通知类型。", fields={"kind": ["无效选项"]})
    if data.ends_at <= data.starts_at:
        raise ValidationFailed("结束时间须晚于开始时间。", fields={"ends_at": ["须晚于开始时间"]})
    building_ids = _buildings(data)
    notice = Notice.objects.create(
        kind=data.kind, title=require_text(data.title, "title", "标题", max_length=128),
        body=require_text(data.body, "body", "内容"), starts_at=data.starts_at, ends_at=data.ends_at,
        all_buildings=data.all_buildings, created_by_name=actor_name(user),
    )
    notice.buildings.set(building_ids)
    event_write(entity=ENTITY, entity_id=notice.pk, action="create", user=user, to_state=n.DRAFT)
    return notice


def _locked(notice_id: int) -> Notice:
    notice = Notice.objects.select_for_update().filter(pk=notice_id).first()
    if notice is None:
        raise NotFound("通知不存在。")
    return notice


@transaction.atomic
def notice_publish(*, notice_id: int, user, publish_at: datetime | None = None) -> Notice:
    """M-01/F-06: residents are told in advance — the publish time must be before the start. A publish
    time in the future schedules the notice: the public board shows it from then on."""
    notice = _locked(notice_id)
    target = next_state(n.TRANSITIONS, action="publish", current=notice.status, code="notice_not_draft")
    at = publish_at or timezone.now()
    if at >= notice.starts_at:
        raise ValidationFailed("通知须在事项开始前发布（M-01）。", fields={"publish_at": ["须早于开始时间"]})
    notice.status, notice.publish_at = target, at
    notice.save(update_fields=["status", "publish_at"])
    event_write(entity=ENTITY, entity_id=notice.pk, action="publish", user=user, from_state=n.DRAFT,
                to_state=target, note=at.isoformat())
    return notice


@transaction.atomic
def notice_withdraw(*, notice_id: int, user, reason: str) -> Notice:
    notice = _locked(notice_id)
    target = next_state(n.TRANSITIONS, action="withdraw", current=notice.status, code="notice_not_published")
    reason = require_text(reason, "reason", "撤回原因")
    notice.status = target
    notice.save(update_fields=["status"])
    event_write(entity=ENTITY, entity_id=notice.pk, action="withdraw", user=user, from_state=n.PUBLISHED,
                to_state=target, note=reason)
    return notice
