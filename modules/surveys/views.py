"""满意度调查 pages of an office (V-03): the waves head office addressed to it, its own results, and the
paper questionnaires staff enter. Thin: selectors and services; a wave not addressed to the office is 404."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.calendar import local
from core.errors import ApplicationError, NotFound
from core.permissions import has_perm
from core.web import apply_error, require_perm
from modules.surveys import selectors, services
from modules.surveys.forms import PaperAnswerSheet
from modules.surveys.models import Response


def _wave(request, pk: int):
    try:
        return selectors.office_wave_get(office=request.tenant, wave_id=pk)
    except NotFound as exc:
        raise Http404("no such survey") from exc


@require_perm("surveys.view")
def list_view(request):
    waves = list(selectors.office_waves(office=request.tenant)[:100])
    answered = dict(Response.objects.filter(wave_id__in=[w.pk for w in waves]).values_list("wave_id")
                    .annotate(n=Count("id")).values_list("wave_id", "n"))
    today = local(timezone.now()).date()
    return render(request, "surveys/list.html", {"rows": [
        {"wave": w, "answered": answered.get(w.pk, 0), "answerable": w.is_answerable(today)} for w in waves]})


@require_perm("surveys.view")
def wave_view(request, pk: int):
    wave = _wave(request, pk)
    counts = selectors.wave_counts(wave=wave)
    rate = selectors.wave_rate(wave=wave, by_answer=counts["by_answer"])
    today = local(timezone.now()).date()
    return render(request, "surveys/wave.html", {
        "wave": wave, "counts": counts, "rate": rate, "percent": selectors.percent(rate),
        "questions": selectors.question_rows(wave=wave, questions_counts=counts["questions"],
                                             respondents=counts["respondents"]),
        "recent": selectors.office_recent_responses(wave_id=wave.pk),
        "can_enter": has_perm(request.membership.role, "surveys.enter") and wave.is_answerable(today),
        "can_export": has_perm(request.membership.role, "surveys.export"),
        "answerable": wave.is_answerable(today)})


@require_perm("surveys.export")
def wave_export_view(request, pk: int):
    """V-03: the office's own answer sheets of a wave as .xlsx, one row per household (free text included)."""
    from modules.surveys.export import download, office_answers_xlsx

    wave = _wave(request, pk)
    handle = office_answers_xlsx(wave=wave, office_name=request.tenant.name,
                                 sheet=selectors.office_answer_sheet(wave=wave))
    return download(handle, name=f"{wave.title}-答卷明细.xlsx", fallback=f"survey-{wave.pk}-answers.xlsx")


@require_perm("surveys.enter")
def paper_view(request, pk: int):
    wave = _wave(request, pk)
    form = PaperAnswerSheet(request.POST or None, wave=wave)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            household = selectors.household_by_room(room=form.cleaned_data["room"],
                                                    name=form.cleaned_data["household_name"])
            services.response_enter_paper(user=request.user, office=request.tenant, wave_id=wave.pk,
                                          household_id=household.pk, answers=form.answers())
        except ApplicationError as exc:
            apply_error(form, exc)
            status = exc.status
        else:
            messages.success(request, _("已录入 %(household)s 的问卷。") % {"household": household})
            return redirect("surveys:paper", pk=wave.pk)
    return render(request, "surveys/paper.html", {"wave": wave, "form": form,
                                                  "recent": selectors.office_recent_responses(wave_id=wave.pk)},
                  status=status)
