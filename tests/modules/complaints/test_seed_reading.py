"""The seeds read faithfully (issue 7 §4), services: C-05/C-15, C-12, C-14, D-06."""

from datetime import timedelta

import pytest
from django.utils import timezone

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
