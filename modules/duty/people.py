"""The office's staff (public-schema users with a membership in the current office)."""

from __future__ import annotations

from django.db import connection

from core.permissions import has_perm
from tenants.models import Membership, User


def office_staff(*, perm: str = "duty.log"):
    """Users of this office who may stand duty (hold `perm`)."""
    members = Membership.objects.filter(tenant__schema_name=connection.schema_name, is_active=True,
                                        user__is_active=True)
    ids = [m.user_id for m in members if has_perm(m.role, perm)]
    return User.objects.filter(pk__in=ids).order_by("username")


def office_person(*, user_id) -> User | None:
    """A member of this office by id, or None (another office's user does not exist here)."""
    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        return None
    return office_staff().filter(pk=user_id).first()
