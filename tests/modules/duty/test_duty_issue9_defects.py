"""Issue 9 §3 defects of the duty pages (1, 2, 10), each with the rule it breaks (D-02, D-03, D-05, D-06)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django_tenants.utils import schema_context

from core.errors import NotAllowedNow, ValidationFailed
from tests.modules.duty.duty_kit import FUTURE, PAST, assign, at, instance, person

pytestmark = pytest.mark.django_db


def _url(name, *args):
    return reverse(name, urlconf="core.urls.office", args=list(args))


def _blocked_shift(world):
    """PAST day shift with the duty officer on it, an important open item, nobody next rostered."""
    from modules.duty.services.log import log_entry_add

    with schema_context(world.alpha.schema_name):
        assign(world, "duty_officer", "day", PAST)
        entry = log_entry_add(user=person(world, "duty_officer"), kind="incident", content="3栋水管爆裂",
                              occurred_at=at(PAST, 10), important=True)
        return instance("day", PAST), entry


def test_refused_handover_lists_blocking_work_with_links_and_mark_done_keeps_typed_text_D05(world, client_for):
    shift, entry = _blocked_shift(world)
    officer = client_for(world.alpha, "duty_officer")
    response = officer.post(_url("duty:handover-open", shift.pk),
                            {"unfinished_work": "业主王先生回电待跟进", "area_note": "大堂正常"})
    page = response.content.decode()
    assert response.status_code == 409
    assert "业主王先生回电待跟进" in page and "大堂正常" in page  # what was typed is kept
    blocking = page[page.index('id="blocking"'):]
    assert f'#entry-{entry.pk}"' in blocking and "3栋水管爆裂" in blocking and "标记完成" in blocking
    assert f"（{entry.pk}）" not in page and f"不能交班（{entry.pk}" not in page  # no database id


def test_mark_done_finishes_the_work_and_the_handover_opens_D05(world, client_for):
    from modules.duty.models import Handover

    shift, entry = _blocked_shift(world)
    officer = client_for(world.alpha, "duty_officer")
    back = _url("duty:shift", shift.pk)
    done = officer.post(_url("duty:entry-complete", entry.pk), {"result": "已关阀门并报修", "next": back})
    assert done.status_code == 302 and done["Location"] == back
    officer.post(_url("duty:handover-open", shift.pk))
    with schema_context(world.alpha.schema_name):
        assert Handover.objects.filter(outgoing=shift).exists()
        assert entry.correction.result == "已关阀门并报修"  # never edited: a correction records it (D-06)


def test_mark_done_needs_a_result_D05(world, in_tenant):
    from modules.duty.services.log import log_entry_complete

    _shift, entry = _blocked_shift(world)
    with in_tenant(world.alpha), pytest.raises(ValidationFailed) as refused:
        log_entry_complete(user=person(world, "duty_officer"), entry_id=entry.pk, result=" ")
    assert "result" in refused.value.fields


def test_page_message_never_repeats_itself_D05():
    from core.errors import ApplicationError
    from core.web import error_message

    same = ApplicationError("损坏或缺失须说明原因", fields={"explanation": ["损坏或缺失须说明原因"]})
    assert error_message(same) == "损坏或缺失须说明原因"
    more = ApplicationError("排班填写有误", fields={"shift": ["没有这个班次"], "date": ["必填"]})
    assert error_message(more) == "排班填写有误（没有这个班次；必填）"


def _open_future(world):
    from modules.duty.services.handover import handover_open

    with schema_context(world.alpha.schema_name):
        assign(world, "duty_officer", "day", FUTURE)
        return handover_open(user=person(world, "duty_officer"), instance_id=instance("day", FUTURE).pk)


def test_item_refusal_shown_once_and_typed_state_kept_D05(world, client_for):
    handover = _open_future(world)
    with schema_context(world.alpha.schema_name):
        assign(world, "cs_staff", "night", FUTURE)
        item = handover.items.first()
    incoming = client_for(world.alpha, "cs_staff")
    incoming.post(_url("duty:handover-arrive", handover.pk))
    response = incoming.post(_url("duty:handover-item", handover.pk, item.pk), {"state": "damaged", "item": item.pk})
    page = response.content.decode()
    assert response.status_code == 400
    assert page.count("损坏或缺失须说明原因") == 1
    assert '<option value="damaged" selected>' in page


def test_shift_page_warns_when_opening_early_and_says_who_is_next_D04_D05(world, client_for):
    with schema_context(world.alpha.schema_name):
        assign(world, "duty_officer", "day", FUTURE)
        assign(world, "cs_staff", "night", FUTURE)
        shift = instance("day", FUTURE)
    page = client_for(world.alpha, "duty_officer").get(_url("duty:shift", shift.pk)).content.decode()
    assert 'id="early-warning"' in page and "data-confirm=" in page
    expected = page[page.index('id="expected-next"'):].split("</p>", 1)[0]
    assert person(world, "cs_staff").username in expected or "alpha_cs_staff" in expected


def test_early_threshold_is_the_group_setting_D05(world, in_tenant):
    from modules.duty.selectors import handover_early_by

    with in_tenant(world.alpha):
        shift = instance("day", PAST)
        assert handover_early_by(instance=shift, at=shift.ends_at - timedelta(minutes=30)) is None
        assert handover_early_by(instance=shift, at=shift.ends_at - timedelta(hours=9)) == timedelta(hours=9)


def test_nobody_rostered_next_the_supervisor_names_the_incoming_officer_D03_D05(world, client_for, in_tenant):
    from modules.duty.models import DutyEvent
    from modules.duty.services.handover import handover_arrive

    handover = _open_future(world)
    with in_tenant(world.alpha), pytest.raises(NotAllowedNow):
        handover_arrive(user=person(world, "cs_staff"), handover_id=handover.pk)
    director = client_for(world.alpha, "duty_director")
    page = director.get(_url("duty:handover", handover.pk)).content.decode()
    assert 'id="incoming-form"' in page and "未排班" in page
    response = director.post(_url("duty:handover-incoming", handover.pk),
                             {"person": person(world, "cs_staff").pk, "note": "临时顶班"})
    assert response.status_code == 302
    with in_tenant(world.alpha):
        event = DutyEvent.objects.get(object_type="handover", object_id=handover.pk, kind="incoming_named")
        assert event.actor_id == person(world, "duty_director").pk
    from core.notifications.models import Notification

    told = Notification.objects.get(user=person(world, "cs_staff"), dedupe_key__startswith="handover-incoming:")
    assert told.url == f"/duty/handovers/{handover.pk}/"
    with in_tenant(world.alpha):
        handover_arrive(user=person(world, "cs_staff"), handover_id=handover.pk)  # now they may take over


def test_naming_refused_when_the_roster_has_someone_D03(world, in_tenant):
    from modules.duty.services.handover import handover_incoming_name

    handover = _open_future(world)
    with in_tenant(world.alpha):
        assign(world, "cs_staff", "night", FUTURE)
        with pytest.raises(NotAllowedNow) as refused:
            handover_incoming_name(user=person(world, "duty_director"), handover_id=handover.pk,
                                   person_id=person(world, "duty_officer").pk)
    assert refused.value.code == "incoming_rostered"


def test_naming_is_for_supervisors_of_this_office_only_D03(world, client_for):
    handover = _open_future(world)
    data = {"person": person(world, "cs_staff").pk}
    assert client_for(world.alpha, "duty_officer").post(_url("duty:handover-incoming", handover.pk),
                                                        data).status_code == 404
    other = client_for(world.alpha, "office_director", user_of=world.beta)
    assert other.post(_url("duty:handover-incoming", handover.pk), data).status_code == 404


def test_phone_complaint_writes_one_duty_line_linked_to_both_D06(world, in_tenant, client_for):
    from modules.duty.models import LogEntry
    from modules.frontdesk.services import contact_register
    from tests.modules.frontdesk.factories import contact_input

    with in_tenant(world.alpha):
        contact = contact_register(user=person(world, "cs_staff"), data=contact_input(
            request_type="complaint", outcome="complaint", request="楼上漏水", department=""))
        lines = LogEntry.objects.filter(source_type="complaint", source_id=contact.result_id) | \
            LogEntry.objects.filter(source_type="contact", source_id=contact.pk)
        assert lines.count() == 1
        line = lines.get()
        assert (line.source_number, line.link_type, line.link_number) == (
            contact.result_number, "contact", contact.number)
    page = client_for(world.alpha, "duty_officer").get(_url("duty:shift", line.instance_id)).content.decode()
    row = page[page.index(f'id="entry-{line.pk}"'):].split("</tr>", 1)[0]
    assert contact.result_number in row and contact.number in row
    assert f"/complaints/{contact.result_id}/" in row and f"/frontdesk/contacts/{contact.pk}/" in row


def test_normal_patrol_needs_no_action_only_an_abnormal_one_does_D02(world, in_tenant):
    from modules.duty.selectors import day_register
    from modules.duty.services.log import log_entry_add

    with in_tenant(world.alpha):
        user = person(world, "duty_officer")
        normal = log_entry_add(user=user, kind="patrol", content="巡查一期各楼栋，正常", result="正常",
                               occurred_at=at(PAST, 14))
        found = log_entry_add(user=user, kind="patrol", content="5栋消防通道堆放杂物", abnormal=True,
                              result="已通知清理", occurred_at=at(PAST, 15))
        incomplete = {e.pk for e in day_register(day=PAST)["incomplete"]}
    assert normal.pk not in incomplete and found.pk in incomplete


def test_xlsx_remark_shows_the_record_number_not_a_model_or_id_D06(world, client_for, in_tenant):
    from io import BytesIO

    from openpyxl import load_workbook

    from modules.duty.hooks import duty_log_auto_entry

    with in_tenant(world.alpha):
        duty_log_auto_entry(kind="complaint", content="TS-2025-0008 投诉登记：噪音", source_type="complaint",
                            source_id=8, occurred_at=at(PAST, 9), source_number="TS-2025-0008")
    response = client_for(world.alpha, "office_director").get(_url("duty:export") + f"?month={PAST:%Y-%m}")
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    remarks = [row[8] for row in sheet.iter_rows(values_only=True) if len(row) > 8 and row[8]]
    assert any("来源 投诉 TS-2025-0008" in r for r in remarks)
    assert not any("complaint#" in r or "#8" in r for r in remarks)


def test_swap_is_chosen_by_date_shift_and_name_not_a_record_number_D03(world, client_for):
    with schema_context(world.alpha.schema_name):
        mine = assign(world, "duty_officer", "day", FUTURE)
        theirs = assign(world, "cs_staff", "night", FUTURE)
    page = client_for(world.alpha, "duty_officer").get(_url("duty:requests")).content.decode()
    assert "调换排班编号" not in page and f"<td>{mine.pk}</td>" not in page
    picker = page[page.index('<select name="swap_with"'):].split("</select>", 1)[0]
    assert f'value="{theirs.pk}"' in picker and theirs.user_name in picker


def test_now_page_names_linked_records_by_number_D06(world, client_for, in_tenant):
    from django.utils import timezone

    from modules.duty.hooks import duty_log_auto_entry

    with in_tenant(world.alpha):
        duty_log_auto_entry(kind="complaint", content="投诉登记：停车", source_type="complaint", source_id=9455,
                            occurred_at=timezone.now() - timedelta(minutes=2), source_number="TS-2026-9455")
    page = client_for(world.alpha, "duty_officer").get(_url("duty:now")).content.decode()
    assert "#9455" not in page and "TS-2026-9455" in page


def test_refused_day_signature_keeps_the_typed_note_D07(world, client_for):
    director = client_for(world.alpha, "cs_supervisor")
    refused = director.post(_url("duty:day-sign"), {"day": FUTURE.isoformat(), "note": "提前写好的意见"})
    page = refused.content.decode()
    assert refused.status_code == 409 and 'value="提前写好的意见"' in page and "不能签署未来的日期" in page


def test_refused_leave_request_keeps_what_was_typed_D03(world, client_for):
    with schema_context(world.alpha.schema_name):
        mine = assign(world, "duty_officer", "day", FUTURE)
    response = client_for(world.alpha, "duty_officer").post(_url("duty:request-create"), {
        "assignment": mine.pk, "kind": "swap", "swap_with": mine.pk, "reason": "家里有事"})
    page = response.content.decode()
    assert response.status_code == 400 and "家里有事" in page and "没有这条可调换的排班" in page
