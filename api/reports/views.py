"""The monthly complaint report API (C-18): /api/v1/reports/ on office hosts (the director's report) and
on the head-office host (who submitted, each frozen version, the consolidated month). Thin views over
modules/reports services and selectors; errors in the one shape of api/errors.py."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from api.base import TenantAPIView
from api.pagination import Pagination
from api.reports import serializers as s
from core.calendar import local
from modules.reports import deadlines, selectors, services
from modules.reports.hq import selectors as hq_selectors

EDIT = "reports.submit"


def _detail(report) -> Response:
    return Response(s.MonthlyReportDetailOut(report).data)


class ReportListApi(TenantAPIView):
    required_perm = "reports.view"
    pagination_class = Pagination

    @extend_schema(responses=s.MonthlyReportOut(many=True))
    def get(self, request):
        return self.paginate(selectors.report_list(), s.MonthlyReportOut)


class ReportDetailApi(TenantAPIView):
    """GET the report; PATCH the narrative while it is a draft (or being corrected)."""

    required_perm = {"GET": "reports.view", "*": EDIT}

    @extend_schema(responses=s.MonthlyReportDetailOut)
    def get(self, request, pk: int):
        return _detail(selectors.report_get(pk=pk))

    @extend_schema(request=s.MonthlyReportEditIn, responses=s.MonthlyReportDetailOut)
    def patch(self, request, pk: int):
        selectors.report_get(pk=pk)
        return _detail(services.report_edit(user=request.user, report_id=pk, **self.validated(s.MonthlyReportEditIn)))


class ReportNotableApi(TenantAPIView):
    required_perm = EDIT

    @extend_schema(request=s.MonthlyReportNotableIn, responses=s.MonthlyReportDetailOut)
    def post(self, request, pk: int):
        data = self.validated(s.MonthlyReportNotableIn)
        return _detail(services.report_notable_set(user=request.user, report_id=pk, **data))


class ReportRefreshApi(TenantAPIView):
    required_perm = EDIT

    @extend_schema(request=None, responses=s.MonthlyReportDetailOut)
    def post(self, request, pk: int):
        return _detail(services.report_refresh(user=request.user, report_id=pk))


class ReportSubmitApi(TenantAPIView):
    required_perm = EDIT

    @extend_schema(request=None, responses=s.MonthlyReportDetailOut)
    def post(self, request, pk: int):
        return _detail(services.report_submit(user=request.user, report_id=pk, office=request.tenant))


class ReportCorrectApi(TenantAPIView):
    required_perm = EDIT

    @extend_schema(request=s.MonthlyReportCorrectIn, responses=s.MonthlyReportDetailOut)
    def post(self, request, pk: int):
        data = self.validated(s.MonthlyReportCorrectIn)
        return _detail(services.report_correct(user=request.user, report_id=pk, **data))


# --- head office ------------------------------------------------------------------------------------

def _month(view) -> tuple[dict, object]:
    data = view.query(s.MonthlyReportMonthIn)
    return data, data.get("month") or deadlines.previous_month(local(timezone.now()).date())


class HqMonthOfficesApi(TenantAPIView):
    """The offices expected for a month: submitted (with the version), late, or still expected."""

    required_perm = "hq.reports"
    pagination_class = Pagination

    @extend_schema(parameters=[s.MonthlyReportMonthIn], responses=s.MonthlyReportOfficeOut(many=True))
    def get(self, request):
        data, month = _month(self)
        qs = hq_selectors.month_offices(month=month, status=data.get("status") or "", q=data.get("q") or "")
        return self.paginate(qs, s.MonthlyReportOfficeOut)


class HqSubmittedApi(TenantAPIView):
    required_perm = "hq.reports"

    @extend_schema(responses=s.MonthlyReportSubmittedOut)
    def get(self, request, pk: int):
        return Response(s.MonthlyReportSubmittedOut(hq_selectors.submitted_get(pk=pk)).data)


class HqConsolidatedApi(TenantAPIView):
    required_perm = "hq.reports"

    @extend_schema(parameters=[s.MonthlyReportMonthIn], responses=s.MonthlyReportConsolidatedOut)
    def get(self, request):
        _data, month = _month(self)
        return Response(s.MonthlyReportConsolidatedOut(hq_selectors.consolidated(month=month)).data)
