"""Demo figures at head office (issue 10 §5): each demo office pushes its figures of the last 12 months
through the bridge (core.figures.services.office_figures_push), after the rest of the demo data is made,
so head office's dashboard has offices side by side and a year of trends after `make demo`. A second run
replaces the same rows (a push replaces that office's rows of each figure and month): nothing is added."""

from __future__ import annotations

from django.utils import timezone
from django_tenants.utils import tenant_context

MONTHS = 12


def figures_seed(office) -> int:
    from core.calendar import local
    from core.figures.services import months_back, office_figures_push

    months = months_back(today=local(timezone.now()).date(), count=MONTHS)
    with tenant_context(office):
        return office_figures_push(office=office, months=months)
