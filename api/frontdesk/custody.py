"""M-01: residents' property in the office's care — the register, hand-back, and loss or damage
incidents reported to the resident and resolved."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import TenantAPIView
from api.fields import BoundedDateTimeField
from api.frontdesk.common import OutSerializer, WithEventsOut, enum_field
from api.pagination import Pagination
from core import limits
from modules.frontdesk.models import CustodyIncident, CustodyItem
from modules.frontdesk.models import custody as c
from modules.frontdesk.selectors import custody_get, custody_incidents, custody_list
from modules.frontdesk.services import (
    custody_incident_record,
    custody_incident_report,
    custody_incident_resolve,
    custody_receive,
    custody_return,
)


class CustodyIncidentOut(OutSerializer):
    class Meta:
        model = CustodyIncident
        fields = ["id", "item", "kind", "occurred_at", "circumstances", "status", "recorded_by_name",
                  "recorded_at", "reported_to", "report_method", "reported_at", "reported_by_name",
                  "report_note", "resolution", "resolved_at", "resolved_by_name"]


class CustodyItemOut(OutSerializer):
    number = serializers.CharField(read_only=True)
    unit = serializers.CharField(source="household.unit.label", read_only=True)
    household_name = serializers.CharField(source="household.name", read_only=True)

    class Meta:
        model = CustodyItem
        fields = ["id", "number", "kind", "description", "household", "household_name", "unit", "owner_name",
                  "storage_location", "status", "received_at", "received_by_name", "returned_at", "returned_to"]


class CustodyItemDetailOut(WithEventsOut, CustodyItemOut):
    event_entity = "custody"
    incidents = CustodyIncidentOut(many=True, read_only=True)

    class Meta(CustodyItemOut.Meta):
        fields = [*CustodyItemOut.Meta.fields, "incidents", "events"]


class CustodyListApi(TenantAPIView):
    """M-01: the register (filter by `status`, `household`, `q`) and taking an item into our care."""

    required_perm = {"GET": "frontdesk.view", "POST": "frontdesk.register"}
    pagination_class = Pagination
    pagination_class = Pagination

    class Input(serializers.Serializer):
        kind = enum_field(c.ITEM_KINDS)
        description = serializers.CharField(max_length=255)
        household_id = serializers.IntegerField()
        owner_name = serializers.CharField(required=False, allow_blank=True, default="", max_length=64)
        storage_location = serializers.CharField(required=False, allow_blank=True, default="", max_length=64)
        received_at = BoundedDateTimeField(required=False, allow_null=True, default=None)

    class Filter(serializers.Serializer):
        status = enum_field(c.ITEM_STATUSES, required=False, allow_blank=True, default="")
        household = serializers.IntegerField(required=False, allow_null=True, default=None)
        q = serializers.CharField(max_length=limits.SEARCH, required=False, allow_blank=True, default="")

    @extend_schema(parameters=[Filter], responses=CustodyItemOut(many=True))
    def get(self, request):
        params = self.query(self.Filter)
        f = params
        return self.paginate(custody_list(status=f["status"], household_id=f["household"], q=f["q"]),
                         CustodyItemOut)

    @extend_schema(request=Input, responses={201: CustodyItemOut})
    def post(self, request):
        item = custody_receive(user=request.user, **self.validated(self.Input))
        return Response(CustodyItemOut(custody_get(pk=item.pk)).data, status=status.HTTP_201_CREATED)


class CustodyDetailApi(TenantAPIView):
    required_perm = "frontdesk.view"

    @extend_schema(responses=CustodyItemDetailOut)
    def get(self, request, pk: int):
        return Response(CustodyItemDetailOut(custody_get(pk=pk)).data)


class CustodyReturnApi(TenantAPIView):
    required_perm = "frontdesk.register"

    class Input(serializers.Serializer):
        returned_to = serializers.CharField(max_length=64)
        returned_at = BoundedDateTimeField(required=False, allow_null=True, default=None)

    @extend_schema(request=Input, responses=CustodyItemOut)
    def post(self, request, pk: int):
        custody_return(user=request.user, item_id=pk, **self.validated(self.Input))
        return Response(CustodyItemOut(custody_get(pk=pk)).data)


class CustodyIncidentCreateApi(TenantAPIView):
    """M-01: a loss or damage of this item while in our care."""

    required_perm = "frontdesk.register"

    class Input(serializers.Serializer):
        kind = enum_field(c.INCIDENT_KINDS)
        circumstances = serializers.CharField(max_length=limits.TEXT)
        occurred_at = BoundedDateTimeField(required=False, allow_null=True, default=None)

    @extend_schema(request=Input, responses={201: CustodyIncidentOut})
    def post(self, request, pk: int):
        custody_get(pk=pk)
        incident = custody_incident_record(user=request.user, item_id=pk, **self.validated(self.Input))
        return Response(CustodyIncidentOut(incident).data, status=status.HTTP_201_CREATED)


class CustodyIncidentListApi(TenantAPIView):
    required_perm = "frontdesk.view"
    pagination_class = Pagination
    pagination_class = Pagination

    class Filter(serializers.Serializer):
        open = serializers.BooleanField(required=False, default=False, help_text="只看未处理完毕的")

    @extend_schema(parameters=[Filter], responses=CustodyIncidentOut(many=True))
    def get(self, request):
        return self.paginate(custody_incidents(open_only=self.query(self.Filter)["open"]), CustodyIncidentOut)


class CustodyIncidentReportApi(TenantAPIView):
    """M-01: the loss or damage reported to the resident: to whom, how, when."""

    required_perm = "frontdesk.register"

    class Input(serializers.Serializer):
        reported_to = serializers.CharField(max_length=64)
        method = enum_field(c.REPORT_METHODS)
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
        reported_at = BoundedDateTimeField(required=False, allow_null=True, default=None)

    @extend_schema(request=Input, responses=CustodyIncidentOut)
    def post(self, request, pk: int):
        data = self.validated(self.Input)
        return Response(CustodyIncidentOut(custody_incident_report(
            user=request.user, incident_id=pk, **data)).data)


class CustodyIncidentResolveApi(TenantAPIView):
    """M-01: how it was settled — a supervisor's step, after the resident was told."""

    required_perm = "frontdesk.review"

    class Input(serializers.Serializer):
        resolution = serializers.CharField(max_length=limits.NOTE)

    @extend_schema(request=Input, responses=CustodyIncidentOut)
    def post(self, request, pk: int):
        data = self.validated(self.Input)
        return Response(CustodyIncidentOut(custody_incident_resolve(
            user=request.user, incident_id=pk, **data)).data)
