"""Group administration API on the apex host (R-03)."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.assessment.views import RuleOut
from api.base import TenantAPIView, found
from api.fields import BoundedDateField, BoundedDateTimeField, LabelField
from api.pagination import Pagination
from core import limits
from modules.catalog.scoring import rules_in_force, scoring_rule_version_add
from modules.catalog.selectors import calendar_overrides, setting_detail, settings_overview
from modules.catalog.services import calendar_override_set, setting_set
from tenants.job_services import office_job_create
from tenants.models import OfficeJob, Tenant
from tenants.selectors import office_job_get, office_search, office_url_for


class TenantOut(serializers.ModelSerializer):
    domains = serializers.SerializerMethodField()

    class Meta:
        model = Tenant
        fields = ["id", "slug", "name", "type", "kind", "is_active", "domains"]

    def get_domains(self, obj) -> list[str]:
        return [d.domain for d in obj.domains.all()]


class OfficeJobOut(serializers.ModelSerializer):
    """An office job's progress; `url` is where to poll it, `office_url` the new office once made."""

    status_label = LabelField(OfficeJob.STATUSES, source="status")
    url = serializers.SerializerMethodField()
    office_url = serializers.SerializerMethodField()

    class Meta:
        model = OfficeJob
        fields = ["id", "slug", "name", "kind", "director_username", "status", "status_label", "steps_done",
                  "steps_total", "error", "tenant", "office_url", "url", "created_at", "finished_at"]

    def get_url(self, obj) -> str:
        return reverse("api-office-job", args=[obj.pk])

    def get_office_url(self, obj) -> str | None:
        request = self.context.get("request")
        return office_url_for(request, obj.tenant) if obj.tenant and request else None


class OfficeJobCreatedOut(OfficeJobOut):
    """The queued job, and the first director's one-time password: given here once, never again."""

    initial_password = serializers.SerializerMethodField()

    class Meta(OfficeJobOut.Meta):
        fields = [*OfficeJobOut.Meta.fields, "initial_password"]

    def get_initial_password(self, obj) -> str:
        return self.context["password"]


class OfficeListCreateApi(TenantAPIView):
    """Offices and the head office (R-03). POST checks the office and its first director and queues
    the job that creates them: 202 with the job, whose `url` shows its progress."""

    required_perm = "tenants.manage"
    pagination_class = Pagination

    class Input(serializers.Serializer):
        slug = serializers.CharField(max_length=63)
        name = serializers.CharField(max_length=128)
        kind = serializers.ChoiceField(choices=Tenant.KIND_CHOICES, default="residential")
        director_username = serializers.CharField(max_length=150)
        director_display_name = serializers.CharField(max_length=64)
        director_phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")

    @extend_schema(parameters=[OpenApiParameter("q", str, description="text in the name or slug"),
                               OpenApiParameter("page", int)], responses=TenantOut(many=True))
    def get(self, request):
        q = request.query_params.get("q", "")[:limits.NAME]
        return self.paginate(office_search(q=q, offices_only=False), TenantOut)

    @extend_schema(request=Input, responses={202: OfficeJobCreatedOut})
    def post(self, request):
        job, password = office_job_create(requested_by=request.user, **self.validated(self.Input))
        data = OfficeJobCreatedOut(job, context={"request": request, "password": password}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})


class OfficeJobApi(TenantAPIView):
    """One office job's progress (the console's job page polls it)."""

    required_perm = "tenants.manage"

    @extend_schema(responses=OfficeJobOut)
    def get(self, request, job_id: int):
        job = found(office_job_get(job_id=job_id), "没有这个任务")
        return Response(OfficeJobOut(job, context={"request": request}).data)


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


class SettingHistoryApi(TenantAPIView):
    """One setting with every version (S-08): value, effective date, who set it and when. A list setting
    (C-02) is posted to the settings API as a JSON list of [code, name] (a bare name gets a code); a bad
    item is a 400 naming its index (`value[2]`)."""

    required_perm = "catalog.manage"

    class VersionOut(serializers.Serializer):
        value = serializers.JSONField()
        effective_from = BoundedDateTimeField()
        state = serializers.CharField()
        by = serializers.CharField(source="by.username", default=None, allow_null=True)
        at = BoundedDateTimeField()
        note = serializers.CharField(max_length=limits.NOTE)

    class Output(serializers.Serializer):
        key = serializers.CharField(max_length=limits.NAME)
        rule = serializers.CharField()
        label = serializers.CharField()
        default = serializers.JSONField()
        value = serializers.JSONField()
        history = serializers.SerializerMethodField()

        def get_history(self, obj) -> list[dict]:
            return SettingHistoryApi.VersionOut(obj["history"], many=True).data

    @extend_schema(responses=Output)
    def get(self, request, key: str):
        return Response(self.Output(found(setting_detail(key=key[:limits.NAME]), "没有这个设置项")).data)


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


class BoundedJSONListField(serializers.JSONField):
    """A ladder: a list of at most 10 small objects (A-01), never nested deeper."""

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if not isinstance(value, list) or len(value) > 10 or any(not isinstance(v, dict) or len(v) > 8 for v in value):
            raise serializers.ValidationError("须为最多 10 级的列表")
        return value


class ScoringRuleApi(TenantAPIView):
    """A-01/S-08: the scoring rules in force; POST adds a rule or a new version of one (group admins)."""

    required_perm = "catalog.manage"

    class Input(serializers.Serializer):
        code = serializers.CharField(max_length=32)
        category = serializers.CharField(max_length=16)
        description = serializers.CharField(max_length=255)
        direction = serializers.CharField(max_length=8, default="deduct")
        points_min = serializers.DecimalField(max_digits=6, decimal_places=2)
        points_max = serializers.DecimalField(max_digits=6, decimal_places=2)
        pay_deduction = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, default=0)
        ladder = BoundedJSONListField(required=False, default=list)
        active = serializers.BooleanField(default=True)
        note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
        effective_from = BoundedDateTimeField(required=False, allow_null=True)

    @extend_schema(responses=RuleOut(many=True))
    def get(self, request):
        return Response(RuleOut(rules_in_force(), many=True).data)

    @extend_schema(request=Input, responses={201: RuleOut})
    def post(self, request):
        version = scoring_rule_version_add(user=request.user, **self.validated(self.Input))
        return Response(RuleOut(version).data, status=status.HTTP_201_CREATED)
