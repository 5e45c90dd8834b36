"""Builders for visit tests (run inside `in_tenant(...)`)."""

from __future__ import annotations


def closed_complaint(user):
    from modules.complaints import services
    from tests.modules.complaints.factories import register

    complaint = register(user)
    services.complaint_classify(user=user, complaint_id=complaint.pk, classification="valid")
    services.complaint_reply(user=user, complaint_id=complaint.pk, method="phone")
    return services.complaint_close(user=user, complaint_id=complaint.pk, satisfied=True)


def verified_order(user, department="engineering"):
    from modules.frontdesk.services import workorder_dispatch, workorder_transition

    order = workorder_dispatch(user=user, department=department, content="换灯")
    for step in ("accept", "done", "verify"):
        order = workorder_transition(work_order_id=order.pk, action=step, user=user, role="cs_staff",
                                     note="n", result="r")
    return order
