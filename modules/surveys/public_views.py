"""Residents' survey page, no login (V-03): the open waves of this office and the answer sheet. Throttled
per client address and per phone like the online complaint form, with counters of its own (failing open
while Redis is down). A wave not addressed to this office is 404."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from core.calendar import local
from core.errors import ApplicationError, NotFound
from core.web import apply_error
from modules.complaints.views.public import _client_address
from modules.surveys import selectors, services
from modules.surveys.forms import PublicAnswerSheet
from modules.surveys.throttle import Throttled, public_throttle_check


def _page(request, template: str, context: dict, status: int = 200):
    return render(request, template, {**context, "duty_phone": getattr(request.tenant, "duty_phone", "")},
                  status=status)


def list_view(request):
    return _page(request, "surveys/public_list.html", {"waves": selectors.open_waves(office=request.tenant)})


@never_cache
def answer_view(request, pk: int):
    try:
        wave = selectors.office_wave_get(office=request.tenant, wave_id=pk)
    except NotFound as exc:
        raise Http404("no such survey") from exc
    if not wave.is_answerable(local(timezone.now()).date()):
        return _page(request, "surveys/public_closed.html", {"wave": wave})
    form = PublicAnswerSheet(request.POST or None, wave=wave)
    status = 200
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:  # a bot filled the hidden field: thank it, keep nothing
            return _page(request, "surveys/public_done.html", {"wave": wave})
        try:
            public_throttle_check(address=_client_address(request), phone=form.cleaned_data["phone"])
            services.response_submit_online(office=request.tenant, wave_id=wave.pk, phone=form.cleaned_data["phone"],
                                            room=form.cleaned_data["room"], answers=form.answers())
        except (ApplicationError, Throttled) as exc:
            apply_error(form, exc)
            status = exc.status
        else:
            return _page(request, "surveys/public_done.html", {"wave": wave})
    elif request.method == "POST":
        form.add_error(None, _("请检查标出的题目。"))
    return _page(request, "surveys/public_answer.html", {"wave": wave, "form": form}, status=status)
