"""Demo figures at head office (issue 10 §5): each demo office pushes its figures of the last 12 months
through the bridge (core.figures.services.office_figures_push), after the rest of the demo data is made,
so head office's dashboard has offices side by side and a year of trends after `make demo`. A second run
replaces the same rows (a push replaces that office's rows of each figure and month): nothing is added."""

from __future__ import annotations

from django.utils import timezone

MONTHS = 12


def figures_seed(office) -> int:
    """Run in the office's schema (core/demo/__init__.py enters it): the push computes there."""
    from core.calendar import local
    from core.figures.services import months_back, office_figures_push

    months = months_back(today=local(timezone.now()).date(), count=MONTHS)
    return office_figures_push(office=office, months=months)
