"""F-02: the steps a page offers on a work order are exactly the steps the service accepts — one
selector (`workorder_actions_available`) over the services' own predicates."""

import pytest
from django.db import transaction

from core.errors import ApplicationError
from tests.modules.frontdesk.factories import user_of

pytestmark = pytest.mark.django_db
ROLES = ["cs_staff", "cs_supervisor", "engineering", "security", "records_clerk", "office_director"]
ACTIONS = ["accept", "done", "verify", "reject", "cancel"]


class _Rollback(Exception):
    pass


def _orders(user):
    """An engineering order in each status the table knows."""
    from modules.frontdesk.services import workorder_dispatch, workorder_transition

    def order_at(steps):
        order = workorder_dispatch(user=user, department="engineering", content="换灯")
        for step in steps:
            order = workorder_transition(work_order_id=order.pk, action=step, user=user, role="cs_staff",
                                         note="n", result="r")
        return order

    return [order_at(steps) for steps in ([], ["accept"], ["accept", "done"], ["accept", "done", "verify"])]


def _service_accepts(order, action, role, user) -> bool:
    from modules.frontdesk.services import workorder_transition

    try:
        with transaction.atomic():
            workorder_transition(work_order_id=order.pk, action=action, user=user, role=role, note="n", result="r")
            raise _Rollback
    except _Rollback:
        return True
    except ApplicationError:
        return False


def test_offered_steps_are_exactly_the_service_accepted_steps_F02(world, in_tenant):
    from modules.frontdesk.selectors import workorder_actions_available

    with in_tenant(world.alpha):
        user = user_of(world, "cs_staff")
        for order in _orders(user):
            for role in ROLES:
                offered = set(workorder_actions_available(order=order, role=role))
                accepted = {a for a in ACTIONS if _service_accepts(order, a, role, user_of(world, role))}
                assert offered == accepted, (order.status, role, offered, accepted)


def test_detail_page_offers_the_available_steps_F02(world, client_for, in_tenant):
    with in_tenant(world.alpha):
        order = _orders(user_of(world, "cs_staff"))[0]
    html = client_for(world.alpha, "cs_staff").get(f"/frontdesk/workorders/{order.pk}/").content.decode()
    assert f"/frontdesk/workorders/{order.pk}/accept/" in html
    assert f"/frontdesk/workorders/{order.pk}/verify/" not in html
