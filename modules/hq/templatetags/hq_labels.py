"""Chinese labels for what head office mirrors from the offices: complaint statuses, next steps and
timeline kinds arrive as codes (`registered`, `classify`); pages show the names from the complaints
module's choices (gettext, so the English UI translates them). An unknown code shows as is."""

from __future__ import annotations

from django import template

from modules.complaints import models as complaint_models
from modules.hq.models import EVENT_LABELS, HqComplaint

register = template.Library()

_STATUSES = {**dict(HqComplaint.STATUSES), **dict(complaint_models.STATUSES)}
_STEPS = dict(complaint_models.STEPS)


def _office_event_labels() -> dict:
    from modules.complaints.views.common import EVENT_LABELS as OFFICE_EVENT_LABELS

    return OFFICE_EVENT_LABELS


def status_label(code: str) -> str:
    return str(_STATUSES.get(code or "", code or ""))


@register.filter
def complaint_status_label(code: str) -> str:
    """`registered` → 已登记 (an office complaint status, or a head-office complaint status)."""
    return status_label(code)


@register.filter
def complaint_step_label(code: str) -> str:
    """`classify` → 分类并回复 (C-17 next step of an office complaint)."""
    return str(_STEPS.get(code or "", code or ""))


@register.filter
def hq_event_label(kind: str) -> str:
    """A timeline kind: head office's own names first, then the office complaint module's."""
    label = EVENT_LABELS.get(kind) or _office_event_labels().get(kind)
    return str(label) if label else kind
