"""D-02: patrol findings (what is not up to standard, corrected and recorded) are entries of the shift's
log with kind "patrol". D-06: a complaint registered during a shift is listed in THAT shift's log."""

from datetime import date

import pytest

from tests.modules.duty.duty_kit import at, instance, person

pytestmark = pytest.mark.django_db
DAY = date(2025, 4, 8)  # a Tuesday with no other test's entries


def test_patrol_finding_logged_D02(world, in_tenant):
    from modules.duty.models import LogEntry
    from modules.duty.selectors import shift_log
    from modules.frontdesk.services import inspection_finding_add, inspection_start

    officer = person(world, "cs_staff")
    with in_tenant(world.alpha):
        round_ = inspection_start(user=officer, area="3栋大堂")
        finding = inspection_finding_add(round_id=round_.pk, user=officer, category=_category(),
                                         description="消防通道堆放杂物，已清理", department="security")
        entry = LogEntry.objects.get(source_type="workorder", source_id=finding.work_order_id)
        assert entry.kind == "patrol" and "消防通道堆放杂物" in entry.content
        assert entry.instance is not None
        assert entry.instance.starts_at <= entry.occurred_at < entry.instance.ends_at
        assert entry in shift_log(instance=entry.instance)


def test_duty_officer_patrol_entry_is_in_the_shift_log_D02(world, in_tenant):
    from modules.duty.selectors import shift_log
    from modules.duty.services.log import log_entry_add

    with in_tenant(world.alpha):
        entry = log_entry_add(user=person(world, "duty_officer"), kind="patrol", content="巡查：2栋电梯厅灯不亮",
                              action="已报工程部更换", result="已修复", occurred_at=at(DAY, 15))
        day_shift = instance("day", DAY)
        assert entry.instance == day_shift
        assert [e.kind for e in shift_log(instance=day_shift) if e.pk == entry.pk] == ["patrol"]


def test_complaint_registered_during_a_shift_is_in_that_shifts_log_D06(world, in_tenant):
    from modules.catalog.services import setting_set
    from modules.complaints.services import complaint_register
    from modules.duty.models import LogEntry

    setting_set(key="input.typed_time_max_days_back", value=3650)  # DAY is a fixed date in the past
    with in_tenant(world.alpha):
        day_complaint = complaint_register(
            user=person(world, "cs_staff"), channel="phone", content="楼道灯坏了", complainant_name="张三",
            complainant_phone="13800138000", category="repairs", received_at=at(DAY, 11))
        night_complaint = complaint_register(
            user=person(world, "cs_staff"), channel="phone", content="夜间噪音", complainant_name="李四",
            complainant_phone="13800138001", category="repairs", received_at=at(DAY, 23, 30))
        day_entry = LogEntry.objects.get(source_type="complaint", source_id=day_complaint.pk)
        night_entry = LogEntry.objects.get(source_type="complaint", source_id=night_complaint.pk)
        assert day_entry.instance == instance("day", DAY)
        assert night_entry.instance == instance("night", DAY)
        assert night_entry.day == DAY  # a night belongs to its start date


def _category() -> str:
    from modules.frontdesk.models import inspections as ins

    return next(iter(ins.CHECKLIST_KEYS))
