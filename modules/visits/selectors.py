"""Reads of return visits (V-05) and the one satisfaction rate (V-04)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from core.calendar import SHANGHAI, local
from core.errors import NotFound
from modules.catalog.selectors import setting_value
from modules.visits import models as m
from modules.visits.models import ReturnVisit


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=SHANGHAI)
    return start, start + timedelta(days=1)


def visit_queue(*, now: datetime, due_today: bool = False, overdue: bool = False, source_kind: str = "",
                status: str = m.DUE) -> QuerySet:
    """V-05: the visits to make (or of `status`), soonest due first; filters: due today (local day),
    overdue, source kind."""
    qs = ReturnVisit.objects.all()
    if status:
        qs = qs.filter(status=status)
    if source_kind:
        qs = qs.filter(source_kind=source_kind)
    if overdue:
        qs = qs.filter(status=m.DUE, due_at__lt=now)
    if due_today:
        start, end = _day_bounds(local(now).date())
        qs = qs.filter(due_at__gte=start, due_at__lt=end)
    return qs.annotate(attempt_count=Count("attempts")).order_by("due_at", "id")


def visit_get(*, pk: int) -> ReturnVisit:
    visit = ReturnVisit.objects.filter(pk=pk).prefetch_related("attempts", "events").first()
    if visit is None:
        raise NotFound("回访不存在。")
    return visit


def visit_counts(*, now: datetime) -> dict:
    """The queue's and the workbench card's figures, in one query."""
    start, end = _day_bounds(local(now).date())
    due = Q(status=m.DUE)
    return ReturnVisit.objects.aggregate(
        due=Count("id", filter=due), overdue=Count("id", filter=due & Q(due_at__lt=now)),
        due_today=Count("id", filter=due & Q(due_at__gte=start, due_at__lt=end)))


def source_url(visit: ReturnVisit) -> str:
    """One click from a visit to its source record (an agreement's page belongs to the services module)."""
    if visit.source_kind == m.COMPLAINT:
        return f"/complaints/{visit.source_id}/"
    if visit.source_kind == m.WORKORDER:
        return f"/frontdesk/workorders/{visit.source_id}/"
    if visit.source_kind == m.SERVICE:
        return f"/services/bookings/{visit.source_id}/"
    if visit.source_kind == m.AGREEMENT:
        return f"/services/agreements/{visit.source_id}/"
    return ""


def satisfaction_rate(*, start: date, end: date, source_kind: str | None = None) -> dict:
    """V-04, the one definition: satisfied answers ÷ all answers of visits answered from `start` to `end`
    (local dates, inclusive). Which answers count as satisfied is the catalog's `visits.satisfied_answers`
    in force at the period's end (by default 满意 and 基本满意; 不满意 never). `rate` is None when nobody
    answered. Used by the visits page; the monthly report and dashboards call it too."""
    lo, _ = _day_bounds(start)
    _, hi = _day_bounds(end)
    counted = satisfied_answers(at=hi)
    qs = ReturnVisit.objects.filter(status=m.ANSWERED, answered_at__gte=lo, answered_at__lt=hi)
    if source_kind:
        qs = qs.filter(source_kind=source_kind)
    figures = qs.aggregate(answers=Count("id"), satisfied=Count("id", filter=Q(answer__in=counted)),
                           **{f"n_{a}": Count("id", filter=Q(answer=a)) for a, _label in m.ANSWERS})
    total = figures["answers"]
    return {"answers": total, "satisfied": figures["satisfied"],
            "by_answer": {a: figures[f"n_{a}"] for a, _label in m.ANSWERS},
            "rate": (figures["satisfied"] / total) if total else None}


def satisfied_answers(*, at: datetime) -> set[str]:
    """V-04: the answers counted as satisfied at `at` (the catalog's `visits.satisfied_answers`; a moment
    still to come reads today's value)."""
    return set(setting_value("visits.satisfied_answers", at=min(at, timezone.now())))


def satisfaction_rate_of(*, by_answer: dict[str, int], at: datetime) -> dict:
    """V-04 over answers counted elsewhere (a survey's rated questions, figures pushed to head office):
    the same definition and the same shape as `satisfaction_rate`. `by_answer` counts answers by the
    codes of `models.ANSWERS`; other keys are ignored."""
    counts = {a: int(by_answer.get(a) or 0) for a, _label in m.ANSWERS}
    counted = satisfied_answers(at=at)
    total = sum(counts.values())
    satisfied = sum(n for a, n in counts.items() if a in counted)
    return {"answers": total, "satisfied": satisfied, "by_answer": counts,
            "rate": (satisfied / total) if total else None}


# --- resident visits (V-01, V-02) --------------------------------------------------------------------

def plan_progress(*, plan_id: int) -> list[dict]:
    """V-02: visited / planned per building of a plan, in roster order."""
    from modules.visits.models import PlanTarget

    rows = (PlanTarget.objects.filter(plan_id=plan_id)
            .values("household__unit__building__name", "household__unit__building__sort_key")
            .annotate(planned=Count("id"), visited=Count("id", filter=Q(visited_at__isnull=False)))
            .order_by("household__unit__building__sort_key"))
    return [{"building": r["household__unit__building__name"], "planned": r["planned"], "visited": r["visited"]}
            for r in rows]


def resident_visit_figures(*, month: date, worst: int = 3, quotes: int = 5) -> dict:
    """V-02: a month's visits: average and count per topic, the buildings with the lowest average,
    and a few residents' words."""
    from modules.visits.models import ResidentVisit

    lo, _ = _day_bounds(month.replace(day=1))
    hi, _ = _day_bounds((month.replace(day=1) + timedelta(days=32)).replace(day=1))
    visits = list(ResidentVisit.objects.filter(visited_at__gte=lo, visited_at__lt=hi)
                  .values("ratings", "comments", "household__unit__building__name"))
    topics: dict[str, list[int]] = {key: [] for key, _label in m.TOPICS}
    buildings: dict[str, list[int]] = {}
    for v in visits:
        for key, value in (v["ratings"] or {}).items():
            if key in topics:
                topics[key].append(value)
                buildings.setdefault(v["household__unit__building__name"], []).append(value)
    per_topic = [{"topic": key, "count": len(vals), "average": round(sum(vals) / len(vals), 2) if vals else None}
                 for key, vals in topics.items()]
    worst_rows = sorted(({"building": b, "average": round(sum(v) / len(v), 2)} for b, v in buildings.items()),
                        key=lambda r: (r["average"], r["building"]))[:worst]
    words = [v["comments"][:200] for v in visits if v["comments"]][:quotes]
    return {"visits": len(visits), "topics": per_topic, "worst_buildings": worst_rows, "quotes": words}


def visit_plan_list() -> QuerySet:
    from modules.visits.models import VisitPlan

    return VisitPlan.objects.order_by("-period_start", "-id")


def visit_plan_get(*, pk: int):
    from modules.visits.models import VisitPlan

    plan = VisitPlan.objects.filter(pk=pk).first()
    if plan is None:
        raise NotFound("走访计划不存在。")
    return plan


def resident_visit_get(*, pk: int):
    from modules.visits.models import ResidentVisit

    visit = ResidentVisit.objects.filter(pk=pk).first()
    if visit is None:
        raise NotFound("走访记录不存在。")
    return visit


def visit_summary_get(*, pk: int):
    from modules.visits.models import MonthlyVisitSummary

    row = MonthlyVisitSummary.objects.filter(pk=pk).select_related("signed_by").first()
    if row is None:
        raise NotFound("走访总结不存在。")
    return row


def visit_summary_list(*, limit: int = 12) -> list:
    from modules.visits.models import MonthlyVisitSummary

    return list(MonthlyVisitSummary.objects.order_by("-month")[:limit])


def plan_staff_split(*, plan_id: int) -> list[dict]:
    """V-02: how the plan's households are split among its staff — per person: planned, visited and the
    first and last building of their block (roster order), in the order the blocks were cut."""
    from django.db.models import Max, Min

    from modules.visits.models import PlanTarget

    rows = (PlanTarget.objects.filter(plan_id=plan_id)
            .values("staff_id", "staff__display_name", "staff__username")
            .annotate(planned=Count("id"), visited=Count("id", filter=Q(visited_at__isnull=False)),
                      first=Min("household__unit__building__sort_key"), last=Max("household__unit__building__sort_key"),
                      first_id=Min("id"))
            .order_by("first_id"))
    names = _building_names({key for r in rows for key in (r["first"], r["last"])})
    return [{"staff_id": r["staff_id"], "name": r["staff__display_name"] or r["staff__username"],
             "planned": r["planned"], "visited": r["visited"],
             "buildings": " – ".join(dict.fromkeys(names.get(k, "") for k in (r["first"], r["last"])))}
            for r in rows]


def _building_names(sort_keys: set) -> dict:
    from modules.residents.models import Building

    return dict(Building.objects.filter(sort_key__in=sort_keys).values_list("sort_key", "name"))


def split_preview(*, staff_ids: list[int]) -> list[dict]:
    """V-02: the split a new plan would make among `staff_ids` (the same `plan_split` as the plan's
    creation): per person, how many households and from which building to which."""
    from modules.residents.models import Household
    from modules.visits.resident_services import plan_split, roster_household_ids

    pairs = plan_split(roster_household_ids(), staff_ids)
    ends: dict[int, list[int]] = {s: [] for s in staff_ids}  # everyone chosen, even with no household
    for household, staff in pairs:
        ends.setdefault(staff, []).append(household)
    edge_ids = {ids[0] for ids in ends.values() if ids} | {ids[-1] for ids in ends.values() if ids}
    building_of = dict(Household.objects.filter(pk__in=edge_ids).values_list("pk", "unit__building__name"))
    return [{"staff_id": s, "planned": len(ids),
             "buildings": " – ".join(dict.fromkeys((building_of[ids[0]], building_of[ids[-1]]))) if ids else "—"}
            for s, ids in ends.items()]


def plan_targets_to_visit(*, plan_id: int, staff_id: int | None = None, building_id: int | None = None) -> QuerySet:
    """V-02: the plan's households not yet visited, in roster order (filters: staff member, building)."""
    from modules.visits.models import PlanTarget

    qs = PlanTarget.objects.filter(plan_id=plan_id, visited_at__isnull=True)
    if staff_id:
        qs = qs.filter(staff_id=staff_id)
    if building_id:
        qs = qs.filter(household__unit__building_id=building_id)
    return (qs.select_related("household__unit__building", "staff")
            .order_by("household__unit__building__sort_key", "household__unit__sort_key", "household_id"))


def plan_target_get(*, plan_id: int, household_id: int):
    from modules.visits.models import PlanTarget

    target = (PlanTarget.objects.filter(plan_id=plan_id, household_id=household_id)
              .select_related("plan", "household__unit__building", "staff").first())
    if target is None:
        raise NotFound("这一户不在该走访计划中。")
    return target


def plan_recent_visits(*, plan_id: int, limit: int = 10) -> list:
    """The plan's latest visits (newest first), with their household."""
    from modules.visits.models import ResidentVisit

    return list(ResidentVisit.objects.filter(target__plan_id=plan_id)
                .select_related("household__unit__building", "visited_by").order_by("-visited_at", "-id")[:limit])


def resident_visit_detail(*, pk: int):
    """One visit with its household, feedback and history (V-01, V-02)."""
    from modules.visits.models import ResidentVisit

    visit = (ResidentVisit.objects.filter(pk=pk).select_related("household__unit__building", "visited_by", "target")
             .prefetch_related("feedback__by", "events__user").first())
    if visit is None:
        raise NotFound("走访记录不存在。")
    return visit


def visit_staff_list(*, tenant) -> list[dict]:
    """The office's active people who record visits (visits.handle): whom a plan can be split among."""
    from core.permissions import PERMISSIONS, role_label
    from tenants.models import Membership

    rows = (Membership.objects.filter(tenant_id=tenant.pk, is_active=True, user__is_active=True,
                                      role__in=PERMISSIONS["visits.handle"])
            .select_related("user").order_by("role", "user__username"))
    return [{"user_id": r.user_id, "name": r.user.display_name or r.user.username, "role": r.role,
             "role_label": role_label(r.role)} for r in rows]


def roster_household_count() -> int:
    from modules.residents.models import Household

    return Household.objects.filter(is_active=True).count()


def visit_summary_events(*, summary_id: int) -> list:
    from modules.visits.models import ResidentVisitEvent

    return list(ResidentVisitEvent.objects.filter(summary_id=summary_id).select_related("user"))


def visit_summary_missing_month(*, today: date) -> date | None:
    """Last month, when its summary is not drafted yet (the page offers to draft it), else None."""
    from modules.visits.models import MonthlyVisitSummary

    last = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    return None if MonthlyVisitSummary.objects.filter(month=last).exists() else last


def current_plan_figures(*, today: date, user_id: int) -> dict | None:
    """The workbench card (V-02): the plan whose period covers `today` (the latest one) with its visited /
    planned households, overall and the user's own. Two queries; None without a current plan."""
    from modules.visits.models import PlanTarget, VisitPlan

    plan = (VisitPlan.objects.filter(period_start__lte=today, period_end__gte=today)
            .order_by("-period_start", "-id").first())
    if plan is None:
        return None
    mine, done = Q(staff_id=user_id), Q(visited_at__isnull=False)
    figures = PlanTarget.objects.filter(plan=plan).aggregate(
        planned=Count("id"), visited=Count("id", filter=done),
        my_planned=Count("id", filter=mine), my_visited=Count("id", filter=mine & done))
    return {"plan": plan, **figures, "my_left": figures["my_planned"] - figures["my_visited"]}
