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
    OfficeFigure.objects.filter(office_id=office_id, period=period, figure__in=list(figures)).delete()
    rows = [OfficeFigure(office_id=office_id, figure=name, period=period, dimension=str(dim)[:64],
                         value=_value(value), computed_at=now)
            for name, pairs in figures.items() for dim, value in pairs]
    OfficeFigure.objects.bulk_create(rows)
    return len(rows)
