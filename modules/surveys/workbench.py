"""Workbench cards of satisfaction surveys (V-03): the office's open waves with how many households
answered; head office's latest waves with how many offices pushed their counts. Fixed query counts."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse

from core.workbench import WorkbenchCard, workbench_card_register


def office_card(request, now) -> dict:
    from modules.surveys import selectors
    from modules.surveys.models import Response

    waves = selectors.open_waves(office=request.tenant)[:5]
    answered = dict(Response.objects.filter(wave_id__in=[w.pk for w in waves]).values_list("wave_id")
                    .annotate(n=Count("id")).values_list("wave_id", "n"))
    return {"rows": [{"wave": w, "answered": answered.get(w.pk, 0), "url": reverse("surveys:wave", args=[w.pk])}
                     for w in waves], "link": reverse("surveys:list")}


def hq_card(request, now) -> dict:
    from modules.surveys import selectors
    from modules.surveys.hq.models import OfficeWaveResult

    waves = list(selectors.wave_list()[:5])
    pushed = dict(OfficeWaveResult.objects.filter(wave_id__in=[w.pk for w in waves]).values_list("wave_id")
                  .annotate(n=Count("id")).values_list("wave_id", "n"))
    return {"rows": [{"wave": w, "pushed": pushed.get(w.pk, 0), "url": reverse("surveys_hq:wave", args=[w.pk])}
                     for w in waves], "link": reverse("surveys_hq:home")}


def register_cards() -> None:
    workbench_card_register(WorkbenchCard(key="surveys.open", tenant_type="office", perm="surveys.view",
                                          template="surveys/workbench_office.html", build=office_card, order=25))
    workbench_card_register(WorkbenchCard(key="surveys.hq", tenant_type="hq", perm="hq.surveys_results",
                                          template="surveys/workbench_hq.html", build=hq_card, order=30))
