"""Small builders for complaint tests (run inside `in_tenant(...)`)."""

from __future__ import annotations

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
