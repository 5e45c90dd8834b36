"""Head office's side of the figures push (DESIGN.md "Figures head office sees"). Called only by
tenants.bridge.figures_push, inside its transaction, in the hq schema."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.utils import timezone

from modules.hq.models import OfficeFigure

_PLACES = Decimal("0.0001")


def _value(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(_PLACES)


def figures_store(*, office_id: int, period: date, figures: dict[str, list[tuple[str, object]]]) -> int:
    """Replace what `office_id` pushed for `period` of each figure named in `figures` by the rows given
    (a dimension no longer computed disappears with its figure's old rows). Returns the rows stored."""
    now = timezone.now()
    old = OfficeFigure.objects.filter(office_id=office_id, period=period, figure__in=list(figures))
    deltas: dict[tuple[str, str], list] = {}
    for name, dim, value in old.values_list("figure", "dimension", "value"):
        delta = deltas.setdefault((name, dim), [Decimal(0), 0])
        delta[0] -= value or 0
        delta[1] -= 1
    old.delete()
    rows = [OfficeFigure(office_id=office_id, figure=name, period=period, dimension=str(dim)[:64],
                         value=_value(value), computed_at=now)
            for name, pairs in figures.items() for dim, value in pairs]
    OfficeFigure.objects.bulk_create(rows)
    for row in rows:
        delta = deltas.setdefault((row.figure, row.dimension), [Decimal(0), 0])
        delta[0] += row.value or 0
        delta[1] += 1
    _totals_add(period=period, deltas=deltas)
    return len(rows)


def _totals_add(*, period: date, deltas: dict[tuple[str, str], list]) -> None:
    """Add what this push changed to the group's totals (OfficeFigureTotal), one statement: an upsert that
    adds, so concurrent pushes of two offices both count (the row lock orders them)."""
    from django.db import connection

    changed = [(name, dim, total, count) for (name, dim), (total, count) in deltas.items() if total or count]
    if not changed:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO hq_officefiguretotal (figure, period, dimension, total, rows) "
            "SELECT f, %s, d, t, r FROM unnest(%s::varchar[], %s::varchar[], %s::numeric[], %s::int[]) AS x(f, d, t, r) "
            "ON CONFLICT (figure, period, dimension) DO UPDATE "
            "SET total = hq_officefiguretotal.total + EXCLUDED.total, rows = hq_officefiguretotal.rows + EXCLUDED.rows",
            [period, [c[0] for c in changed], [c[1] for c in changed], [c[2] for c in changed],
             [c[3] for c in changed]])
