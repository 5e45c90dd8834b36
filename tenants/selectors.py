"""Reads about tenants, domains and memberships."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q, QuerySet

from core.permissions import PERMISSIONS, ROLES_BY_TENANT_TYPE
from tenants.models import Domain, Membership, Tenant


def membership_get(*, user, tenant) -> Membership | None:
    """The user's active membership here; one whose role is not of this tenant's type (R-01..R-03:
    an hq role on an office host, an office role on the hq host) counts as none (R-04)."""
    if not getattr(user, "is_authenticated", False) or tenant is None:
        return None
    roles = list(ROLES_BY_TENANT_TYPE.get(tenant.type, ()))
    return (
        Membership.objects.filter(user=user, tenant_id=tenant.pk, is_active=True, user__is_active=True,
                                  role__in=roles)
        .only("id", "role", "tenant_id", "user_id")
        .first()
    )


def tenant_list(*, type: str | None = None) -> QuerySet[Tenant]:
    qs = Tenant.objects.exclude(schema_name="public").prefetch_related("domains")
    return qs.filter(type=type) if type else qs


def office_list() -> QuerySet[Tenant]:
    return tenant_list(type=Tenant.OFFICE).filter(is_active=True)


def office_search(*, q: str = "", offices_only: bool = True) -> QuerySet[Tenant]:
    """Offices (or, for the group console, every tenant) whose name or slug contains `q`, by name: the
    search box that replaces a list of every office (the pages stay flat in the number of offices)."""
    qs = office_list() if offices_only else tenant_list()
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(slug__icontains=q))
    return qs.order_by("type", "name", "slug")


def domains_of(*, tenant_ids) -> dict[int, list[str]]:
    """{tenant id: its domains, the primary first}, in one query for a page of tenants."""
    domains = defaultdict(list)
    for tenant_id, domain in (Domain.objects.filter(tenant_id__in=list(tenant_ids))
                              .order_by("-is_primary", "domain").values_list("tenant_id", "domain")):
        domains[tenant_id].append(domain)
    return domains


def hq_tenant() -> Tenant | None:
    return Tenant.objects.filter(type=Tenant.HQ).first()


def memberships_of(*, user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, is_active=True).select_related("tenant").prefetch_related(
        "tenant__domains"
    )


def member_list(*, tenant, perm: str | None = None, q: str = "") -> QuerySet[Membership]:
    """The active people of `tenant` (active users, a role of its type), by name; with `perm`, only
    those whose role holds it (e.g. `complaints.handle` for a complaint's assignee)."""
    roles = set(ROLES_BY_TENANT_TYPE.get(tenant.type, ()))
    if perm:
        roles &= PERMISSIONS[perm]
    qs = (Membership.objects.filter(tenant_id=tenant.pk, is_active=True, user__is_active=True, role__in=roles)
          .select_related("user").order_by("user__display_name", "user__username", "id"))
    if q:
        qs = qs.filter(Q(user__display_name__icontains=q) | Q(user__username__icontains=q))
    return qs


def office_job_get(*, job_id: int):
    """An office job (issue 8) with its office, or None; only group administrators reach this."""
    from tenants.models import OfficeJob

    return OfficeJob.objects.select_related("tenant").filter(pk=job_id).first()


def office_url_for(request, tenant) -> str:
    """The address of `tenant`'s home page, with the scheme and port `request` came in on."""
    from django.conf import settings

    port = request.get_port()
    default = {"http": "80", "https": "443"}.get(request.scheme)
    suffix = f":{port}" if port and port != default else ""
    return f"{request.scheme}://{tenant.slug}.{settings.BASE_DOMAIN}{suffix}/"


def office_jobs_recent(*, limit: int = 10):
    """The latest office jobs, for the console's offices page (a bounded list, flat in the offices)."""
    from tenants.models import OfficeJob

    return OfficeJob.objects.order_by("-created_at", "-pk")[:limit]
def tenant_activity_page(*, limit: int = 20) -> list[Tenant]:
    """The group workbench (R-03): the first `limit` offices and head office by name, each with its
    people (active memberships of active users) and its last activity (its people's latest login) —
    one query whatever the number of tenants; the paged offices page lists the rest."""
    from django.db.models import Count, Max

    active = Q(memberships__is_active=True, memberships__user__is_active=True)
    return list(Tenant.objects.exclude(schema_name="public").annotate(
        people=Count("memberships", filter=active, distinct=True),
        last_login=Max("memberships__user__last_login", filter=active),
    ).order_by("type", "name", "slug")[:limit])


def tenant_count() -> int:
    return Tenant.objects.exclude(schema_name="public").count()
