"""The seeds read faithfully (issue 7 §4), services: C-05/C-15, C-12, C-14, D-06."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.clocks.engine import clock_run
from modules.complaints import services
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(world):
    return world.users[("alpha", "cs_staff")]


def test_same_classification_again_records_nothing_new_C05_C15(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = register(staff)
        agreed = timezone.now() + timedelta(days=4)
        for _ in range(3):
            services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid",
                                        agreed_reply_at=agreed)
        assert list(complaint.events.values_list("kind", flat=True)) == ["registered", "classified"]


def test_real_change_of_classification_is_a_correction_event_C05_C15(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = register(staff)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid", urgent=True)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="invalid")
        events = list(complaint.events.order_by("id").values_list("kind", "data"))
    assert [kind for kind, _data in events] == ["registered", "classified", "reclassified", "reclassified"]
    assert events[2][1]["replaces"] == {"classification": "valid", "urgent": False, "serious": False}
    assert events[3][1]["replaces"]["urgent"] is True


def _valid(staff, **kw):
    complaint = register(staff, **kw)
    services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
    return complaint


def test_follow_up_after_reply_has_a_deadline_from_the_settings_C14(world, in_tenant, staff):
    from core.calendar import add_working_days
    from modules.catalog.models import Setting

    Setting.objects.create(key="complaint.follow_up_working_days", value=5,
                           effective_from=timezone.now() - timedelta(days=1))
    with in_tenant(world.alpha):
        complaint = _valid(staff)
        reply = services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone")
        complaint.refresh_from_db()
    assert complaint.next_step == "close" and complaint.sla["follow_up_working_days"] == 5
    assert complaint.due_at == add_working_days(reply.at, 5)


def test_follow_up_not_done_in_time_goes_overdue_and_is_reminded_C14_C17(world, in_tenant, staff):
    from core.notifications.models import Notification
    from modules.complaints.models import Complaint

    with in_tenant(world.alpha):
        complaint = _valid(staff)
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone")
        Complaint.objects.filter(pk=complaint.pk).update(due_at=timezone.now() - timedelta(minutes=1))
        clock_run(name="complaints.step", now=timezone.now())
        complaint.refresh_from_db()
        assert complaint.step_overdue and complaint.overdue_at is not None
        assert complaint.events.filter(kind="overdue", data__step="close").exists()
    assert Notification.objects.filter(user=staff, title__contains=complaint.number,
                                       dedupe_key__contains=":close@").exists()


def test_follow_up_closed_late_counts_against_on_time_C14_C17(world, in_tenant, staff):
    from modules.complaints.models import Complaint

    with in_tenant(world.alpha):
        complaint = _valid(staff)
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone")
        late = timezone.now() - timedelta(minutes=1)
        Complaint.objects.filter(pk=complaint.pk).update(due_at=late)
        services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)
        complaint.refresh_from_db()
    assert complaint.overdue_at == late and complaint.due_at is None


def _log_of(complaint):
    from modules.duty.models import LogEntry

    return list(LogEntry.objects.filter(source_type="complaint", source_id=complaint.pk)
                .order_by("occurred_at", "id").values_list("content", "result"))


def test_reply_opinion_and_close_are_written_in_the_duty_log_D06(world, in_tenant, staff):
    """D-06 (seed 000: 值班人员应将所有客户投诉的处理结果记录在《值班记录表》上, and the customer's
    opinion after a phone reply 将客户对投诉处理结果的意见填写在《值班记录表》中)."""
    with in_tenant(world.alpha):
        complaint = _valid(staff)
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", opinion="灯修好了",
                                 satisfied=True)
        services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)
        log = _log_of(complaint)
    assert [content for content, _result in log] == [
        f"{complaint.number} 投诉登记：楼道灯坏了", f"{complaint.number} 回复客户（电话）", f"{complaint.number} 结案"]
    assert log[1][1] == "客户满意：灯修好了" and log[2][1] == "客户满意"


def test_reply_is_logged_in_the_shift_in_which_it_happened_D06(world, in_tenant, staff):
    from modules.duty.models import LogEntry

    with in_tenant(world.alpha):
        complaint = _valid(staff, received_at=timezone.now() - timedelta(days=3))
        replied_at = timezone.now() - timedelta(days=2)
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", replied_at=replied_at)
        entry = LogEntry.objects.get(source_type="complaint", source_id=complaint.pk, content__contains="回复客户")
    assert entry.occurred_at == replied_at and entry.result == "客户未表态"


def test_dissatisfied_result_is_written_in_the_duty_log_D06_C13(world, in_tenant, staff):
    with in_tenant(world.alpha):
        complaint = _valid(staff)
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", satisfied=False)
        new = services.complaint_reopen_dissatisfied(user=staff, complaint_id=complaint.pk, opinion="还是不亮")
        log = _log_of(complaint)
    assert log[-1] == (f"{complaint.number} 客户不满意，转新投诉 {new.number}", "客户不满意：还是不亮")
