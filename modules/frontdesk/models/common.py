"""The event row every front-desk state change writes: who, when, from, to, note."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits


class Event(models.Model):
    """One step in the life of a contact, work order, missed call, visitor, inspection or notice.

    `entity` names the model (e.g. "workorder"), `entity_id` its row; nothing here is ever updated."""

    entity = models.CharField(max_length=32)
    entity_id = models.BigIntegerField()
    action = models.CharField(_("操作"), max_length=32)
    from_state = models.CharField(max_length=32, blank=True)
    to_state = models.CharField(max_length=32, blank=True)
    actor_id = models.BigIntegerField(null=True)  # a public-schema user id (no cross-schema FK)
    actor_name = models.CharField(_("操作人"), max_length=64, blank=True)
    at = models.DateTimeField(_("时间"))
    note = models.TextField(_("说明"), blank=True, max_length=limits.NOTE)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["entity", "entity_id"], name="fd_event_entity")]

    def __str__(self) -> str:
        return f"{self.entity}#{self.entity_id} {self.action}"


def number_of(prefix: str, created_at, pk: int | None) -> str:
    """Register numbers such as GD-2026-000123, derived from the row (never reused, never edited)."""
    if pk is None:
        return ""
    return f"{prefix}-{created_at.year}-{pk:06d}"
