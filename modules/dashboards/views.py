"""The dashboard pages (issue 10 §5): thin views over modules/dashboards/office.py and hq.py. The tables are
rendered here; the charts above them are drawn by core/static/core/charts.js from the API's JSON."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from core.calendar import local
from core.errors import ValidationFailed
from core.web import require_perm
from modules.dashboards import hq, office
from modules.dashboards.params import dashboard_params


def _refused(request, template: str, exc: ValidationFailed, extra: dict | None = None):
    """A bad query parameter: the page again with the parameter named, 400."""
    return render(request, template, {"error": exc, "typed": request.GET, **(extra or {})}, status=400)


@require_perm("dashboard.office")
def office_view(request):
    now = timezone.now()
    try:
        params = dashboard_params(request.GET, today=local(now).date())
    except ValidationFailed as exc:
        return _refused(request, "dashboards/office.html", exc)
    data = office.office_dashboard(now=now, month=params["month"])
    api = reverse("api-dashboard") + "?" + urlencode({"month": f"{params['month']:%Y-%m}"})
    return render(request, "dashboards/office.html", {"d": data, "api_url": api,
                                                      "chosen": f"{params['month']:%Y-%m}"})


@require_perm("hq.dashboard")
def hq_view(request):
    now = timezone.now()
    try:
        params = dashboard_params(request.GET, today=local(now).date(), figures=hq.RANKABLE)
    except ValidationFailed as exc:
        return _refused(request, "dashboards/hq.html", exc, {"columns": hq.COLUMNS})
    data = hq.hq_dashboard(**params)
    query = {"month": f"{params['month']:%Y-%m}", "figure": params["figure"]}
    if params["q"]:
        query["q"] = params["q"]
    api = reverse("api-hq-dashboard") + "?" + urlencode({**query, "page": data["offices"]["page"].number})
    return render(request, "dashboards/hq.html", {
        "d": data, "api_url": api, "chosen": query["month"], "q": params["q"], "figure": params["figure"],
        "columns": hq.COLUMNS, "query": urlencode(query)})
