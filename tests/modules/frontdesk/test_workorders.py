"""F-02: work orders — dispatched to a department, accepted, done, verified; queues and overdue flags."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.errors import Forbidden, NotAllowedNow, NotFound
from tests.modules.frontdesk.factories import user_of

pytestmark = pytest.mark.django_db


def _dispatch(world, department="engineering", **kw):
    from modules.frontdesk.services import workorder_dispatch

    return workorder_dispatch(user=user_of(world, "cs_staff"), department=department, content="电梯按钮失灵", **kw)


def test_workorder_lifecycle_with_times_and_events_F02(world, in_tenant):
    from modules.frontdesk.selectors import events_of
    from modules.frontdesk.services import workorder_transition

    with in_tenant(world.alpha):
        order = _dispatch(world)
        eng, desk = user_of(world, "engineering"), user_of(world, "cs_staff")
        workorder_transition(work_order_id=order.pk, action="accept", user=eng, role="engineering")
        workorder_transition(work_order_id=order.pk, action="done", user=eng, role="engineering", result="已更换按钮")
        order = workorder_transition(work_order_id=order.pk, action="verify", user=desk, role="cs_staff")
        assert order.status == "verified" and order.result == "已更换按钮"
        assert order.dispatched_at <= order.accepted_at <= order.done_at <= order.verified_at
        steps = [(e.action, e.from_state, e.to_state) for e in events_of(entity="workorder", entity_id=order.pk)]
        assert steps == [("dispatch", "", "dispatched"), ("accept", "dispatched", "accepted"),
                         ("done", "accepted", "done"), ("verify", "done", "verified")]


def test_verify_before_done_is_409_F02(world, in_tenant):
    from modules.frontdesk.services import workorder_transition

    with in_tenant(world.alpha):
        order = _dispatch(world)
        with pytest.raises(NotAllowedNow) as exc:
            workorder_transition(work_order_id=order.pk, action="verify", user=None, role="cs_staff")
        assert exc.value.code == "workorder_cannot_verify"


def test_failed_verification_goes_back_to_department_F02(world, in_tenant):
    from modules.frontdesk.services import workorder_transition

    with in_tenant(world.alpha):
        order = _dispatch(world)
        for action in ("accept", "done"):
            workorder_transition(work_order_id=order.pk, action=action, user=None, role="engineering", result="修好")
        order = workorder_transition(work_order_id=order.pk, action="reject", user=None, role="cs_leader",
                                     note="仍然失灵")
        assert order.status == "accepted"


def test_department_sees_only_its_queue_and_cannot_verify_F02(world, in_tenant):
    from modules.frontdesk.selectors import workorder_queue
    from modules.frontdesk.services import workorder_transition

    with in_tenant(world.alpha):
        eng_order, clean_order = _dispatch(world), _dispatch(world, department="cleaning")
        assert list(workorder_queue(role="engineering")) == [eng_order]
        assert list(workorder_queue(role="cleaning")) == [clean_order]
        assert set(workorder_queue(role="cs_staff")) == {eng_order, clean_order}
        with pytest.raises(NotFound):
            workorder_transition(work_order_id=eng_order.pk, action="accept", user=None, role="cleaning")
        workorder_transition(work_order_id=eng_order.pk, action="accept", user=None, role="engineering")
        workorder_transition(work_order_id=eng_order.pk, action="done", user=None, role="engineering", result="好")
        with pytest.raises(Forbidden):
            workorder_transition(work_order_id=eng_order.pk, action="verify", user=None, role="engineering")


def test_overdue_orders_flagged_from_setting_F02(world, in_tenant):
    from modules.catalog.selectors import setting_value
    from modules.frontdesk.selectors import workorder_queue

    with in_tenant(world.alpha):
        hours = setting_value("frontdesk.workorder_due_hours")
        late = _dispatch(world, dispatched_at=timezone.now() - timedelta(hours=hours + 1))
        fresh = _dispatch(world)
        assert late.due_at == late.dispatched_at + timedelta(hours=hours)
        assert late.is_overdue(timezone.now()) and not fresh.is_overdue(timezone.now())
        assert list(workorder_queue(role="cs_staff", overdue=True)) == [late]


def test_due_hours_follow_the_group_setting_F02(world, in_tenant):
    from modules.catalog.models import Setting

    Setting.objects.create(key="frontdesk.workorder_due_hours", value=4,
                           effective_from=timezone.now() - timedelta(days=1))
    with in_tenant(world.alpha):
        order = _dispatch(world)
        assert order.due_at == order.dispatched_at + timedelta(hours=4)
