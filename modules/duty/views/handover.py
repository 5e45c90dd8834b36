"""The handover page (D-04, D-05): arrive, check items, read the log, check the area (the outgoing
officer explains an anomaly), sign — each offered only to the person who may take it now. A refused
step shows the page again with what was typed (never lost) and the reason once."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.web import error_message, require_perm
from modules.duty import selectors
from modules.duty.forms import IncomingForm, ItemCheckForm
from modules.duty.services import handover as svc
from modules.duty.views.common import blocking_rows, can, must


def _render(request, handover, *, typed=None, status: int = 200):
    me = request.user.pk
    typed = typed or {}
    rostered = list(selectors.on_duty_people(instance=handover.incoming).values_list("user_name", flat=True))
    may_name = (handover.status == "open" and not handover.incoming_user_id and not rostered
                and can(request, "duty.approve"))
    context = {"handover": handover, "items": handover.items.all(),
               "is_outgoing": me == handover.outgoing_user_id, "is_incoming": me == handover.incoming_user_id,
               "log": selectors.shift_log(instance=handover.outgoing),
               "blocking": blocking_rows(handover.outgoing) if handover.status == "open" else [],
               "can_log": can(request, "duty.log"), "rostered": rostered,
               "incoming_form": IncomingForm(typed or None) if may_name else None,
               "arrival": handover.incoming.arrivals.filter(user_id=handover.incoming_user_id).first(),
               "item_form": ItemCheckForm(), "typed": typed,
               "typed_item": str(typed.get("item", "")),
               "sign_refusal": selectors.handover_sign_refusal(handover=handover, user_id=me),
               "events": selectors.events_of(object_type="handover", object_id=handover.pk)}
    return render(request, "duty/handover.html", context, status=status)


@require_perm("duty.view")
def handover_view(request, pk: int):
    return _render(request, must(selectors.handover_get(pk=pk)))


def _step(request, pk: int, service, ok: str, **kwargs):
    """Run one step; done → back to the page; refused → the page with the typed values and the reason."""
    handover = must(selectors.handover_get(pk=pk))
    try:
        service(user=request.user, handover_id=handover.pk, **kwargs)
    except ApplicationError as exc:
        if exc.status == 404:
            raise Http404(exc.message) from exc
        messages.error(request, error_message(exc))
        return _render(request, must(selectors.handover_get(pk=pk)), typed=request.POST, status=exc.status)
    messages.success(request, ok)
    return redirect("duty:handover", handover.pk)


@require_perm("duty.log")
@require_POST
def handover_arrive_view(request, pk: int):
    return _step(request, pk, svc.handover_arrive, _("已登记到岗"))


@require_perm("duty.log")
@require_POST
def handover_item_view(request, pk: int, item_pk: int):
    return _step(request, pk, svc.handover_item_check, _("已清点"), item_id=item_pk,
                 state=request.POST.get("state", ""), explanation=request.POST.get("explanation", ""))


@require_perm("duty.log")
@require_POST
def handover_log_read_view(request, pk: int):
    return _step(request, pk, svc.handover_log_read, _("已确认阅读值班记录"))


@require_perm("duty.log")
@require_POST
def handover_area_view(request, pk: int):
    return _step(request, pk, svc.handover_area_check, _("已记录区域检查"),
                 note=request.POST.get("note", ""), anomaly=request.POST.get("anomaly", ""))


@require_perm("duty.log")
@require_POST
def handover_explain_view(request, pk: int):
    return _step(request, pk, svc.handover_anomaly_explain, _("已记录解释"),
                 explanation=request.POST.get("explanation", ""))


@require_perm("duty.log")
@require_POST
def handover_sign_view(request, pk: int):
    return _step(request, pk, svc.handover_sign, _("已签字"))


@require_perm("duty.approve")
@require_POST
def handover_incoming_view(request, pk: int):
    """D-03/D-05: nobody is rostered next; the supervisor names the incoming officer."""
    form = IncomingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择接班人"))
        return _render(request, must(selectors.handover_get(pk=pk)), typed=request.POST, status=400)
    return _step(request, pk, svc.handover_incoming_name, _("已指定接班人"),
                 person_id=form.cleaned_data["person"], note=form.cleaned_data["note"])
