"""The training figures offices push to head office (core/figures; A-06, issue 12 §5)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext_lazy as _

from core.figures.registry import DEN, NUM, RATE, figure_register, rate_rows

PASS_RATE = "training.pass_rate"


def pass_rate(start: date, end: date):
    """A-06: the first sitting's pass rate of the month's exams (selectors.pass_rates, the one definition)
    with its counts, and each sitting's cumulative rate, passes and target (90% / 95% / 100%)."""
    from modules.training.selectors import pass_rates

    rows = pass_rates(month=start)
    first = rows[0] if rows else {"passed": 0, "examinees": 0}
    out = rate_rows(numerator=first["passed"], denominator=first["examinees"])
    for row in rows:
        sitting = row["sitting"]
        out += [(f"sitting{sitting}", None if row["rate"] is None else row["rate"] / 100),
                (f"sitting{sitting}:{NUM}", row["passed"]), (f"sitting{sitting}:{DEN}", row["examinees"]),
                (f"sitting{sitting}:target", row["target"] / 100)]
    return out


def register() -> None:
    figure_register(name=PASS_RATE, label=_("培训考核合格率"), kind=RATE, compute=pass_rate)
