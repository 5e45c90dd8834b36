"""Reads of an office's special services (S-02..S-05)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Avg, Count, Min, Q, Sum
from django.utils import timezone

from modules.services import models as m
from modules.services.catalog.selectors import (
    item_is_open,
    items_for_office,
    local_day,
    rate_in_force,
    rate_upcoming,
)


def offer_overview(*, at: datetime | None = None) -> list[dict]:
    """S-01/S-02: the catalog items this office may offer, whether it offers them, and their rates."""
    offered = dict(m.OfferedItem.objects.values_list("item_id", "active"))
    rows = []
    for item in items_for_office(office_id=connection.tenant.pk):
        rows.append({"item": item, "offered": offered.get(item.pk, False), "open": item_is_open(item, day=local_day(at)),
                     "rate": rate_in_force(item_id=item.pk, at=at), "upcoming": rate_upcoming(item_id=item.pk, at=at)})
    return rows


def offered_items(*, at: datetime | None = None) -> list[dict]:
    """S-02: what residents see on the office's public page: offered, open, with a rate in force."""
    return [row for row in offer_overview(at=at) if row["offered"] and row["open"] and row["rate"]]


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def _desk_filters(now: datetime) -> dict[str, Q]:
    """The workbench card's figures and the list filters behind them: one definition for both."""
    start, end = _day_bounds(local_day(now))
    waiting = Q(status__in=(m.BOOKED, m.PAID))  # the job is not done yet
    return {
        "to_quote": Q(status=m.BOOKED, quoted_at__isnull=True),  # S-03 an online booking waits for the desk
        "due_today": waiting & Q(wanted_at__gte=start, wanted_at__lt=end),
        "overdue": waiting & Q(wanted_at__lt=now),
        # S-05 money steps waiting for the cashier: a quoted deposit not yet taken, a checked job to settle
        "cashier": Q(status=m.BOOKED, quoted_at__isnull=False, quote_deposit__gt=0) | Q(status=m.CHECKED),
    }


DESK_FILTERS = ("to_quote", "due_today", "overdue", "cashier")


def booking_list(*, status: str = "", flag: str = "", now: datetime | None = None):
    """Bookings, newest first; `flag` one of DESK_FILTERS gives the rows a workbench number counts."""
    qs = m.Booking.objects.all()
    if flag in DESK_FILTERS:
        qs = qs.filter(_desk_filters(now or timezone.now())[flag])
    return qs.filter(status=status) if status else qs


def desk_counts(*, now: datetime) -> dict:
    """The special-services card of the workbench, one query (S-03..S-05)."""
    return m.Booking.objects.aggregate(**{key: Count("id", filter=q) for key, q in _desk_filters(now).items()})


def booking_get(*, booking_id: int) -> m.Booking | None:
    """A booking of this office (the schema is the office: another office's number is simply not here)."""
    return m.Booking.objects.filter(pk=booking_id).first()


def booking_detail(booking: m.Booking) -> dict:
    work = m.WorkRecord.objects.filter(booking=booking).prefetch_related("materials").first()
    return {"booking": booking, "events": list(booking.events.all()), "money": list(booking.money.all()),
            "work": work, "materials": list(work.materials.all()) if work else []}


def _kept_q() -> Q:
    """A kept deposit or the reversal of one (S-05): the entries that move no cash."""
    return Q(kind=m.KEPT) | Q(kind=m.REVERSAL, reverses__kind=m.KEPT)


def cashier_day_sheet(*, day: date | None = None) -> dict:
    """S-05: the cashier's day sheet: every entry of the day and totals per kind that reconcile with the
    sum of the entries (computed from the entries, not from totals kept on bookings). `kept` is the part of
    that net which moved no cash (deposits kept, and their reversals), `cash` the till's net: net − kept."""
    day = day or local_day()
    start = timezone.make_aware(datetime.combine(day, time.min))
    of_day = m.MoneyEntry.objects.filter(at__gte=start, at__lt=start + timedelta(days=1))
    entries = list(of_day.select_related("booking", "agreement", "reverses").order_by("at", "id"))
    zero = Decimal("0.00")
    totals = {kind: sum((e.amount for e in entries if e.kind == kind), start=zero) for kind, _ in m.MONEY_KINDS}
    sums = of_day.aggregate(net=Sum("amount"), kept=Sum("amount", filter=_kept_q()))
    net, kept = sums["net"] or zero, sums["kept"] or zero
    return {"day": day, "entries": entries, "totals": totals, "net": net, "kept": kept, "cash": net - kept,
            "total_rows": [(label, totals[kind]) for kind, label in m.MONEY_KINDS]}


def _kept_by_item(start: datetime, end: datetime):
    """S-06: deposits kept in [start, end) per agreement item, net of reversals entered in that time (each
    entry counts in the month it was entered: a later reversal never rewrites a past month)."""
    return (m.MoneyEntry.objects.filter(_kept_q(), agreement__isnull=False, at__gte=start, at__lt=end)
            .values("agreement__item_id").annotate(total=Sum("amount"), name=Min("agreement__item_name"))
            .order_by("agreement__item_id"))


