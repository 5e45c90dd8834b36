"""Residents API (P-01, P-02): list/search, detail, create, update, household autocomplete, buildings and
units, roster import. Thin: parse input, call a selector or service, render."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from api.base import TenantAPIView, found
from api.pagination import Pagination
from api.residents.base import RecordDetailApi
from api.residents.serializers import (
    BuildingOut,
    HouseholdOut,
    ResidentOut,
    RosterJobOut,
    RosterPreviewOut,
    UnitOut,
    paginated,
)
from core import limits
from core.errors import ValidationFailed
from modules.residents import selectors
from modules.residents.models import Building, Household, Resident, Unit
from modules.residents.services import (
    resident_create,
    resident_register,
    resident_update,
    roster_parse,
    roster_upload_store,
)
from modules.residents.services.roster_jobs import roster_job_create


class ResidentListCreateApi(TenantAPIView):
    required_perm = {"GET": "residents.view", "POST": "residents.edit"}
    pagination_class = Pagination

    class Filter(serializers.Serializer):
        q = serializers.CharField(max_length=limits.SEARCH, required=False, allow_blank=True, default="")
        building = serializers.IntegerField(required=False, allow_null=True, default=None)
        unit = serializers.CharField(max_length=limits.SEARCH, required=False, allow_blank=True, default="")
        relation = serializers.ChoiceField(choices=Resident.RELATIONS, required=False, allow_blank=True,
                                           default="")
        household = serializers.IntegerField(required=False, allow_null=True, default=None)
        include_inactive = serializers.BooleanField(required=False, default=False)

    class Input(serializers.Serializer):
        household = serializers.IntegerField(required=False, help_text="已有住户户号；不填则按楼栋/房号/户名登记")
        building = serializers.CharField(max_length=limits.of(Building, "name"), required=False, allow_blank=True, default="")
        unit_number = serializers.CharField(max_length=limits.of(Unit, "number"), required=False, allow_blank=True, default="")
        household_name = serializers.CharField(max_length=limits.of(Household, "name"), required=False, allow_blank=True, default="")
        kind = serializers.ChoiceField(choices=Household.KINDS, default=Household.HOME)
        name = serializers.CharField(max_length=limits.of(Resident, "name"), allow_blank=True)
        relation = serializers.ChoiceField(choices=Resident.RELATIONS, default=Resident.OWNER)
        phone = serializers.CharField(max_length=limits.of(Resident, "phone"), allow_blank=True)
        email = serializers.CharField(max_length=limits.of(Resident, "email"), required=False, allow_blank=True, default="")
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

        class Meta:
            ref_name = "ResidentCreate"

    @extend_schema(parameters=[Filter], responses=paginated("PaginatedResidents", ResidentOut(many=True)),
                   operation_id="residents_list")
    def get(self, request):
        params = self.query(self.Filter)
        f = params
        residents = selectors.resident_list(q=f["q"], building_id=f["building"], unit_number=f["unit"],
                                            relation=f["relation"], household_id=f["household"],
                                            include_inactive=f["include_inactive"])
        return self.paginate(residents, ResidentOut)

    @extend_schema(request=Input, responses={201: ResidentOut})
    def post(self, request):
        values = self.validated(self.Input)
        person = {k: values.pop(k) for k in ("name", "relation", "phone", "email", "note")}
        if values.get("household") is not None:
            household = selectors.household_get(pk=values["household"])
            if household is None:
                raise serializers.ValidationError({"household": ["没有这个住户户号。"]})
            resident = resident_create(household=household, user=request.user, **person)
        else:
            resident = resident_register(building_name=values["building"], unit_number=values["unit_number"],
                                         household_name=values["household_name"], kind=values["kind"],
                                         user=request.user, **person)
        return Response(ResidentOut(selectors.resident_get(pk=resident.pk)).data, status=status.HTTP_201_CREATED)


class ResidentDetailApi(RecordDetailApi):
    output = ResidentOut

    class Input(serializers.Serializer):
        name = serializers.CharField(max_length=limits.of(Resident, "name"), required=False, allow_blank=True)
        relation = serializers.ChoiceField(choices=Resident.RELATIONS, required=False)
        phone = serializers.CharField(max_length=limits.of(Resident, "phone"), required=False, allow_blank=True)
        email = serializers.CharField(max_length=limits.of(Resident, "email"), required=False, allow_blank=True)
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True)
        is_active = serializers.BooleanField(required=False)

        class Meta:
            ref_name = "ResidentUpdate"

    def load(self, pk: int):
        return selectors.resident_get(pk=pk)

    def save(self, pk: int, values: dict, user) -> None:
        resident_update(resident_id=pk, data=values, user=user)

    @extend_schema(responses=ResidentOut)
    def get(self, request, pk: int):
        return self.read(pk)

    @extend_schema(request=Input, responses=ResidentOut)
    def patch(self, request, pk: int):
        return self.correct(request, pk)


class HouseholdSearchApi(TenantAPIView):
    """Households for an autocomplete (P-02), at most 20 in natural order: part of a unit (`1栋`, `1栋-2`,
    `101`), the start of a household's or a resident's name, a phone's start or its last digits."""

    required_perm = "residents.view"

    class Filter(serializers.Serializer):
        q = serializers.CharField(required=False, allow_blank=True, default="", max_length=64,
                                  help_text="楼栋/房号（可只输前几位）、户名、住户姓名、电话或电话后四位")

    @extend_schema(parameters=[Filter], responses=HouseholdOut(many=True))
    def get(self, request):
        q = self.query(self.Filter)["q"]
        return Response(HouseholdOut(selectors.household_search(q=q), many=True).data)


