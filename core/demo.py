"""Demo data for `make demo`: head office, three offices, residents and one user per role."""

from __future__ import annotations

import random

from django.conf import settings
from django.db import transaction
from django_tenants.utils import schema_context

from core.permissions import GROUP_ADMIN, HQ_ROLES, OFFICE_ROLES
from tenants.models import Tenant, User
from tenants.services import hq_create, membership_grant, office_create, public_tenant_ensure

DEMO_PASSWORD = "wuye-demo-2026"
OFFICES = [
    ("lakeside", "湖畔花园管理处", "residential", ["1栋", "2栋", "3栋", "5栋"]),
    ("tower", "环球中心大厦管理处", "office_tower", ["A座", "B座"]),
    ("jinxiu", "锦绣城管理处", "mixed", ["1栋", "2栋", "商业街"]),
]
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


def _user(username: str, display_name: str, email: str = "") -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, display_name=display_name, email=email or f"{username}@example.com")
        user.password = _demo_hash()
        user.save()
    return user


def _people(tenant: Tenant, roles: dict) -> None:
    for role, label in roles.items():
        membership_grant(user=_user(f"{tenant.slug}_{role}", f"{tenant.name[:4]}{label}"), tenant=tenant,
                         role=role)


def _residents(tenant: Tenant, buildings: list[str], rnd: random.Random) -> None:
    from modules.residents.models import Building, Household, Resident, Unit

    with schema_context(tenant.schema_name), transaction.atomic():
        phone = 13800000000 + 1000 * Tenant.objects.filter(type=Tenant.OFFICE, pk__lt=tenant.pk).count()
        for b_name in buildings:
            building = Building.objects.create(name=b_name)
            for floor in range(1, 7):
                for door in (1, 2):
                    unit = Unit.objects.create(building=building, number=f"{floor}0{door}", floor=str(floor))
                    enterprise = tenant.kind == "office_tower" or b_name == "商业街"
                    name = rnd.choice(COMPANIES) if enterprise else rnd.choice(SURNAMES) + rnd.choice(GIVEN)
                    household = Household.objects.create(
                        unit=unit, name=name, kind=Household.ENTERPRISE if enterprise else Household.HOME)
                    for relation in (Resident.OWNER, Resident.FAMILY)[: 1 if enterprise else 2]:
                        phone += 1
                        person = rnd.choice(SURNAMES) + rnd.choice(GIVEN)
                        Resident.objects.create(household=household, name=person, relation=relation,
                                                phone=str(phone))


def demo_seed(progress=print) -> bool:
    """Create the demo world unless the head office already exists. Returns True if it created it."""
    public = public_tenant_ensure()
    if Tenant.objects.filter(type=Tenant.HQ).exists():
        return False
    rnd = random.Random(2026)
    membership_grant(user=_user("admin", "集团管理员"), tenant=public, role=GROUP_ADMIN)
    hq = hq_create()
    _people(hq, HQ_ROLES)
    progress(f"  hq.{settings.BASE_DOMAIN}")
    for slug, name, kind, buildings in OFFICES:
        office = office_create(slug=slug, name=name, kind=kind)
        _people(office, OFFICE_ROLES)
        _residents(office, buildings, rnd)
        progress(f"  {slug}.{settings.BASE_DOMAIN}")
    # one person with roles in two offices and at head office
    multi = _user("zhangwei", "张伟")
    membership_grant(user=multi, tenant=Tenant.objects.get(slug="lakeside"), role="office_director")
    membership_grant(user=multi, tenant=Tenant.objects.get(slug="tower"), role="cs_supervisor")
    membership_grant(user=multi, tenant=hq, role="hq_agent")
    return True


def demo_logins() -> list[str]:
    lines = [f"  http://{settings.BASE_DOMAIN}:8000/   admin (集团管理员)"]
    for tenant in Tenant.objects.exclude(schema_name="public").order_by("type", "slug"):
        roles = HQ_ROLES if tenant.type == Tenant.HQ else OFFICE_ROLES
        users = ", ".join(f"{tenant.slug}_{r}" for r in roles)
        lines.append(f"  http://{tenant.slug}.{settings.BASE_DOMAIN}:8000/   {users}")
    lines.append("  zhangwei: lakeside 主任, tower 客服主管, hq 投诉中心专员")
    lines.append(f"  password for every demo login: {DEMO_PASSWORD}")
    return lines
