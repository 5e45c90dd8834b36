"""Small builders for complaint tests (run inside `in_tenant(...)`)."""

from __future__ import annotations

import base64
import itertools

from modules.residents.models import Building, Household, Unit

_seq = itertools.count(1)


def household_make(*, building: str = "1栋") -> Household:
    b, _ = Building.objects.get_or_create(name=building)
    unit = Unit.objects.create(building=b, number=f"T{next(_seq)}-{Unit.objects.count() + 1}")
    return Household.objects.create(unit=unit, name="张三")


def register(user, **overrides):
    from modules.complaints.services import complaint_register

    data = {"channel": "phone", "content": "楼道灯坏了", "complainant_name": "张三",
            "complainant_phone": "13800138000", "category": "repairs"}
    data.update(overrides)
    return complaint_register(user=user, **data)


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
SIGNATURE = "data:image/png;base64," + base64.b64encode(PNG).decode()
PEOPLE = [("赵一", "13900000001"), ("钱二", "13900000002"), ("孙三", "13900000003"), ("李四", "13900000004"),
          ("周五", "13900000005")]


def collective(world, in_tenant, *, building="整体楼", channels=None):
    """Five households' complaints about one matter: a collective incident (C-10)."""
    from modules.complaints import services

    staff = world.users[("alpha", "cs_staff")]
    channels = channels or ["phone"] * len(PEOPLE)
    with in_tenant(world.alpha):
        complaints, incident = [], None
        for (name, phone), channel in zip(PEOPLE, channels, strict=True):
            household = household_make(building=building)
            Household.objects.filter(pk=household.pk).update(name=f"户主{name}")
            c = register(staff, household_id=household.pk, complainant_name=name, complainant_phone=phone,
                         content="停电", channel=channel)
            if incident is None:
                incident = services.complaint_link_incident(user=staff, complaint_id=c.pk, title=f"{building}停电")
            else:
                services.complaint_link_incident(user=staff, complaint_id=c.pk, incident_id=incident.pk)
            complaints.append(c)
        incident.refresh_from_db()
    assert incident.collective
    return incident, complaints
