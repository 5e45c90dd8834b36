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
        assert instances_now(at=at(FUTURE, 10)) == []
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


def test_now_page_and_api_ensure_before_reading_D01(world, client_for, in_tenant):
    from django.utils import timezone

    from modules.duty.models import ShiftInstance
    from modules.duty.shifts import local_date

    today = local_date(timezone.now())
    assert client_for(world.beta, "duty_officer").get("/api/v1/duty/now/").status_code == 200
    with in_tenant(world.beta):
        assert ShiftInstance.objects.filter(date=today).exists()
    assert client_for(world.alpha, "duty_officer").get("/duty/").status_code == 200
    with in_tenant(world.alpha):
        assert ShiftInstance.objects.filter(date=today).exists()
