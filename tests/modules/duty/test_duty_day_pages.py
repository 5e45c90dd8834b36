"""D-07 pages: the day page asks for an acknowledgement when items are open; the week page lists the
days nobody signed."""

from datetime import date

import pytest

from tests.modules.duty.duty_kit import at, person

pytestmark = pytest.mark.django_db


def test_day_page_requires_acknowledgement_of_open_items_D07(world, client_for, in_tenant):
    from modules.duty.models import DaySign
    from modules.duty.services.log import log_entry_add

    day = date(2025, 4, 8)
    with in_tenant(world.alpha):
        log_entry_add(user=person(world, "duty_officer"), kind="help", content="电梯困人", occurred_at=at(day, 9))
    supervisor = client_for(world.alpha, "cs_supervisor")
    page = supervisor.get(f"/duty/day/?day={day}").content.decode()
    assert "签字须填写确认说明" in page and "电梯困人" in page
    refused = supervisor.post("/duty/day/sign/", {"day": day.isoformat()}, follow=True).content.decode()
    assert "未关闭事项，签字须填写确认说明" in refused  # the refusal message, not the hint
    with in_tenant(world.alpha):
        assert not DaySign.objects.filter(day=day).exists()
    supervisor.post("/duty/day/sign/", {"day": day.isoformat(), "note": "已安排次日跟进"})
    with in_tenant(world.alpha):
        assert DaySign.objects.get(day=day).open_items["incomplete"]


def test_week_page_lists_unsigned_days_D07(world, client_for, in_tenant):
    from modules.duty.services.day import day_sign

    with in_tenant(world.alpha):
        day_sign(user=person(world, "cs_supervisor"), day=date(2025, 4, 15))
    page = client_for(world.alpha, "office_director").get("/duty/week/?week=2025-04-14").content.decode()
    unsigned = page.split("未签字的日期")[1].split("</p>")[0]
    assert "?day=2025-04-14" in unsigned and "?day=2025-04-15" not in unsigned
