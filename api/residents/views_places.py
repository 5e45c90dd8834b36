"""Residents API (P-01): read and edit one building, unit or household — correct or deactivate,
never delete. A household's type correction is recorded as an event of its own."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from api.fields import BoundedDateField
from api.residents.base import RecordDetailApi
from api.residents.serializers import BuildingOut, HouseholdDetailOut, UnitOut
from core import limits
from modules.residents import selectors
from modules.residents.models import Building, Household, Unit
from modules.residents.services import building_update, household_update, unit_update


class BuildingDetailApi(RecordDetailApi):
    output = BuildingOut

    class Input(serializers.Serializer):
        name = serializers.CharField(max_length=limits.of(Building, "name"), required=False, allow_blank=True)
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True)
        is_active = serializers.BooleanField(required=False)
        change_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)

        class Meta:
            ref_name = "BuildingUpdate"

    def load(self, pk: int):
        return selectors.building_counted_get(pk=pk)

    def save(self, pk: int, values: dict, user) -> None:
        note = values.pop("change_note", "")
        building_update(building_id=pk, data=values, user=user, note=note)

    @extend_schema(responses=BuildingOut, operation_id="residents_building_get")
    def get(self, request, pk: int):
        return self.read(pk)

    @extend_schema(request=Input, responses=BuildingOut)
    def patch(self, request, pk: int):
        return self.correct(request, pk)


class UnitDetailApi(RecordDetailApi):
    output = UnitOut

    class Input(serializers.Serializer):
        number = serializers.CharField(max_length=limits.of(Unit, "number"), required=False, allow_blank=True)
        floor = serializers.CharField(max_length=limits.of(Unit, "floor"), required=False, allow_blank=True)
        area_m2 = serializers.DecimalField(required=False, allow_null=True, max_digits=8, decimal_places=2)
        is_active = serializers.BooleanField(required=False)
        change_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)

        class Meta:
            ref_name = "UnitUpdate"

    def load(self, pk: int):
        return selectors.unit_get(pk=pk)

    def save(self, pk: int, values: dict, user) -> None:
        note = values.pop("change_note", "")
        unit_update(unit_id=pk, data=values, user=user, note=note)

    @extend_schema(responses=UnitOut, operation_id="residents_unit_get")
    def get(self, request, pk: int):
        return self.read(pk)

    @extend_schema(request=Input, responses=UnitOut)
    def patch(self, request, pk: int):
        return self.correct(request, pk)


class HouseholdDetailApi(RecordDetailApi):
    """A household with its change record; PATCH corrects it (a type change is a kind_corrected event)."""

    output = HouseholdDetailOut

    class Input(serializers.Serializer):
        name = serializers.CharField(max_length=limits.of(Household, "name"), required=False, allow_blank=True)
        kind = serializers.ChoiceField(choices=Household.KINDS, required=False)
        moved_in = BoundedDateField(required=False, allow_null=True)
        is_active = serializers.BooleanField(required=False)
        change_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)

        class Meta:
            ref_name = "HouseholdUpdate"

    def load(self, pk: int):
        return selectors.household_get(pk=pk)

    def save(self, pk: int, values: dict, user) -> None:
        note = values.pop("change_note", "")
        household_update(household_id=pk, data=values, user=user, note=note)

    @extend_schema(responses=HouseholdDetailOut, operation_id="residents_household_get")
    def get(self, request, pk: int):
        return self.read(pk)

    @extend_schema(request=Input, responses=HouseholdDetailOut)
    def patch(self, request, pk: int):
        return self.correct(request, pk)
