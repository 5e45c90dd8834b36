"""Thin Celery tasks of the figures push."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="core.figures.tasks.figures_push_all")
def figures_push_all() -> dict:
    """Beat, nightly: every office's figures of this month and the last one, pushed to head office."""
    from core.figures.services import figures_push_every_office

    return figures_push_every_office()


@shared_task(name="core.figures.tasks.figures_push_office")
def figures_push_office(office_id: int, months: int = 2) -> int:
    """One office's figures now (after an event that changes them, or a backfill of up to 24 months)."""
    from core.figures.services import figures_push_every_office
    from tenants.models import Tenant

    office = Tenant.objects.filter(pk=office_id, type=Tenant.OFFICE, is_active=True).first()
    if office is None:
        return 0
    return figures_push_every_office(months=months, offices=[office]).get(office.schema_name, 0)
