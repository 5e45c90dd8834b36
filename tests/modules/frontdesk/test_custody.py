"""M-01: residents' property in the office's care — loss or damage recorded and reported to them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import NotAllowedNow, ValidationFailed
from tests.modules.frontdesk.factories import household_make, user_of

pytestmark = pytest.mark.django_db


def _receive(world, household, **kw):
    from modules.frontdesk.services import custody_receive

    data = {"kind": "parcel", "description": "顺丰快递一件", "household_id": household.pk, "owner_name": "李四"}
    data.update(kw)
    return custody_receive(user=user_of(world, "cs_staff"), **data)


def test_loss_recorded_reported_to_resident_then_resolved_M01(world, in_tenant):
    from modules.frontdesk.selectors import events_of
    from modules.frontdesk.services import (
        custody_incident_record,
        custody_incident_report,
        custody_incident_resolve,
    )

    staff, supervisor = user_of(world, "cs_staff"), user_of(world, "cs_supervisor")
    with in_tenant(world.alpha):
        item = _receive(world, household_make())
        incident = custody_incident_record(user=staff, item_id=item.pk, kind="loss", circumstances="交班清点时不见")
        item.refresh_from_db()
        assert item.status == "lost" and incident.status == "open"
        with pytest.raises(NotAllowedNow) as early:
            custody_incident_resolve(user=supervisor, incident_id=incident.pk, resolution="赔偿 50 元")
        assert early.value.code == "incident_not_reported"  # M-01: the resident is told first
        incident = custody_incident_report(user=staff, incident_id=incident.pk, reported_to="李四", method="phone",
                                           note="业主要求赔偿")
        assert (incident.reported_to, incident.report_method, incident.reported_by_name) == (
            "李四", "phone", "alpha_cs_staff")
        incident = custody_incident_resolve(user=supervisor, incident_id=incident.pk, resolution="赔偿 50 元")
        assert incident.status == "resolved" and incident.resolved_at is not None
        steps = [(e.action, e.from_state, e.to_state) for e in events_of(entity="custody_incident",
                                                                        entity_id=incident.pk)]
        assert steps == [("record", "", "open"), ("report", "open", "reported"), ("resolve", "reported", "resolved")]
        assert [e.action for e in events_of(entity="custody", entity_id=item.pk)] == ["receive", "lose"]


def test_damage_keeps_item_held_and_it_can_be_returned_M01(world, in_tenant):
    from modules.frontdesk.services import custody_incident_record, custody_return

    staff = user_of(world, "cs_staff")
    with in_tenant(world.alpha):
        item = _receive(world, household_make(), kind="key", description="入户门钥匙 2 把")
        custody_incident_record(user=staff, item_id=item.pk, kind="damage", circumstances="钥匙环断裂")
        item = custody_return(user=staff, item_id=item.pk, returned_to="李四")
        assert item.status == "returned" and item.returned_to == "李四"
        with pytest.raises(NotAllowedNow) as again:
            custody_return(user=staff, item_id=item.pk, returned_to="李四")
        assert again.value.code == "custody_not_held"
        with pytest.raises(NotAllowedNow):
            custody_incident_record(user=staff, item_id=item.pk, kind="loss", circumstances="已领走")


def test_receive_bad_input_names_the_field_M01(world, in_tenant):
    from modules.frontdesk.models import CustodyItem

    with in_tenant(world.alpha):
        household = household_make()
        before = CustodyItem.objects.count()
        for bad, field in (({"kind": "car"}, "kind"), ({"description": " "}, "description"),
                           ({"household_id": 99999999}, "household_id"),
                           ({"received_at": timezone.now() + timedelta(days=1)}, "received_at")):
            with pytest.raises(ValidationFailed) as err:
                _receive(world, household, **bad)
            assert field in err.value.fields
        assert CustodyItem.objects.count() == before


def test_receive_by_unit_label_M01(world, in_tenant):
    with in_tenant(world.alpha):
        household = household_make(building="9栋")
        item = _receive(world, household, household_id=None, unit=household.unit.label)
        assert item.household_id == household.pk
        with pytest.raises(ValidationFailed) as err:
            _receive(world, household, household_id=None, unit="9栋-不存在")
        assert "unit" in err.value.fields


def test_report_needs_whom_and_how_M01(world, in_tenant):
    from modules.frontdesk.services import custody_incident_record, custody_incident_report

    staff = user_of(world, "cs_staff")
    with in_tenant(world.alpha):
        item = _receive(world, household_make())
        incident = custody_incident_record(user=staff, item_id=item.pk, kind="damage", circumstances="外包装破损")
        with pytest.raises(ValidationFailed) as err:
            custody_incident_report(user=staff, incident_id=incident.pk, reported_to="李四", method="pigeon")
        assert "method" in err.value.fields
        with pytest.raises(ValidationFailed) as err:
            custody_incident_report(user=staff, incident_id=incident.pk, reported_to="", method="phone")
        assert "reported_to" in err.value.fields


def test_register_is_per_office_M01(world, in_tenant):
    from modules.frontdesk.selectors import custody_list

    with in_tenant(world.beta):
        _receive(world, household_make(), description="别处的快递")
        assert custody_list().filter(description="别处的快递").count() == 1
    with in_tenant(world.alpha):
        assert not custody_list().filter(description="别处的快递").exists()
