"""Calendar overrides keep their history (nothing the rules keep is deleted): every change is a new
row (who, when, what); the latest row per date is in force (core/calendar.py reads it); clearing
writes a row that returns the date to the official calendar."""

from __future__ import annotations

from datetime import date

import pytest

from core.calendar import invalidate_overrides, is_working_day
from modules.catalog.models import CalendarOverride
from modules.catalog.selectors import calendar_override_history, calendar_override_table, calendar_overrides
from modules.catalog.services import calendar_override_clear, calendar_override_set

pytestmark = pytest.mark.django_db
HOLIDAY = date(2025, 10, 8)  # official rest day (National Day 2025)
SATURDAY = date(2025, 6, 14)  # ordinary weekend


@pytest.fixture(autouse=True)
def _fresh_override_cache():
    invalidate_overrides()
    yield
    invalidate_overrides()


@pytest.fixture
def admin_user(world):
    return world.users[("public", "group_admin")]


def test_each_change_is_a_new_row_latest_in_force(admin_user):
    first = calendar_override_set(day=HOLIDAY, is_working_day=True, note="值班", user=admin_user)
    second = calendar_override_set(day=HOLIDAY, is_working_day=False, note="改回休息", user=admin_user)
    assert first.pk != second.pk
    assert CalendarOverride.objects.filter(date=HOLIDAY).count() == 2
    first.refresh_from_db()
    assert first.is_working_day is True and first.note == "值班"  # the earlier decision is untouched
    assert calendar_override_table() == {HOLIDAY: False}
    assert [row.pk for row in calendar_overrides()] == [second.pk]
    assert not is_working_day(HOLIDAY)


def test_clear_writes_a_row_and_returns_to_official_calendar(admin_user):
    calendar_override_set(day=HOLIDAY, is_working_day=True, user=admin_user)
    assert is_working_day(HOLIDAY)
    cleared = calendar_override_clear(day=HOLIDAY, note="按国家安排", user=admin_user)
    assert cleared is not None and cleared.is_working_day is None and cleared.created_by == admin_user
    assert CalendarOverride.objects.filter(date=HOLIDAY).count() == 2  # nothing deleted
    assert calendar_override_table() == {}
    assert list(calendar_overrides()) == []
    assert not is_working_day(HOLIDAY)  # official: rest day
    assert calendar_override_clear(day=HOLIDAY) is None  # nothing in force: nothing written
    assert calendar_override_clear(day=SATURDAY) is None
    assert CalendarOverride.objects.count() == 2


def test_set_after_clear_is_in_force_again(admin_user):
    calendar_override_set(day=SATURDAY, is_working_day=True, user=admin_user)
    calendar_override_clear(day=SATURDAY, user=admin_user)
    calendar_override_set(day=SATURDAY, is_working_day=True, note="补班", user=admin_user)
    assert calendar_override_table() == {SATURDAY: True}
    assert is_working_day(SATURDAY)
    history = list(calendar_override_history(day=SATURDAY))
    assert [row.is_working_day for row in history] == [True, None, True]  # newest first
    assert all(row.created_by == admin_user for row in history)


def test_console_shows_history_and_clears(world, client_for, admin_user):
    admin = client_for(world.public, "group_admin")
    assert admin.post("/admin/calendar/", {"date": "2025-10-08", "is_working_day": "1",
                                           "note": "第一次安排"}).status_code == 302
    assert admin.post("/admin/calendar/", {"date": "2025-10-08", "is_working_day": "official",
                                           "note": "撤回安排"}).status_code == 302
    assert not is_working_day(HOLIDAY)
    page = admin.get("/admin/calendar/")
    assert list(page.context["overrides"]) == []
    html = page.content.decode()
    assert "第一次安排" in html and "撤回安排" in html and "恢复国家日历" in html
    assert admin_user.username in html
    assert CalendarOverride.objects.filter(date=HOLIDAY).count() == 2


def test_console_refuses_unknown_choice(world, client_for):
    admin = client_for(world.public, "group_admin")
    response = admin.post("/admin/calendar/", {"date": "2025-10-08", "is_working_day": "maybe"})
    assert response.status_code == 200
    assert "is_working_day" in response.context["form"].errors
    assert not CalendarOverride.objects.exists()
