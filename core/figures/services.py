"""Compute an office's figures and push them to head office (see core/figures/__init__.py)."""

from __future__ import annotations

import calendar
import logging
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from core.figures.registry import figures_all

logger = logging.getLogger(__name__)

MAX_MONTHS = 24  # a push or a backfill covers at most two years at once (bounded input)


def month_end(month: date) -> date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def months_back(*, today: date, count: int) -> list[date]:
    """The first days of the `count` months up to and including today's, oldest first."""
    first, months = today.replace(day=1), []
    for _ in range(max(1, min(int(count), MAX_MONTHS))):
        months.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    return months[::-1]


def office_figures_compute(*, month: date, names: list[str] | None = None) -> dict[str, list]:
    """Every registered figure (or those named) for one month, in the current office schema. A figure
    whose computation fails is logged and left out (its old rows at head office stay); the others still go."""
    start = month.replace(day=1)
    end = month_end(start)
    out = {}
    for figure in figures_all():
        if names is not None and figure.name not in names:
            continue
        try:
            with transaction.atomic():  # a failing query must not poison the push's transaction
                rows = figure.compute(start, end)
                if rows is not None:  # None: not measurable for this month (a "now" figure of a past month)
                    out[figure.name] = [(dim, value) for dim, value in rows]
        except Exception:
            logger.exception("figure %s failed for %s", figure.name, start)
    return out


def office_figures_push(*, office, months: list[date], names: list[str] | None = None) -> int:
    """Compute and push `office`'s figures for `months` (run in the office's schema). Returns rows stored."""
    from tenants.bridge import figures_push

    stored = 0
    for month in months[:MAX_MONTHS]:
        figures = office_figures_compute(month=month, names=names)
        if figures:
            stored += figures_push(office=office, period=month.replace(day=1), figures=figures)
    return stored


def figures_push_every_office(*, today: date | None = None, months: int = 2, offices=None) -> dict[str, int]:
    """The nightly beat: each active office (or those in `offices`) pushes this month's and last month's
    figures (`months` back), each office on its own (a failing office is logged, the others still push)."""
    from core.calendar import local
    from core.sweeps import for_each_office

    span = months_back(today=today or local(timezone.now()).date(), count=months)
    return for_each_office(name="figures push", offices=offices,
                           sweep=lambda *, office: office_figures_push(office=office, months=span))
