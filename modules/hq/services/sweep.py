"""The result-report sweep of head office (C-16, C-17): a forwarded complaint whose result is not
reported by its due time is overdue, and the quality department manager hears of it once."""

from __future__ import annotations

from datetime import datetime

from django.db import connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from core.sweeps import for_each_row
from modules.hq.models import HqComplaint


def hq_result_overdue_sweep(*, now: datetime | None = None) -> int:
    """For the hq tenant: tell the quality department manager(s) of every forwarded complaint whose
    result report is overdue (once per result: the dedupe key carries the due time). Rows are locked
    with skip_locked, so two sweeps at once never double up; one failing row is logged (and reported
    to Sentry through logging.exception), rolled back alone, and the others are still handled
    (core.sweeps)."""
    from tenants.selectors import hq_tenant

    hq, now = hq_tenant(), now or timezone.now()
    if hq is None:
        return 0
    with schema_context(hq.schema_name), transaction.atomic():
        rows = (HqComplaint.objects.select_for_update(skip_locked=True)
                .filter(result_due_at__lt=now, result_reported_at__isnull=True,
                        status__in=[HqComplaint.FORWARDED, HqComplaint.COMPLETED]).order_by("result_due_at", "id"))
        told = for_each_row(name="hq result sweep", rows=rows, handle=lambda item: _quality_notify(item=item, hq=hq))
    return told


def overdue_key(item: HqComplaint) -> str:
    """One reminder per result due time (C-17)."""
    return f"{connection.schema_name}:hq-complaint:{item.pk}:result@{int(item.result_due_at.timestamp())}:overdue"


def _quality_notify(*, item: HqComplaint, hq) -> int:
    from django.urls import reverse

    from core.notifications.services import notification_send
    from core.permissions import HQ_QUALITY_MANAGER
    from tenants.models import User

    managers = User.objects.filter(memberships__tenant=hq, memberships__role=HQ_QUALITY_MANAGER,
                                   memberships__is_active=True, is_active=True)
    sent = notification_send(
        users=managers, tenant=hq, title=f"{item.office_name}转办投诉 {item.number} 结果回报超时",
        body=item.content[:200], url=reverse("hq:complaint", args=[item.pk], urlconf="core.urls.hq"),
        dedupe_key=overdue_key(item))
    return len(sent)
