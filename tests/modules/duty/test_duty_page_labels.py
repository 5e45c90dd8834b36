"""What the duty pages show people: Chinese labels instead of event and status codes (handover
history), and the "now" page's unfinished work without automatic entries followed up elsewhere
(D-05, D-06)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.modules.duty.duty_kit import FUTURE, assign, instance, person

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(name, urlconf="core.urls.office", args=list(args))


def _history(html: str) -> str:
    return html.split("过程", 1)[1]


def test_handover_history_shows_labels_not_codes_D05(world, client_for, in_tenant):
    from modules.duty.services.handover import handover_arrive, handover_item_check, handover_open

    with in_tenant(world.alpha):
        assign(world, "duty_officer", "day", FUTURE)
        assign(world, "cs_staff", "night", FUTURE)
        handover = handover_open(user=person(world, "duty_officer"), instance_id=instance("day", FUTURE).pk)
        handover_arrive(user=person(world, "cs_staff"), handover_id=handover.pk)
        item = handover.items.first()
        handover_item_check(user=person(world, "cs_staff"), handover_id=handover.pk, item_id=item.pk, state="ok")
    history = _history(client_for(world.alpha, "duty_officer").get(_url("duty:handover", handover.pk))
                       .content.decode())
    assert "发起交接班" in history and "交接中" in history
    assert "清点物品" in history and "未检查 → 完好" in history
    for code in ("opened", "item_checked", "→open", "pending", "→ok"):
        assert code not in history, code


def _now_open_count(client) -> int:
    html = client.get(_url("duty:now")).content.decode()
    return sum(int(n) for n in re.findall(r'class="open-items">(\d+)<', html)), html


def test_now_page_leaves_linked_auto_entries_to_their_source_D05_D06(world, client_for, in_tenant):
    from modules.duty.hooks import duty_log_auto_entry
    from modules.duty.services.log import log_entry_add

    client = client_for(world.alpha, "duty_officer")
    before, _html = _now_open_count(client)
    moment = timezone.now() - timedelta(seconds=5)
    with in_tenant(world.alpha):
        duty_log_auto_entry(kind="complaint", content="TS-1 投诉登记：电梯异响", source_type="complaint",
                            source_id=9101, occurred_at=moment, source_number="TS-1")
        log_entry_add(user=person(world, "duty_officer"), kind="inquiry", content="问询停车", occurred_at=moment)
        log_entry_add(user=person(world, "duty_officer"), kind="complaint", content="重要投诉", important=True,
                      occurred_at=moment, source_type="complaint", source_id=9102)
    after, html = _now_open_count(client)
    assert after - before == 2  # the manual entry and the important linked one; not the plain auto entry
    assert 'href="/complaints/9101/"' in html and "投诉 TS-1<" in html and "#9101" not in html


def test_shift_log_names_the_source_of_an_auto_entry_D06(world, client_for, in_tenant):
    from modules.duty.hooks import duty_log_auto_entry
    from modules.duty.models import LogEntry

    with in_tenant(world.alpha):
        duty_log_auto_entry(kind="help", content="来电求助：停电", source_type="contact", source_id=9201,
                            occurred_at=timezone.now() - timedelta(minutes=1), source_number="LD-2026-009201")
        entry = LogEntry.objects.get(source_type="contact", source_id=9201)
    assert entry.instance_id is not None  # the office's day and night shifts cover every hour
    page = client_for(world.alpha, "duty_officer").get(_url("duty:shift", entry.instance_id)).content.decode()
    row = page[page.index(f'id="entry-{entry.pk}"'):]
    row = row[:row.index("</tr>")]
    # issue 9 §3.10: the record's number, never its database id
    assert "来电来访 LD-2026-009201" in row and "由来源单据跟进" in row and "contact #" not in row
    assert "#9201" not in row
