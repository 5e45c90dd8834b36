"""Pure SLA arithmetic (C-03, C-06..C-10, C-16, C-17) over the working-day calendar; no database."""

from datetime import datetime

import chinese_calendar

from core.calendar import SHANGHAI
from modules.catalog.defaults import DEFAULTS
from modules.complaints import deadlines

SLA = {key: DEFAULTS[f"complaint.{key}"]["value"] for key in deadlines.SLA_KEYS}
NO_OVERRIDES: dict = {}


def at(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def test_urgent_reply_counts_clock_hours_over_weekend_C06():
    due = deadlines.reply_due(received_at=at(2026, 11, 20, 23, 0), urgent=True, sla=SLA)
    assert due == at(2026, 11, 21, 1, 0)


def test_normal_reply_skips_weekend_C06():
    # Friday 15:00 + 2 working days → Tuesday 15:00
    due = deadlines.reply_due(received_at=at(2026, 11, 20, 15, 0), urgent=False, sla=SLA, overrides=NO_OVERRIDES)
    assert due == at(2026, 11, 24, 15, 0)


def test_normal_reply_skips_national_day_C06():
    assert not chinese_calendar.is_workday(at(2026, 10, 1).date())
    assert chinese_calendar.is_workday(at(2026, 10, 10).date())  # make-up Saturday
    # Wed 30 Sep 15:00: Oct 1–7 off → Thu 8 (1), Fri 9 (2)
    due = deadlines.reply_due(received_at=at(2026, 9, 30, 15, 0), urgent=False, sla=SLA, overrides=NO_OVERRIDES)
    assert due == at(2026, 10, 9, 15, 0)


def test_make_up_saturday_counts_as_working_day_C07():
    # Thu 8 Oct 10:00 → Fri 9 (1), Sat 10 make-up working day (2)
    due = deadlines.valid_reply_due(received_at=at(2026, 10, 8, 10, 0), urgent=False, agreed_at=None,
                                    sla=SLA, overrides=NO_OVERRIDES)
    assert due == at(2026, 10, 10, 10, 0)


def test_received_during_holiday_ends_at_end_of_nth_working_day_C06():
    due = deadlines.reply_due(received_at=at(2026, 10, 3, 10, 0), urgent=False, sla=SLA, overrides=NO_OVERRIDES)
    assert due == at(2026, 10, 10, 0, 0)  # end of Fri 9 Oct, the 2nd working day


def test_valid_agreed_time_replaces_the_two_day_limit_C07():
    """C-07 (seed 000): when the reply cannot be made within 2 working days, the time agreed with the
    customer replaces the limit, sooner or later."""
    received = at(2026, 11, 16, 9, 0)  # Monday
    sooner = deadlines.valid_reply_due(received_at=received, urgent=False, agreed_at=at(2026, 11, 17, 9, 0),
                                       sla=SLA, overrides=NO_OVERRIDES)
    later = deadlines.valid_reply_due(received_at=received, urgent=False, agreed_at=at(2026, 11, 30, 9, 0),
                                      sla=SLA, overrides=NO_OVERRIDES)
    assert sooner == at(2026, 11, 17, 9, 0)
    assert later == at(2026, 11, 30, 9, 0)


def test_valid_requested_time_without_agreement_keeps_the_limit_C07():
    """C-02/C-07: a time the customer asked for is kept when sooner; without an agreement the limit holds."""
    received = at(2026, 11, 16, 9, 0)
    sooner = deadlines.valid_reply_due(received_at=received, urgent=False, agreed_at=None, sla=SLA,
                                       requested_at=at(2026, 11, 16, 15, 0), overrides=NO_OVERRIDES)
    later = deadlines.valid_reply_due(received_at=received, urgent=False, agreed_at=None, sla=SLA,
                                      requested_at=at(2026, 11, 30, 9, 0), overrides=NO_OVERRIDES)
    assert sooner == at(2026, 11, 16, 15, 0)
    assert later == at(2026, 11, 18, 9, 0)


def test_assisted_progress_every_two_working_days_over_holiday_C08():
    due = deadlines.assisted_progress_due(since=at(2026, 9, 30, 11, 0), sla=SLA, overrides=NO_OVERRIDES)
    assert due == at(2026, 10, 9, 11, 0)


def test_invalid_explained_in_hours_of_receipt_C09():
    assert deadlines.invalid_explain_due(received_at=at(2026, 10, 1, 23, 30), sla=SLA) == at(2026, 10, 2, 1, 30)


def test_onspot_report_and_phone_reply_C03():
    solved = at(2026, 11, 21, 10, 0)
    assert deadlines.onspot_report_due(solved_at=solved, sla=SLA) == at(2026, 11, 21, 11, 0)
    assert deadlines.onspot_reply_due(solved_at=solved, sla=SLA) == at(2026, 11, 21, 12, 0)


def test_collective_two_steps_C10():
    first = deadlines.collective_report_director_due(collective_at=at(2026, 11, 21, 10, 0), sla=SLA)
    second = deadlines.collective_notify_hq_due(director_reported_at=at(2026, 11, 21, 11, 30), sla=SLA)
    assert first == at(2026, 11, 21, 12, 0) and second == at(2026, 11, 21, 13, 30)


def test_hq_result_within_hours_C16():
    assert deadlines.hq_result_due(completed_at=at(2026, 11, 21, 20, 0), sla=SLA) == at(2026, 11, 22, 8, 0)


def test_due_soon_and_overdue_C17():
    due = at(2026, 11, 21, 12, 0)
    assert deadlines.is_due_soon(due_at=due, now=at(2026, 11, 21, 11, 40), sla=SLA)
    assert not deadlines.is_due_soon(due_at=due, now=at(2026, 11, 21, 11, 0), sla=SLA)
    assert not deadlines.is_overdue(due_at=due, now=due)
    assert deadlines.is_overdue(due_at=due, now=at(2026, 11, 21, 12, 1))
    assert not deadlines.is_due_soon(due_at=due, now=at(2026, 11, 21, 12, 1), sla=SLA)
