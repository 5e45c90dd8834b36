"""Demo return visits of one office (V-05), through modules.visits.services: the closed complaint's visit
answered, a finished repair order handed to the engine (sampled at the catalog's rate; one missed
attempt when drawn) and the special-services demo adds a settled job's and a signed agreement's visits."""

from __future__ import annotations

from django.db import transaction

from core.demo.base import households


def visits_seed(staff: dict) -> None:
    """Skipped when the office already has visit attempts."""
    from modules.frontdesk.services import workorder_dispatch, workorder_transition
    from modules.visits import services
    from modules.visits.models import ReturnVisit, VisitAttempt

    with transaction.atomic():
        if VisitAttempt.objects.exists():
            return
        cs = staff["cs_staff"]
        for visit in ReturnVisit.objects.filter(source_kind="complaint", status="due")[:1]:
            services.visit_attempt_record(user=cs, visit_id=visit.pk, method="phone", reached=True)
            services.visit_answer_record(user=cs, visit_id=visit.pk, answer="satisfied", words="处理及时，谢谢")
        homes = households(limit=2)
        if not homes:
            return
        order = workorder_dispatch(user=cs, department="engineering", content="厨房下水道堵塞，请派人疏通",
                                   household_id=homes[0].pk)
        for step in ("accept", "done", "verify"):  # verify hands it to the visits engine (sampled)
            workorder_transition(work_order_id=order.pk, action=step, user=cs, role="cs_staff", result="已疏通")
        repair = ReturnVisit.objects.filter(source_kind="workorder", source_id=order.pk, status="due").first()
        if repair is not None:
            services.visit_attempt_record(user=cs, visit_id=repair.pk, method="phone", reached=False,
                                          note="无人接听")
        # an agreement's mid-term and end visits come from signing a real agreement (core/demo/services.py)
