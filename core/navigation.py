"""Role-aware navigation: each module registers its entries here with the permission they need."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core.permissions import has_perm

# (tenant type, url name, label, permission)
# Entries whose URL name does not resolve (yet) are skipped.
NAV = [
    ("office", "dashboards:office", _("运营看板"), "dashboard.office"),
    ("office", "complaints:queue", _("投诉"), "complaints.view"),
    ("office", "complaints:register", _("登记投诉"), "complaints.register"),
    ("office", "complaints:incidents", _("投诉事件"), "complaints.view"),
    ("office", "complaints:spot-checks", _("投诉抽查"), "complaints.spot_check"),
    ("office", "duty:now", _("值班"), "duty.view"),
    ("office", "frontdesk:contacts", _("前台登记"), "frontdesk.view"),
    ("office", "frontdesk:workorders", _("工单"), "frontdesk.view"),
    ("office", "frontdesk:inspections", _("巡查"), "frontdesk.view"),
    ("office", "frontdesk:notices", _("通知公告"), "frontdesk.notices"),
    ("office", "visits:queue", _("回访"), "visits.view"),
    ("office", "visits:resident", _("业户走访"), "visits.view"),
    ("office", "surveys:list", _("满意度调查"), "surveys.view"),
    ("office", "reports:list", _("投诉工作月报"), "reports.view"),
    ("office", "assessment:findings", _("考核"), "assessment.view"),
    ("office", "assessment:proposals", _("考核建议"), "assessment.view"),
    ("office", "training:plans", _("培训"), "training.view"),
    ("office", "residents:list", _("住户"), "residents.view"),
    ("office", "residents:import", _("导入住户"), "residents.import"),
    ("office", "services:home", _("特约服务"), "services.view"),
    ("office", "services:proposals", _("服务项目申请"), "services.propose"),
    ("office", "services:day_sheet", _("特约服务收费日报"), "services.cashier"),
    ("office", "services:figures", _("特约服务收支"), "services.figures"),
    ("office", "services:subcontractors", _("服务分包方"), "services.subcontractors"),
    ("office", "people:list", _("人员"), "people.manage"),
    ("office", "office:profile", _("管理处信息"), "office.profile"),
    ("hq", "dashboards_hq:hq", _("各管理处看板"), "hq.dashboard"),
    ("hq", "hq:inbox", _("投诉中心收件箱"), "hq.inbox"),
    ("hq", "hq:complaints", _("总部登记的投诉"), "hq.inbox"),
    ("hq", "hq:register", _("总部登记投诉"), "hq.register"),
    ("hq", "reports_hq:overview", _("管理处月报"), "hq.reports"),
    ("hq", "services_hq:proposals", _("特约服务审批"), "hq.service_proposals"),
    ("hq", "surveys_hq:home", _("满意度调查"), "hq.surveys_results"),
    ("hq", "people:list", _("人员"), "people.manage"),
    ("public", "catalog:offices", _("管理处"), "tenants.manage"),
    ("public", "people-admin:list", _("人员"), "people.admin"),
    ("public", "catalog:settings", _("集团设置"), "catalog.manage"),
    ("public", "catalog:scoring_rules", _("考核计分规则"), "catalog.manage"),
    ("public", "catalog:calendar", _("工作日历"), "catalog.manage"),
    ("public", "services_catalog:catalog", _("特约服务目录"), "catalog.manage"),
]


def nav_for(*, tenant_type: str, role: str) -> list[dict]:
    items = []
    for kind, url_name, label, perm in NAV:
        if kind != tenant_type or not has_perm(role, perm):
            continue
        try:
            items.append({"url": reverse(url_name), "label": label, "name": url_name})
        except NoReverseMatch:
            continue
    return items
