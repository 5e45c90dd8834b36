"""Reads of the group catalog."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone

from modules.catalog.defaults import DEFAULTS, default_value, is_list_setting, value_text
from modules.catalog.models import CalendarOverride, Setting


def setting_value(key: str, *, at: datetime | None = None):
    """The value of `key` in force at `at` (now by default): the latest version effective by then,
    else the rule book's default (S-08)."""
    at = at or timezone.now()
    row = (
        Setting.objects.filter(key=key, effective_from__lte=at)
        .order_by("-effective_from", "-id")
        .values_list("value", flat=True)
        .first()
    )
    return default_value(key) if row is None else row


def setting_values(keys, *, at: datetime | None = None) -> dict:
    """`setting_value` of each of `keys` at `at`, in one query (the latest version of each key, DISTINCT
    ON key) rather than one per key."""
    at = at or timezone.now()
    keys = list(keys)
    rows = dict(Setting.objects.filter(key__in=keys, effective_from__lte=at)
                .order_by("key", "-effective_from", "-id").distinct("key").values_list("key", "value"))
    return {key: default_value(key) if rows.get(key) is None else rows[key] for key in keys}


def setting_upcoming(key: str, *, at: datetime | None = None) -> Setting | None:
    """The next version of `key` that takes effect after `at` (S-08: scheduled, not yet in force)."""
    at = at or timezone.now()
    return Setting.objects.filter(key=key, effective_from__gt=at).order_by("effective_from", "id").first()


def settings_overview(*, at: datetime | None = None) -> list[dict]:
    at = at or timezone.now()
    rows = []
    for key, spec in DEFAULTS.items():
        upcoming = setting_upcoming(key, at=at)
        value = setting_value(key, at=at)
        rows.append({"key": key, "rule": spec["rule"], "label": spec["label"], "default": spec["value"],
                     "value": value,
                     "upcoming_value": upcoming.value if upcoming else None,
                     "upcoming_from": upcoming.effective_from if upcoming else None,
                     "is_list": is_list_setting(key), "default_text": value_text(spec["value"]),
                     "value_text": value_text(value), "upcoming_text": value_text(upcoming.value) if upcoming else ""})
    return rows


def setting_history(*, key: str):
    return Setting.objects.filter(key=key).select_related("created_by")


SETTING_HISTORY_ROWS = 100


def setting_detail(*, key: str, at: datetime | None = None) -> dict | None:
    """One setting's page (S-08): its value in force, the next version scheduled and every version, newest
    effective date first, each marked in force / scheduled / past (value, effective date, who, when)."""
    if key not in DEFAULTS:
        return None
    at = at or timezone.now()
    spec = DEFAULTS[key]
    versions = list(setting_history(key=key).order_by("-effective_from", "-id")[:SETTING_HISTORY_ROWS])
    in_force = next((v.pk for v in versions if v.effective_from <= at), None)
    history = [{"value": v.value, "text": value_text(v.value), "effective_from": v.effective_from,
                "by": v.created_by, "at": v.created_at, "note": v.note,
                "state": "upcoming" if v.effective_from > at else ("current" if v.pk == in_force else "past")}
               for v in versions]
    upcoming = setting_upcoming(key, at=at)
    value = setting_value(key, at=at)
    return {"key": key, "rule": spec["rule"], "label": spec["label"], "default": spec["value"],
            "default_text": value_text(spec["value"]), "value": value, "value_text": value_text(value),
            "upcoming": upcoming, "upcoming_text": value_text(upcoming.value) if upcoming else "",
            "is_list": is_list_setting(key), "history": history}


def _latest_per_date():
    """Ids of the latest row of each date: the decision in force (DISTINCT ON date)."""
    return (CalendarOverride.objects.order_by("date", "-created_at", "-id").distinct("date")
            .values("id"))


def calendar_overrides(*, start=None, end=None):
    """The group decisions in force, one row per date; dates returned to the official calendar are
    left out."""
    qs = CalendarOverride.objects.filter(id__in=_latest_per_date(), is_working_day__isnull=False)
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    return qs.order_by("date")


def calendar_override_table() -> dict[date, bool]:
    """date → is working day, for every date with a group decision in force (core/calendar.py)."""
    return dict(calendar_overrides().values_list("date", "is_working_day"))


def calendar_override_current(*, day: date) -> CalendarOverride | None:
    """The latest change for `day`, if any (including one back to the official calendar)."""
    return CalendarOverride.objects.filter(date=day).order_by("-created_at", "-id").first()


def calendar_override_history(*, day: date | None = None):
    """Every change, newest first: who decided what for which date, and when."""
    qs = CalendarOverride.objects.select_related("created_by").order_by("-created_at", "-id")
    return qs.filter(date=day) if day else qs


def setting_changes_upcoming(*, at: datetime | None = None, limit: int = 10) -> list[dict]:
    """S-08: setting versions that take effect after `at`, the soonest first, with their label."""
    at = at or timezone.now()
    rows = (Setting.objects.filter(effective_from__gt=at).select_related("created_by")
            .order_by("effective_from", "id")[:limit])
    return [{"setting": row, "label": DEFAULTS.get(row.key, {}).get("label", row.key)} for row in rows]
