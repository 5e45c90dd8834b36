"""One selector for the steps offered (TRANSITIONS + permissions + the services' preconditions),
collective complaints telling the directors and head office (C-10), and one lock order."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from core.errors import NotAllowedNow
from modules.complaints import services
from modules.complaints.selectors import complaint_actions_available
from tests.modules.complaints.factories import household_make, register

pytestmark = pytest.mark.django_db


def test_reply_not_offered_for_assisted_complaint_before_referral_C08(world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = register(staff)
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="assisted")
        complaint.refresh_from_db()
        offered = complaint_actions_available(complaint, "cs_staff")
        assert "referral" in offered and "reply" not in offered and "progress" not in offered
        with pytest.raises(NotAllowedNow) as err:
            services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone")
        assert err.value.code == "referral_missing"
        services.complaint_referral_add(user=staff, complaint_id=complaint.pk, party_kind="developer",
                                        party_name="某发展商", text="请处理")
        complaint.refresh_from_db()
        assert {"reply", "progress"} <= set(complaint_actions_available(complaint, "cs_staff"))


def test_close_not_offered_for_letter_without_written_reply_C12(world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = register(staff, channel="letter")
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", satisfied=True,
                                 letter_text="函")
        complaint.replies.update(letter_text="")  # a reply recorded without its letter (before C-12 was kept)
        complaint.refresh_from_db()
        assert complaint.status == "replied"
        assert "close" not in complaint_actions_available(complaint, "cs_staff")
        with pytest.raises(NotAllowedNow):
            services.complaint_close(user=staff, complaint_id=complaint.pk, satisfied=True)


def test_offered_steps_follow_role_permissions_C11(world, in_tenant):
    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")])
        assert "escalate" in complaint_actions_available(complaint, "cs_staff")
        assert complaint_actions_available(complaint, "cashier") == []


def _collective_incident(world, staff, households):
    incident = None
    for household in households:
        c = register(staff, household_id=household.pk, content="停水")
        incident = services.complaint_link_incident(user=staff, complaint_id=c.pk,
                                                    incident_id=incident.pk if incident else None, title="停水")
    return incident


def test_collective_notifies_duty_and_office_directors_once_C10(world, in_tenant):
    from core.notifications.models import Notification

    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        incident = _collective_incident(world, staff, [household_make(building="8栋") for _ in range(6)])
        incident.refresh_from_db()
    assert incident.collective
    key = f"{world.alpha.schema_name}:incident:{incident.pk}:collective"
    told = set(Notification.objects.filter(dedupe_key=key).values_list("user__username", flat=True))
    assert told == {"alpha_duty_director", "alpha_office_director"}


def test_online_complaints_count_distinct_unit_text_as_households_C10(world, in_tenant):
    staff = world.users[("alpha", "cs_staff")]
    units = ["5栋101", "5栋 101", "5栋-102", "5栋103", "5栋104"]  # the first two are one unit
    with in_tenant(world.alpha):
        incident = None
        for unit in units:
            c = services.complaint_submit_online(unit_text=unit, name="住户", phone="13900001111", content="噪音")
            incident = services.complaint_link_incident(user=staff, complaint_id=c.pk,
                                                        incident_id=incident.pk if incident else None, title="噪音")
        incident.refresh_from_db()
        assert not incident.collective  # four units
        c = services.complaint_submit_online(unit_text="", name="住户", phone="13900002222", content="噪音")
        services.complaint_link_incident(user=staff, complaint_id=c.pk, incident_id=incident.pk)
        incident.refresh_from_db()
    assert incident.collective  # no unit typed: its phone counts as the fifth household


def test_collective_case_notifies_hq_deputy_gm_and_agents_C10(world, in_tenant):
    from core.notifications.models import Notification

    staff, officer = world.users[("alpha", "cs_staff")], world.users[("alpha", "duty_officer")]
    with in_tenant(world.alpha):
        incident = _collective_incident(world, staff, [household_make(building="7栋") for _ in range(5)])
        services.incident_report_director(user=officer, incident_id=incident.pk)
        incident = services.incident_notify_hq(user=world.users[("alpha", "office_director")],
                                               incident_id=incident.pk)
    with schema_context("public"):
        told = set(Notification.objects.filter(tenant=world.hq).values_list("user__username", flat=True))
    assert {f"{world.hq.slug}_hq_deputy_gm", f"{world.hq.slug}_hq_agent"} <= told


def _lock_order(queries) -> list[str]:
    tables = []
    for q in queries:
        sql = q["sql"]
        if "FOR UPDATE" in sql:
            for table in ("complaints_complaint", "complaints_incident"):
                if f'FROM "{table}"' in sql and table not in tables:
                    tables.append(table)
    return tables


def test_link_and_collective_steps_lock_complaint_before_incident_C10(world, in_tenant):
    staff, officer = world.users[("alpha", "cs_staff")], world.users[("alpha", "duty_officer")]
    with in_tenant(world.alpha):
        households = [household_make(building="6栋") for _ in range(5)]
        incident = _collective_incident(world, staff, households[:4])
        last = register(staff, household_id=households[4].pk)
        with CaptureQueriesContext(connection) as linked:
            services.complaint_link_incident(user=staff, complaint_id=last.pk, incident_id=incident.pk)
        with CaptureQueriesContext(connection) as reported:
            services.incident_report_director(user=officer, incident_id=incident.pk)
    assert _lock_order(linked.captured_queries) == ["complaints_complaint", "complaints_incident"]
    assert _lock_order(reported.captured_queries) == ["complaints_complaint", "complaints_incident"]
