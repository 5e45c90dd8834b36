"""Chinese labels for the duty module's event codes, so no page shows `opened →open` or
`item_checked pending→ok` (the codes stay in DutyEvent rows; the labels live here and in the models'
choices, both gettext so the English UI translates them)."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext_lazy as _

from modules.duty.models import Assignment, DutyRequest, Handover, HandoverItem, ShiftInstance

register = template.Library()

EVENT_LABELS = {
    "added": _("记录"), "archived": _("归档"), "arrived": _("到岗"), "assigned": _("排班"),
    "corrected": _("更正"), "decided": _("审批"), "item_checked": _("清点物品"), "log_read": _("阅读值班记录"),
    "log_signed": _("值班主任签字"), "opened": _("发起交接班"), "released": _("主管放行"), "requested": _("申请"),
    "saved": _("保存"), "signed": _("签字"), "status": _("状态变更"), "superseded": _("替换"),
    "withdrawn": _("撤回"), "area_checked": _("接班检查区域"), "anomaly_explained": _("交班人解释异常"),
    "incoming_named": _("主管指定接班人"),
}

# which choices name the statuses of an event, by the event's object type (an item check names item states)
_STATUS_CHOICES = {
    "handover": dict(Handover.STATUSES), "instance": dict(ShiftInstance.STATUSES),
    "request": dict(DutyRequest.STATUSES), "assignment": dict(Assignment.STATUSES),
    "month": {"archived": _("已归档")},
}
_ITEM_STATES = dict(HandoverItem.STATES)


@register.filter
def duty_event_label(event) -> str:
    """The Chinese name of `event.kind`; an unknown code shows as is rather than disappearing."""
    return str(EVENT_LABELS.get(event.kind, event.kind))


def _status_label(event, code: str) -> str:
    if not code:
        return ""
    choices = _ITEM_STATES if event.kind == "item_checked" else _STATUS_CHOICES.get(event.object_type, {})
    return str(choices.get(code, code))


@register.filter
def duty_from_label(event) -> str:
    return _status_label(event, event.from_status)


@register.filter
def duty_to_label(event) -> str:
    return _status_label(event, event.to_status)


SOURCE_LABELS = {"complaint": _("投诉"), "contact": _("来电来访"), "workorder": _("工单"),
                 "inspection_finding": _("巡查发现")}


@register.filter
def duty_source_label(source_type: str) -> str:
    """The Chinese name of an automatic entry's source record (`complaint` → 投诉)."""
    return str(SOURCE_LABELS.get(source_type or "", source_type or ""))


def record_text(source_type: str, number: str) -> str:
    """A linked record as staff read it: its kind and number (投诉 TS-2026-0008); "" without a
    number — never a database id."""
    if not source_type:
        return ""
    return f"{duty_source_label(source_type)} {number}".strip()


@register.filter
def duty_source_text(entry) -> str:
    """The record an automatic entry comes from (and the second record of the same event), by number."""
    texts = [record_text(entry.source_type, entry.source_number), record_text(entry.link_type, entry.link_number)]
    return "、".join(t for t in texts if t)
