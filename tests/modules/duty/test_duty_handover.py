"""D-04/D-05: handover between the day and the night shift."""

import pytest

from core.errors import NotAllowedNow, ValidationFailed
from tests.modules.duty.duty_kit import FUTURE, PAST, assign, at, instance, person

pytestmark = pytest.mark.django_db


def _opened(world, day=FUTURE):
    from modules.duty.services.handover import handover_open

    assign(world, "duty_officer", "day", day)
    assign(world, "cs_staff", "night", day)
    return handover_open(user=person(world, "duty_officer"), instance_id=instance("day", day).pk)


def test_handover_refused_while_important_item_open_D05(world, in_tenant):
    from modules.duty.services.handover import handover_open
    from modules.duty.services.log import log_entry_add

    with in_tenant(world.alpha):
        assign(world, "duty_officer", "day", PAST)
        assign(world, "cs_staff", "night", PAST)
        log_entry_add(user=person(world, "duty_officer"), kind="incident", content="3栋水管爆裂",
                      occurred_at=at(PAST, 10), important=True)
        with pytest.raises(NotAllowedNow) as refused:
            handover_open(user=person(world, "duty_officer"), instance_id=instance("day", PAST).pk)
        assert refused.value.code == "important_item_open"
        # issue 9 §3.1: the refusal names the work as staff read it, never a record id
        assert refused.value.fields == {"entries": ["10:00 突发事件：3栋水管爆裂"]}


def test_important_item_released_by_supervisor_lets_handover_pass_D05(world, in_tenant):
    from modules.duty.services.handover import handover_open
    from modules.duty.services.log import log_entry_add, log_entry_release

    with in_tenant(world.alpha):
        assign(world, "duty_officer", "day", PAST)
        assign(world, "cs_staff", "night", PAST)
        entry = log_entry_add(user=person(world, "duty_officer"), kind="incident", content="电梯困人",
                              occurred_at=at(PAST, 11), important=True)
        log_entry_release(user=person(world, "cs_supervisor"), entry_id=entry.pk)
        handover = handover_open(user=person(world, "duty_officer"), instance_id=instance("day", PAST).pk)
        assert "【重要】" in handover.unfinished_work and "电梯困人" in handover.unfinished_work


def test_important_item_finished_by_correction_lets_handover_pass_D05(world, in_tenant):
    from modules.duty.services.handover import handover_open
    from modules.duty.services.log import log_entry_add, log_entry_correct

    with in_tenant(world.alpha):
        assign(world, "duty_officer", "day", PAST)
        assign(world, "cs_staff", "night", PAST)
        entry = log_entry_add(user=person(world, "duty_officer"), kind="help", content="老人求助",
                              occurred_at=at(PAST, 12), important=True)
        log_entry_correct(user=person(world, "duty_officer"), entry_id=entry.pk, content="老人求助",
                          action="上门", result="已送医")
        handover = handover_open(user=person(world, "duty_officer"), instance_id=instance("day", PAST).pk)
        assert handover.unfinished_work == ""


def test_full_handover_with_damaged_item_starts_next_shift_D05(world, in_tenant):
    from modules.duty.models import DutyEvent, HandoverItem, ShiftInstance
    from modules.duty.services import handover as svc

    with in_tenant(world.alpha):
        handover = _opened(world)
        incoming = person(world, "cs_staff")
        assert handover.incoming.shift.code == "night" and handover.incoming.date == FUTURE
        arrival = svc.handover_arrive(user=incoming, handover_id=handover.pk)
        assert arrival.late is False
        items = list(handover.items.all())
        assert [i.name for i in items][:2] == ["钥匙", "对讲机"]
        with pytest.raises(ValidationFailed) as bad:
            svc.handover_item_check(user=incoming, handover_id=handover.pk, item_id=items[0].pk, state="damaged")
        assert "explanation" in bad.value.fields
        svc.handover_item_check(user=incoming, handover_id=handover.pk, item_id=items[0].pk,
                                state="damaged", explanation="钥匙扣断裂")
        with pytest.raises(NotAllowedNow) as early:
            svc.handover_sign(user=incoming, handover_id=handover.pk)
        assert early.value.code == "items_unchecked"
        for item in items[1:]:
            svc.handover_item_check(user=incoming, handover_id=handover.pk, item_id=item.pk, state="ok")
        svc.handover_log_read(user=incoming, handover_id=handover.pk)
        svc.handover_area_check(user=incoming, handover_id=handover.pk, note="区域正常")
        svc.handover_sign(user=incoming, handover_id=handover.pk)
        assert ShiftInstance.objects.get(pk=handover.incoming_id).status == ShiftInstance.PLANNED
        svc.handover_sign(user=person(world, "duty_officer"), handover_id=handover.pk)
        handover.refresh_from_db()
        assert handover.status == "completed"
        assert ShiftInstance.objects.get(pk=handover.outgoing_id).status == ShiftInstance.CLOSED
        assert ShiftInstance.objects.get(pk=handover.incoming_id).status == ShiftInstance.ON_DUTY
        assert HandoverItem.objects.get(pk=items[0].pk).explanation == "钥匙扣断裂"
        kinds = set(DutyEvent.objects.filter(object_type="instance").values_list("to_status", flat=True))
        assert {"on_duty", "closed"} <= kinds


def test_late_arrival_recorded_D04(world, in_tenant):
    from modules.duty.services import handover as svc

    with in_tenant(world.alpha):
        handover = _opened(world, day=PAST)
        arrival = svc.handover_arrive(user=person(world, "cs_staff"), handover_id=handover.pk)
        assert arrival.late is True


def test_is_late_uses_the_setting_minutes_D04():
    from datetime import timedelta

    from modules.duty.shifts import is_late

    start = at(FUTURE, 20)
    assert is_late(arrived_at=start - timedelta(minutes=4), starts_at=start, early_minutes=5)
    assert not is_late(arrived_at=start - timedelta(minutes=5), starts_at=start, early_minutes=5)


def test_only_rostered_officer_opens_and_only_incoming_checks_D05(world, in_tenant):
    from modules.duty.services import handover as svc

    with in_tenant(world.alpha):
        handover = _opened(world)
        with pytest.raises(NotAllowedNow) as other:
            svc.handover_open(user=person(world, "cs_leader"), instance_id=instance("night", FUTURE).pk)
        assert other.value.code == "not_on_roster"
        with pytest.raises(NotAllowedNow) as not_incoming:
            svc.handover_log_read(user=person(world, "cs_leader"), handover_id=handover.pk)
        assert not_incoming.value.code == "not_incoming_officer"
        with pytest.raises(NotAllowedNow) as stranger:
            svc.handover_arrive(user=person(world, "cs_leader"), handover_id=handover.pk)
        assert stranger.value.code == "not_on_roster"


def test_shift_start_needs_handover_when_previous_on_duty_D05(world, in_tenant):
    from modules.duty.services.instances import shift_start

    with in_tenant(world.alpha):
        _opened(world)
        with pytest.raises(NotAllowedNow) as refused:
            shift_start(user=person(world, "cs_staff"), instance_id=instance("night", FUTURE).pk)
        assert refused.value.code == "handover_required"
