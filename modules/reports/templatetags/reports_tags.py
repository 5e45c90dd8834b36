"""Filters of the monthly report pages (C-18)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def percent(value) -> str:
    """0.925 → "92.5%"; None (nothing to measure) → "—"."""
    if value is None or value == "":
        return "—"
    try:
        return f"{Decimal(str(value)) * 100:.1f}%"
    except (InvalidOperation, ValueError):
        return "—"


@register.filter
def iso_moment(value) -> str:
    """An ISO time from a snapshot, as people read it (local time)."""
    if not value:
        return ""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%d %H:%M") if (moment.hour or moment.minute) else moment.strftime("%Y-%m-%d")


@register.filter
def narrative_of(narrative: dict, field: str) -> str:
    return (narrative or {}).get(field, "")
