"""D-01: shift instances are written by a service (pages, API, the daily beat), never by a read."""

from datetime import timedelta

import pytest
from django.conf import settings

from tests.modules.duty.duty_kit import FUTURE, at

pytestmark = pytest.mark.django_db


def test_on_duty_now_selector_creates_nothing_D01(world, in_tenant):
    from modules.duty.models import ShiftInstance
    from modules.duty.selectors import instances_now

    with in_tenant(world.alpha):
        before = ShiftInstance.objects.count()
        planned = instances_now(at=at(FUTURE, 10))
        assert planned and all(i.pk is None and i.status == ShiftInstance.PLANNED for i in planned)
        assert ShiftInstance.objects.count() == before


def test_ensure_creates_every_active_shift_once_D01(world, in_tenant):
    from modules.duty.models import ShiftInstance, ShiftTemplate
    from modules.duty.selectors import instances_now
    from modules.duty.services.instances import shift_instances_ensure

    day = FUTURE + timedelta(days=3)
    with in_tenant(world.alpha):
        made = shift_instances_ensure(day=day)
        again = shift_instances_ensure(day=day)
        assert {i.pk for i in made} == {i.pk for i in again}
        assert ShiftInstance.objects.filter(date=day).count() == ShiftTemplate.objects.filter(is_active=True).count()
        assert [i.shift.code for i in instances_now(at=at(day, 10))] == ["day"]


def test_daily_beat_task_ensures_today_in_every_office_D01(world, in_tenant):
    from modules.duty import tasks
    from modules.duty.models import ShiftInstance
    from modules.duty.shifts import local_date

    entry = settings.CELERY_BEAT_SCHEDULE["duty-shift-instances-daily"]
    assert entry["task"] == tasks.shift_instances_daily.name
    counts = tasks.shift_instances_daily.apply().get()
    assert counts[world.alpha.schema_name] > 0 and counts[world.beta.schema_name] > 0
    from django.utils import timezone

    today = local_date(timezone.now())
    for office in (world.alpha, world.beta):
        with in_tenant(office):
            assert ShiftInstance.objects.filter(date=today).count() == counts[office.schema_name]


def _new_round_the_clock_shift():
    from datetime import time

    from modules.duty.models import ShiftTemplate

    return ShiftTemplate.objects.create(code="allday-read-test", name="全天测试班", start=time(0, 0), end=time(0, 0),
                                        keeps_log=False, order=99)


def test_now_page_and_api_are_pure_reads_D01(world, client_for, in_tenant):
    """D-01: "on duty now" computes a covering shift from its template without creating its instance."""
    from modules.duty.models import ShiftInstance

    with in_tenant(world.alpha):
        shift = _new_round_the_clock_shift()
        before = ShiftInstance.objects.count()
    response = client_for(world.alpha, "duty_officer").get("/api/v1/duty/now/")
    assert response.status_code == 200
    planned = [row for row in response.json() if row["shift"]["code"] == shift.code]
    assert planned and planned[0]["id"] is None and planned[0]["status"] == "planned"
    page = client_for(world.alpha, "duty_officer").get("/duty/")
    assert page.status_code == 200 and "全天测试班" in page.content.decode()
    with in_tenant(world.alpha):
        assert ShiftInstance.objects.count() == before
        assert not ShiftInstance.objects.filter(shift=shift).exists()


def test_log_entry_creates_the_instance_it_needs_D06(world, in_tenant):
    """The writing service creates the instance the entry belongs to (D-06)."""
    from modules.duty.models import ShiftInstance
    from modules.duty.services.instances import shift_instance_for_log
    from tests.modules.duty.duty_kit import FUTURE, at

    with in_tenant(world.alpha):
        shift = _new_round_the_clock_shift()
        shift.keeps_log = True
        shift.save()
        instance = shift_instance_for_log(at=at(FUTURE, 12))
        assert instance.pk and ShiftInstance.objects.filter(pk=instance.pk).exists()


def _made_days(*days):
    from modules.duty.services.instances import shift_instances_ensure

    for day in days:
        shift_instances_ensure(day=day)


def test_log_shift_of_a_made_day_is_read_in_one_query_D06_D07(world, in_tenant):
    """With the days' instances made (the daily beat), the shift an entry belongs to and whether its month
    is archived come from one query; the answer is the one the templates give (night after midnight: the
    previous day's night shift, in that day's month)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from modules.duty.models import MonthArchive
    from modules.duty.services.instances import shift_instance_for_log

    april, march = FUTURE.replace(month=4, day=1), FUTURE.replace(month=3, day=31)
    with in_tenant(world.alpha):
        _made_days(march, april)
        MonthArchive.objects.create(month=march.replace(day=1), archived_by_id=1, archived_by_name="档案员",
                                    archived_at=at(april, 1))
        with CaptureQueriesContext(connection) as night_sql:
            night = shift_instance_for_log(at=at(april, 2))
        with CaptureQueriesContext(connection) as day_sql:
            day = shift_instance_for_log(at=at(april, 10))
        assert len(night_sql) == len(day_sql) == 1
        assert (night.date, night.month_archived) == (march, True)
        assert (day.date, day.month_archived) == (april, False)
        assert night.shift.end < night.shift.start  # the night shift, crossing midnight


def test_log_shift_added_after_the_days_were_made_is_found_D06(world, in_tenant):
    """A logging shift created after the daily beat (no instance on either day) could cover the moment:
    the templates are read and its instance made — it started after the day shift, so it is the one —
    never the day shift the one query would have found."""
    from datetime import time

    from modules.duty.models import ShiftInstance, ShiftTemplate
    from modules.duty.services.instances import shift_instance_for_log

    day = FUTURE + timedelta(days=9)
    with in_tenant(world.alpha):
        _made_days(day - timedelta(days=1), day)
        late = ShiftTemplate.objects.create(code="late_added", name="临时班", start=time(10), end=time(17))
        found = shift_instance_for_log(at=at(day, 12))
        assert found.shift_id == late.pk and ShiftInstance.objects.filter(pk=found.pk, date=day).exists()
        assert not hasattr(found, "month_archived")  # read apart (`month_is_archived`)
