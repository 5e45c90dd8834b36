"""Residents API (P-01): read and edit one building, unit or household — correct or deactivate,
never delete. A household's type correction is recorded as an event of its own."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.base import TenantAPIView
from api.residents.serializers import BuildingOut, HouseholdDetailOut, UnitOut
from modules.residents import selectors
from modules.residents.models import Household
from modules.residents.services import building_update, household_update, unit_update


def _found(obj):
    if obj is None:
        raise Http404
    return obj


def _building(pk: int):
    return _found(selectors.building_list().filter(pk=pk).first())


class BuildingDetailApi(TenantAPIView):
    required_perm = {"GET": "residents.view", "PATCH": "residents.edit"}

    class Input(serializers.Serializer):
        name = serializers.CharField(required=False, allow_blank=True)
        note = serializers.CharField(required=False, allow_blank=True)
        is_active = serializers.BooleanField(required=False)
        change_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)

        class Meta:
            ref_name = "BuildingUpdate"

    @extend_schema(responses=BuildingOut, operation_id="residents_building_get")
    def get(self, request, pk: int):
        return Response(BuildingOut(_building(pk)).data)

    @extend_schema(request=Input, responses=BuildingOut)
    def patch(self, request, pk: int):
        _building(pk)
        values = self.validated(self.Input, partial=True)
        note = values.pop("change_note", "")
        building_update(building_id=pk, data=values, user=request.user, note=note)
        return Response(BuildingOut(_building(pk)).data)


class UnitDetailApi(TenantAPIView):
    required_perm = {"GET": "residents.view", "PATCH": "residents.edit"}

    class Input(serializers.Serializer):
        number = serializers.CharField(required=False, allow_blank=True)
        floor = serializers.CharField(required=False, allow_blank=True)
        area_m2 = serializers.DecimalField(required=False, allow_null=True, max_digits=8, decimal_places=2)
        is_active = serializers.BooleanField(required=False)
        change_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)

        class Meta:
            ref_name = "UnitUpdate"

    @extend_schema(responses=UnitOut, operation_id="residents_unit_get")
    def get(self, request, pk: int):
        return Response(UnitOut(_found(selectors.unit_get(pk=pk))).data)

    @extend_schema(request=Input, responses=UnitOut)
    def patch(self, request, pk: int):
        _found(selectors.unit_get(pk=pk))
        values = self.validated(self.Input, partial=True)
        note = values.pop("change_note", "")
        unit_update(unit_id=pk, data=values, user=request.user, note=note)
        return Response(UnitOut(selectors.unit_get(pk=pk)).data)


class HouseholdDetailApi(TenantAPIView):
    """A household with its change record; PATCH corrects it (a type change is a kind_corrected event)."""

    required_perm = {"GET": "residents.view", "PATCH": "residents.edit"}

    class Input(serializers.Serializer):
        name = serializers.CharField(required=False, allow_blank=True)
        kind = serializers.ChoiceField(choices=Household.KINDS, required=False)
        moved_in = serializers.DateField(required=False, allow_null=True)
        is_active = serializers.BooleanField(required=False)
        change_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)

        class Meta:
            ref_name = "HouseholdUpdate"

    @extend_schema(responses=HouseholdDetailOut, operation_id="residents_household_get")
    def get(self, request, pk: int):
        return Response(HouseholdDetailOut(_found(selectors.household_get(pk=pk))).data)

    @extend_schema(request=Input, responses=HouseholdDetailOut)
    def patch(self, request, pk: int):
        _found(selectors.household_get(pk=pk))
        values = self.validated(self.Input, partial=True)
        note = values.pop("change_note", "")
        household_update(household_id=pk, data=values, user=request.user, note=note)
        return Response(HouseholdDetailOut(selectors.household_get(pk=pk)).data)
