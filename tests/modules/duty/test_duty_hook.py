"""D-06: auto entries written by other modules through hooks.duty_log_auto_entry."""

from datetime import datetime

import pytest

from modules.duty import shifts

pytestmark = pytest.mark.django_db


def test_auto_entry_listed_in_that_shifts_log_D06(world, in_tenant):
    from modules.duty.hooks import duty_log_auto_entry, source_url
    from modules.duty.models import LogEntry, ShiftTemplate

    at = shifts.local_dt(datetime(2026, 3, 2).date(), datetime(2026, 3, 2, 10, 30).time())
    with in_tenant(world.alpha):
        duty_log_auto_entry(kind="complaint", content="业主投诉电梯异响", source_type="complaint",
                            source_id=41, occurred_at=at)
        entry = LogEntry.objects.get(source_type="complaint", source_id=41)
        assert entry.instance.shift == ShiftTemplate.objects.get(code="day")
        assert entry.instance.date == at.date()
        assert list(entry.instance.entries.all()) == [entry]
        assert source_url(entry.source_type, entry.source_id) == "/complaints/41/"


def test_auto_entry_at_night_goes_to_previous_days_night_shift_D06(world, in_tenant):
    from modules.duty.hooks import duty_log_auto_entry
    from modules.duty.models import LogEntry

    at = shifts.local_dt(datetime(2026, 3, 3).date(), datetime(2026, 3, 3, 2, 0).time())
    with in_tenant(world.alpha):
        duty_log_auto_entry(kind="help", content="求助", source_type="contact", source_id=7, occurred_at=at)
        entry = LogEntry.objects.get(source_type="contact", source_id=7)
        assert entry.instance.shift.code == "night"
        assert str(entry.instance.date) == "2026-03-02"
        assert entry.day == entry.instance.date


def test_auto_entry_without_shift_is_kept_for_the_day_D06(world, in_tenant):
    from modules.duty.hooks import duty_log_auto_entry
    from modules.duty.models import LogEntry, ShiftTemplate

    at = shifts.local_dt(datetime(2026, 3, 4).date(), datetime(2026, 3, 4, 11, 0).time())
    with in_tenant(world.alpha):
        ShiftTemplate.objects.update(is_active=False)
        duty_log_auto_entry(kind="weird", content="", source_type="workorder", source_id=9, occurred_at=at)
        entry = LogEntry.objects.get(source_type="workorder", source_id=9)
        assert entry.instance is None and str(entry.day) == "2026-03-04"
        assert entry.kind == "other"


def test_auto_entry_accepts_naive_time_and_shows_link_on_shift_page_D06(world, in_tenant, client_for):
    from django.urls import reverse

    from modules.duty.hooks import duty_log_auto_entry
    from modules.duty.models import LogEntry

    with in_tenant(world.alpha):
        duty_log_auto_entry(kind="complaint", content="投诉登记", source_type="complaint", source_id=4242,
                            occurred_at=datetime(2026, 3, 5, 11, 0))
        entry = LogEntry.objects.get(source_type="complaint", source_id=4242)
        assert entry.instance.shift.code == "day"
    page = client_for(world.alpha, "duty_officer").get(
        reverse("duty:shift", urlconf="core.urls.office", args=[entry.instance_id]))
    assert 'href="/complaints/4242/"' in page.content.decode()


def test_who_is_on_duty_at_a_time_D01(world, in_tenant):
    from modules.duty.selectors import instances_now, on_duty_people
    from modules.duty.services.instances import shift_instances_ensure, shift_instances_ensure_at
    from tests.modules.duty.duty_kit import FUTURE, assign, at

    with in_tenant(world.alpha):
        assign(world, "duty_officer", "day", FUTURE)
        assign(world, "cs_staff", "night", FUTURE)
        assign(world, "duty_director", "director", FUTURE)
        shift_instances_ensure(day=FUTURE)
        found = instances_now(at=at(FUTURE, 20, 30))
        assert [i.shift.code for i in found] == ["day", "night", "director"]
        assert [list(on_duty_people(instance=i).values_list("user_name", flat=True)) for i in found] == [
            ["alpha_duty_officer"], ["alpha_cs_staff"], ["alpha_duty_director"]]
        shift_instances_ensure_at(at=at(FUTURE, 8, 0))  # yesterday's night shift covers 08:00
        assert [i.shift.code for i in instances_now(at=at(FUTURE, 8, 0))] == ["night"]
