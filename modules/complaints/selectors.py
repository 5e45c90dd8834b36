"""Every read of complaints (DESIGN.md convention 1)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.db.models import Count, F, Prefetch, Q, QuerySet, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.calendar import SHANGHAI, local
from core.errors import NotFound
from core.validators import normalize_phone
from modules.complaints.models import (
    OPEN_STATUSES,
    PUBLIC_IN_HAND,
    PUBLIC_STAGE_OF_EVENT,
    PUBLIC_STAGE_OF_STATUS,
    PUBLIC_STAGES,
    Complaint,
    Incident,
    Referral,
    Reply,
)

# what a resident may see of the history (no staff names, no internal notes): models.PUBLIC_STAGE_OF_EVENT
PUBLIC_KINDS = frozenset(PUBLIC_STAGE_OF_EVENT)


def _iso(moment) -> str | None:
    return moment.isoformat() if moment else None


def complaint_unit(complaint: Complaint) -> str:
    if complaint.household_id:
        return str(complaint.household.unit)
    return complaint.unit_text


def complaint_snapshot(complaint: Complaint) -> dict:
    """What head office sees of an office complaint (the bridge carries it, C-11/C-16)."""
    incident = complaint.incident
    households = incident.complaints.exclude(household=None).values("household").distinct().count() \
        if incident else (1 if complaint.household_id else 0)
    return {
        "office_complaint_id": complaint.pk, "number": complaint.number, "status": complaint.status,
        "status_label": str(complaint.get_status_display()), "classification": complaint.classification,
        "urgent": complaint.urgent, "serious": complaint.serious, "collective": complaint.collective,
        "households": households, "category": complaint.category, "channel": complaint.channel,
        "content": complaint.content, "unit": complaint_unit(complaint),
        "complainant_name": complaint.complainant_name, "complainant_phone": complaint.complainant_phone,
        "received_at": _iso(complaint.received_at), "due_at": _iso(complaint.due_at),
        "next_step": complaint.next_step,
        "overdue": complaint.step_overdue or bool(complaint.due_at and timezone.now() > complaint.due_at),
        "hq_ref": complaint.hq_ref, "completed_at": _iso(complaint.completed_at),
        "incident_id": complaint.incident_id,  # C-10: head office shows one inbox row per incident
        "events": [
            {"at": _iso(e.at), "kind": e.kind, "actor": e.actor_name, "from": e.from_status,
             "to": e.to_status, "note": e.note}
            for e in complaint.events.all()  # Meta.ordering (at, id); prefetched by complaint_get
        ],
    }


def complaint_list(*, status: str = "", classification: str = "", overdue: bool | None = None,
                   due_today: bool = False, building_id: int | None = None, assignee_id: int | None = None,
                   collective: bool | None = None, open_only: bool = False, number: str = "", hq_ref: str = "",
                   next_step: str = "", received_month: date | None = None, deadline_month: date | None = None,
                   late: bool | None = None, household_id: int | None = None, now=None) -> QuerySet[Complaint]:
    """Complaints of this office, the next deadline first (C-17); joins fixed, so one query per page.
    `open_only`: the working queue (not yet closed or carried on by a new complaint). `number` (C-02)
    and `hq_ref` (head office's reference, C-16) match exactly, ignoring case. The workbench's figures
    link here: `next_step` and `received_month` (open by step, a month's first day), `deadline_month`
    with `late` (the complaints the month's on-time rate counts, C-17, and the late ones among them).
    `household_id`: one household's complaints (P-02; the unit history links here)."""
    now = now or timezone.now()
    qs = Complaint.objects.select_related("household__unit__building", "incident")
    if status:
        qs = qs.filter(status=status)
    elif open_only:
        qs = qs.filter(status__in=OPEN_STATUSES)
    if classification:
        qs = qs.filter(classification=classification)
    if overdue is not None:
        late = Q(step_overdue=True) | Q(due_at__lt=now, status__in=OPEN_STATUSES)
        qs = qs.filter(late) if overdue else qs.exclude(late)
    if due_today:
        day = local(now).date()
        qs = qs.filter(status__in=OPEN_STATUSES, due_at__date=day)
    if building_id:
        qs = qs.filter(household__unit__building_id=building_id)
    if household_id:
        qs = qs.filter(household_id=household_id)
    if assignee_id:
        qs = qs.filter(assignee_id=assignee_id)
    if collective is not None:
        qs = qs.filter(collective=collective)
    if number:
        qs = qs.filter(number__iexact=number.strip())
    if hq_ref:
        qs = qs.filter(hq_ref__iexact=hq_ref.strip())
    if next_step:
        qs = qs.filter(next_step=next_step)
    if received_month:
        start, end = month_bounds(received_month)
        qs = qs.filter(received_at__gte=start, received_at__lt=end)
    if deadline_month:
        qs = qs.filter(pk__in=_month_counted(deadline_month, now, late).values("pk"))
    return qs.order_by(F("due_at").asc(nulls_last=True), "-received_at", "id")


def complaint_get(*, pk: int) -> Complaint:
    """One complaint of this office with its history, replies, referrals and spot checks; 404 else."""
    complaint = (Complaint.objects.select_related("household__unit__building", "incident", "reopened_from")
                 .prefetch_related("events", "replies__signature", "referrals", "spot_checks", "attachments",
                                   "reopened_as")
                 .filter(pk=pk).first())
    if complaint is None:
        raise NotFound("没有这条投诉。")
    return complaint


UNIT_HISTORY_LIMIT = 10


def complaint_unit_history(*, household_id: int | None, exclude_id: int | None = None,
                           limit: int = UNIT_HISTORY_LIMIT) -> dict:
    """P-02: a household's complaints, most recent first, at most `limit` (`more` says there are others),
    shown beside a complaint being registered and on a complaint's page (`exclude_id`: that one). One
    query on the household's index, however many the household has."""
    if not household_id:
        return {"household_id": None, "rows": [], "more": False}
    qs = Complaint.objects.filter(household_id=household_id)
    if exclude_id:
        qs = qs.exclude(pk=exclude_id)
    rows = list(qs.only("id", "number", "received_at", "category", "status", "household_id")
                .order_by("-received_at", "-id")[:limit + 1])
    return {"household_id": household_id, "rows": rows[:limit], "more": len(rows) > limit}


# columns a row of the complaint list API (api/complaints ComplaintOut) never shows: a page leaves them in
# the database (13 of the row's 40 columns, 7 of them moments to decode; issue 8 goal 4)
LIST_ROW_UNREAD = ("expectation", "requested_reply_at", "idempotency_key", "source_type", "source_id", "sla",
                   "agreed_reply_at", "assignee_role", "reply_due_at", "due_soon_marked_at", "onspot_reported_at",
                   "result_reported_at", "created_at")


def complaint_rows(qs: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """`qs` (from `complaint_list`) for a page of API list rows: the columns a row shows; the households of
    the page's rows, with their unit and building, read by a second query only when a row has one (a
    four-table join costs the page query three times its planning, for every page, households or not;
    issue 8 goal 4); the incident is shown by its key, the complaint's own column."""
    from modules.residents.models import Household

    households = Household.objects.select_related("unit__building").only(
        "id", "unit", "unit__number", "unit__building", "unit__building__name")
    return (qs.select_related(None).defer(*LIST_ROW_UNREAD)
            .prefetch_related(Prefetch("household", queryset=households)))


# what a complaint can have only after its registration: the answer to a registration does not read them
NOT_YET_AT_REGISTRATION = ("replies", "referrals", "spot_checks", "reopened_as")


def complaint_get_registered(*, complaint: Complaint, attachments: bool = True) -> Complaint:
    """The complaint this request has just registered (C-01/C-02), as `complaint_get` reads it: the
    registration's own instance (every column was written from it) with its household read when it has
    one and its events — the rows the registration wrote (`events_written`), not read back — without the
    queries for what a new complaint cannot have yet: no reply, referral, spot check, reopening or
    incident, and no attachment when none came with it (issue 8 goal 4)."""
    from modules.residents.models import Household

    if complaint.household_id is not None:
        complaint.household = Household.objects.select_related("unit__building").get(pk=complaint.household_id)
    written = getattr(complaint, "events_written", None)  # the registration's own event rows: not read back
    prefetch_related_objects([complaint], *([] if written is not None else ["events"]),
                             *(["attachments"] if attachments else []))
    cache = complaint.__dict__.setdefault("_prefetched_objects_cache", {})
    if written is not None:
        cache["events"] = _evaluated(complaint.events.all(), sorted(written, key=lambda e: (e.at, e.pk)))
    for name in NOT_YET_AT_REGISTRATION + (() if attachments else ("attachments",)):
        cache[name] = _evaluated(getattr(complaint, name).none(), [])
    return complaint


def _evaluated(qs: QuerySet, rows: list) -> QuerySet:
    """`qs` already holding `rows`, as a prefetch leaves it: reading it runs nothing — not even the
    compiling of a query that `.none()` would answer empty (issue 8 goal 4: four of them per answer)."""
    qs._result_cache, qs._prefetch_done = rows, True
    return qs


def complaints_for_spot_check(*, start: date, end: date) -> QuerySet[Complaint]:
    """C-19: complaints received in [start, end] (local dates), for the director to pick and check."""
    return (complaint_list().filter(received_at__date__gte=start, received_at__date__lte=end)
            .prefetch_related("spot_checks").order_by("received_at", "id"))


def incident_list() -> QuerySet[Incident]:
    return Incident.objects.annotate(
        households=Count("complaints__household", distinct=True), complaint_count=Count("complaints")
    ).order_by("-created_at", "-id")


def complaint_referral_get(*, complaint_id: int, referral_id: int) -> Referral:
    """C-08: one referral letter of this complaint (printable); 404 else."""
    referral = Referral.objects.filter(pk=referral_id, complaint_id=complaint_id).first()
    if referral is None:
        raise NotFound("没有这份转交函。")
    return referral


def complaint_written_reply_get(*, complaint_id: int, reply_id: int) -> Reply:
    """C-12: one written reply of this complaint (printable letter); 404 for any other reply."""
    reply = Reply.objects.filter(pk=reply_id, complaint_id=complaint_id).exclude(letter_text="").first()
    if reply is None:
        raise NotFound("没有这份书面回复。")
    return reply


def referral_get(*, pk: int) -> Referral:
    referral = Referral.objects.select_related("complaint").filter(pk=pk).first()
    if referral is None:
        raise NotFound("没有这份转交函。")
    return referral


def _public_match(*, number: str, phone: str) -> Complaint | None:
    """C-01 online channel: a resident finds a complaint only by its number AND the phone it was made with."""
    return Complaint.objects.filter(number=(number or "").strip().upper(),
                                    complainant_phone=normalize_phone(phone or "")).first()


def complaint_status_lookup(*, number: str, phone: str) -> dict | None:
    """What a resident may see of their complaint's state; None when number and phone do not match."""
    complaint = _public_match(number=number, phone=phone)
    if complaint is None:
        return None
    last_reply = complaint.replies.order_by("-at", "-id").first()
    stage = PUBLIC_STAGE_OF_STATUS.get(complaint.status, PUBLIC_IN_HAND)
    return {
        "number": complaint.number, "status": complaint.status, "stage": stage,
        "status_label": str(dict(PUBLIC_STAGES)[stage]),  # the resident's word, never the internal status
        "received_at": complaint.received_at.isoformat(),
        "replied_at": last_reply.at.isoformat() if last_reply else None,
        "closed": complaint.status == "closed",
    }


def complaint_public_timeline(*, number: str, phone: str) -> list[dict]:
    """C-01 online channel: the resident's own complaint history (same match as the lookup) in the
    resident's words: each event mapped to its stage (models.PUBLIC_STAGE_OF_EVENT), internal events left
    out, a stage repeated by the next event shown once; no staff names, statuses or notes. Empty when
    nothing matches."""
    complaint = _public_match(number=number, phone=phone)
    if complaint is None:
        return []
    lines: list[dict] = []
    for kind, at in complaint.events.filter(kind__in=PUBLIC_KINDS).order_by("at", "id").values_list("kind", "at"):
        stage = PUBLIC_STAGE_OF_EVENT[kind]
        if lines and lines[-1]["stage"] == stage:
            continue
        lines.append({"at": _iso(at), "kind": kind, "stage": stage, "actor": "", "from": "", "to": "", "note": ""})
    return lines


def complaint_handler_list(*, tenant) -> list[dict]:
    """C-04: the office's active people who may handle complaints (complaints.handle), by role and name."""
    from core.permissions import PERMISSIONS
    from tenants.models import Membership

    rows = (Membership.objects.filter(tenant_id=tenant.pk, is_active=True, user__is_active=True,
                                      role__in=PERMISSIONS["complaints.handle"])
            .select_related("user").order_by("role", "user__username"))
    return [{"user_id": m.user_id, "user": m.user, "role": m.role} for m in rows]


def office_staff_list(*, tenant) -> list[dict]:
    """C-20/A-04: the office's active people a complaint (or a praise) can name, by name (bounded)."""
    from tenants.models import Membership

    rows = (Membership.objects.filter(tenant_id=tenant.pk, is_active=True, user__is_active=True)
            .select_related("user").order_by("user__display_name", "user__username")[:500])
    return [{"user_id": m.user_id, "user": m.user, "role": m.role} for m in rows]


def complaint_building_list() -> list[tuple[int, str]]:
    """The buildings the queue can be filtered by (P-02: complaints name their household's unit)."""
    from modules.residents.selectors import building_list

    return list(building_list().values_list("pk", "name"))


def _on_time_counted(period_start: date, period_end: date, now) -> tuple[QuerySet[Complaint], Q]:
    """C-17: the complaints the on-time rate of [period_start, period_end] counts, and which of them kept
    their deadline (see complaint_on_time_rate)."""
    qs = (Complaint.objects.annotate(reply_due=Coalesce("reply_due_at", "due_at"))
          .filter(reply_due__date__gte=period_start, reply_due__date__lte=period_end)
          .filter(Q(completed_at__isnull=False) | Q(reply_due__lte=now)))
    return qs, Q(completed_at__isnull=False, completed_at__lte=F("reply_due"), overdue_at__isnull=True)


def complaint_on_time_rate(period_start: date, period_end: date, *, now=None) -> dict:
    """C-17 "counts against the office's on-time rate": of the complaints whose reply deadline falls in
    [period_start, period_end] (local dates) and is either met or already past, the share replied/closed
    by the deadline with no step ever overdue. A complaint still open past its deadline, one replied
    late, and one that was overdue at any step count as late; one not yet due and not yet replied is
    not counted. The deadline is reply_due_at (C-06/C-07/C-09), before classification the current
    step's due time."""
    qs, on_time = _on_time_counted(period_start, period_end, now or timezone.now())
    counts = qs.aggregate(total=Count("pk"), on_time=Count("pk", filter=on_time))
    total, kept = counts["total"], counts["on_time"]
    return {"start": period_start, "end": period_end, "total": total, "on_time": kept, "late": total - kept,
            "rate": round(kept / total, 4) if total else None}


def complaint_director_visit_rate(period_start: date, period_end: date) -> dict:
    """C-19, the one definition: "the director periodically visits complainants to measure the satisfaction
    rate of complaint handling". The visits are the director's spot checks that recorded the complainant's
    satisfaction (`SpotCheck.satisfied` not null; a check of the records alone leaves it null), made on the
    local dates [period_start, period_end]; the rate is satisfied ÷ visited, None when nobody was visited."""
    from modules.complaints.models import SpotCheck

    start = datetime(period_start.year, period_start.month, period_start.day, tzinfo=SHANGHAI)
    end = datetime(period_end.year, period_end.month, period_end.day, tzinfo=SHANGHAI) + timedelta(days=1)
    counts = SpotCheck.objects.filter(at__gte=start, at__lt=end, satisfied__isnull=False).aggregate(
        visits=Count("pk"), satisfied=Count("pk", filter=Q(satisfied=True)))
    visits, satisfied = counts["visits"], counts["satisfied"]
    return {"start": period_start, "end": period_end, "visits": visits, "satisfied": satisfied,
            "rate": round(satisfied / visits, 4) if visits else None}


INCIDENT_CHOICES_LIMIT = 50


def incident_choices() -> list[tuple[str, str]]:
    """C-10: the recent incidents a complaint can join, with their household count."""
    rows = incident_list()[:INCIDENT_CHOICES_LIMIT]
    return [(str(i.pk), f"{i.title}（{i.households} 户）") for i in rows]


def incident_get(*, pk: int) -> dict:
    """C-10: one incident with its complaints, its distinct households and the deadlines of its two
    reporting steps (from the SLA of its first complaint, frozen at registration, S-08); 404 else."""
    from modules.complaints import deadlines

    incident = Incident.objects.filter(pk=pk).first()
    if incident is None:
        raise NotFound("没有这一事件。")
    complaints = list(incident.complaints.select_related("household__unit__building").order_by("received_at", "id"))
    households = {c.household_id: c.household for c in complaints if c.household_id}
    sla = complaints[0].sla if complaints else {}
    report_due = notify_due = None
    if incident.collective and sla:
        report_due = deadlines.collective_report_director_due(collective_at=incident.collective_at, sla=sla)
    if incident.director_reported_at and sla:
        notify_due = deadlines.collective_notify_hq_due(director_reported_at=incident.director_reported_at, sla=sla)
    # issue 9 §3.6: the people who complained, as each complaint recorded them (not the household names)
    complainants = [{"complaint": c, "name": c.complainant_name, "phone": c.complainant_phone,
                     "unit": complaint_unit(c)} for c in complaints]
    return {"incident": incident, "complaints": complaints, "households": list(households.values()),
            "complainants": complainants,
            "report_director_due": report_due, "notify_hq_due": notify_due,
            "threshold": sla.get("collective_households")}


def incident_with_complaints(*, pk: int) -> Incident:
    """C-10: one incident with its complaints (`.complaints_list`, as the list rows show them); 404 else."""
    incident = Incident.objects.filter(pk=pk).first()
    if incident is None:
        raise NotFound("没有这一事件。")
    incident.complaints_list = list(incident.complaints.select_related("household__unit__building")
                                    .order_by("received_at", "id"))
    return incident


def complaint_actions_available(complaint: Complaint, role: str | None) -> list[str]:
    """The steps `role` may take on `complaint` now: the TRANSITIONS table allows the step from the
    complaint's status, the role has its permission (core.permissions), and every precondition the
    service checks holds (modules.complaints.rules, the same predicates). Escalation also needs a
    next level this role may use (C-11)."""
    from core.permissions import has_perm
    from modules.complaints import rules
    from modules.complaints.models import TRANSITIONS

    return [name for name, perm in rules.ACTION_PERMS.items()
            if has_perm(role, perm)
            and complaint.status in TRANSITIONS[rules.ACTION_TRANSITION.get(name, name)]
            and rules.precondition_failing(complaint=complaint, action=name) is None
            and (name != "escalate" or rules.escalation_target(role=role, complaint=complaint))]


# --- the workbench (core/workbench.py; cards in modules/complaints/workbench.py) -----------------------

def month_bounds(first: date) -> tuple:
    """The month of `first` as [start, end) aware datetimes in Asia/Shanghai."""
    start = datetime(first.year, first.month, 1, tzinfo=SHANGHAI)
    end = datetime(first.year + first.month // 12, first.month % 12 + 1, 1, tzinfo=SHANGHAI)
    return start, end


def _month_counted(first: date, now, late: bool | None) -> QuerySet[Complaint]:
    """C-17: what the on-time rate of the month of `first` counts; `late` → only the late (or kept) ones."""
    start, end = month_bounds(first)
    qs, on_time = _on_time_counted(start.date(), (end - timedelta(days=1)).date(), now)
    if late is None:
        return qs
    return qs.exclude(on_time) if late else qs.filter(on_time)


def complaint_workbench_counts(*, user_id: int, now) -> dict:
    """C-17 figures of a person's workbench in one query: their open complaints, overdue and due today,
    and the office's overdue and due today — each equal to the queue filter its number links to."""
    day = local(now).date()
    late, today, mine = Q(step_overdue=True) | Q(due_at__lt=now), Q(due_at__date=day), Q(assignee_id=user_id)
    return Complaint.objects.filter(status__in=OPEN_STATUSES).aggregate(
        mine=Count("pk", filter=mine), mine_overdue=Count("pk", filter=mine & late),
        mine_due_today=Count("pk", filter=mine & today), overdue=Count("pk", filter=late),
        due_today=Count("pk", filter=today))


def complaint_workbench_mine(*, user_id: int, now, limit: int = 10) -> list[Complaint]:
    """A person's open complaints, the next deadline first (one query)."""
    return list(complaint_list(open_only=True, assignee_id=user_id, now=now)[:limit])


def complaint_open_by_step(*, month: date) -> list[dict]:
    """Complaints received in the month of `month` and still open, counted by their next step (C-17)."""
    start, end = month_bounds(month)
    rows = (Complaint.objects.filter(status__in=OPEN_STATUSES, received_at__gte=start, received_at__lt=end)
            .values("next_step").annotate(count=Count("pk")).order_by("next_step"))
    return list(rows)


def complaint_open_now_by_step(*, now) -> list[dict]:
    """C-17, the director's dashboard: every complaint open now, counted by its next step, with how many of
    them are overdue (the queue's ?overdue=1 reading: a step marked overdue or a due time passed) — one query."""
    late = Q(step_overdue=True) | Q(due_at__lt=now)
    rows = (Complaint.objects.filter(status__in=OPEN_STATUSES).values("next_step")
            .annotate(count=Count("pk"), overdue=Count("pk", filter=late)).order_by("next_step"))
    return list(rows)
