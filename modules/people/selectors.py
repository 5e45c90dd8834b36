"""Reads about people and roles (R-01..R-04). A manager reaches a person only through their membership
in the manager's own tenant: another tenant's person is None (the page is 404)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from core.permissions import ROLES_BY_TENANT_TYPE
from tenants.models import AccountEvent, Membership, Tenant, User

ACTIVE, ENDED, ALL = "active", "ended", "all"
STATUSES = (ACTIVE, ENDED, ALL)


def _search(qs: QuerySet, q: str, *extra: str) -> QuerySet:
    q = (q or "").strip()
    if not q:
        return qs
    cond = Q(user__display_name__icontains=q) | Q(user__username__icontains=q) | Q(user__phone__icontains=q)
    for field in extra:
        cond |= Q(**{f"{field}__icontains": q})
    return qs.filter(cond)


def people_of_tenant(*, tenant: Tenant, q: str = "", status: str = ACTIVE) -> QuerySet[Membership]:
    """The tenant's people with a role of its type: those working here (`active`), those who left
    (`ended`) or both, by name."""
    qs = Membership.objects.filter(tenant_id=tenant.pk, role__in=list(ROLES_BY_TENANT_TYPE[tenant.type]))
    if status == ACTIVE:
        qs = qs.filter(is_active=True)
    elif status == ENDED:
        qs = qs.filter(is_active=False)
    qs = qs.select_related("user").order_by("-is_active", "user__display_name", "user__username", "id")
    return _search(qs, q)


def person_get_for_manager(*, manager: Membership | None, user_id: int) -> Membership | None:
    """The membership of `user_id` in the manager's tenant (any status), or None (R-04)."""
    if manager is None:
        return None
    return (Membership.objects.filter(tenant_id=manager.tenant_id, user_id=user_id)
            .select_related("user", "tenant", "ended_by").first())


def account_events(*, user: User, tenant: Tenant | None = None, limit: int = 200) -> list[AccountEvent]:
    """A person's audit rows, newest first. With `tenant`: those of that tenant and the group-wide locks,
    never another tenant's (R-04)."""
    qs = AccountEvent.objects.filter(user=user).select_related("actor", "tenant")
    if tenant is not None:
        qs = qs.filter(Q(tenant_id=tenant.pk) | Q(tenant__type=Tenant.PUBLIC,
                                                  kind__in=[AccountEvent.LOCKED, AccountEvent.UNLOCKED]))
    return list(qs.order_by("-created_at", "-id")[:limit])


def user_find(*, key: str) -> list[User]:
    """Group accounts whose username or phone is exactly `key` (R-04: add someone who already works in
    another office). Exact match only: the group's directory is not browsable from an office."""
    key = (key or "").strip()
    if not key:
        return []
    return list(User.objects.filter(Q(username__iexact=key) | Q(phone=key)).order_by("id")[:5])


def group_people(*, q: str = "") -> QuerySet[Membership]:
    """Every tenant's people for the group administrators (R-03), searchable by name, username, phone
    or the office's name; paged by the caller."""
    qs = (Membership.objects.exclude(tenant__schema_name="public").select_related("user", "tenant")
          .order_by("tenant__type", "tenant__name", "-is_active", "user__display_name", "user__username", "id"))
    return _search(qs, q, "tenant__name", "tenant__slug")


def user_get_for_admin(*, user_id: int) -> User | None:
    return User.objects.filter(pk=user_id).first()


def memberships_of_user(*, user: User) -> list[Membership]:
    return list(Membership.objects.filter(user=user).select_related("tenant").order_by("tenant__type", "tenant__name"))


def active_elsewhere(*, user: User, tenant: Tenant) -> bool:
    """The person holds an active role in another tenant (then only the group resets their password)."""
    return Membership.objects.filter(user=user, is_active=True).exclude(tenant_id=tenant.pk).exists()
