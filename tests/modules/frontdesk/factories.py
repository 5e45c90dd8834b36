"""Small builders for front-desk tests (run inside `in_tenant(...)`)."""

from __future__ import annotations

import itertools

from modules.frontdesk.services import ContactInput
from modules.residents.models import Building, Household, Unit

_seq = itertools.count(1)


def household_make(*, building: str = "1栋") -> Household:
    b, _ = Building.objects.get_or_create(name=building)
    unit = Unit.objects.create(building=b, number=f"F{next(_seq)}-{Unit.objects.count() + 1}")
    return Household.objects.create(unit=unit, name="李四")


def contact_input(**overrides) -> ContactInput:
    data = {"channel": "phone", "name": "李四", "phone": "13900139000", "request": "厨房水管漏水",
            "request_type": "repair", "outcome": "workorder", "unit": "3栋-1201", "department": "engineering"}
    data.update(overrides)
    return ContactInput(**data)


def user_of(world, role: str, office: str = "alpha"):
    return world.users[(office, role)]