def item_month_figures(*, month: date) -> list[dict]:
    """S-06: per item for the month of `month`: revenue (what settled jobs finally brought in: the net of their
    money entries, plus the agreements' deposits kept that month, also given as `kept`), cost (materials +
    hours × the catalog's internal hourly cost in force at month end) and margin; an item with a negative
    margin is flagged as running at a loss."""
    from decimal import Decimal

    from modules.catalog.selectors import setting_value

    start = timezone.make_aware(datetime.combine(month.replace(day=1), time.min))
    end = timezone.make_aware(datetime.combine((month.replace(day=28) + timedelta(days=4)).replace(day=1), time.min))
    hourly = Decimal(str(setting_value("service.internal_hourly_cost_yuan", at=end - timedelta(seconds=1))))
    settled = (m.ServiceEvent.objects.filter(action="settle", at__gte=start, at__lt=end).values_list("booking_id", flat=True))
    rows: dict[int, dict] = {}
    zero = Decimal("0.00")

    def row_of(item_id: int, item_name: str) -> dict:
        return rows.setdefault(item_id, {"item_id": item_id, "item_name": item_name, "jobs": 0, "revenue": zero,
                                         "kept": zero, "materials": zero, "labour": zero, "subcontracting": zero})

    for booking in m.Booking.objects.filter(pk__in=settled).prefetch_related("money", "work__materials"):
        row = row_of(booking.item_id, booking.item_name)
        row["jobs"] += 1
        row["revenue"] += sum((e.amount for e in booking.money.all()), start=zero)
        row["subcontracting"] += booking.subcontractor_fee or zero
        work = getattr(booking, "work", None)
        if work is not None:
            row["materials"] += sum((x.amount for x in work.materials.all()), start=zero)
            row["labour"] += (work.hours * hourly).quantize(Decimal("0.01"))
    for kept in _kept_by_item(start, end):  # KEPT entries are negative (out of the deposit held): revenue is −
        row = row_of(kept["agreement__item_id"], kept["name"])
        row["kept"] -= kept["total"]
        row["revenue"] -= kept["total"]
    for row in rows.values():
        row["cost"] = row["materials"] + row["labour"] + row["subcontracting"]
        row["margin"] = row["revenue"] - row["cost"]
        row["loss"] = row["margin"] < 0
    return sorted(rows.values(), key=lambda r: r["item_name"])


def subcontractor_list():
    """S-04: the register with each subcontractor's average evaluation."""
    from django.db.models import Avg

    return m.Subcontractor.objects.annotate(average_score=Avg("evaluations__score")).order_by("name", "id")


def _month_bounds(month: date) -> tuple[datetime, datetime]:
    first = month.replace(day=1)
    start = timezone.make_aware(datetime.combine(first, time.min))
    return start, timezone.make_aware(datetime.combine((first + timedelta(days=32)).replace(day=1), time.min))


def margin_rows(*, month: date) -> list[tuple[str, Decimal, Decimal, Decimal]]:
    """S-06: (item_code, revenue, cost, margin) per item for the month of `month`, from `item_month_figures`
    (the one definition); reads only, so it can be registered as a figure pushed to head office."""
    from modules.services.catalog.models import ServiceItem

    rows = item_month_figures(month=month)
    codes = dict(ServiceItem.objects.filter(pk__in=[r["item_id"] for r in rows]).values_list("pk", "code"))
    return [(codes.get(r["item_id"], str(r["item_id"])), r["revenue"], r["cost"], r["margin"]) for r in rows]


def _evaluations(month: date):
    start, end = _month_bounds(month)
    return m.Evaluation.objects.filter(at__gte=start, at__lt=end)


def evaluations_by_worker(*, month: date) -> list[dict]:
    """S-07 (seed 002 §4.5.4): each worker's evaluated jobs of the month and their average score (1–5),
    ready for staff assessment: [{"worker_name", "jobs", "average", "lowest"}], by name."""
    rows = (_evaluations(month).exclude(worker_name="").values("worker_name")
            .annotate(jobs=Count("id"), average=Avg("score"), lowest=Min("score")).order_by("worker_name"))
    return [{**row, "average": Decimal(str(row["average"])).quantize(Decimal("0.01"))} for row in rows]


def evaluations_by_subcontractor(*, month: date) -> list[dict]:
    """S-04/S-07: each subcontractor's evaluated jobs of the month and their average score."""
    rows = (_evaluations(month).filter(subcontractor__isnull=False).values("subcontractor_id", "subcontractor__name")
            .annotate(jobs=Count("id"), average=Avg("score"), lowest=Min("score")).order_by("subcontractor__name"))
    return [{"subcontractor_id": row["subcontractor_id"], "name": row["subcontractor__name"], "jobs": row["jobs"],
             "average": Decimal(str(row["average"])).quantize(Decimal("0.01")), "lowest": row["lowest"]}
            for row in rows]


# --- S-03: agreements and their service file ---------------------------------------------------------------
def agreement_list(*, status: str = ""):
    qs = m.ServiceAgreement.objects.all()
    return qs.filter(status=status) if status else qs


def agreement_get(*, agreement_id: int) -> m.ServiceAgreement | None:
    return m.ServiceAgreement.objects.filter(pk=agreement_id).first()


def agreement_file(agreement: m.ServiceAgreement) -> dict:
    """The agreement's service file 服务档案 (seed 002 §4.2.4): every job done under it with its work record
    and evaluation, its money and its steps."""
    jobs = list(agreement.jobs.select_related("work", "evaluation", "subcontractor").order_by("wanted_at", "id"))
    money_rows = list(agreement.money.all())
    return {"agreement": agreement, "jobs": jobs, "money": money_rows, "events": list(agreement.events.all()),
            "held": sum((e.amount for e in money_rows), start=Decimal("0.00")),
            "done": sum(1 for b in jobs if b.status in (m.DONE, m.CONFIRMED, m.CHECKED, m.SETTLED))}
