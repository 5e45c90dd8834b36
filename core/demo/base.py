"""Shared pieces of the demo seed: logins (one password hash for all), names, residents, clock."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from tenants.models import Tenant, User
from tenants.services import membership_grant

DEMO_PASSWORD = "wuye-demo-2026"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
         "超", "秀英", "霞", "平", "刚", "桂英", "建华", "海燕", "志强", "晓东"]
COMPANIES = ["华信科技有限公司", "东方律师事务所", "明德会计师事务所", "恒通贸易有限公司", "新锐广告有限公司"]

_HASH: list[str] = []


def _demo_hash() -> str:
    # one hash for every demo login: hashing ~60 passwords one by one takes seconds
    if not _HASH:
        from django.contrib.auth.hashers import make_password

        _HASH.append(make_password(DEMO_PASSWORD))
    return _HASH[0]


def demo_user(username: str, display_name: str, email: str = "") -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, display_name=display_name, email=email or f"{username}@example.com")
        user.password = _demo_hash()
        user.save()
    return user


def people_ensure(tenant: Tenant, roles: dict) -> None:
    """One login per role, `<slug>_<role>`, e.g. lakeside_cs_staff."""
    for role in roles:
        username = f"{tenant.slug}_{role}"
        rnd = random.Random(username)  # a realistic name, the same on every run
        user = demo_user(username, rnd.choice(SURNAMES) + rnd.choice(GIVEN))
        membership_grant(user=user, tenant=tenant, role=role)


def staff_of(tenant: Tenant) -> dict[str, User]:
    """role → the `<slug>_<role>` user of the office (the demo's and the test world's naming)."""
    prefix = f"{tenant.slug}_"
    users = User.objects.filter(username__startswith=prefix, memberships__tenant=tenant,
                                memberships__is_active=True).distinct()
    return {u.username[len(prefix):]: u for u in users}


def residents_ensure(tenant: Tenant, buildings: list[str], rnd: random.Random) -> None:
    """Buildings, 12 units each, one household per unit with its people (skipped if buildings exist)."""
    from modules.residents.models import Building

    with transaction.atomic():
        if Building.objects.exists():
            return
        phone = 13800000000 + 1000 * (tenant.pk % 900)
        for b_name in buildings:
            phone = _building(tenant, Building.objects.create(name=b_name), rnd, phone)


def _building(tenant: Tenant, building, rnd: random.Random, phone: int) -> int:
    from modules.residents.models import Household, Resident, Unit

    for floor in range(1, 7):
        for door in (1, 2):
            unit = Unit.objects.create(building=building, number=f"{floor}0{door}", floor=str(floor))
            enterprise = tenant.kind == "office_tower" or building.name == "商业街"
            name = rnd.choice(COMPANIES) if enterprise else rnd.choice(SURNAMES) + rnd.choice(GIVEN)
            household = Household.objects.create(
                unit=unit, name=name, kind=Household.ENTERPRISE if enterprise else Household.HOME)
            for relation in (Resident.OWNER, Resident.FAMILY)[: 1 if enterprise else 2]:
                phone += 1
                person = rnd.choice(SURNAMES) + rnd.choice(GIVEN)
                Resident.objects.create(household=household, name=person, relation=relation, phone=str(phone))
    return phone


def households(limit: int = 40) -> list:
    """Active households with their unit and first resident, in a stable order."""
    from modules.residents.models import Household

    return list(Household.objects.filter(is_active=True).select_related("unit__building")
                .prefetch_related("residents").order_by("unit__building__sort_key", "unit__sort_key")[:limit])


def contact_of(household) -> tuple[str, str]:
    person = next(iter(household.residents.all()), None)
    return (person.name, person.phone) if person else (household.name, "13900000000")


def local_now() -> datetime:
    return timezone.localtime(timezone.now())


def at_local(day, hour: int, minute: int = 0) -> datetime:
    """An aware Asia/Shanghai datetime on `day` at hour:minute."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def ago(**kwargs) -> datetime:
    return timezone.now() - timedelta(**kwargs)
