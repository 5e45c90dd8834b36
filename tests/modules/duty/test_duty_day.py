"""D-07: day register and signature, weekly check, the month's .xlsx."""

from datetime import date

import pytest
from openpyxl import load_workbook

from core.errors import NotAllowedNow, ValidationFailed
from tests.modules.duty.duty_kit import PAST, at, person

pytestmark = pytest.mark.django_db


def test_day_register_lists_incomplete_records_D07(world, in_tenant):
    from modules.duty.selectors import day_register
    from modules.duty.services.log import log_entry_add

    with in_tenant(world.alpha):
        done = log_entry_add(user=person(world, "duty_officer"), kind="inquiry", content="问路", action="指引",
                             result="已解决", occurred_at=at(PAST, 10))
        open_one = log_entry_add(user=person(world, "duty_officer"), kind="help", content="求助",
                                 occurred_at=at(PAST, 11))
        register = day_register(day=PAST)
        assert open_one in register["incomplete"] and done not in register["incomplete"]
        assert [i.shift.code for i in register["unsigned_shifts"]] == ["day"]


def test_supervisor_signs_day_once_and_not_a_future_day_D07(world, in_tenant):
    from modules.duty.services.day import day_sign

    with in_tenant(world.alpha):
        day_sign(user=person(world, "cs_supervisor"), day=PAST)
        with pytest.raises(NotAllowedNow) as again:
            day_sign(user=person(world, "cs_supervisor"), day=PAST)
        assert again.value.code == "already_signed"
        with pytest.raises(NotAllowedNow) as future:
            day_sign(user=person(world, "cs_supervisor"), day=date(2031, 1, 1))
        assert future.value.code == "day_not_started"


def test_week_check_needs_a_monday_D07(world, in_tenant):
    from modules.duty.services.day import week_check

    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as bad:
            week_check(user=person(world, "office_director"), week_start=date(2025, 3, 11))
        assert "week_start" in bad.value.fields
        assert week_check(user=person(world, "office_director"), week_start=PAST).checked_by_name


def _add(world, day, hh, content):
    from modules.duty.services.log import log_entry_add

    return log_entry_add(user=person(world, "duty_officer"), kind="incident", content=content,
                         occurred_at=at(day, hh))


def test_month_xlsx_holds_every_entry_of_the_month_and_nothing_else_D06_D07(world, in_tenant):
    from modules.duty.export import COLUMNS, month_log_xlsx

    with in_tenant(world.beta):
        _add(world, date(2025, 3, 15), 10, "别处的记录")
    with in_tenant(world.alpha):
        _add(world, date(2025, 2, 28), 10, "上月的记录")
        _add(world, date(2025, 4, 1), 10, "下月的记录")
        _add(world, date(2025, 4, 1), 3, "三月末夜班凌晨")  # night shift of 31 March
        _add(world, date(2025, 3, 1), 10, "三月一日")
        _add(world, date(2025, 3, 31), 15, "三月末")
        handle = month_log_xlsx(month=date(2025, 3, 1))
        sheet = load_workbook(handle).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert "值班记录表" in rows[0][0]
        assert rows[1] == COLUMNS
        contents = [r[5] for r in rows[2:] if len(r) > 5 and r[1]]
        assert contents == ["三月一日", "三月末", "三月末夜班凌晨"]
        assert rows[2][2] == "客服白班" and rows[2][3] == "alpha_duty_officer"


def test_month_xlsx_names_the_rostered_officer_D06(world, in_tenant):
    from modules.duty.export import month_log_xlsx
    from modules.duty.hooks import duty_log_auto_entry
    from tests.modules.duty.duty_kit import assign

    with in_tenant(world.alpha):
        assign(world, "cs_staff", "night", date(2025, 3, 3))
        duty_log_auto_entry(kind="help", content="夜间求助", source_type="contact", source_id=3,
                            occurred_at=at(date(2025, 3, 3), 23))
        rows = list(load_workbook(month_log_xlsx(month=date(2025, 3, 1))).active.iter_rows(values_only=True))
        assert rows[2][2:6] == ("客服夜班", "alpha_cs_staff", "求助", "夜间求助")


def test_day_sign_with_open_items_needs_acknowledgement_note_D07(world, in_tenant):
    from modules.duty.services.day import day_sign
    from modules.duty.services.log import log_entry_add

    day = date(2025, 3, 12)
    with in_tenant(world.alpha):
        entry = log_entry_add(user=person(world, "duty_officer"), kind="help", content="求助",
                              occurred_at=at(day, 11))
        with pytest.raises(ValidationFailed) as bare:
            day_sign(user=person(world, "cs_supervisor"), day=day, note="  ")
        assert bare.value.code == "acknowledgement_required" and "note" in bare.value.fields
        signed = day_sign(user=person(world, "cs_supervisor"), day=day, note="已知悉，次日跟进")
        assert entry.pk in signed.open_items["incomplete"] and signed.open_items["unsigned_shifts"]


def test_day_sign_without_open_items_needs_no_note_D07(world, in_tenant):
    from modules.duty.services.day import day_sign

    with in_tenant(world.alpha):
        signed = day_sign(user=person(world, "cs_supervisor"), day=date(2025, 3, 13))
        assert signed.open_items == {"incomplete": [], "unsigned_shifts": [], "open_handovers": []}


def test_week_check_lists_unsigned_days_of_the_week_D07(world, in_tenant):
    from modules.duty.selectors import week_overview
    from modules.duty.services.day import day_sign, week_check

    with in_tenant(world.alpha):
        day_sign(user=person(world, "cs_supervisor"), day=date(2025, 3, 18))
        overview = week_overview(week_start=date(2025, 3, 17), today=date(2025, 3, 19))
        assert overview["unsigned_days"] == [date(2025, 3, 17), date(2025, 3, 19)]
        check = week_check(user=person(world, "office_director"), week_start=date(2025, 3, 17))
        assert "2025-03-17" in check.unsigned_days and "2025-03-18" not in check.unsigned_days
        assert "2025-03-23" in check.unsigned_days  # a past week: every unsigned day counts
