"""The residents' online channel (C-01 `online`) and the director's spot checks (C-19)."""

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import ValidationFailed
from modules.complaints import services
from modules.complaints.selectors import complaints_for_spot_check
from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


def test_online_submission_and_status_lookup_by_number_and_phone_C01(world, in_tenant):
    with in_tenant(world.alpha):
        complaint = services.complaint_submit_online(unit_text="3栋502", name="王五", phone="13900001111",
                                                     content="电梯异响")
        assert complaint.channel == "online" and complaint.received_by_id is None
        found = services.complaint_status_lookup(number=complaint.number.lower(), phone="139 0000 1111")
        assert found["number"] == complaint.number and found["status"] == "registered"
        assert services.complaint_status_lookup(number=complaint.number, phone="13900002222") is None
    with in_tenant(world.beta):
        assert services.complaint_status_lookup(number=complaint.number, phone="13900001111") is None


def test_online_submission_validates_phone_C01(world, in_tenant):
    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as err:
            services.complaint_submit_online(unit_text="3栋", name="王五", phone="abc", content="x")
    assert "complainant_phone" in err.value.fields


def test_online_throttle_per_address_and_per_phone_C01(world, in_tenant):
    address, phone = f"10.0.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}", f"139{uuid.uuid4().int % 10**8:08d}"
    with in_tenant(world.alpha):
        for _ in range(3):
            services.online_throttle_check(address=address, phone=phone)
        with pytest.raises(services.Throttled) as err:
            services.online_throttle_check(address=f"{address}.x", phone=phone)  # 4th for this phone
        assert err.value.status == 429
        services.online_throttle_check(address=f"{address}.y")  # other address, no phone: fine
        for _ in range(2):
            services.online_throttle_check(address=address)
        with pytest.raises(services.Throttled):
            services.online_throttle_check(address=address)  # 6th for this address


def test_director_spot_checks_records_of_a_period_C19(world, in_tenant):
    staff, director = world.users[("alpha", "cs_staff")], world.users[("alpha", "office_director")]
    with in_tenant(world.alpha):
        complaint = register(staff)
        old = register(staff, received_at=timezone.now() - timedelta(days=40))
        today = timezone.localdate()
        listed = list(complaints_for_spot_check(start=today - timedelta(days=7), end=today))
        assert complaint in listed and old not in listed
        check = services.complaint_spot_check(user=director, complaint_id=complaint.pk, finding="记录完整",
                                              satisfied=True)
        assert check.by_id == director.pk
        assert complaint.events.filter(kind="spot_checked").count() == 1
        with pytest.raises(ValidationFailed):
            services.complaint_spot_check(user=director, complaint_id=complaint.pk, finding=" ")


def test_online_throttle_window_is_a_catalog_setting_C01(world, in_tenant):
    from django.core.cache import cache

    from modules.catalog.services import setting_set

    address = f"10.1.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
    setting_set(key="complaint.online_throttle_window_minutes", value=7)
    with in_tenant(world.alpha):
        services.online_throttle_check(address=address)
        full_key = cache.make_key(f"complaints:online:submit:addr:{address}")
        ttl = cache._cache.get_client(full_key).ttl(full_key)
    assert 0 < ttl <= 7 * 60
