"""tenants/bridge.py: the only door between tenants (DESIGN.md). Each operation is one transaction,
leaves the connection in the caller's schema, and rolls back both sides on failure."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from core.errors import NotAllowedNow, NotFound, ValidationFailed
from tenants import bridge
from tests.modules.hq.factories import escalate, hq_complaint, office_complaint

pytestmark = pytest.mark.django_db


def _case(case_id):
    from modules.hq.models import HqCase

    with schema_context("hq"):
        return HqCase.objects.get(pk=case_id), list(HqCase.objects.get(pk=case_id).events.all())


def test_escalation_creates_case_with_timeline_and_notifies_agents_C11(world):
    from core.notifications.models import Notification

    case_id, complaint_id = escalate(world, world.alpha, collective=True)
    case, events = _case(case_id)
    assert (case.office_slug, case.office_complaint_id, case.collective) == ("alpha", complaint_id, True)
    assert case.number.startswith("TS-") and case.escalated_by == "alpha主任"
    assert [e.kind for e in events] == ["registered", "hq_received"]
    agent = world.users[("hq", "hq_agent")]
    assert Notification.objects.filter(user=agent, tenant=world.hq, title__contains=case.number).exists()


def test_bridge_returns_to_callers_schema(world):
    with schema_context(world.alpha.schema_name):
        complaint_id, snapshot = office_complaint(world, world.alpha)
        bridge.complaint_escalate_to_hq(office=world.alpha, snapshot=snapshot, reason="r", by_name="d")
        assert connection.schema_name == world.alpha.schema_name
        bridge.complaint_sync_to_hq(office=world.alpha, snapshot=snapshot)
        assert connection.schema_name == world.alpha.schema_name
        with pytest.raises(ValidationFailed):
            bridge.complaint_escalate_to_hq(office=world.alpha, snapshot={}, reason="r", by_name="d")
        assert connection.schema_name == world.alpha.schema_name


def test_sync_appends_new_office_events_once(world):
    from modules.complaints.models import Complaint
    from modules.complaints.selectors import complaint_snapshot
    from modules.complaints.services._common import event_write

    case_id, complaint_id = escalate(world, world.alpha)
    with schema_context(world.alpha.schema_name):
        complaint = Complaint.objects.get(pk=complaint_id)
        event_write(complaint=complaint, kind="contacted", actor="客服小王", note="已联系业主")
        snapshot = complaint_snapshot(Complaint.objects.get(pk=complaint_id))
        bridge.complaint_sync_to_hq(office=world.alpha, snapshot=snapshot)
        bridge.complaint_sync_to_hq(office=world.alpha, snapshot=snapshot)
    _, events = _case(case_id)
    assert [e.kind for e in events].count("contacted") == 1
    assert any(e.note == "已联系业主" and e.actor == "客服小王" for e in events)


def test_instruction_reaches_office_timeline_C11(world):
    from modules.complaints.models import ComplaintEvent

    case_id, complaint_id = escalate(world, world.alpha)
    with schema_context(world.hq.schema_name):
        bridge.hq_instruction_to_office(case_id=case_id, text="请主任今日上门", by_user=world.users[("hq", "hq_agent")])
        assert connection.schema_name == world.hq.schema_name
    with schema_context(world.alpha.schema_name):
        assert ComplaintEvent.objects.filter(complaint_id=complaint_id, kind="hq_instruction",
                                             note="请主任今日上门").exists()
    _, events = _case(case_id)
    assert events[-1].kind == "hq_instruction" and events[-1].source == "hq"
    from modules.complaints.models import Complaint
    from modules.complaints.selectors import complaint_snapshot

    with schema_context(world.alpha.schema_name):  # the office echoes it back: not mirrored twice
        bridge.complaint_sync_to_hq(office=world.alpha,
                                    snapshot=complaint_snapshot(Complaint.objects.get(pk=complaint_id)))
    _, events = _case(case_id)
    assert [e.kind for e in events].count("hq_instruction") == 1


def test_forward_creates_office_complaint_with_hq_ref_C16(world):
    from modules.complaints.models import Complaint
    from modules.hq.models import HqComplaint

    item = hq_complaint(world)
    with schema_context(world.hq.schema_name):
        number = bridge.hq_complaint_forward_to_office(hq_complaint_id=item.pk, office=world.beta,
                                                       by_user=world.users[("hq", "hq_agent")])
        stored = HqComplaint.objects.get(pk=item.pk)
        assert connection.schema_name == world.hq.schema_name
    assert (stored.status, stored.office_number, stored.office_slug) == ("forwarded", number, "beta")
    with schema_context(world.beta.schema_name):
        office = Complaint.objects.get(number=number)
        assert (office.hq_ref, office.channel) == (stored.number, "hq_hotline")  # issue 9: ZB-…, not HQ-<id>
    with schema_context(world.alpha.schema_name):
        assert not Complaint.objects.filter(hq_ref=stored.number).exists()
    from core.notifications.models import Notification

    assert Notification.objects.filter(user=world.users[("beta", "office_director")], tenant=world.beta,
                                       title__contains=number).exists()


def test_forward_twice_is_refused_C16(world):
    item = hq_complaint(world)
    agent = world.users[("hq", "hq_agent")]
    with schema_context(world.hq.schema_name):
        bridge.hq_complaint_forward_to_office(hq_complaint_id=item.pk, office=world.alpha, by_user=agent)
        with pytest.raises(NotAllowedNow):
            bridge.hq_complaint_forward_to_office(hq_complaint_id=item.pk, office=world.beta, by_user=agent)


def test_forward_rolls_back_both_sides_on_failure(world, monkeypatch):
    from modules.complaints.models import Complaint
    from modules.hq import services
    from modules.hq.models import HqComplaint

    item = hq_complaint(world)

    def broken(**kwargs):
        raise ValidationFailed("boom")

    monkeypatch.setattr(services, "hq_complaint_forwarded_record", broken)
    with schema_context(world.hq.schema_name):
        with pytest.raises(ValidationFailed):
            bridge.hq_complaint_forward_to_office(hq_complaint_id=item.pk, office=world.alpha,
                                                  by_user=world.users[("hq", "hq_agent")])
        assert connection.schema_name == world.hq.schema_name
        assert HqComplaint.objects.get(pk=item.pk).status == "registered"
    with schema_context(world.alpha.schema_name):
        assert not Complaint.objects.filter(hq_ref=item.number).exists()


def test_escalation_rolls_back_when_notifying_fails(world, monkeypatch):
    from modules.hq import services
    from modules.hq.models import HqCase

    def broken(**kwargs):
        raise RuntimeError("notifications down")

    monkeypatch.setattr(services, "case_notify_agents", broken)
    complaint_id, snapshot = office_complaint(world, world.alpha)
    with schema_context(world.alpha.schema_name):
        with pytest.raises(RuntimeError):
            bridge.complaint_escalate_to_hq(office=world.alpha, snapshot=snapshot, reason="r", by_name="d")
        assert connection.schema_name == world.alpha.schema_name
    with schema_context(world.hq.schema_name):
        assert not HqCase.objects.filter(office_id=world.alpha.pk, office_complaint_id=complaint_id).exists()


def _forwarded(world, office):
    item = hq_complaint(world)
    with schema_context(world.hq.schema_name):
        bridge.hq_complaint_forward_to_office(hq_complaint_id=item.pk, office=office,
                                              by_user=world.users[("hq", "hq_agent")])
    return item


def _result(world, office, item, completed_hours_ago: float):
    from modules.hq.selectors import hq_complaint_get

    snapshot = {"office_complaint_id": 1, "hq_ref": item.hq_ref, "status": "replied",
                "completed_at": (timezone.now() - timedelta(hours=completed_hours_ago)).isoformat()}
    with schema_context(office.schema_name):
        bridge.complaint_result_to_hq(office=office, snapshot=snapshot, summary="已清理完毕", by_name="主任")
    with schema_context(world.hq.schema_name):
        stored = hq_complaint_get(pk=item.pk)
        return stored, stored.events.last().note


def test_result_reported_late_is_overdue_C16(world):
    stored, note = _result(world, world.alpha, _forwarded(world, world.alpha), completed_hours_ago=13)
    assert stored.status == "reported" and stored.result_overdue is True
    assert "超时" in note


def test_result_reported_on_time_is_not_overdue_C16(world):
    stored, note = _result(world, world.alpha, _forwarded(world, world.alpha), completed_hours_ago=11)
    assert stored.status == "reported" and stored.result_overdue is False and "超时" not in note


def test_result_not_reported_after_limit_is_overdue_C16(world):
    from modules.hq.selectors import hq_complaint_list

    item = _forwarded(world, world.alpha)
    snapshot = {"office_complaint_id": 1, "hq_ref": item.hq_ref, "status": "replied",
                "completed_at": (timezone.now() - timedelta(hours=12, minutes=5)).isoformat()}
    with schema_context(world.alpha.schema_name):
        bridge.complaint_sync_to_hq(office=world.alpha, snapshot=snapshot)
    with schema_context(world.hq.schema_name):
        assert hq_complaint_list(overdue="yes").filter(pk=item.pk).exists()
        assert hq_complaint_list().get(pk=item.pk).status == "completed"


def test_office_cannot_report_result_of_another_offices_complaint_C16(world):
    item = _forwarded(world, world.beta)
    snapshot = {"office_complaint_id": 1, "hq_ref": item.hq_ref, "status": "replied"}
    with schema_context(world.alpha.schema_name), pytest.raises(NotFound):
        bridge.complaint_result_to_hq(office=world.alpha, snapshot=snapshot, summary="x", by_name="y")


def test_beta_escalation_never_in_alpha_data(world):
    from modules.complaints.models import Complaint
    from modules.hq.selectors import case_list

    case_id, _ = escalate(world, world.beta, content="贝塔小区独有的投诉内容")
    with schema_context(world.alpha.schema_name):
        assert not Complaint.objects.filter(content__contains="贝塔小区独有").exists()
    with schema_context(world.hq.schema_name):
        assert not case_list(office="alpha").filter(pk=case_id).exists()
        assert case_list(office="beta").filter(pk=case_id).exists()


def test_director_escalation_through_complaints_module_reaches_inbox_C11(world):
    from modules.complaints.services.hq import complaint_escalate
    from modules.hq.selectors import case_list

    complaint_id, _ = office_complaint(world, world.alpha, content="物业费收费标准有异议")
    with schema_context(world.alpha.schema_name):
        complaint_escalate(user=world.users[("alpha", "cs_staff")], complaint_id=complaint_id,
                           to_level="director", reason="客服无法解决")
        complaint_escalate(user=world.users[("alpha", "office_director")], complaint_id=complaint_id,
                           to_level="hq", reason="需总部定夺")
        assert connection.schema_name == world.alpha.schema_name
    with schema_context(world.hq.schema_name):
        case = case_list(office="alpha").get(office_complaint_id=complaint_id)
        kinds = list(case.events.values_list("kind", flat=True))
    assert case.reason == "需总部定夺" and case.escalated_by == "alpha_office_director"
    assert kinds.count("escalated") == 2 and kinds[-1] == "hq_received"


def test_collective_incident_notified_by_director_reaches_inbox_C10(world):
    from modules.complaints.services.collective import (
        complaint_link_incident,
        incident_notify_hq,
        incident_report_director,
    )
    from modules.hq.selectors import case_list
    from tests.modules.complaints.factories import household_make, register

    staff = world.users[("alpha", "cs_staff")]
    with schema_context(world.alpha.schema_name):
        complaints = [register(staff, household_id=household_make(building="9栋").pk, content="9栋电梯停运")
                      for _ in range(5)]
        incident = complaint_link_incident(user=staff, complaint_id=complaints[0].pk, title="9栋电梯停运")
        for complaint in complaints[1:]:
            complaint_link_incident(user=staff, complaint_id=complaint.pk, incident_id=incident.pk)
        incident_report_director(user=world.users[("alpha", "duty_officer")], incident_id=incident.pk)
        incident = incident_notify_hq(user=world.users[("alpha", "office_director")], incident_id=incident.pk)
    with schema_context(world.hq.schema_name):
        case = case_list(collective="yes").get(pk=incident.hq_case_id)
    assert case.office_slug == "alpha" and "集体投诉" in case.reason and case.snapshot["households"] == 5


def test_sync_of_a_complaint_never_sent_to_hq_writes_nothing(world):
    from modules.hq.models import HqCase, HqComplaint

    with schema_context(world.hq.schema_name):
        before = (HqCase.objects.count(), HqComplaint.objects.count())
    _, snapshot = office_complaint(world, world.alpha)
    with schema_context(world.alpha.schema_name):
        bridge.complaint_sync_to_hq(office=world.alpha, snapshot=snapshot)
    with schema_context(world.hq.schema_name):
        assert (HqCase.objects.count(), HqComplaint.objects.count()) == before


def test_forwarded_result_deadline_uses_the_settings_in_force_when_forwarded_S08_C16(world):
    """S-08: head office freezes the result-report hours when it forwards, as the office does; a later
    change of the setting moves neither deadline."""
    from modules.catalog.models import Setting
    from modules.complaints import services
    from modules.complaints.models import Complaint
    from modules.hq.selectors import hq_complaint_get

    item = _forwarded(world, world.alpha)
    Setting.objects.create(key="complaint.hq_result_report_hours", value=48, effective_from=timezone.now())
    staff = world.users[("alpha", "cs_staff")]
    with schema_context(world.alpha.schema_name):
        office = Complaint.objects.get(hq_ref=item.hq_ref)
        services.complaint_classify(user=staff, complaint_id=office.pk, classification="valid")
        reply = services.complaint_reply(user=staff, complaint_id=office.pk, method="phone")
        services.complaint_sync_to_hq(complaint_id=office.pk)
        office.refresh_from_db()
    with schema_context(world.hq.schema_name):
        stored = hq_complaint_get(pk=item.pk)
    assert office.next_step == "report_result" and office.sla["hq_result_report_hours"] == 12
    assert stored.result_report_hours == 12
    assert stored.result_due_at == office.due_at == reply.at + timedelta(hours=12)


def test_mgmt_rep_assignment_reaches_quality_manager_and_office_timeline_C11_R02(world):
    from core.notifications.models import Notification
    from modules.complaints.models import ComplaintEvent

    case_id, complaint_id = escalate(world, world.alpha)
    manager, rep = world.users[("hq", "hq_quality_manager")], world.users[("hq", "hq_mgmt_rep")]
    with schema_context(world.hq.schema_name):
        bridge.hq_case_assign(case_id=case_id, assignee_id=manager.pk, opinion="请品质部三日内回访", by_user=rep)
        assert connection.schema_name == world.hq.schema_name
    case, events = _case(case_id)
    assert (case.assignee_id, case.assigned_by) == (manager.pk, rep.username)
    assert events[-1].kind == "hq_assigned" and "请品质部三日内回访" in events[-1].note
    with schema_context(world.alpha.schema_name):
        line = ComplaintEvent.objects.get(complaint_id=complaint_id, kind="hq_instruction")
    assert "请品质部三日内回访" in line.note and line.actor_name == rep.username
    assert Notification.objects.filter(user=manager, tenant=world.hq, title__contains=case.number).exists()


def test_assignment_only_to_a_quality_manager_C11_R02(world):
    case_id, _ = escalate(world, world.alpha)
    rep = world.users[("hq", "hq_mgmt_rep")]
    for not_manager in (world.users[("hq", "hq_agent")], world.users[("alpha", "cs_staff")]):
        with schema_context(world.hq.schema_name), pytest.raises(ValidationFailed) as err:
            bridge.hq_case_assign(case_id=case_id, assignee_id=not_manager.pk, opinion="x", by_user=rep)
        assert "assignee_id" in err.value.fields
