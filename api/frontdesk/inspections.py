"""F-05: inspection rounds, findings (each a work order), submission and the supervisor's review."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import TenantAPIView
from api.fields import BoundedDateField, BoundedDateTimeField
from api.frontdesk.common import OutSerializer, enum_field
from api.frontdesk.workorders import WorkOrderOut
from api.pagination import Pagination
from core import limits
from modules.frontdesk.models import InspectionFinding, InspectionRound
from modules.frontdesk.models import inspections as ins
from modules.frontdesk.models import work as wo
from modules.frontdesk.selectors import inspection_get, inspection_list, inspections_to_review
from modules.frontdesk.services import (
    inspection_finding_add,
    inspection_review,
    inspection_start,
    inspection_submit,
)


class InspectionFindingOut(OutSerializer):
    work_order = WorkOrderOut(read_only=True)

    class Meta:
        model = InspectionFinding
        fields = ["id", "category", "description", "location", "found_at", "work_order"]


class InspectionRoundOut(OutSerializer):
    findings = InspectionFindingOut(many=True, read_only=True)

    class Meta:
        model = InspectionRound
        fields = ["id", "area", "building", "started_at", "inspector_name", "status", "checklist", "note",
                  "submitted_at", "reviewed_at", "reviewed_by_name", "review_note", "findings"]


class InspectionListApi(TenantAPIView):
    """F-05: rounds (filter by `day`, `status`) and starting one."""

    required_perm = {"GET": "frontdesk.view", "POST": "frontdesk.register"}
    pagination_class = Pagination
    pagination_class = Pagination

    class Input(serializers.Serializer):
        area = serializers.CharField(max_length=128)
        building_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        started_at = BoundedDateTimeField(required=False, allow_null=True, default=None)

    class Filter(serializers.Serializer):
        day = BoundedDateField(required=False, allow_null=True, default=None)
        status = enum_field(ins.STATUSES, required=False, allow_blank=True, default="")

    @extend_schema(parameters=[Filter], responses=InspectionRoundOut(many=True))
    def get(self, request):
        f = self.query(self.Filter)
        qs = inspection_list(day=f["day"], status=f["status"])
        return self.paginate(qs, InspectionRoundOut)

    @extend_schema(request=Input, responses={201: InspectionRoundOut})
    def post(self, request):
        round_ = inspection_start(user=request.user, **self.validated(self.Input))
        return Response(InspectionRoundOut(round_).data, status=status.HTTP_201_CREATED)


class InspectionReviewQueueApi(TenantAPIView):
    """F-05: the previous day's submitted rounds waiting for the supervisor (or `day`)."""

    required_perm = "frontdesk.review"
    pagination_class = Pagination
    pagination_class = Pagination

    class Filter(serializers.Serializer):
        day = BoundedDateField(required=False, allow_null=True, default=None)

    @extend_schema(parameters=[Filter], responses=InspectionRoundOut(many=True))
    def get(self, request):
        return self.paginate(inspections_to_review(day=self.query(self.Filter)["day"]), InspectionRoundOut)


class InspectionDetailApi(TenantAPIView):
    required_perm = "frontdesk.view"

    @extend_schema(responses=InspectionRoundOut)
    def get(self, request, pk: int):
        return Response(InspectionRoundOut(inspection_get(pk=pk)).data)


class InspectionFindingApi(TenantAPIView):
    """F-05: a finding on an open round; it is dispatched as a work order at once."""

    required_perm = "frontdesk.register"

    class Input(serializers.Serializer):
        category = enum_field(ins.CHECKLIST)
        description = serializers.CharField(max_length=limits.NOTE)
        department = enum_field(wo.DEPARTMENTS)
        location = serializers.CharField(required=False, allow_blank=True, default="", max_length=128)

    @extend_schema(request=Input, responses={201: InspectionFindingOut})
    def post(self, request, pk: int):
        finding = inspection_finding_add(round_id=pk, user=request.user, **self.validated(self.Input))
        return Response(InspectionFindingOut(finding).data, status=status.HTTP_201_CREATED)


class InspectionSubmitApi(TenantAPIView):
    required_perm = "frontdesk.register"

    class Input(serializers.Serializer):
        issues = serializers.ListField(child=serializers.CharField(max_length=32), required=False,
                                       default=list)
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses=InspectionRoundOut)
    def post(self, request, pk: int):
        data = self.validated(self.Input)
        return Response(InspectionRoundOut(inspection_submit(round_id=pk, user=request.user,
                                                             **data)).data)


class InspectionReviewApi(TenantAPIView):
    required_perm = "frontdesk.review"

    class Input(serializers.Serializer):
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses=InspectionRoundOut)
    def post(self, request, pk: int):
        data = self.validated(self.Input)
        return Response(InspectionRoundOut(inspection_review(round_id=pk, user=request.user,
                                                             **data)).data)
