"""The dashboards' JSON (issue 10 §5), read by core/static/core/charts.js and by any client: the office
director's (`/api/v1/dashboard/` on an office host, live from the office's schema) and head office's
(`/api/v1/dashboard/` on the hq host, only the figures offices pushed). A bad parameter is 400 naming it."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from api.base import TenantAPIView
from api.dashboards import serializers as s
from core.calendar import local
from modules.dashboards import hq, office
from modules.dashboards.params import MAX_PAGE, dashboard_params

MONTH = OpenApiParameter("month", str, description="YYYY-MM, this month by default, not after it")


def _now():
    from django.utils import timezone

    return timezone.now()


class OfficeDashboardApi(TenantAPIView):
    """The director's figures: open complaints by step and overdue now, the on-time reply rate and the
    return-visit satisfaction rate for the 12 months ending with `month`, work orders overdue, return visits
    due and the month's unsigned duty days, with the charts' series."""

    required_perm = "dashboard.office"

    @extend_schema(parameters=[MONTH], responses=s.DashboardOfficeOut)
    def get(self, request):
        now = _now()
        params = dashboard_params(request.query_params, today=local(now).date())
        data = office.office_dashboard(now=now, month=params["month"])
        return Response(s.DashboardOfficeOut({**data, "charts": office.office_charts(data)}).data)


class HqDashboardApi(TenantAPIView):
    """Every office's pushed figures of `month` side by side (20 offices a page, `q` searches names), the
    offices at the top and bottom of `figure`, and the group's trends over 12 months (rates Σ num ÷ Σ den)."""

    required_perm = "hq.dashboard"

    @extend_schema(parameters=[
        MONTH, OpenApiParameter("q", str, description="text in the office's name or slug"),
        OpenApiParameter("page", int, description=f"1..{MAX_PAGE}, 20 offices a page"),
        OpenApiParameter("figure", str, enum=list(hq.RANKABLE), description="the column ranked")],
        responses=s.DashboardHqOut)
    def get(self, request):
        params = dashboard_params(request.query_params, today=local(_now()).date(), figures=hq.RANKABLE)
        data = hq.hq_dashboard(**params)
        page = data["offices"]
        rank = data["ranking"]
        out = {
            "month": data["month"],
            "columns": [{"key": c.key, "figure": c.figure, "dimension": c.dimension, "label": str(c.label),
                         "kind": c.kind} for c in hq.COLUMNS],
            "offices": {"count": page["count"], "page": page["page"].number, "pages": page["pages"],
                        "results": [{"slug": r["office"].slug, "name": r["office"].name, "values": r["values"]}
                                    for r in page["rows"]]},
            "ranking": {"figure": rank["column"].key, "measured": rank["measured"], "top": rank["top"],
                        "bottom": rank["bottom"]},
            "trend": [{"month": r["month"], "offices": r["offices"], "values": r["values"]} for r in data["trend"]],
            "charts": hq.hq_charts(data),
        }
        return Response(s.DashboardHqOut(out).data)
