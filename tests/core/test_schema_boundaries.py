"""Public-schema tables must not point into office or head-office schemas: such a row would reference
a table that does not exist in `public` (DESIGN.md "Tenancy")."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings


def _app_name(model) -> str:
    return apps.get_app_config(model._meta.app_label).name


def cross_links(public_apps: set[str], tenant_only_apps: set[str]) -> list[str]:
    """Every FK / one-to-one / many-to-many (with its through table) from a model of a public app to a
    model of a tenant-only app."""
    found = []
    for model in apps.get_models(include_auto_created=True):
        if _app_name(model) not in public_apps:
            continue
        for field in model._meta.get_fields(include_hidden=True):
            if not field.is_relation or field.auto_created or field.related_model is None:
                continue
            target = field.related_model
            if isinstance(target, str):
                target = apps.get_model(target)
            if _app_name(target) in tenant_only_apps:
                found.append(f"{model._meta.label}.{field.name} → {target._meta.label}")
    return found


def _tenant_types():
    public = set(settings.TENANT_TYPES["public"]["APPS"])
    tenant_only = (set(settings.TENANT_TYPES["office"]["APPS"]) | set(settings.TENANT_TYPES["hq"]["APPS"])) - public
    return public, tenant_only


def test_no_public_model_references_an_office_or_hq_model():
    public, tenant_only = _tenant_types()
    assert {"core.files", "modules.residents"} <= tenant_only
    assert cross_links(public, tenant_only) == []


def test_checker_finds_a_link_when_there_is_one():
    """The walk really looks at relations: pretend `tenants` were tenant-only and it must complain."""
    public, tenant_only = _tenant_types()
    found = cross_links(public - {"tenants"}, tenant_only | {"tenants"})
    assert "notifications.Notification.tenant → tenants.Tenant" in found
    assert any(link.startswith("notifications.Notification.user") for link in found)
