"""Every read of the front desk. Department staff see only their own department's work orders (F-02)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from core.calendar import SHANGHAI, local
from core.errors import NotFound
from modules.frontdesk.models import (
    Contact,
    CustodyIncident,
    CustodyItem,
    Event,
    InspectionRound,
    MissedCall,
    Notice,
    Visitor,
    WorkOrder,
)
from modules.frontdesk.models import desk as d
from modules.frontdesk.models import inspections as ins
from modules.frontdesk.models import notices as n
from modules.frontdesk.models import work as wo
from modules.frontdesk.workorder_rules import actor_refusal, step_allowed


def today() -> date:
    return local(timezone.now()).date()


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=SHANGHAI)
    return start, start + timedelta(days=1)


def events_of(*, entity: str, entity_id: int) -> QuerySet[Event]:
    return Event.objects.filter(entity=entity, entity_id=entity_id)


def _get(qs: QuerySet, pk: int, what: str):
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise NotFound(f"{what}不存在。")
    return obj


# F-01
def contact_list(*, q: str = "", day: date | None = None) -> QuerySet[Contact]:
    qs = Contact.objects.all()
    if day:
        start, end = day_bounds(day)
        qs = qs.filter(received_at__gte=start, received_at__lt=end)
    if q := (q or "").strip():
        qs = qs.filter(Q(name__icontains=q) | Q(phone__contains=q) | Q(unit__icontains=q)
                       | Q(result_number__icontains=q) | Q(request__icontains=q))
    return qs


def contact_get(*, pk: int) -> Contact:
    return _get(Contact.objects.all(), pk, "登记")


# F-02
def workorder_queue(*, role: str, status: str = "", department: str = "", overdue: bool = False,
                    open_only: bool = False, due_today: bool = False) -> QuerySet[WorkOrder]:
    """A department's staff see their own queue; the front desk sees every department's. `due_today`:
    open orders due today (Asia/Shanghai), what the workbench's figure links to."""
    qs = WorkOrder.objects.all()
    if role in dict(wo.DEPARTMENTS):
        qs = qs.filter(department=role)
    elif department:
        qs = qs.filter(department=department)
    if status:
        qs = qs.filter(status=status)
    if open_only or overdue:
        qs = qs.filter(status__in=wo.OPEN_STATUSES)
    if overdue:
        qs = qs.filter(due_at__lt=timezone.now())
    if due_today:
        start, end = day_bounds(today())
        qs = qs.filter(status__in=wo.OPEN_STATUSES, due_at__gte=start, due_at__lt=end)
    return qs


def workorder_get_for_user(*, pk: int, role: str) -> WorkOrder:
    return _get(workorder_queue(role=role), pk, "工单")


# F-03
def workorder_actions_available(*, order: WorkOrder, role: str) -> list[str]:
    """F-02: the steps `role` may take on `order` now — the services' own predicates
    (modules.frontdesk.workorder_rules), so the page offers exactly what the service accepts."""
    return [action for (action, current), _target in wo.TRANSITIONS.items()
            if current == order.status and step_allowed(order, action=action)
            and not actor_refusal(order, action=action, role=role)]


def missed_call_list(*, open_only: bool = True) -> QuerySet[MissedCall]:
    qs = MissedCall.objects.all()
    return qs.filter(status=d.OPEN) if open_only else qs


def missed_call_get(*, pk: int) -> MissedCall:
    return _get(MissedCall.objects.all(), pk, "记录")


# F-04
def visitor_list(*, day: date | None = None, inside_only: bool = False) -> QuerySet[Visitor]:
    """The visitors registered on `day` (today by default); inside_only → those not yet signed out."""
    start, end = day_bounds(day or today())
    qs = Visitor.objects.select_related("building").filter(time_in__gte=start, time_in__lt=end)
    return qs.filter(status=d.INSIDE) if inside_only else qs


def visitor_get(*, pk: int) -> Visitor:
    return _get(Visitor.objects.all(), pk, "记录")


