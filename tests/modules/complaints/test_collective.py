"""Collective complaints (C-10): threshold of distinct households, two reporting steps, home visit."""

import pytest
from django_tenants.utils import schema_context

from core.calendar import add_hours
from core.errors import Forbidden, ValidationFailed
from modules.complaints import services
from tests.modules.complaints.factories import household_make, register

pytestmark = pytest.mark.django_db


def test_five_households_make_incident_collective_C10(world, in_tenant):
    staff, officer = world.users[("alpha", "cs_staff")], world.users[("alpha", "duty_officer")]
    director = world.users[("alpha", "office_director")]
    with in_tenant(world.alpha):
        households = [household_make(building="9栋") for _ in range(5)]
        first = register(staff, household_id=households[0].pk, content="停水")
        incident = services.complaint_link_incident(user=staff, complaint_id=first.pk, title="9栋停水")
        same_household = register(staff, household_id=households[0].pk, content="停水")
        services.complaint_link_incident(user=staff, complaint_id=same_household.pk, incident_id=incident.pk)
        for household in households[1:4]:
            c = register(staff, household_id=household.pk, content="停水")
            services.complaint_link_incident(user=staff, complaint_id=c.pk, incident_id=incident.pk)
        incident.refresh_from_db()
        assert not incident.collective  # 4 distinct households, 5 complaints
        last = register(staff, household_id=households[4].pk, content="停水")
        services.complaint_link_incident(user=staff, complaint_id=last.pk, incident_id=incident.pk)
        incident.refresh_from_db()
        first.refresh_from_db()
        assert incident.collective and first.collective
        assert first.next_step == "report_director"
        assert first.due_at == add_hours(incident.collective_at, 2)

        with pytest.raises(Forbidden):
            services.incident_notify_hq(user=officer, incident_id=incident.pk)
        services.incident_report_director(user=officer, incident_id=incident.pk, note="已电话报告主任")
        first.refresh_from_db()
        incident.refresh_from_db()
        assert first.next_step == "notify_hq"
        assert first.due_at == add_hours(incident.director_reported_at, 2)
        services.incident_notify_hq(user=director, incident_id=incident.pk, note="已报副总及总部")
        first.refresh_from_db()
        incident.refresh_from_db()
        assert incident.hq_case_id and first.hq_case_id == incident.hq_case_id
        assert first.next_step == "classify"

        services.complaint_classify(user=staff, complaint_id=first.pk, classification="valid")
        with pytest.raises(ValidationFailed) as err:
            services.complaint_reply(user=staff, complaint_id=first.pk, method="phone")
        assert "method" in err.value.fields
    from modules.hq.models import HqCase

    with schema_context(world.hq.schema_name):
        assert HqCase.objects.get(pk=incident.hq_case_id).collective
