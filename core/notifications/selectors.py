from __future__ import annotations

from core.notifications.models import Notification


def notifications_for(*, user, tenant, unread_only: bool = False, limit: int | None = None):
    qs = Notification.objects.filter(user=user, tenant_id=tenant.pk)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs[:limit] if limit else qs


def unread_count(*, user, tenant) -> int:
    return Notification.objects.filter(user=user, tenant_id=tenant.pk, read_at__isnull=True).count()
