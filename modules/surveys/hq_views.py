"""满意度调查 pages of head office (V-03, V-04): questionnaires (design, new version), survey waves
(launch, close, results per office and per question compared with the previous wave, the summary published
to residents). Results come from the counts the offices pushed, never from an office schema."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.calendar import local
from core.errors import ApplicationError, NotFound
from core.permissions import has_perm
from core.web import apply_error, error_message, require_perm
from modules.surveys import selectors
from modules.surveys.forms import QuestionForm, QuestionnaireForm, SummaryForm, WaveForm
from modules.surveys.group import models as g
from modules.surveys.group import services
from tenants import bridge


def _or_404(fn, **kwargs):
    try:
        return fn(**kwargs)
    except NotFound as exc:
        raise Http404("not found") from exc


@require_perm("hq.surveys_results")
def home_view(request):
    return render(request, "surveys/hq_home.html", {
        "questionnaires": selectors.questionnaire_list()[:50], "waves": selectors.wave_list()[:50],
        "can_design": has_perm(request.membership.role, "hq.surveys_design")})


@require_perm("hq.surveys_design")
def questionnaire_new_view(request):
    form = QuestionnaireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.questionnaire_create(user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            return redirect("surveys_hq:questionnaire", pk=item.pk)
    return render(request, "surveys/hq_questionnaire_new.html", {"form": form})


def _questionnaire_page(request, pk: int, *, form=None, status=200):
    item = _or_404(selectors.questionnaire_get, pk=pk)
    return render(request, "surveys/hq_questionnaire.html", {
        "q": item, "form": form or QuestionForm(), "editable": item.status == g.DRAFT,
        "can_design": has_perm(request.membership.role, "hq.surveys_design"),
        "max_questions": g.MAX_QUESTIONS}, status=status)


@require_perm("hq.surveys_results")
def questionnaire_view(request, pk: int):
    return _questionnaire_page(request, pk)


@require_POST
@require_perm("hq.surveys_design")
def question_add_view(request, pk: int):
    _or_404(selectors.questionnaire_get, pk=pk)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            services.questionnaire_question_add(user=request.user, questionnaire_id=pk, question=form.question())
        except ApplicationError as exc:
            apply_error(form, exc)
            return _questionnaire_page(request, pk, form=form, status=exc.status)
        return redirect("surveys_hq:questionnaire", pk=pk)
    return _questionnaire_page(request, pk, form=form)


@require_POST
@require_perm("hq.surveys_design")
def question_remove_view(request, pk: int, question_id: int):
    try:
        services.questionnaire_question_remove(user=request.user, questionnaire_id=pk, question_id=question_id)
    except NotFound as exc:
        raise Http404("not found") from exc
    except ApplicationError as exc:
        messages.error(request, error_message(exc))
    return redirect("surveys_hq:questionnaire", pk=pk)


@require_POST
@require_perm("hq.surveys_design")
def questionnaire_version_view(request, pk: int):
    copy = _or_404(services.questionnaire_version_new, user=request.user, questionnaire_id=pk)
    messages.success(request, _("已另存为新版本，可以修改。"))
    return redirect("surveys_hq:questionnaire", pk=copy.pk)


@require_perm("hq.surveys_design")
def wave_new_view(request):
    form = WaveForm(request.POST or None, questionnaires=selectors.launchable_questionnaires()[:200],
                    initial={"questionnaire": request.GET.get("questionnaire", "")[:12]})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            wave = services.wave_launch(user=request.user, questionnaire_id=int(data["questionnaire"]),
                                        title=data["title"], starts_on=data["starts_on"], ends_on=data["ends_on"],
                                        office_ids=form.office_ids())
        except ApplicationError as exc:
            exc.fields = {("offices" if k == "office_ids" else "questionnaire" if k == "questionnaire_id" else k): v
                          for k, v in (exc.fields or {}).items()}
            apply_error(form, exc)
            status = exc.status
        else:
            messages.success(request, _("调查已发起，参与的管理处已可看到。"))
            return redirect("surveys_hq:wave", pk=wave.pk)
    return render(request, "surveys/hq_wave_new.html", {"form": form}, status=status)


@require_perm("hq.surveys_results")
def wave_view(request, pk: int, *, summary_form=None, status=200):
    wave = _or_404(selectors.wave_get, pk=pk)
    results = selectors.hq_wave_results(wave=wave)
    role = request.membership.role
    for row in results["offices"]:
        row["percent"] = selectors.percent(row["rate"])
        row["previous_percent"] = selectors.percent(row["previous_rate"])
    default_body = _summary_text(wave, results)
    return render(request, "surveys/hq_wave.html", {
        "wave": wave, "results": results, "percent": selectors.percent(results["rate"]),
        "previous_percent": selectors.percent(results["previous_rate"]),
        "ended": wave.ends_on < local(timezone.now()).date(),
        "can_design": has_perm(role, "hq.surveys_design"),
        "summary_form": summary_form or SummaryForm(initial={"title": _("%(title)s 结果公告") % {"title": wave.title},
                                                             "body": default_body})}, status=status)


@require_perm("hq.surveys_results")
def wave_export_view(request, pk: int):
    """V-03, V-04: the wave's results page as .xlsx — per question and option group-wide against the previous
    wave, and per office — from the pushed counts only."""
    from modules.surveys.export import download, hq_wave_xlsx

    wave = _or_404(selectors.wave_get, pk=pk)
    handle = hq_wave_xlsx(wave=wave, results=selectors.hq_wave_results(wave=wave))
    return download(handle, name=f"{wave.title}-调查结果.xlsx", fallback=f"survey-{wave.pk}-results.xlsx")


def _summary_text(wave, results) -> str:
    lines = [_("感谢各位业户参与%(title)s（%(start)s 至 %(end)s）。") % {
        "title": wave.title, "start": wave.starts_on, "end": wave.ends_on}]
    if results["rate"]["rate"] is not None:
        lines.append(_("共 %(n)s 户参与，总体满意率 %(p)s。") % {"n": results["respondents"],
                                                         "p": selectors.percent(results["rate"])})
    lines.append(_("我们将针对大家提出的意见逐项改进。"))
    return "\n".join(lines)


@require_POST
@require_perm("hq.surveys_design")
def wave_close_view(request, pk: int):
    try:
        services.wave_close(user=request.user, wave_id=pk)
    except NotFound as exc:
        raise Http404("not found") from exc
    except ApplicationError as exc:
        messages.error(request, error_message(exc))
    else:
        messages.success(request, _("调查已结束。"))
    return redirect("surveys_hq:wave", pk=pk)


@require_POST
@require_perm("hq.surveys_design")
def wave_publish_view(request, pk: int):
    _or_404(selectors.wave_get, pk=pk)
    form = SummaryForm(request.POST)
    if form.is_valid():
        try:
            count = bridge.survey_summary_publish(wave_id=pk, by_user=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            apply_error(form, exc)
            return wave_view(request, pk, summary_form=form, status=exc.status)
        messages.success(request, _("结果公告已发布到 %(n)s 个管理处的公告栏。") % {"n": count})
        return redirect("surveys_hq:wave", pk=pk)
    return wave_view(request, pk, summary_form=form)
