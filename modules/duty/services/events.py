"""The event row every state change writes (house rule: who, when, from, to, note)."""

from __future__ import annotations

from modules.duty.models import DutyEvent


def person_name(user) -> str:
    if user is None:
        return "系统"
    return str(getattr(user, "display_name", "") or getattr(user, "username", "") or user)


def duty_event_write(*, object_type: str, object_id: int, kind: str, user=None, from_status: str = "",
                     to_status: str = "", note: str = "") -> DutyEvent:
    return DutyEvent.objects.create(
        object_type=object_type, object_id=object_id, kind=kind,
        actor_id=getattr(user, "pk", None), actor_name=person_name(user) if user is not None else "系统",
        from_status=from_status, to_status=to_status, note=note,
    )
