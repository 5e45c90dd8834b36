"""Helpers shared by the front-desk services: who acted, the transition check, the event row."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from core.errors import NotAllowedNow
from modules.frontdesk.models import Event


def actor_name(user) -> str:
    if user is None:
        return ""
    return (getattr(user, "display_name", "") or getattr(user, "username", "") or str(user))[:64]


def next_state(table: dict[tuple[str, str], str], *, action: str, current: str, code: str) -> str:
    """The state `action` leads to from `current`, or 409 with `code` when the table has no such step."""
    target = table.get((action, current))
    if target is None:
        raise NotAllowedNow(f"当前状态不允许此操作（{current} → {action}）。", code=code)
    return target


def event_write(*, entity: str, entity_id: int, action: str, user=None, from_state: str = "",
                to_state: str = "", note: str = "", at: datetime | None = None) -> Event:
    return Event.objects.create(
        entity=entity, entity_id=entity_id, action=action, from_state=from_state, to_state=to_state,
        actor_id=getattr(user, "pk", None), actor_name=actor_name(user), at=at or timezone.now(), note=note,
    )


def require_text(value: str, field: str, label: str, *, max_length: int | None = None) -> str:
    from core.errors import ValidationFailed

    text = (value or "").strip()
    if not text:
        raise ValidationFailed(f"{label}必填。", fields={field: ["必填"]})
    if max_length and len(text) > max_length:
        raise ValidationFailed(f"{label}过长。", fields={field: [f"最多 {max_length} 字"]})
    return text


def check_phone(value: str, field: str = "phone", *, required: bool = True) -> str:
    from core.errors import ValidationFailed
    from core.validators import is_valid_phone, normalize_phone

    phone = normalize_phone(value or "")
    if not phone and not required:
        return ""
    if not is_valid_phone(phone):
        raise ValidationFailed("电话号码无效。", fields={field: ["请输入有效的手机号或固定电话"]})
    return phone
