"""The registry of figures (see core/figures/__init__.py).

A figure's `compute(start, end)` runs in an office schema and returns `(dimension, value)` pairs for the
local dates [start, end] (one calendar month): dimension "" is the figure itself; a rate also returns its
numerator and denominator as the dimensions `NUM` and `DEN`, so a group-wide rate is Σ num ÷ Σ den, never an
average of rates. Other dimensions break a figure down (a category, an item, a building). A value of None
means "nothing to measure" (no answers, no complaints due) and is stored as such, never as 0. `compute`
returning None instead of rows leaves what head office holds for that month alone: a figure of the present
state ("open now") is computed only for the month that contains today."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

NUM, DEN = "num", "den"
RATE, COUNT, MONEY, SCORE = "rate", "count", "money", "score"
KINDS = (RATE, COUNT, MONEY, SCORE)

Rows = Iterable[tuple[str, Decimal | int | float | None]]


@dataclass(frozen=True)
class Figure:
    name: str
    label: str
    kind: str
    compute: Callable[[date, date], Rows]


_FIGURES: dict[str, Figure] = {}


def figure_register(*, name: str, label, kind: str, compute: Callable[[date, date], Rows]) -> Figure:
    """Declare a figure (from an AppConfig.ready()); declaring the same name twice replaces it."""
    if kind not in KINDS:
        raise ValueError(f"unknown figure kind {kind!r}")
    if not name or len(name) > 64:
        raise ValueError("a figure's name is 1..64 characters")
    figure = Figure(name=name, label=label, kind=kind, compute=compute)
    _FIGURES[name] = figure
    return figure


def figure_get(name: str) -> Figure | None:
    return _FIGURES.get(name)


def figures_all() -> list[Figure]:
    return sorted(_FIGURES.values(), key=lambda f: f.name)


def rate_rows(*, numerator: int, denominator: int) -> list[tuple[str, Decimal | None]]:
    """The three rows of a rate figure: the rate (None when the denominator is 0), its numerator and
    denominator."""
    rate = (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.0001")) if denominator else None
    return [("", rate), (NUM, Decimal(numerator)), (DEN, Decimal(denominator))]
