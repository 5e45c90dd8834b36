"""SLA arithmetic of complaints (C-03, C-06..C-10, C-16, C-17). Pure functions, no database.

`sla` is the snapshot of complaint.* settings taken at registration (S-08), a dict keyed by the
setting name without the `complaint.` prefix. Clock hours use core.calendar.add_hours; working
days use core.calendar.add_working_days (official holidays and make-up days included)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from core.calendar import add_hours, add_working_days

SLA_KEYS = (
    "onspot_report_hours", "onspot_phone_reply_hours", "urgent_reply_hours", "normal_reply_working_days",
    "valid_reply_working_days", "assisted_progress_working_days", "invalid_explain_hours",
    "collective_households", "collective_report_director_hours", "collective_notify_hq_hours",
    "hq_result_report_hours", "due_soon_minutes", "follow_up_working_days",
)


def reply_due(*, received_at: datetime, urgent: bool, sla: dict,
              overrides: dict[date, bool] | None = None) -> datetime:
    """C-06: urgent (serious or not) → clock hours; not urgent → working days."""
    if urgent:
        return add_hours(received_at, sla["urgent_reply_hours"])
    return add_working_days(received_at, sla["normal_reply_working_days"], overrides=overrides)


def valid_reply_due(*, received_at: datetime, urgent: bool, agreed_at: datetime | None, sla: dict,
                    requested_at: datetime | None = None,
                    overrides: dict[date, bool] | None = None) -> datetime:
    """C-07: a valid complaint is answered within `valid_reply_working_days` working days at the latest
    (sooner when urgent, C-06, or when the customer asked for a sooner time, C-02); when that cannot be
    done, the reply time agreed with the customer replaces the limit (seed 000: 无法在 2 个工作日内回复客户
    的，应与客户约定回复时间，在约定时间内回复), whether it is sooner or later than the limit."""
    if agreed_at is not None:
        return agreed_at
    cap = add_working_days(received_at, sla["valid_reply_working_days"], overrides=overrides)
    base = requested_at or reply_due(received_at=received_at, urgent=urgent, sla=sla, overrides=overrides)
    return min(base, cap)


def assisted_progress_due(*, since: datetime, sla: dict, overrides: dict[date, bool] | None = None) -> datetime:
    """C-08: the customer hears of progress at least every N working days."""
    return add_working_days(since, sla["assisted_progress_working_days"], overrides=overrides)


def invalid_explain_due(*, received_at: datetime, sla: dict) -> datetime:
    """C-09: the reason is explained within N clock hours of receiving the complaint (seed 000: 无效投诉应在
    2 个小时内，回复客户), however late it was found invalid."""
    return add_hours(received_at, sla["invalid_explain_hours"])


def onspot_report_due(*, solved_at: datetime, sla: dict) -> datetime:
    """C-03: reported to the duty center within N hours of solving it."""
    return add_hours(solved_at, sla["onspot_report_hours"])


def onspot_reply_due(*, solved_at: datetime, sla: dict) -> datetime:
    """C-03: phone reply within N hours."""
    return add_hours(solved_at, sla["onspot_phone_reply_hours"])


def collective_report_director_due(*, collective_at: datetime, sla: dict) -> datetime:
    """C-10 step 1: duty officer → office director."""
    return add_hours(collective_at, sla["collective_report_director_hours"])


def collective_notify_hq_due(*, director_reported_at: datetime, sla: dict) -> datetime:
    """C-10 step 2: director → deputy GM and head-office complaint center, counted from step 1."""
    return add_hours(director_reported_at, sla["collective_notify_hq_hours"])


def hq_result_due(*, completed_at: datetime, sla: dict) -> datetime:
    """C-16: the result of a forwarded complaint goes back to head office within N hours."""
    return add_hours(completed_at, sla["hq_result_report_hours"])


def follow_up_due(*, since: datetime, sla: dict, overrides: dict[date, bool] | None = None) -> datetime:
    """C-14: after the reply, the customer's opinion is followed up until they are satisfied (seed 003
    7.2.6 直至顾客满意), and the complaint closed or carried on (C-13), within N working days."""
    return add_working_days(since, sla["follow_up_working_days"], overrides=overrides)


def is_overdue(*, due_at: datetime | None, now: datetime) -> bool:
    """C-17."""
    return due_at is not None and now > due_at


def is_due_soon(*, due_at: datetime | None, now: datetime, sla: dict) -> bool:
    """C-17: not yet overdue, but due within `due_soon_minutes`."""
    if due_at is None or now > due_at:
        return False
    return due_at - now <= timedelta(minutes=sla["due_soon_minutes"])
