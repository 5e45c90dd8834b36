"""Roles (R-01..R-03) and what each may do. The one place where role → permission is decided.

A user's role is per tenant (R-04): `Membership(user, tenant, role)`. Views and API classes ask
`has_perm(role, "complaints.handle")`; they never compare role names themselves.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# R-01 office roles
CS_STAFF = "cs_staff"
CS_LEADER = "cs_leader"
CS_SUPERVISOR = "cs_supervisor"
DUTY_OFFICER = "duty_officer"
DUTY_DIRECTOR = "duty_director"
OFFICE_DIRECTOR = "office_director"
CASHIER = "cashier"
RECORDS_CLERK = "records_clerk"
ENGINEERING = "engineering"
SECURITY = "security"
CLEANING = "cleaning"
GREENING = "greening"
# R-02 head-office roles
HQ_AGENT = "hq_agent"
HQ_QUALITY_MANAGER = "hq_quality_manager"
HQ_MGMT_REP = "hq_mgmt_rep"
HQ_DEPUTY_GM = "hq_deputy_gm"
HQ_GM = "hq_gm"
# R-03 group administrators (apex host)
GROUP_ADMIN = "group_admin"

OFFICE_ROLES = {
    CS_STAFF: _("客服专员"),
    CS_LEADER: _("客服班长"),
    CS_SUPERVISOR: _("客服主管"),
    DUTY_OFFICER: _("值班人员"),
    DUTY_DIRECTOR: _("值班主任"),
    OFFICE_DIRECTOR: _("管理处主任"),
    CASHIER: _("收费员"),
    RECORDS_CLERK: _("资料员"),
    ENGINEERING: _("工程部"),
    SECURITY: _("安全部"),
    CLEANING: _("保洁部"),
    GREENING: _("绿化部"),
}
HQ_ROLES = {
    HQ_AGENT: _("投诉中心专员"),
    HQ_QUALITY_MANAGER: _("品质管理部经理"),
    HQ_MGMT_REP: _("管理者代表"),
    HQ_DEPUTY_GM: _("主管副总经理"),
    HQ_GM: _("总经理"),
}
PUBLIC_ROLES = {GROUP_ADMIN: _("集团管理员")}
ROLES_BY_TENANT_TYPE = {"office": OFFICE_ROLES, "hq": HQ_ROLES, "public": PUBLIC_ROLES}
ALL_ROLES = {**OFFICE_ROLES, **HQ_ROLES, **PUBLIC_ROLES}

_DEPARTMENTS = {ENGINEERING, SECURITY, CLEANING, GREENING}
_FRONT = {CS_STAFF, CS_LEADER, CS_SUPERVISOR, DUTY_OFFICER, DUTY_DIRECTOR, OFFICE_DIRECTOR}
_SUPERVISORS = {CS_SUPERVISOR, DUTY_DIRECTOR, OFFICE_DIRECTOR}
_HQ_ALL = set(HQ_ROLES)

PERMISSIONS: dict[str, set[str]] = {
    # who works here: the ids that assignee_id / person_id / substitute_id take (issue 7 §5)
    "people.view": _FRONT | {RECORDS_CLERK},
    # residents (P-01)
    "residents.view": _FRONT | {CASHIER, RECORDS_CLERK} | _DEPARTMENTS,
    "residents.edit": _FRONT | {RECORDS_CLERK},
    "residents.import": {CS_SUPERVISOR, OFFICE_DIRECTOR, RECORDS_CLERK},
    # complaints (C-*)
    "complaints.view": _FRONT | {RECORDS_CLERK},
    "complaints.register": _FRONT,
    "complaints.handle": _FRONT,
    "complaints.escalate_director": _FRONT,
    "complaints.escalate_hq": {OFFICE_DIRECTOR},
    "complaints.spot_check": {OFFICE_DIRECTOR},
    "complaints.figures": {OFFICE_DIRECTOR},  # the office's monthly figures on the workbench (C-17)
    # return visits (V-05) and the satisfaction rate (V-04)
    "visits.view": _FRONT | {RECORDS_CLERK},
    "visits.handle": _FRONT,
    "visits.plan": {CS_SUPERVISOR, OFFICE_DIRECTOR},  # V-02: the director organizes resident visits
    "visits.summary": {OFFICE_DIRECTOR},  # V-02: the monthly visit summary, edited and signed
    # satisfaction surveys (V-03): the office sees the waves addressed to it and enters paper answers
    "surveys.view": _FRONT | {RECORDS_CLERK},
    "surveys.enter": _FRONT,
    # V-03: the office's answer sheets one by one (.xlsx, free text included): the customer-service supervisor
    # and the director, who answer for the office's results
    "surveys.export": {CS_SUPERVISOR, OFFICE_DIRECTOR},
    # C-18: the monthly complaint report; the director edits, picks notable cases and submits it
    "reports.view": {CS_SUPERVISOR, OFFICE_DIRECTOR},
    "reports.submit": {OFFICE_DIRECTOR},
    # duty and front desk (D-*, F-*)
    "duty.view": _FRONT | {RECORDS_CLERK},
    "duty.roster": _SUPERVISORS,
    "duty.approve": _SUPERVISORS,
    "duty.log": _FRONT,
    "duty.sign": {DUTY_DIRECTOR, OFFICE_DIRECTOR},
    "duty.archive": {RECORDS_CLERK, OFFICE_DIRECTOR, CS_SUPERVISOR},
    "duty.check_week": {OFFICE_DIRECTOR},
    "frontdesk.view": _FRONT | _DEPARTMENTS | {RECORDS_CLERK},
    "frontdesk.register": _FRONT,
    "frontdesk.work": _FRONT | _DEPARTMENTS,
    "frontdesk.review": _SUPERVISORS,
    "frontdesk.notices": _FRONT,
    # staff assessment (A-01..A-04, C-20): team leaders record, the supervisor compiles and decides
    # proposals, the director spot-checks and signs
    "assessment.view": {CS_LEADER, CS_SUPERVISOR, DUTY_DIRECTOR, OFFICE_DIRECTOR},
    "assessment.record": {CS_LEADER, CS_SUPERVISOR, OFFICE_DIRECTOR},
    "assessment.compile": {CS_SUPERVISOR, OFFICE_DIRECTOR},
    "assessment.sign": {OFFICE_DIRECTOR},
    # training: the supervisor drafts and submits the plans, the office director approves them;
    # team leaders and the supervisor record sessions and attendance; the supervisor grades the exams
    "training.view": _FRONT | {RECORDS_CLERK},
    "training.plan": {CS_SUPERVISOR, OFFICE_DIRECTOR},
    "training.approve": {OFFICE_DIRECTOR},
    "training.record": {CS_LEADER, CS_SUPERVISOR, OFFICE_DIRECTOR},
    "training.grade": {CS_SUPERVISOR, OFFICE_DIRECTOR},
    # dashboards with charts (issue 10 §5): the office's own figures live (C-17, V-04, V-05, F-02, D-07)
    "dashboard.office": {OFFICE_DIRECTOR, CS_SUPERVISOR},
    # head office (C-16 and the complaint center)
    "hq.inbox": _HQ_ALL,
    # head office's dashboard: every office's pushed figures side by side and the group's trends
    "hq.dashboard": {HQ_QUALITY_MANAGER, HQ_MGMT_REP, HQ_DEPUTY_GM, HQ_GM},
    # C-11/R-02 (seed 003 §5.1): the management representative gives the handling opinion on complaints
    # the offices could not resolve and assigns them to the quality-department manager
    "hq.instruct": {HQ_AGENT, HQ_QUALITY_MANAGER, HQ_MGMT_REP, HQ_DEPUTY_GM, HQ_GM},
    "hq.assign": {HQ_MGMT_REP},
    "hq.register": {HQ_AGENT, HQ_QUALITY_MANAGER},
    # V-03 (seed 003): the management representative runs the group's surveys with the quality department;
    # the general managers read the results
    "hq.surveys_design": {HQ_MGMT_REP, HQ_QUALITY_MANAGER},
    "hq.surveys_results": {HQ_MGMT_REP, HQ_QUALITY_MANAGER, HQ_DEPUTY_GM, HQ_GM},
    "hq.follow_up": {HQ_QUALITY_MANAGER},  # C-16: the quality department follows up forwarded results
    # C-18: the offices' monthly complaint reports, who is late, the consolidated report
    "hq.reports": {HQ_QUALITY_MANAGER, HQ_MGMT_REP, HQ_DEPUTY_GM, HQ_GM},
    # people and roles (R-01..R-04): manage the people of this tenant (who may grant what: PEOPLE_GRANTS)
    "people.manage": {OFFICE_DIRECTOR, CS_SUPERVISOR, HQ_GM, HQ_DEPUTY_GM},
    # group administration: every office's people, lock an account everywhere
    "people.admin": {GROUP_ADMIN},
    "catalog.manage": {GROUP_ADMIN},
    # special services (S-01..S-06): the office manager proposes items and rates and turns on what the
    # office offers; the general manager approves (S-01); only the cashier records money (S-05)
    "services.view": _FRONT | {CASHIER, RECORDS_CLERK} | _DEPARTMENTS,
    "services.book": _FRONT,
    "services.propose": {OFFICE_DIRECTOR},
    "services.offer": {OFFICE_DIRECTOR},
    "hq.service_approve": {HQ_GM},
    "hq.service_proposals": {HQ_GM, HQ_DEPUTY_GM},
    "services.work": _FRONT | _DEPARTMENTS,
    "services.check": {CS_SUPERVISOR, OFFICE_DIRECTOR},
    "services.cashier": {CASHIER},
    "services.figures": {OFFICE_DIRECTOR, CS_SUPERVISOR},  # S-06 revenue, cost and margin per item (page, .xlsx)
    "services.announce": {OFFICE_DIRECTOR, CS_SUPERVISOR},  # S-02 offered items and rates as a notice (F-06)
    "services.desk": _FRONT | {CASHIER},  # the workbench card: to quote, due today / overdue, waiting for the cashier
    "services.subcontractors": {OFFICE_DIRECTOR, CS_SUPERVISOR},  # S-04 the subcontractor register
    "services.dispatch": {CS_STAFF, CS_LEADER, CS_SUPERVISOR, OFFICE_DIRECTOR},  # S-04 the CS center dispatches
    "tenants.manage": {GROUP_ADMIN},
    # C-01: the office's own details published to residents (the duty phone), kept by its director
    "office.profile": {OFFICE_DIRECTOR},
}

# whose superior is whom, for reminders (C-17): the role told when a step of `role` is overdue
SUPERIOR_OF = {
    CS_STAFF: CS_SUPERVISOR,
    CS_LEADER: CS_SUPERVISOR,
    DUTY_OFFICER: DUTY_DIRECTOR,
    CS_SUPERVISOR: OFFICE_DIRECTOR,
    DUTY_DIRECTOR: OFFICE_DIRECTOR,
}


# R-01..R-04: how senior each role is in its tenant (a role is never granted by someone ranked below it)
ROLE_RANK: dict[str, int] = {
    **{role: 10 for role in (CS_STAFF, DUTY_OFFICER, CASHIER, RECORDS_CLERK, *_DEPARTMENTS)},
    CS_LEADER: 20, CS_SUPERVISOR: 30, DUTY_DIRECTOR: 30, OFFICE_DIRECTOR: 40,
    HQ_AGENT: 10, HQ_QUALITY_MANAGER: 20, HQ_MGMT_REP: 30, HQ_DEPUTY_GM: 40, HQ_GM: 50,
    GROUP_ADMIN: 100,
}
# which roles a manager may grant, change and end in their own tenant (a person whose role
# here is not in the set is not theirs to manage). Only roles of the same tenant type, each ranked below
# the manager's own: an office director (管理处主任) manages every other office role; a CS supervisor
# (客服主管) the front-desk roles below them; the general manager and deputy the head-office roles below
# them. Office directors and general managers are appointed by the group (the apex console,
# `manage.py user_invite`).
PEOPLE_GRANTS: dict[str, frozenset[str]] = {
    OFFICE_DIRECTOR: frozenset(OFFICE_ROLES) - {OFFICE_DIRECTOR},
    CS_SUPERVISOR: frozenset({CS_STAFF, CS_LEADER}),
    HQ_GM: frozenset(HQ_ROLES) - {HQ_GM},
    HQ_DEPUTY_GM: frozenset({HQ_AGENT, HQ_QUALITY_MANAGER, HQ_MGMT_REP}),
}


def may_grant(manager_role: str | None, role: str) -> bool:
    """R-01..R-04: `manager_role` may grant, change to, change from or end `role` in its tenant."""
    return role in PEOPLE_GRANTS.get(manager_role or "", frozenset())


def grantable_roles(manager_role: str | None) -> list[tuple[str, str]]:
    """(role, label) the manager may grant, most senior first."""
    roles = PEOPLE_GRANTS.get(manager_role or "", frozenset())
    return [(role, str(ALL_ROLES[role])) for role in sorted(roles, key=lambda r: (-ROLE_RANK[r], r))]


def has_perm(role: str | None, perm: str) -> bool:
    if role is None:
        return False
    if perm not in PERMISSIONS:
        raise KeyError(f"unknown permission {perm!r}")
    return role in PERMISSIONS[perm]


def perms_of(role: str | None) -> set[str]:
    return {perm for perm, roles in PERMISSIONS.items() if role in roles}


def role_label(role: str) -> str:
    return str(ALL_ROLES.get(role, role))
