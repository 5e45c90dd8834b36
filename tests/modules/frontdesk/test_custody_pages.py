"""M-01 pages: the register of property in our care, an item with its loss/damage record."""

import pytest

from tests.modules.frontdesk.factories import household_make

pytestmark = pytest.mark.django_db


def test_desk_registers_item_by_unit_and_records_loss_told_to_resident_M01(client_for, world, in_tenant):
    from modules.frontdesk.models import CustodyIncident, CustodyItem

    with in_tenant(world.alpha):
        household = household_make(building="8栋")
    desk = client_for(world.alpha, "cs_staff")
    assert desk.get("/frontdesk/custody/").status_code == 200
    bad = desk.post("/frontdesk/custody/", {"kind": "parcel", "description": "快递", "unit": "8栋-无此房"})
    assert bad.status_code == 200 and "没有这个房号的住户" in bad.content.decode()
    made = desk.post("/frontdesk/custody/", {"kind": "parcel", "description": "中通快递",
                                             "unit": household.unit.label})
    assert made.status_code == 302
    with in_tenant(world.alpha):
        item = CustodyItem.objects.get(description="中通快递")
        assert item.household_id == household.pk
    assert desk.post(f"/frontdesk/custody/{item.pk}/incidents/",
                     {"kind": "loss", "circumstances": "找不到了"}).status_code == 302
    with in_tenant(world.alpha):
        incident = CustodyIncident.objects.get(item=item)
    page = desk.get(f"/frontdesk/custody/{item.pk}/").content.decode()
    assert "找不到了" in page and "记录已告知住户" in page
    desk.post(f"/frontdesk/custody/incidents/{incident.pk}/report/", {"reported_to": "李四", "method": "phone"})
    with in_tenant(world.alpha):
        incident.refresh_from_db()
    assert incident.status == "reported" and incident.reported_to == "李四"
    assert desk.post(f"/frontdesk/custody/incidents/{incident.pk}/resolve/",
                     {"resolution": "x"}).status_code == 404  # a supervisor's step
    client_for(world.alpha, "cs_supervisor").post(f"/frontdesk/custody/incidents/{incident.pk}/resolve/",
                                                  {"resolution": "赔偿 30 元"})
    with in_tenant(world.alpha):
        incident.refresh_from_db()
    assert incident.status == "resolved"


def test_custody_pages_gated_and_isolated_M01(client_for, world):
    assert client_for(world.alpha, "cashier").get("/frontdesk/custody/").status_code == 404
    assert client_for(world.alpha, "cs_staff", user_of=world.beta).get("/frontdesk/custody/").status_code == 404
    assert client_for(world.alpha, "security").post("/frontdesk/custody/1/return/", {}).status_code == 404
