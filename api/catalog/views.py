"""Group administration API on the apex host (R-03)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import TenantAPIView
from api.fields import BoundedDateField, BoundedDateTimeField
from api.pagination import Pagination
from core import limits
from modules.catalog.selectors import calendar_overrides, settings_overview
from modules.catalog.services import calendar_override_set, setting_set
from tenants.models import Tenant
from tenants.selectors import office_search
from tenants.services import office_create


class TenantOut(serializers.ModelSerializer):
    domains = serializers.SerializerMethodField()

    class Meta:
        model = Tenant
        fields = ["id", "slug", "name", "type", "kind", "is_active", "domains"]

    def get_domains(self, obj) -> list[str]:
        return [d.domain for d in obj.domains.all()]


class OfficeListCreateApi(TenantAPIView):
    """Offices and the head office (R-03); creating one clones the office template schema."""

    required_perm = "tenants.manage"
    pagination_class = Pagination
    pagination_class = Pagination

    class Input(serializers.Serializer):
        slug = serializers.CharField(max_length=63)
        name = serializers.CharField(max_length=128)
        kind = serializers.ChoiceField(choices=Tenant.KIND_CHOICES, default="residential")

    @extend_schema(parameters=[OpenApiParameter("q", str, description="text in the name or slug"),
                               OpenApiParameter("page", int)], responses=TenantOut(many=True))
    def get(self, request):
        q = request.query_params.get("q", "")[:limits.NAME]
        return self.paginate(office_search(q=q, offices_only=False), TenantOut)

    @extend_schema(request=Input, responses={201: TenantOut})
    def post(self, request):
        tenant = office_create(**self.validated(self.Input))
        return Response(TenantOut(tenant).data, status=status.HTTP_201_CREATED)


class SettingApi(TenantAPIView):
    """Group settings in force now; POST adds a version from `effective_from` on (S-08)."""

    required_perm = "catalog.manage"

    class Input(serializers.Serializer):
        key = serializers.CharField(max_length=limits.NAME)
        value = serializers.JSONField()
        effective_from = BoundedDateTimeField(required=False, allow_null=True)
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    class Output(serializers.Serializer):
        key = serializers.CharField(max_length=limits.NAME)
        rule = serializers.CharField()
        label = serializers.CharField()
        default = serializers.JSONField()
        value = serializers.JSONField()
        upcoming_value = serializers.JSONField(allow_null=True)
        upcoming_from = BoundedDateTimeField(allow_null=True)

    class Version(serializers.Serializer):
        key = serializers.CharField(max_length=limits.NAME)
        value = serializers.JSONField()
        effective_from = BoundedDateTimeField()
        note = serializers.CharField(max_length=limits.NOTE)

    @extend_schema(responses=Output(many=True))
    def get(self, request):
        return Response(self.Output(settings_overview(), many=True).data)

    @extend_schema(request=Input, responses={201: Version})
    def post(self, request):
        row = setting_set(user=request.user, **self.validated(self.Input))
        return Response(self.Version(row).data, status=status.HTTP_201_CREATED)


class CalendarOverrideApi(TenantAPIView):
    """The group's working-day decisions on top of the official calendar (core/calendar.py)."""

    required_perm = "catalog.manage"
    pagination_class = Pagination
    pagination_class = Pagination

    class Serializer(serializers.Serializer):
        date = BoundedDateField()
        is_working_day = serializers.BooleanField()
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(responses=Serializer(many=True))
    def get(self, request):
        return self.paginate(calendar_overrides(), self.Serializer)

    @extend_schema(request=Serializer, responses={201: Serializer})
    def post(self, request):
        values = self.validated(self.Serializer)
        row = calendar_override_set(day=values["date"], is_working_day=values["is_working_day"],
                                    note=values["note"], user=request.user)
        return Response(self.Serializer(row).data, status=status.HTTP_201_CREATED)
