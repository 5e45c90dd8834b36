"""C-16/C-17: what happens when a forwarded complaint's result is not reported by its due time. The
clock engine (core/clocks, declared in modules/hq/clocks.py) finds, locks and batches the rows; this
handler marks one row once per due time, writes its event and names the quality department manager."""

from __future__ import annotations

from datetime import datetime

from django.db import connection
from django.urls import reverse

from core.clocks import Notice
from core.permissions import HQ_QUALITY_MANAGER
from modules.hq.models import HqComplaint, HqComplaintEvent


def hq_result_overdue_mark(item: HqComplaint, now: datetime) -> Notice:
    """C-17: once per result due time: the marker, an event on the head-office timeline, and the
    quality department manager(s) told."""
    item.result_overdue_for = item.result_due_at
    item.save(update_fields=["result_overdue_for"])
    HqComplaintEvent.objects.create(complaint=item, at=now, kind="overdue", actor="系统", from_status=item.status,
                                    to_status=item.status, note="结果回报超时")
    return Notice(to=lambda members: members.users(members.with_roles(HQ_QUALITY_MANAGER)),
                  title=f"{item.office_name}转办投诉 {item.number} 结果回报超时", body=item.content[:200],
                  url=reverse("hq:complaint", args=[item.pk], urlconf="core.urls.hq"))


def overdue_key(item: HqComplaint, threshold: str = "overdue") -> str:
    """One reminder per result due time (C-17)."""
    return f"{connection.schema_name}:hq-complaint:{item.pk}:result@{int(item.result_due_at.timestamp())}:{threshold}"
