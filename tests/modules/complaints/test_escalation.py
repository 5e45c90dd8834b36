"""The escalation ladder (C-11) and head-office complaints (C-16) through the real bridge."""

import pytest
from django_tenants.utils import schema_context

from core.errors import Forbidden, NotAllowedNow
from modules.complaints import services
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


def _hq_case(world, office_complaint_id):
    from modules.hq.models import HqCase

    with schema_context(world.hq.schema_name):
        return HqCase.objects.filter(office_id=world.alpha.pk, office_complaint_id=office_complaint_id).first()


def test_ladder_staff_director_hq_with_who_when_why_C11(world, in_tenant, django_capture_on_commit_callbacks):
    staff, director = world.users[("alpha", "cs_staff")], world.users[("alpha", "office_director")]
    with in_tenant(world.alpha):
        complaint = register(staff)
        with pytest.raises(NotAllowedNow) as err:
            services.complaint_escalate(user=director, complaint_id=complaint.pk, to_level="hq", reason="跳级")
        assert err.value.code == "escalation_out_of_order"
        services.complaint_escalate(user=staff, complaint_id=complaint.pk, to_level="director", reason="无法解决")
        from core.notifications.models import Notification

        assert Notification.objects.filter(user=director, title__contains="无法解决").exists()
        with pytest.raises(Forbidden):
            services.complaint_escalate(user=staff, complaint_id=complaint.pk, to_level="hq", reason="再上报")
        services.complaint_escalate(user=director, complaint_id=complaint.pk, to_level="hq", reason="需总部协调")
        complaint.refresh_from_db()
        rows = list(complaint.events.filter(kind="escalated").values_list("actor_id", "note", "data"))
        assert complaint.escalation_level == "hq" and complaint.hq_case_id
        with django_capture_on_commit_callbacks(execute=True):
            services.complaint_note(user=staff, complaint_id=complaint.pk, text="已联系业主")
    assert rows[0][:2] == (staff.pk, "无法解决") and rows[0][2]["to_level"] == "director"
    assert rows[1][:2] == (director.pk, "需总部协调") and rows[1][2]["to_level"] == "hq"
    case = _hq_case(world, complaint.pk)
    assert case is not None and case.pk == complaint.hq_case_id and case.reason == "需总部协调"
    assert any(e["kind"] == "note" for e in case.snapshot["events"])  # synced after the event (C-16)


def test_forwarded_complaint_reports_result_within_hours_C16(world, in_tenant):
    from tenants import bridge
    from tests.modules.hq.factories import hq_complaint

    staff = world.users[("alpha", "cs_staff")]
    item = hq_complaint(world)
    number = bridge.hq_complaint_forward_to_office(hq_complaint_id=item.pk, office=world.alpha,
                                                   by_user=world.users[("hq", "hq_agent")])
    with in_tenant(world.alpha):
        from modules.complaints.models import Complaint

        complaint = Complaint.objects.get(number=number)
        assert complaint.hq_ref
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        reply = services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone")
        complaint.refresh_from_db()
        assert complaint.next_step == "report_result"
        assert (complaint.due_at - reply.at).total_seconds() == 12 * 3600
        with pytest.raises(NotAllowedNow) as err:
            services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)
        assert err.value.code == "hq_result_not_reported"
        services.complaint_report_result(user=staff, complaint_id=complaint.pk, summary="已清理垃圾")
        services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)
    from modules.hq.models import HqComplaint

    with schema_context(world.hq.schema_name):
        item.refresh_from_db()
        assert item.result_summary == "已清理垃圾" and item.status == HqComplaint.REPORTED


def test_report_result_refused_for_office_complaint_C16(world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = register(staff)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone")
        with pytest.raises(NotAllowedNow) as err:
            services.complaint_report_result(user=staff, complaint_id=complaint.pk, summary="x")
    assert err.value.code == "not_from_hq"
