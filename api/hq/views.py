"""The head-office complaint center API (/api/v1/center/ on the hq host only)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.base import TenantAPIView, found
from api.hq import serializers as s
from api.pagination import Pagination
from core.errors import ValidationFailed
from modules.hq import selectors, services
from tenants import bridge

NO_HQ_COMPLAINT = "没有这条总部投诉。"
CASE_FILTERS = [
    OpenApiParameter("office", str, description="office slug"),
    OpenApiParameter("status", str, description="office complaint status"),
    OpenApiParameter("overdue", str, enum=["yes", "no"]),
    OpenApiParameter("collective", str, enum=["yes", "no"]),
    OpenApiParameter("period", str, description="month received, YYYY-MM"),
    OpenApiParameter("mine", str, enum=["yes", "no"], description="yes: cases assigned to me (R-02)"),
    OpenApiParameter("page", int),
]


class CaseListApi(TenantAPIView):
    """C-10/C-11: the inbox of escalated complaints, as the bridge delivered them."""

    required_perm = "hq.inbox"
    pagination_class = Pagination

    @extend_schema(parameters=CASE_FILTERS, responses=s.HqCaseOut(many=True))
    def get(self, request):
        params = request.query_params
        mine = params.get("mine") == "yes"
        cases = selectors.case_list(**{k: params.get(k, "") for k in ("office", "status", "overdue",
                                                                       "collective", "period")},
                                    assignee_id=request.user.pk if mine else None)
        return self.paginate(cases, s.HqCaseOut)


class CaseDetailApi(TenantAPIView):
    required_perm = "hq.inbox"

    @extend_schema(responses=s.HqCaseDetailOut)
    def get(self, request, pk: int):
        return Response(s.HqCaseDetailOut(found(selectors.case_get(pk=pk), "没有这个案件。")).data)


class CaseInstructionApi(TenantAPIView):
    """C-11: an instruction to the office, recorded on both timelines in one transaction."""

    required_perm = "hq.instruct"

    @extend_schema(request=s.HqInstructionIn, responses={201: s.HqCaseDetailOut})
    def post(self, request, pk: int):
        data = self.validated(s.HqInstructionIn)
        bridge.hq_instruction_to_office(case_id=pk, text=data["text"], by_user=request.user)
        return Response(s.HqCaseDetailOut(selectors.case_get(pk=pk)).data, status=status.HTTP_201_CREATED)


class CaseAssignApi(TenantAPIView):
    """C-11/R-02: the management representative's handling opinion and the quality-department manager who
    handles the case; the opinion reaches the office's timeline in the same transaction."""

    required_perm = "hq.assign"

    @extend_schema(request=s.HqAssignIn, responses=s.HqCaseDetailOut)
    def post(self, request, pk: int):
        data = self.validated(s.HqAssignIn)
        bridge.hq_case_assign(case_id=pk, by_user=request.user, **data)
        return Response(s.HqCaseDetailOut(selectors.case_get(pk=pk)).data)


class HqComplaintListApi(TenantAPIView):
    """C-16: complaints head office received itself; POST registers one."""

    required_perm = {"GET": "hq.inbox", "POST": "hq.register"}
    pagination_class = Pagination

    @extend_schema(parameters=[OpenApiParameter("status", str), OpenApiParameter("office", str),
                               OpenApiParameter("overdue", str, enum=["yes", "no"]),
                               OpenApiParameter("page", int)],
                   responses=s.HqComplaintOut(many=True))
    def get(self, request):
        params = request.query_params
        items = selectors.hq_complaint_list(status=params.get("status", ""), office=params.get("office", ""),
                                            overdue=params.get("overdue", ""))
        return self.paginate(items, s.HqComplaintOut)

    @extend_schema(request=s.HqComplaintIn, responses={201: s.HqComplaintDetailOut})
    def post(self, request):
        item = services.hq_complaint_register(user=request.user, **self.validated(s.HqComplaintIn))
        return Response(s.HqComplaintDetailOut(selectors.hq_complaint_get(pk=item.pk)).data,
                        status=status.HTTP_201_CREATED)


def _complaint_out(pk: int) -> dict:
    return s.HqComplaintDetailOut(found(selectors.hq_complaint_get(pk=pk), NO_HQ_COMPLAINT)).data


class HqComplaintDetailApi(TenantAPIView):
    required_perm = "hq.inbox"

    @extend_schema(responses=s.HqComplaintDetailOut)
    def get(self, request, pk: int):
        return Response(_complaint_out(pk))


class HqComplaintForwardApi(TenantAPIView):
    """C-16: forward to an office; 409 when already forwarded."""

    required_perm = "hq.register"

    @extend_schema(request=s.HqForwardIn, responses={201: s.HqForwardOut})
    def post(self, request, pk: int):
        data = self.validated(s.HqForwardIn)
        office = selectors.office_get(slug=data["office"])
        if office is None:
            raise ValidationFailed("没有这个管理处。", fields={"office": ["没有这个管理处"]})
        found(selectors.hq_complaint_get(pk=pk), NO_HQ_COMPLAINT)
        number = bridge.hq_complaint_forward_to_office(hq_complaint_id=pk, office=office, by_user=request.user)
        return Response({"office_number": number}, status=status.HTTP_201_CREATED)


class HqComplaintFollowUpApi(TenantAPIView):
    """C-16: the quality department's follow-up of the reported result."""

    required_perm = "hq.follow_up"

    @extend_schema(request=s.HqFollowUpIn, responses={201: s.HqComplaintDetailOut})
    def post(self, request, pk: int):
        data = self.validated(s.HqFollowUpIn)
        services.hq_complaint_follow_up(user=request.user, complaint_id=pk, note=data["note"])
        return Response(_complaint_out(pk), status=status.HTTP_201_CREATED)
