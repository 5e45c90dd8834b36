"""The group administrators' workbench cards (core/workbench.py, R-03): offices with their people and last
activity, and the settings changes coming into force (S-08). Public tables only."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from core.workbench import WorkbenchCard, workbench_card_register
from modules.catalog.selectors import setting_changes_upcoming
from tenants.selectors import tenant_activity_page, tenant_count


def offices_card(request, now) -> dict:
    base = reverse("catalog:offices")
    rows = [{"tenant": t, "url": base + "?" + urlencode({"q": t.slug})} for t in tenant_activity_page()]
    return {"rows": rows, "total": tenant_count(), "all_url": base}


def settings_card(request, now) -> dict:
    return {"rows": setting_changes_upcoming(at=now), "url": reverse("catalog:settings")}


def register_cards() -> None:
    workbench_card_register(WorkbenchCard(key="catalog.offices", tenant_type="public", perm="tenants.manage",
                                          template="catalog/workbench_offices.html", build=offices_card, order=10))
    workbench_card_register(WorkbenchCard(key="catalog.settings", tenant_type="public", perm="catalog.manage",
                                          template="catalog/workbench_settings.html", build=settings_card,
                                          order=20))
