"""The audit rows of people and roles (R-01..R-04), one small function for all of them: who (actor, null
for the operator's command), when, what (kind, roles), where (tenant). Append-only: never updated."""

from __future__ import annotations

from tenants.models import AccountEvent


def account_event_write(*, user, kind: str, tenant=None, actor=None, role_from: str = "", role_to: str = "",
                        note: str = "") -> AccountEvent:
    actor_id = getattr(actor, "pk", None)
    return AccountEvent.objects.create(user=user, kind=kind, tenant=tenant, actor_id=actor_id,
                                       role_from=role_from, role_to=role_to, note=(note or "")[:200])
