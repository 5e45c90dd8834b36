"""F-02: the work-order predicates, shared by the services (which enforce them) and the selector that
tells a page which steps to offer (`selectors.workorder_actions_available`) — written once."""

from __future__ import annotations

from core.permissions import has_perm
from modules.frontdesk.models import work as wo

# the text a step must carry (the service requires it; the page shows the matching input)
STEP_NEEDS = {"done": "result", "reject": "note", "cancel": "note"}


def step_allowed(order, *, action: str) -> bool:
    """The order's status allows `action` (wo.TRANSITIONS)."""
    return (action, order.status) in wo.TRANSITIONS


def actor_refusal(order, *, action: str, role: str) -> str:
    """Why `role` may not take `action` on `order` ("" when it may). Department staff act on their own
    department's orders only (accept, done); verify / reject / cancel are the front desk's."""
    if role in dict(wo.DEPARTMENTS) and order.department != role:
        return "not_found"
    if not has_perm(role, "frontdesk.work"):
        return "no_permission"
    if action in wo.FRONT_ACTIONS and not has_perm(role, "frontdesk.register"):
        return "front_desk_only"
    return ""
