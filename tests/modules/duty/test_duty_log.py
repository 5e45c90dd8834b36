"""D-06: the duty log — entries, corrections as new rows, the director's signature; D-07 archive."""

from datetime import date

import pytest

from core.errors import NotAllowedNow, ValidationFailed
from tests.modules.duty.duty_kit import PAST, at, instance, person

pytestmark = pytest.mark.django_db


def test_entry_needs_kind_and_content_D06(world, in_tenant):
    from modules.duty.services.log import log_entry_add

    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as bad:
            log_entry_add(user=person(world, "duty_officer"), kind="gossip", content=" ", occurred_at=at(PAST, 10))
        assert set(bad.value.fields) == {"kind", "content"}


def test_correction_is_a_new_entry_pointing_at_the_old_D06(world, in_tenant):
    from modules.duty.selectors import entries_current, shift_log
    from modules.duty.services.log import log_entry_add, log_entry_correct

    with in_tenant(world.alpha):
        old = log_entry_add(user=person(world, "duty_officer"), kind="inquiry", content="询问停水时间",
                            occurred_at=at(PAST, 10))
        new = log_entry_correct(user=person(world, "duty_officer"), entry_id=old.pk, content="询问停电时间",
                                action="查询通知", result="已答复")
        old.refresh_from_db()
        assert old.content == "询问停水时间" and new.corrects_id == old.pk
        assert list(shift_log(instance=old.instance)) == [old, new]
        assert new in entries_current() and old not in entries_current()
        with pytest.raises(NotAllowedNow) as twice:
            log_entry_correct(user=person(world, "duty_officer"), entry_id=old.pk, content="x")
        assert twice.value.code == "already_corrected"


def test_director_signs_shift_log_once_D06(world, in_tenant):
    from modules.duty.services.log import shift_log_sign

    with in_tenant(world.alpha):
        shift = instance("day", PAST)
        signed = shift_log_sign(user=person(world, "duty_director"), instance_id=shift.pk)
        assert signed.signed_by_name == "alpha_duty_director"
        with pytest.raises(NotAllowedNow) as again:
            shift_log_sign(user=person(world, "duty_director"), instance_id=shift.pk)
        assert again.value.code == "already_signed"


def test_archived_month_takes_only_corrections_D07(world, in_tenant):
    from modules.duty.hooks import duty_log_auto_entry
    from modules.duty.models import LogEntry
    from modules.duty.services.day import month_archive
    from modules.duty.services.log import log_entry_add, log_entry_correct

    with in_tenant(world.alpha):
        old = log_entry_add(user=person(world, "duty_officer"), kind="patrol", content="巡查", occurred_at=at(PAST, 10))
        month_archive(user=person(world, "records_clerk"), month=date(2025, 3, 1))
        with pytest.raises(NotAllowedNow) as frozen:
            log_entry_add(user=person(world, "duty_officer"), kind="patrol", content="补记", occurred_at=at(PAST, 11))
        assert frozen.value.code == "month_archived"
        correction = log_entry_correct(user=person(world, "duty_officer"), entry_id=old.pk, content="巡查补充")
        assert correction.after_archive is True
        duty_log_auto_entry(kind="complaint", content="补登投诉", source_type="complaint", source_id=5,
                            occurred_at=at(PAST, 12))
        assert LogEntry.objects.get(source_id=5, source_type="complaint").after_archive is True


def test_month_not_over_cannot_be_archived_D07(world, in_tenant):
    from modules.duty.services.day import month_archive

    with in_tenant(world.alpha):
        with pytest.raises(NotAllowedNow) as early:
            month_archive(user=person(world, "records_clerk"), month=date(2031, 5, 1))
        assert early.value.code == "month_not_over"


def test_night_after_midnight_belongs_to_the_archived_month_of_its_shift_D06_D07(world, in_tenant):
    from modules.duty.services.day import month_archive
    from modules.duty.services.log import log_entry_add

    with in_tenant(world.alpha):
        month_archive(user=person(world, "records_clerk"), month=date(2025, 3, 1))
        with pytest.raises(NotAllowedNow) as frozen:
            log_entry_add(user=person(world, "duty_officer"), kind="patrol", content="凌晨巡查",
                          occurred_at=at(date(2025, 4, 1), 2))
        assert frozen.value.code == "month_archived"
        april = log_entry_add(user=person(world, "duty_officer"), kind="patrol", content="上午巡查",
                              occurred_at=at(date(2025, 4, 1), 10))
        assert str(april.day) == "2025-04-01" and april.after_archive is False
