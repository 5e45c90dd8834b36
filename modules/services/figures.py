"""The special-services figures offices push to head office (core/figures; S-06)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core.figures.registry import MONEY, figure_register

REVENUE, COST, MARGIN = "services.revenue", "services.cost", "services.margin"


def _item_figures(start: date, key: str):
    """S-06: one of revenue, cost or margin of the month (selectors.item_month_figures, the one S-06 reading):
    the office's total and each item's, the catalog item's id as the dimension `item:<id>`."""
    from modules.services.selectors import item_month_figures

    rows = item_month_figures(month=start)
    total = sum((r[key] for r in rows), Decimal("0.00"))
    return [("", total), *((f"item:{r['item_id']}", r[key]) for r in rows)]


def revenue(start: date, end: date):
    return _item_figures(start, "revenue")


def cost(start: date, end: date):
    return _item_figures(start, "cost")


def margin(start: date, end: date):
    return _item_figures(start, "margin")


def register() -> None:
    figure_register(name=REVENUE, label=_("特约服务收入"), kind=MONEY, compute=revenue)
    figure_register(name=COST, label=_("特约服务成本"), kind=MONEY, compute=cost)
    figure_register(name=MARGIN, label=_("特约服务毛利"), kind=MONEY, compute=margin)
