"""The handover page (D-04, D-05): arrive, check items, read the log, check the area (the outgoing
officer explains an anomaly), sign — each offered only to the person who may take it now."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.web import require_perm
from modules.duty import selectors
from modules.duty.forms import ItemCheckForm
from modules.duty.services import handover as svc
from modules.duty.views.common import must, run


@require_perm("duty.view")
def handover_view(request, pk: int):
    handover = must(selectors.handover_get(pk=pk))
    me = request.user.pk
    context = {"handover": handover, "items": handover.items.all(),
               "is_outgoing": me == handover.outgoing_user_id, "is_incoming": me == handover.incoming_user_id,
               "log": selectors.shift_log(instance=handover.outgoing),
               "blocking": selectors.blocking_items(instance=handover.outgoing),
               "arrival": handover.incoming.arrivals.filter(user_id=handover.incoming_user_id).first(),
               "item_form": ItemCheckForm(),
               "sign_refusal": selectors.handover_sign_refusal(handover=handover, user_id=me),
               "events": selectors.events_of(object_type="handover", object_id=handover.pk)}
    return render(request, "duty/handover.html", context)


@require_perm("duty.log")
@require_POST
def handover_arrive_view(request, pk: int):
    handover = must(selectors.handover_get(pk=pk))
    run(request, svc.handover_arrive, _("已登记到岗"), handover_id=handover.pk)
    return redirect("duty:handover", handover.pk)


@require_perm("duty.log")
@require_POST
def handover_item_view(request, pk: int, item_pk: int):
    handover = must(selectors.handover_get(pk=pk))
    run(request, svc.handover_item_check, _("已清点"), handover_id=handover.pk, item_id=item_pk,
        state=request.POST.get("state", ""), explanation=request.POST.get("explanation", ""))
    return redirect("duty:handover", handover.pk)


@require_perm("duty.log")
@require_POST
def handover_log_read_view(request, pk: int):
    handover = must(selectors.handover_get(pk=pk))
    run(request, svc.handover_log_read, _("已确认阅读值班记录"), handover_id=handover.pk)
    return redirect("duty:handover", handover.pk)


@require_perm("duty.log")
@require_POST
def handover_area_view(request, pk: int):
    handover = must(selectors.handover_get(pk=pk))
    run(request, svc.handover_area_check, _("已记录区域检查"), handover_id=handover.pk,
        note=request.POST.get("note", ""), anomaly=request.POST.get("anomaly", ""))
    return redirect("duty:handover", handover.pk)


@require_perm("duty.log")
@require_POST
def handover_explain_view(request, pk: int):
    handover = must(selectors.handover_get(pk=pk))
    run(request, svc.handover_anomaly_explain, _("已记录解释"), handover_id=handover.pk,
        explanation=request.POST.get("explanation", ""))
    return redirect("duty:handover", handover.pk)


@require_perm("duty.log")
@require_POST
def handover_sign_view(request, pk: int):
    handover = must(selectors.handover_get(pk=pk))
    run(request, svc.handover_sign, _("已签字"), handover_id=handover.pk)
    return redirect("duty:handover", handover.pk)
