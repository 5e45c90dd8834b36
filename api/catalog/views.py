"""Group administration API on the apex host (R-03)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import TenantAPIView
from modules.catalog.selectors import calendar_overrides, settings_overview
from modules.catalog.services import calendar_override_set, setting_set
from tenants.models import Tenant
from tenants.selectors import tenant_list
from tenants.services import office_create


class TenantOut(serializers.ModelSerializer):
    domains = serializers.SerializerMethodField()

    class Meta:
        model = Tenant
        fields = ["id", "slug", "name", "type", "kind", "is_active", "domains"]

    def get_domains(self, obj) -> list[str]:
        return [d.domain for d in obj.domains.all()]


class OfficeListCreateApi(TenantAPIView):
    required_perm = "tenants.manage"

    class Input(serializers.Serializer):
        slug = serializers.CharField(max_length=63)
        name = serializers.CharField(max_length=128)
        kind = serializers.ChoiceField(choices=Tenant.KIND_CHOICES, default="residential")

    @extend_schema(responses=TenantOut(many=True))
    def get(self, request):
        return Response(TenantOut(tenant_list(), many=True).data)

    @extend_schema(request=Input, responses={201: TenantOut})
    def post(self, request):
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        tenant = office_create(**data.validated_data)
        return Response(TenantOut(tenant).data, status=status.HTTP_201_CREATED)


class SettingApi(TenantAPIView):
    required_perm = "catalog.manage"

    class Input(serializers.Serializer):
        key = serializers.CharField()
        value = serializers.JSONField()
        effective_from = serializers.DateTimeField(required=False, allow_null=True)
        note = serializers.CharField(required=False, allow_blank=True, default="")

    class Output(serializers.Serializer):
        key = serializers.CharField()
        rule = serializers.CharField()
        label = serializers.CharField()
        default = serializers.JSONField()
        value = serializers.JSONField()

    @extend_schema(responses=Output(many=True))
    def get(self, request):
        return Response(self.Output(settings_overview(), many=True).data)

    @extend_schema(request=Input, responses={201: Output})
    def post(self, request):
        data = self.Input(data=request.data)
        data.is_valid(raise_exception=True)
        row = setting_set(user=request.user, **data.validated_data)
        return Response({"key": row.key, "value": row.value, "effective_from": row.effective_from},
                        status=status.HTTP_201_CREATED)


class CalendarOverrideApi(TenantAPIView):
    required_perm = "catalog.manage"

    class Serializer(serializers.Serializer):
        date = serializers.DateField()
        is_working_day = serializers.BooleanField()
        note = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(responses=Serializer(many=True))
    def get(self, request):
        return Response(self.Serializer(calendar_overrides(), many=True).data)

    @extend_schema(request=Serializer, responses={201: Serializer})
    def post(self, request):
        data = self.Serializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        row = calendar_override_set(day=values["date"], is_working_day=values["is_working_day"],
                                    note=values["note"], user=request.user)
        return Response(self.Serializer(row).data, status=status.HTTP_201_CREATED)
