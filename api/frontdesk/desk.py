"""F-03 missed calls and F-04 office-tower visitors."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import TenantAPIView
from api.fields import BoundedDateField, BoundedDateTimeField
from api.frontdesk.common import OutSerializer
from api.pagination import Pagination
from core import limits
from modules.frontdesk.models import MissedCall, Visitor
from modules.frontdesk.selectors import missed_call_list, visitor_list
from modules.frontdesk.services import (
    missed_call_callback,
    missed_call_record,
    visitor_check_in,
    visitor_check_out,
)


class MissedCallOut(OutSerializer):
    class Meta:
        model = MissedCall
        fields = ["id", "phone", "missed_at", "status", "attempts", "called_back_at", "called_back_by_name",
                  "result"]


class VisitorOut(OutSerializer):
    building_name = serializers.CharField(source="building.name", default="", read_only=True)

    class Meta:
        model = Visitor
        fields = ["id", "name", "company", "phone", "building", "building_name", "purpose", "time_in",
                  "time_out", "status", "registered_by_name"]


class MissedCallListApi(TenantAPIView):
    """F-03: the calls not yet called back (GET; `all=1` for every call) and recording one (POST)."""

    required_perm = {"GET": "frontdesk.view", "POST": "frontdesk.register"}
    pagination_class = Pagination
    pagination_class = Pagination

    class Input(serializers.Serializer):
        phone = serializers.CharField(max_length=32)
        missed_at = BoundedDateTimeField(required=False, allow_null=True, default=None)

    class Filter(serializers.Serializer):
        all = serializers.BooleanField(required=False, default=False)

    @extend_schema(parameters=[Filter], responses=MissedCallOut(many=True))
    def get(self, request):
        return self.paginate(missed_call_list(open_only=not self.query(self.Filter)["all"]), MissedCallOut)

    @extend_schema(request=Input, responses={201: MissedCallOut})
    def post(self, request):
        call = missed_call_record(user=request.user, **self.validated(self.Input))
        return Response(MissedCallOut(call).data, status=status.HTTP_201_CREATED)


class MissedCallCallbackApi(TenantAPIView):
    """F-03: a call-back attempt; `reached=false` keeps the call on the list."""

    required_perm = "frontdesk.register"

    class Input(serializers.Serializer):
        reached = serializers.BooleanField(default=True)
        result = serializers.CharField(max_length=limits.NOTE)
        called_at = BoundedDateTimeField(required=False, allow_null=True, default=None)

    @extend_schema(request=Input, responses=MissedCallOut)
    def post(self, request, pk: int):
        call = missed_call_callback(missed_call_id=pk, user=request.user, **self.validated(self.Input))
        return Response(MissedCallOut(call).data)


class VisitorListApi(TenantAPIView):
    """F-04: a day's visitors (today by default; `inside=1` for those still inside) and check-in."""

    required_perm = {"GET": "frontdesk.view", "POST": "frontdesk.register"}
    pagination_class = Pagination
    pagination_class = Pagination

    class Input(serializers.Serializer):
        name = serializers.CharField(max_length=64)
        company = serializers.CharField(max_length=128)
        phone = serializers.CharField(max_length=32)
        building_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        purpose = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
        time_in = BoundedDateTimeField(required=False, allow_null=True, default=None)

    class Filter(serializers.Serializer):
        day = BoundedDateField(required=False, allow_null=True, default=None)
        inside = serializers.BooleanField(required=False, default=False)

    @extend_schema(parameters=[Filter], responses=VisitorOut(many=True))
    def get(self, request):
        f = self.query(self.Filter)
        qs = visitor_list(day=f["day"], inside_only=f["inside"])
        return self.paginate(qs, VisitorOut)

    @extend_schema(request=Input, responses={201: VisitorOut})
    def post(self, request):
        visitor = visitor_check_in(user=request.user, **self.validated(self.Input))
        return Response(VisitorOut(visitor).data, status=status.HTTP_201_CREATED)


class VisitorCheckOutApi(TenantAPIView):
    required_perm = "frontdesk.register"

    class Input(serializers.Serializer):
        time_out = BoundedDateTimeField(required=False, allow_null=True, default=None)

    @extend_schema(request=Input, responses=VisitorOut)
    def post(self, request, pk: int):
        data = self.validated(self.Input)
        return Response(VisitorOut(visitor_check_out(visitor_id=pk, user=request.user, **data)).data)
