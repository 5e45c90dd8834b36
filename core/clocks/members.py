"""The people of one tenant, loaded once per clock run, so a handler names its recipients without a
query per row (issue 8 goal 3: notifications of a batch cost a constant number of statements)."""

from __future__ import annotations

from functools import cached_property


class Members:
    def __init__(self, tenant):
        self.tenant = tenant

    @cached_property
    def all(self) -> list:
        """Active memberships of active users in this tenant, with their users."""
        from tenants.models import Membership

        return list(Membership.objects.filter(tenant_id=self.tenant.pk, is_active=True, user__is_active=True)
                    .select_related("user").order_by("id"))

    def with_roles(self, *roles: str) -> list:
        wanted = set(roles)
        return [m for m in self.all if m.role in wanted]

    def of_user(self, user_id) -> list:
        return [m for m in self.all if m.user_id == user_id]

    @staticmethod
    def users(memberships) -> list:
        """The users of `memberships`, each once, in order."""
        return list({m.user.pk: m.user for m in memberships}.values())