# F-05
def inspection_list(*, day: date | None = None, status: str = "") -> QuerySet[InspectionRound]:
    qs = InspectionRound.objects.select_related("building").prefetch_related("findings__work_order")
    if day:
        start, end = day_bounds(day)
        qs = qs.filter(started_at__gte=start, started_at__lt=end)
    return qs.filter(status=status) if status else qs


def inspections_to_review(*, day: date | None = None) -> QuerySet[InspectionRound]:
    """F-05: the previous day's submitted rounds the supervisor has not yet reviewed."""
    return inspection_list(day=day or today() - timedelta(days=1), status=ins.SUBMITTED)


def inspection_get(*, pk: int) -> InspectionRound:
    return _get(inspection_list(), pk, "巡查记录")


# M-01 residents' property in our care
def custody_list(*, status: str = "", household_id: int | None = None, q: str = "") -> QuerySet[CustodyItem]:
    qs = CustodyItem.objects.select_related("household__unit__building")
    if status:
        qs = qs.filter(status=status)
    if household_id:
        qs = qs.filter(household_id=household_id)
    if q := (q or "").strip():
        qs = qs.filter(Q(description__icontains=q) | Q(owner_name__icontains=q) | Q(household__name__icontains=q)
                       | Q(household__unit__number__iexact=q))
    return qs


def custody_get(*, pk: int) -> CustodyItem:
    return _get(custody_list(), pk, "物品登记")


def custody_incidents(*, open_only: bool = False, item_id: int | None = None) -> QuerySet[CustodyIncident]:
    """M-01: losses and damages; `open_only` → not yet resolved (told or not)."""
    qs = CustodyIncident.objects.select_related("item__household__unit__building")
    if item_id:
        qs = qs.filter(item_id=item_id)
    return qs.exclude(status="resolved") if open_only else qs


def custody_incident_get(*, pk: int) -> CustodyIncident:
    return _get(custody_incidents(), pk, "损失登记")


# F-06, M-01
def notice_list(*, status: str = "") -> QuerySet[Notice]:
    qs = Notice.objects.prefetch_related("buildings")
    return qs.filter(status=status) if status else qs


def notice_get(*, pk: int) -> Notice:
    return _get(notice_list(), pk, "通知")


def public_notices(*, now: datetime | None = None) -> QuerySet[Notice]:
    """The board residents see: published, publish time reached, not yet over — newest first.
    Expired notices leave the board by this filter alone (no job needed)."""
    now = now or timezone.now()
    return (Notice.objects.prefetch_related("buildings")
            .filter(status=n.PUBLISHED, publish_at__lte=now, ends_at__gt=now)
            .order_by("-publish_at", "-id"))


# the workbench (core/workbench.py; cards in modules/frontdesk/workbench.py)
def workorder_workbench_counts(*, role: str, now: datetime) -> dict:
    """F-02: the open orders of the role's queue, overdue and due today, in one query — each equal to the
    work-order list filter its number links to."""
    from django.db.models import Count

    start, end = day_bounds(local(now).date())
    return workorder_queue(role=role, open_only=True).aggregate(
        open=Count("pk"), overdue=Count("pk", filter=Q(due_at__lt=now)),
        due_today=Count("pk", filter=Q(due_at__gte=start, due_at__lt=end)))


def workorder_workbench_list(*, role: str, limit: int = 10) -> list[WorkOrder]:
    """F-02: the role's open orders, the earliest due first."""
    return list(workorder_queue(role=role, open_only=True).order_by("due_at", "id")[:limit])


def missed_call_open_count() -> int:
    """F-03: missed calls nobody has called back yet (reached the caller)."""
    return missed_call_list(open_only=True).count()


def missed_call_oldest(*, limit: int = 5) -> list[MissedCall]:
    """F-03: the longest-waiting missed calls first."""
    return list(missed_call_list(open_only=True).order_by("missed_at", "id")[:limit])
