"""The working-day calendar (DESIGN.md convention 5) against the State Council's 2025 and 2026
schedules, as published and as chinesecalendar carries them, plus group overrides on top."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from core.calendar import (
    SHANGHAI,
    add_hours,
    add_working_days,
    invalidate_overrides,
    is_working_day,
    next_working_day,
    official_is_working_day,
    working_days_between,
)

NONE: dict = {}  # "no group overrides": the pure official calendar


def at(y, m, d, hh=10, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=SHANGHAI)


@pytest.fixture(autouse=True)
def _fresh_override_cache():
    invalidate_overrides()
    yield
    invalidate_overrides()  # the test's rows are rolled back without a signal


@pytest.mark.parametrize("day", [date(2025, 10, d) for d in range(1, 9)])
def test_2025_national_day_oct_1_to_8_off(day):
    assert not is_working_day(day, overrides=NONE)


@pytest.mark.parametrize("day", [date(2025, 9, 28), date(2025, 10, 11)])
def test_2025_national_day_makeup_sunday_and_saturday_work(day):
    assert day.weekday() >= 5 and is_working_day(day, overrides=NONE)


@pytest.mark.parametrize("day", [date(2026, 2, d) for d in range(15, 24)])
def test_2026_spring_festival_feb_15_to_23_off(day):
    assert not is_working_day(day, overrides=NONE)


@pytest.mark.parametrize("day", [date(2026, 2, 14), date(2026, 2, 28)])
def test_2026_spring_festival_makeup_saturdays_work(day):
    assert day.weekday() == 5 and is_working_day(day, overrides=NONE)


def test_2026_new_year_jan_1_to_3_off_and_sunday_jan_4_works():
    assert [is_working_day(date(2026, 1, d), overrides=NONE) for d in (1, 2, 3, 4)] == [False, False, False, True]
    assert date(2026, 1, 4).weekday() == 6


def test_2026_national_day_oct_1_to_7_off_sep_20_and_oct_10_work():
    assert not any(is_working_day(date(2026, 10, d), overrides=NONE) for d in range(1, 8))
    assert is_working_day(date(2026, 9, 20), overrides=NONE)  # Sunday
    assert is_working_day(date(2026, 10, 10), overrides=NONE)  # Saturday
    assert is_working_day(date(2026, 10, 8), overrides=NONE)


def test_outside_published_years_monday_to_friday():
    assert official_is_working_day(date(2099, 6, 5))  # a Friday
    assert not official_is_working_day(date(2099, 6, 6))  # a Saturday


def test_add_working_days_over_a_normal_weekend_keeps_clock_time():
    # Friday 2025-06-13 15:00 + 2 working days → Tuesday 2025-06-17 15:00
    assert add_working_days(at(2025, 6, 13, 15), 2, overrides=NONE) == at(2025, 6, 17, 15)


def test_add_working_days_across_national_day_with_makeup_days():
    # Sunday 2025-09-28 is a make-up working day: +1 → Monday 29th, +2 → Tuesday 30th,
    # +3 jumps the whole holiday (Oct 1-8) to Thursday Oct 9
    start = at(2025, 9, 28, 9)
    assert add_working_days(start, 1, overrides=NONE) == at(2025, 9, 29, 9)
    assert add_working_days(start, 3, overrides=NONE) == at(2025, 10, 9, 9)
    # Thursday Oct 9 → Friday Oct 10 → Saturday Oct 11 (make-up day) → Monday Oct 13
    assert add_working_days(at(2025, 10, 9, 9), 2, overrides=NONE) == at(2025, 10, 11, 9)
    assert add_working_days(at(2025, 10, 9, 9), 3, overrides=NONE) == at(2025, 10, 13, 9)


def test_add_working_days_across_spring_festival_2026():
    # Friday Feb 13 → Saturday Feb 14 (make-up) → holiday Feb 15-23 → Tuesday Feb 24
    assert add_working_days(at(2026, 2, 13, 16), 1, overrides=NONE) == at(2026, 2, 14, 16)
    assert add_working_days(at(2026, 2, 13, 16), 2, overrides=NONE) == at(2026, 2, 24, 16)


def test_add_working_days_from_a_rest_day_ends_at_end_of_nth_working_day():
    # raised on Saturday 2025-06-14: counting starts Monday; 2 days end when Tuesday ends
    assert add_working_days(at(2025, 6, 14, 10), 2, overrides=NONE) == datetime.combine(
        date(2025, 6, 18), time(0), tzinfo=SHANGHAI)
    # raised on Oct 3 2025 (holiday): the first working day is Thursday Oct 9
    assert add_working_days(at(2025, 10, 3, 20), 1, overrides=NONE) == datetime.combine(
        date(2025, 10, 10), time(0), tzinfo=SHANGHAI)


def test_add_working_days_converts_to_shanghai_and_refuses_naive_or_negative():
    from datetime import UTC

    # Friday 2025-06-13 23:00 UTC is Saturday 07:00 in Shanghai: a rest day
    moment = datetime(2025, 6, 13, 23, 0, tzinfo=UTC)
    assert add_working_days(moment, 1, overrides=NONE) == datetime.combine(date(2025, 6, 17), time(0),
                                                                           tzinfo=SHANGHAI)
    with pytest.raises(ValueError):
        add_working_days(datetime(2025, 6, 13, 10), 1, overrides=NONE)
    with pytest.raises(ValueError):
        add_working_days(at(2025, 6, 13), -1, overrides=NONE)


def test_add_hours_counts_clock_hours_through_holidays():
    assert add_hours(at(2025, 10, 1, 23), 2) == at(2025, 10, 2, 1)


def test_working_days_between_and_next_working_day():
    assert next_working_day(date(2025, 9, 30), overrides=NONE) == date(2025, 10, 9)
    assert working_days_between(date(2025, 9, 26), date(2025, 10, 12), overrides=NONE) == 6


@pytest.mark.django_db
def test_group_override_takes_precedence_and_cache_invalidated_on_save():
    from modules.catalog.services import calendar_override_clear, calendar_override_set

    holiday, saturday = date(2025, 10, 8), date(2025, 6, 14)
    assert not is_working_day(holiday) and not is_working_day(saturday)  # cache now loaded
    calendar_override_set(day=holiday, is_working_day=True, note="集团安排上班")
    calendar_override_set(day=date(2025, 10, 9), is_working_day=False)
    assert is_working_day(holiday)  # the save invalidated the cached table
    assert not is_working_day(date(2025, 10, 9))
    # deadline computed over the override: Sep 30 + 1 → Oct 8 (group working day)
    assert add_working_days(at(2025, 9, 30, 9), 1) == at(2025, 10, 8, 9)
    assert add_working_days(at(2025, 9, 30, 9), 2) == at(2025, 10, 10, 9)
    calendar_override_set(day=holiday, is_working_day=False)  # a new row: the latest one is in force
    assert not is_working_day(holiday)
    calendar_override_clear(day=date(2025, 10, 9))
    assert is_working_day(date(2025, 10, 9))  # back to the official calendar after the clearing row


@pytest.mark.django_db
def test_override_cache_avoids_queries(django_assert_num_queries):
    is_working_day(date(2025, 1, 2))
    with django_assert_num_queries(0):
        add_working_days(at(2025, 9, 28), 10)


@pytest.mark.django_db
def test_other_processes_reload_after_commit_broadcast(django_capture_on_commit_callbacks):
    from core import calendar
    from modules.catalog.services import calendar_override_set

    day = date(2025, 10, 8)
    assert not is_working_day(day)
    stale_version = calendar._state["version"]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        calendar_override_set(day=day, is_working_day=True)
    assert callbacks, "the change must be broadcast at commit"
    # another process still holds the old table and version, and re-checks on its next call
    calendar._state.update(table={}, version=stale_version, checked_at=0.0)
    assert is_working_day(day)
    assert calendar._state["version"] != stale_version


@pytest.mark.django_db
def test_broadcast_version_is_shared_between_schemas(world):
    from django_tenants.utils import schema_context

    from core import calendar

    before = calendar._shared_version()
    with schema_context("public"):
        invalidate_overrides(broadcast=True)
    with schema_context(world.alpha.schema_name):
        assert calendar._shared_version() != before
