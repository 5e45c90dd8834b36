"""Office rows without schemas, for pages that read only the public tables (the hq inbox's office search,
the apex offices page): `bulk_create` skips `Tenant.save`, so no schema is cloned (0.5–1 s each)."""

from __future__ import annotations


def office_rows(n: int, *, prefix: str = "bulk") -> list:
    from django.conf import settings

    from tenants.models import Domain, Tenant

    tenants = Tenant.objects.bulk_create([
        Tenant(schema_name=f"{prefix}_{i}", slug=f"{prefix}-{i}", name=f"{prefix}管理处{i:04d}",
               type=Tenant.OFFICE, kind="residential") for i in range(n)])
    Domain.objects.bulk_create([Domain(tenant=t, domain=f"{t.slug}.{settings.BASE_DOMAIN}", is_primary=True)
                                for t in tenants])
    return tenants
