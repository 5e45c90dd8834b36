"""What every page's shell needs: tenant, role, navigation for the role, unread notifications."""

from __future__ import annotations

from core.navigation import nav_for
from core.permissions import perms_of, role_label


def shell(request) -> dict:
    tenant = getattr(request, "tenant", None)
    membership = getattr(request, "membership", None)
    context = {"tenant": tenant, "membership": membership, "nav": [], "unread_notifications": [],
               "can": frozenset()}
    if membership is None or tenant is None:
        return context
    from core.notifications.selectors import notifications_for

    context["role_label"] = role_label(membership.role)
    context["can"] = frozenset(perms_of(membership.role))  # templates: {% if "duty.roster" in can %}
    context["nav"] = nav_for(tenant_type=tenant.type, role=membership.role)
    context["unread_notifications"] = list(
        notifications_for(user=request.user, tenant=tenant, unread_only=True, limit=5)
    )
    return context
