"""One beat task fans out one clocks task per office, and one for head office (issue 8 goal 3).

tenant-schemas-celery carries the schema in the task's headers, so each task runs its clocks in its own
tenant; a failing office is its own failed task and never holds up another. `clocks_run_everywhere`
does the same in this process, one tenant after another (tests, the demo, a manual catch-up)."""

from __future__ import annotations

import logging
from datetime import datetime

from django.utils import timezone
from django_tenants.utils import schema_context

from core.clocks import engine
from core.clocks.registry import clocks_all

logger = logging.getLogger(__name__)


def clock_tenants() -> list:
    """Every active office, then head office: the tenants whose schemas hold clocks."""
    from tenants.selectors import hq_tenant, office_list

    hq = hq_tenant()
    return list(office_list().order_by("id")) + ([hq] if hq is not None else [])


def clocks_fan_out(*, now: datetime | None = None) -> int:
    """Queue one `clocks_run` task per tenant (on the `clocks` queue); returns how many were queued.
    The moment and the catalog's threshold values are read once here and travel with every task, so
    an office's run reads no group setting and every office judges the same moment."""
    from core.clocks.tasks import clocks_run
    from core.tasks import enqueue

    now = now or timezone.now()
    leads = engine.clock_leads(clocks_all(), now=now)
    return sum(enqueue(clocks_run, now.isoformat(), leads, schema_name=tenant.schema_name)
               for tenant in clock_tenants())


def clocks_run_everywhere(*, now: datetime | None = None, names=None, tenants=None) -> dict[str, int]:
    """Every tenant's clocks in this process: {schema: rows handled} for the tenants that succeeded.
    A tenant that fails is logged (Sentry sees it through logging.exception) and the others go on."""
    now, results = now or timezone.now(), {}
    leads = engine.clock_leads(clocks_all(), now=now)
    for tenant in clock_tenants() if tenants is None else tenants:
        try:
            with schema_context(tenant.schema_name):
                results[tenant.schema_name] = sum(engine.clocks_run_here(now=now, names=names, leads=leads,
                                                                         tenant=tenant).values())
        except Exception:
            logger.exception("clocks failed for %s", tenant.schema_name)
    return results
