"""The shift pages: who is on duty now (D-01), one shift with its log (D-06)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import ApplicationError
from core.web import apply_error, error_message, require_perm
from modules.catalog.selectors import setting_value
from modules.duty import selectors
from modules.duty.forms import CorrectionForm, EntryForm
from modules.duty.services import handover as handover_svc
from modules.duty.services import instances as instance_svc
from modules.duty.services import log as log_svc
from modules.duty.views.common import can, early_warning, handover_context, must, run, with_source


def _times(instance) -> dict:
    """D-04: when the incoming staff must be there, when the outgoing staff start tidying up."""
    now = timezone.now()
    early = int(setting_value("duty.arrive_early_minutes", at=now))
    tidy = int(setting_value("duty.tidy_before_end_minutes", at=now))
    return {"arrive_by": instance.starts_at - timedelta(minutes=early),
            "tidy_from": instance.ends_at - timedelta(minutes=tidy)}


def _shift_card(instance, user):
    """D-05: unfinished work counts only the shift's own open entries; linked automatic entries are
    followed up at their source and shown apart (selectors.open_items / linked_auto_entries)."""
    card = {"instance": instance, **_times(instance), "people": selectors.on_duty_people(instance=instance),
            "assigned": selectors.is_assigned(user=user, instance=instance)}
    if instance.pk is None:  # planned, not created yet (a pure read, D-01)
        return {**card, "handover_out": None, "handover_in": None, "open_items": 0, "linked_open": []}
    return {**card, **selectors.handovers_of(instance=instance),
            "open_items": selectors.open_items(instance=instance).count(),
            "linked_open": with_source(selectors.linked_auto_entries(instance=instance))}


@require_perm("duty.view")
def now_view(request):
    """D-01: who is on duty now, with the way into each shift's log and handover."""
    now = timezone.now()  # a pure read: planned shifts without an instance yet are shown unsaved
    cards = [_shift_card(i, request.user) for i in selectors.instances_now(at=now)]
    return render(request, "duty/now.html", {"cards": cards, "now": now,
                                             "form": EntryForm(), "can_log": can(request, "duty.log")})


@require_perm("duty.view")
def shift_view(request, pk: int):
    return render_shift(request, must(selectors.instance_get(pk=pk)))


def render_shift(request, instance, *, typed=None, status: int = 200):
    """The shift page; `typed` is the refused handover form as the person typed it (kept, not lost)."""
    entries = [{**row, "corrected": hasattr(row["entry"], "correction")}
               for row in with_source(selectors.shift_log(instance=instance))]
    context = {**_shift_card(instance, request.user), "entries": entries, "form": EntryForm(),
               "arrivals": instance.arrivals.all(), "can_log": can(request, "duty.log"),
               "can_sign": can(request, "duty.sign"), "can_release": can(request, "duty.approve"),
               **handover_context(instance), "typed": typed or {}}
    return render(request, "duty/shift.html", context, status=status)


@require_perm("duty.log")
@require_POST
def entry_add_view(request):
    form = EntryForm(request.POST)
    if form.is_valid():
        try:
            entry = log_svc.log_entry_add(user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            return redirect("duty:shift", entry.instance_id) if entry.instance_id else redirect("duty:day")
    return render(request, "duty/entry_form.html", {"form": form, "title": _("记录值班事项")}, status=400)


@require_perm("duty.log")
def entry_correct_view(request, pk: int):
    entry = must(selectors.entry_get(pk=pk))
    initial = {f: getattr(entry, f) for f in ("kind", "content", "action", "result")}
    form = CorrectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            new = log_svc.log_entry_correct(user=request.user, entry_id=entry.pk, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            return redirect("duty:shift", new.instance_id) if new.instance_id else redirect("duty:day")
    return render(request, "duty/entry_form.html", {"form": form, "entry": entry, "title": _("更正记录")},
                  status=400 if form.errors else 200)


@require_perm("duty.approve")
@require_POST
def entry_release_view(request, pk: int):
    entry = must(selectors.entry_get(pk=pk))
    run(request, log_svc.log_entry_release, _("已放行"), entry_id=entry.pk, note=request.POST.get("note", ""))
    return redirect("duty:shift", entry.instance_id) if entry.instance_id else redirect("duty:day")


@require_perm("duty.sign")
@require_POST
def shift_sign_view(request, pk: int):
    instance = must(selectors.instance_get(pk=pk))
    run(request, log_svc.shift_log_sign, _("值班记录已签字"), instance_id=instance.pk)
    return redirect("duty:shift", instance.pk)


@require_perm("duty.log")
@require_POST
def shift_start_view(request, pk: int):
    instance = must(selectors.instance_get(pk=pk))
    run(request, instance_svc.shift_start, _("已开始值班"), instance_id=instance.pk)
    return redirect("duty:shift", instance.pk)


@require_perm("duty.log")
@require_POST
def handover_open_view(request, pk: int):
    """D-05: open the handover; refused, the page comes back with what was typed and the blocking work."""
    instance = must(selectors.instance_get(pk=pk))
    try:
        handover = handover_svc.handover_open(user=request.user, instance_id=instance.pk,
                                              unfinished_work=request.POST.get("unfinished_work", ""),
                                              area_note=request.POST.get("area_note", ""))
    except ApplicationError as exc:
        if exc.status == 404:
            raise Http404(exc.message) from exc
        messages.error(request, error_message(exc))
        return render_shift(request, instance, typed=request.POST, status=exc.status)
    messages.success(request, _("已发起交接班"))
    warning = early_warning(selectors.handover_early_by(instance=instance, at=handover.opened_at))
    if warning:
        messages.warning(request, warning)
    return redirect("duty:handover", handover.pk)


@require_perm("duty.log")
@require_POST
def entry_complete_view(request, pk: int):
    """D-05 标记完成: the result of a piece of unfinished work; back to the page the button was on."""
    entry = must(selectors.entry_get(pk=pk))
    run(request, log_svc.log_entry_complete, _("已标记完成"), entry_id=entry.pk,
        result=request.POST.get("result", ""))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("duty:shift", entry.instance_id) if entry.instance_id else redirect("duty:day")
