"""The one role → permission map (core/permissions.py) pinned against R-01 (office roles), R-02
(head-office roles) and R-03 (group administrators), plus the host gate end to end (R-04)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from core import permissions as P
from tenants.models import Membership

ROOT = Path(__file__).resolve().parents[2]
DEPARTMENTS = (P.ENGINEERING, P.SECURITY, P.CLEANING, P.GREENING)
# codes in require_perm("x"), has_perm(..., "x") and `required_perm = "x"` or {"GET": "x", ...}
USE_RE = re.compile(r'(?:require_perm\(|has_perm\([^()]*?,\s*)"([^"]+)"|required_perm\s*=\s*("[^"]+"|\{[^}]*\})')
CODE_RE = re.compile(r'"([a-z_]+\.[a-z_]+)"')


def _codes_used_in_source() -> set[str]:
    codes: set[str] = set()
    for folder in ("core", "modules", "api", "tenants"):
        for path in (ROOT / folder).rglob("*.py"):
            for direct, declared in USE_RE.findall(path.read_text(encoding="utf-8")):
                codes |= {direct} if direct else set(CODE_RE.findall(declared))
    return codes


def test_every_permission_code_used_in_the_code_exists_R01_R02_R03():
    used = _codes_used_in_source()
    assert len(used) > 20  # the scan finds the views' gates
    assert used - set(P.PERMISSIONS) == set()


def test_every_permission_names_only_known_roles():
    for perm, roles in P.PERMISSIONS.items():
        assert roles and roles <= set(P.ALL_ROLES), perm


@pytest.mark.parametrize("role", sorted(P.ALL_ROLES))
def test_every_role_has_at_least_one_permission_R01_R02_R03(role):
    assert P.perms_of(role)


@pytest.mark.parametrize("role", DEPARTMENTS)
@pytest.mark.parametrize("perm", ["complaints.register", "complaints.handle", "complaints.escalate_director",
                                  "complaints.escalate_hq", "residents.edit", "residents.import",
                                  "frontdesk.register", "duty.log"])
def test_department_roles_cannot_register_complaints_or_edit_residents_R01(role, perm):
    assert not P.has_perm(role, perm)


@pytest.mark.parametrize("role", DEPARTMENTS)
def test_department_roles_see_residents_and_work_their_orders_R01(role):
    assert P.has_perm(role, "residents.view") and P.has_perm(role, "frontdesk.work")


def test_only_office_director_escalates_to_hq_and_spot_checks_R01():
    assert P.PERMISSIONS["complaints.escalate_hq"] == {P.OFFICE_DIRECTOR}
    assert P.PERMISSIONS["complaints.spot_check"] == {P.OFFICE_DIRECTOR}
    assert P.PERMISSIONS["duty.check_week"] == {P.OFFICE_DIRECTOR}


@pytest.mark.parametrize("role", sorted(P.OFFICE_ROLES))
def test_office_roles_have_no_hq_or_group_permission_R01(role):
    assert not {p for p in P.perms_of(role) if p.split(".")[0] in {"hq", "catalog", "tenants"}}


@pytest.mark.parametrize("role", sorted(P.HQ_ROLES))
def test_hq_roles_have_hq_permissions_only_R02(role):
    perms = P.perms_of(role)
    assert "hq.inbox" in perms
    # head office's own people are managed by its general manager and deputy (issue 9 §1)
    assert {p.split(".")[0] for p in perms} - {"people"} == {"hq"}


def test_hq_duties_R02():
    assert P.PERMISSIONS["hq.follow_up"] == {P.HQ_QUALITY_MANAGER}  # C-16
    assert P.PERMISSIONS["hq.register"] == {P.HQ_AGENT, P.HQ_QUALITY_MANAGER}
    assert P.HQ_MGMT_REP in P.PERMISSIONS["hq.instruct"]  # C-11: 管理者代表…提出处理意见 (seed 003 §5.1)
    assert P.PERMISSIONS["hq.assign"] == {P.HQ_MGMT_REP}  # …指派品质管理部经理处理


def test_group_admin_only_catalog_and_tenants_R03():
    assert P.perms_of(P.GROUP_ADMIN) == {"catalog.manage", "tenants.manage", "people.admin"}
    assert P.PERMISSIONS["catalog.manage"] == P.PERMISSIONS["tenants.manage"] == {P.GROUP_ADMIN}


def test_front_desk_and_records_R01():
    assert P.has_perm(P.CASHIER, "residents.view") and not P.has_perm(P.CASHIER, "complaints.view")
    assert P.has_perm(P.RECORDS_CLERK, "residents.import") and not P.has_perm(P.RECORDS_CLERK, "complaints.register")
    assert P.has_perm(P.CS_STAFF, "complaints.register") and not P.has_perm(P.CS_STAFF, "duty.sign")


def test_unknown_permission_is_an_error_and_no_role_has_none():
    with pytest.raises(KeyError):
        P.has_perm(P.OFFICE_DIRECTOR, "complaints.no_such_thing")
    assert not P.has_perm(None, "residents.view")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/residents/", "/api/v1/me/"])
def test_hq_role_user_gets_404_on_office_host_R04(world, client_for, path):
    assert client_for(world.alpha, P.HQ_GM, user_of=world.hq).get(path).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/api/v1/me/"])
def test_office_role_user_gets_404_on_hq_host_R04(world, client_for, path):
    assert client_for(world.hq, P.OFFICE_DIRECTOR, user_of=world.alpha).get(path).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("tenant_name, role, path", [
    ("alpha", P.HQ_AGENT, "/"), ("alpha", P.HQ_AGENT, "/api/v1/me/"), ("alpha", P.GROUP_ADMIN, "/"),
    ("hq", P.OFFICE_DIRECTOR, "/"), ("hq", P.OFFICE_DIRECTOR, "/api/v1/me/"),
])
def test_membership_with_a_role_of_another_tenant_type_gives_404_R04(world, client_for, tenant_name, role, path):
    """A membership row whose role does not belong to the host's tenant type (written around
    membership_grant, e.g. by hand in the database) opens nothing."""
    tenant = getattr(world, tenant_name)
    user = world.users[("beta", P.CS_STAFF)]
    Membership.objects.create(user=user, tenant=tenant, role=role)
    client = client_for(tenant)
    client.force_login(user)
    assert client.get(path).status_code == 404
