"""Demo data for `make demo`: head office, three offices with residents, one login per role, and a
few days of work in every module (complaints, duty, front desk, head office), all made through the
modules' services. Every step is idempotent: a second run adds nothing."""

from __future__ import annotations

import random

from django.conf import settings
from django_tenants.utils import schema_context, tenant_context

from core.demo.base import DEMO_PASSWORD, demo_user, people_ensure, residents_ensure, staff_of
from core.permissions import GROUP_ADMIN, HQ_ROLES, OFFICE_ROLES
from tenants.models import Tenant
from tenants.services import hq_create, membership_grant, office_create, public_tenant_ensure

__all__ = ["DEMO_PASSWORD", "OFFICES", "demo_logins", "demo_seed", "office_activity_seed"]

OFFICES = [
    ("lakeside", "湖畔花园管理处", "residential", ["1栋", "2栋", "3栋", "5栋"]),
    ("tower", "环球中心大厦管理处", "office_tower", ["A座", "B座"]),
    ("jinxiu", "锦绣城管理处", "mixed", ["1栋", "2栋", "商业街"]),
]
# C-01: each office's 24-hour duty phone, published on its residents' pages (the director changes it)
DUTY_PHONES = {"lakeside": "0755-86001234", "tower": "0755-86005678", "jinxiu": "0755-86009012"}
MULTI_ROLE = ("zhangwei", "张伟")
HQ_CONTACTS = {"complaint.hq_hotline": "400-800-1234", "complaint.hq_fax": "0755-86000000",
               "complaint.hq_email": "tousu@wuye-demo.example"}


def _tenants() -> tuple[Tenant, list[Tenant]]:
    public = public_tenant_ensure()
    admin = demo_user("admin", "集团管理员")
    membership_grant(user=admin, tenant=public, role=GROUP_ADMIN)
    _hq_contacts(admin)
    hq = Tenant.objects.filter(type=Tenant.HQ).first() or hq_create()
    people_ensure(hq, HQ_ROLES)
    offices = []
    for slug, name, kind, _buildings in OFFICES:
        office = Tenant.objects.filter(slug=slug).first() or office_create(slug=slug, name=name, kind=kind)
        if not office.duty_phone:
            office.duty_phone = DUTY_PHONES[slug]
            office.save(update_fields=["duty_phone"])
        people_ensure(office, OFFICE_ROLES)
        offices.append(office)
    # one person with roles in two offices and at head office
    multi = demo_user(*MULTI_ROLE)
    membership_grant(user=multi, tenant=offices[0], role="office_director")
    membership_grant(user=multi, tenant=offices[1], role="cs_supervisor")
    membership_grant(user=multi, tenant=hq, role="hq_agent")
    return hq, offices


def _hq_contacts(admin) -> None:
    """C-01: head office's complaint hotline, fax and e-mail, published on every office's public pages."""
    from modules.catalog.selectors import setting_value
    from modules.catalog.services import setting_set

    for key, value in HQ_CONTACTS.items():
        if not setting_value(key):
            setting_set(key=key, value=value, user=admin, note="演示数据")


def office_activity_seed(office: Tenant, *, buildings: list[str], seed: int = 2026) -> None:
    """Residents and a few days of work in one office, as its `<slug>_<role>` users. Each part is
    skipped when the office already has such records, so calling it twice adds nothing."""
    from core.demo.assessment import assessment_seed
    from core.demo.complaints import complaints_seed
    from core.demo.duty import duty_seed
    from core.demo.frontdesk import frontdesk_seed
    from core.demo.services import services_seed
    from core.demo.training import training_seed
    from core.demo.visits import visits_seed

    staff = staff_of(office)
    with schema_context(office.schema_name):
        residents_ensure(office, buildings, random.Random(f"{seed}-{office.slug}"))
        duty_seed(staff)
        complaints_seed(office, staff)
        frontdesk_seed(office, staff)
    with tenant_context(office):  # the real tenant: offers check the office's id (S-01)
        services_seed(office, staff)
        visits_seed(staff)  # after the services: its past months come from real service agreements
        assessment_seed(staff)
        training_seed(staff)
        from core.clocks.engine import clock_run

        clock_run(name="visits.return_visit")  # the back-dated services' visits: overdue, reminded once


def demo_seed(progress=print) -> bool:
    """Create whatever of the demo world is missing. Returns True if the head office was new."""
    created = not Tenant.objects.filter(type=Tenant.HQ).exists()
    hq, offices = _tenants()
    progress(f"  hq.{settings.BASE_DOMAIN}")
    for office, (_slug, _name, _kind, buildings) in zip(offices, OFFICES, strict=True):
        office_activity_seed(office, buildings=buildings)
        progress(f"  {office.slug}.{settings.BASE_DOMAIN}")
    surveys_seed(hq, offices)
    progress("  surveys")
    from core.demo.reports import reports_seed

    reports_seed(offices)  # C-18: the last two months' reports at head office, one office late
    from core.demo.figures import figures_seed

    for office in offices:  # last: the figures of everything above, 12 months, pushed to head office
        with tenant_context(office):
            figures_seed(office)
    return created


def surveys_seed(hq: Tenant, offices: list[Tenant]) -> None:
    """V-03: one finished survey wave across the offices, answered in each, its results at head office."""
    from core.demo.surveys import survey_answers_seed, survey_wave_finish, survey_wave_start

    wave = survey_wave_start(hq, offices)
    if wave is None:
        return
    for office in offices:
        with schema_context(office.schema_name):
            survey_answers_seed(office, wave)
    survey_wave_finish(hq, wave)


def demo_logins(port: str | int = 8000) -> list[str]:
    """Every URL and login the seed creates (run_demo prints these)."""
    base = settings.BASE_DOMAIN
    lines = [f"  集团管理 http://{base}:{port}/   admin (集团管理员)"]
    for tenant in Tenant.objects.exclude(schema_name="public").order_by("type", "slug"):
        roles = HQ_ROLES if tenant.type == Tenant.HQ else OFFICE_ROLES
        lines.append(f"  {tenant.name} http://{tenant.slug}.{base}:{port}/")
        lines.append("      " + ", ".join(f"{tenant.slug}_{role} ({label})" for role, label in roles.items()))
    lines.append(f"  {MULTI_ROLE[0]} ({MULTI_ROLE[1]}): lakeside 管理处主任, tower 客服主管, hq 投诉中心专员")
    lines.append(f"  password for every demo login: {DEMO_PASSWORD}")
    return lines
