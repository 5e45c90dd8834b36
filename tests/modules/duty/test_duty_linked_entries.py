"""D-05/D-06/D-07: a linked automatic entry (written by the complaint, front-desk or work-order module,
source_type/source_id set) is followed up at its source — not the shift's unfinished work, not an
incomplete record of the day — unless someone marked it important. It is shown apart, with its link."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.modules.duty.duty_kit import PAST, assign, at, instance, person

pytestmark = pytest.mark.django_db


def _three_entries(world, day, base_id):
    """A plain linked auto entry, an important linked entry and a manual open entry, on `day`."""
    from modules.duty.hooks import duty_log_auto_entry
    from modules.duty.models import LogEntry
    from modules.duty.services.log import log_entry_add

    duty_log_auto_entry(kind="complaint", content="投诉登记：电梯异响", source_type="complaint",
                        source_id=base_id, occurred_at=at(day, 9), source_number=f"TS-2025-{base_id}")
    plain = LogEntry.objects.get(source_type="complaint", source_id=base_id)
    important = log_entry_add(user=person(world, "duty_officer"), kind="complaint", content="重要投诉：漏水",
                              important=True, occurred_at=at(day, 10), source_type="complaint",
                              source_id=base_id + 1)
    manual = log_entry_add(user=person(world, "duty_officer"), kind="help", content="业主求助：门禁卡",
                           occurred_at=at(day, 11))
    return plain, important, manual


def test_open_items_leave_linked_auto_entries_to_their_source_D05(world, in_tenant):
    from modules.duty.selectors import blocking_items, linked_auto_entries, open_items

    with in_tenant(world.alpha):
        plain, important, manual = _three_entries(world, PAST, 9301)
        shift = instance("day", PAST)
        assert set(open_items(instance=shift)) == {important, manual}
        assert list(linked_auto_entries(instance=shift)) == [plain]
        assert list(linked_auto_entries(day=PAST)) == [plain]
        assert list(blocking_items(instance=shift)) == [important]


def test_handover_prefill_leaves_out_linked_auto_entry_D05(world, in_tenant):
    from modules.duty.services.handover import handover_open
    from modules.duty.services.log import log_entry_release

    with in_tenant(world.alpha):
        assign(world, "duty_officer", "day", PAST)
        assign(world, "cs_staff", "night", PAST)
        _plain, important, _manual = _three_entries(world, PAST, 9311)
        log_entry_release(user=person(world, "cs_supervisor"), entry_id=important.pk)
        handover = handover_open(user=person(world, "duty_officer"), instance_id=instance("day", PAST).pk)
    assert "电梯异响" not in handover.unfinished_work
    assert "【重要】" in handover.unfinished_work and "重要投诉：漏水" in handover.unfinished_work
    assert "业主求助：门禁卡" in handover.unfinished_work


def test_day_register_leaves_out_linked_auto_entry_D07(world, in_tenant):
    from modules.duty.selectors import day_open_items, day_register

    with in_tenant(world.alpha):
        plain, important, manual = _three_entries(world, PAST, 9321)
        register = day_register(day=PAST)
        assert register["incomplete"] == [important, manual]
        assert register["linked"] == [plain]
        assert plain.pk not in day_open_items(register=register)["incomplete"]


def test_day_with_only_linked_auto_entries_signs_without_note_D07(world, in_tenant):
    from modules.duty.hooks import duty_log_auto_entry
    from modules.duty.models import LogEntry
    from modules.duty.services.day import day_sign
    from modules.duty.services.log import shift_log_sign

    day = date(2025, 3, 14)
    with in_tenant(world.alpha):
        duty_log_auto_entry(kind="help", content="来电求助：停水", source_type="contact", source_id=9331,
                            occurred_at=at(day, 10))
        entry = LogEntry.objects.get(source_type="contact", source_id=9331)
        shift_log_sign(user=person(world, "cs_supervisor"), instance_id=entry.instance_id)
        signed = day_sign(user=person(world, "cs_supervisor"), day=day)
    assert signed.open_items == {"incomplete": [], "unsigned_shifts": [], "open_handovers": []}


def test_day_page_shows_linked_auto_entries_apart_with_their_link_D07(world, client_for, in_tenant):
    with in_tenant(world.alpha):
        plain, important, _manual = _three_entries(world, PAST, 9341)
    html = client_for(world.alpha, "cs_supervisor").get(
        reverse("duty:day", urlconf="core.urls.office") + f"?day={PAST.isoformat()}").content.decode()
    register = html.split("记录不完整或未关闭的事项", 1)[1].split("由来源单据跟进的自动记录", 1)
    assert "电梯异响" not in register[0] and "重要投诉：漏水" in register[0]
    linked = register[1].split("</ul>", 1)[0]
    assert f'id="linked-{plain.pk}"' in linked and 'href="/complaints/9341/"' in linked
    assert "投诉 TS-2025-9341" in linked and f'id="linked-{important.pk}"' not in linked
    assert "#9341" not in linked  # issue 9 §3.10: numbers staff read, never a database id


def test_now_page_lists_linked_auto_entries_apart_D05_D06(world, client_for, in_tenant):
    from modules.duty.hooks import duty_log_auto_entry
    from modules.duty.services.log import log_entry_add

    moment = timezone.now() - timedelta(seconds=5)
    with in_tenant(world.alpha):
        duty_log_auto_entry(kind="help", content="来电求助：停电", source_type="contact", source_id=9351,
                            occurred_at=moment)
        log_entry_add(user=person(world, "duty_officer"), kind="complaint", content="重要投诉：噪音",
                      important=True, occurred_at=moment, source_type="complaint", source_id=9352)
    html = client_for(world.alpha, "duty_officer").get(reverse("duty:now", urlconf="core.urls.office"))
    html = html.content.decode()
    linked = html.split('class="linked-open"', 1)[1].split("</details>", 1)[0]
    assert 'href="/frontdesk/contacts/9351/"' in linked and "来电求助：停电" in linked
    assert "9352" not in linked