class BuildingListApi(TenantAPIView):
    required_perm = "residents.view"
    pagination_class = Pagination

    @extend_schema(responses=paginated("PaginatedBuildings", BuildingOut(many=True)))
    def get(self, request):
        return self.paginate(selectors.building_list(), BuildingOut)


class UnitListApi(TenantAPIView):
    required_perm = "residents.view"
    pagination_class = Pagination

    class Filter(serializers.Serializer):
        building = serializers.IntegerField(required=False, allow_null=True, default=None)

    @extend_schema(parameters=[Filter], responses=paginated("PaginatedUnits", UnitOut(many=True)))
    def get(self, request):
        params = self.query(self.Filter)
        return self.paginate(selectors.unit_list(building_id=params["building"]), UnitOut)


class RosterImportApi(TenantAPIView):
    """Import a roster .xlsx (P-01). `dry_run=true` returns the preview with row errors and writes
    nothing. Otherwise a roster with a bad row is a 400 naming every bad row, and a good one is kept and
    imported by a background job (issue 9 §3.8): 202 with the job, whose `url` (also `Location`) shows its
    progress and then its result; the job imports the whole file or nothing."""

    required_perm = "residents.import"
    parser_classes = [MultiPartParser, FormParser]

    class Input(serializers.Serializer):
        file = serializers.FileField()
        dry_run = serializers.BooleanField(required=False, default=False)

        class Meta:
            ref_name = "RosterImport"

    @extend_schema(request=Input, responses={200: RosterPreviewOut, 202: RosterJobOut})
    def post(self, request):
        data = self.validated(self.Input)
        upload = data["file"]
        if data["dry_run"]:
            preview = roster_parse(file=upload)
            return Response(RosterPreviewOut(preview).data)
        stored = roster_upload_store(upload=upload, user=request.user)
        with stored.file.open("rb") as handle:
            preview = roster_parse(file=handle)
        if not preview.is_valid:  # refused here, naming every bad row; the job checks again when it runs
            lines = preview.error_lines()
            raise ValidationFailed(f"名册有 {len(lines)} 处错误，未导入任何数据。", code="roster_invalid",
                                   fields={"file": lines})
        job = roster_job_create(stored=stored, user=request.user)
        body = roster_job_out(job)
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


def roster_job_out(job) -> dict:
    return RosterJobOut({**selectors.roster_job_progress(job=job), "error": job.error, "errors": job.errors,
                         "outcomes": job.outcomes,
                         "url": reverse("api-residents-import-job", args=[job.pk])}).data


class RosterJobApi(TenantAPIView):
    """An import job's progress, then its result (the job's page polls it)."""

    required_perm = "residents.import"

    @extend_schema(responses=RosterJobOut)
    def get(self, request, pk: int):
        return Response(roster_job_out(found(selectors.roster_job_get(pk=pk), "没有这个导入任务")))
