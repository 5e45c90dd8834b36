"""Output shapes of the residents API (P-01) and the paginated envelope used in its schema."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from modules.residents.models import Building, Household, PlaceEvent, Resident, Unit


def paginated(name: str, item: serializers.Serializer) -> serializers.Serializer:
    return inline_serializer(name, {
        "count": serializers.IntegerField(), "next": serializers.CharField(allow_null=True),
        "previous": serializers.CharField(allow_null=True), "results": item,
    })


class ResidentOut(serializers.ModelSerializer):
    unit = serializers.CharField(source="household.unit.label", read_only=True)
    building = serializers.CharField(source="household.unit.building.name", read_only=True)
    unit_number = serializers.CharField(source="household.unit.number", read_only=True)
    household_name = serializers.CharField(source="household.name", read_only=True)
    household_kind = serializers.CharField(source="household.kind", read_only=True)

    class Meta:
        model = Resident
        fields = ["id", "name", "relation", "phone", "email", "note", "is_active", "household", "household_name",
                  "household_kind", "unit", "building", "unit_number", "updated_at"]


class HouseholdResidentOut(serializers.ModelSerializer):
    class Meta:
        model = Resident
        fields = ["id", "name", "relation", "phone"]


class HouseholdOut(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.label", read_only=True)
    residents = HouseholdResidentOut(source="active_residents", many=True, read_only=True)

    class Meta:
        model = Household
        fields = ["id", "unit", "name", "kind", "residents"]


class BuildingOut(serializers.ModelSerializer):
    unit_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Building
        fields = ["id", "name", "note", "is_active", "unit_count"]


class UnitOut(serializers.ModelSerializer):
    building_name = serializers.CharField(source="building.name", read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "building", "building_name", "number", "floor", "area_m2", "is_active", "label"]


class PlaceEventOut(serializers.ModelSerializer):
    action = serializers.CharField()  # a plain code (updated / deactivated / reactivated / kind_corrected)

    class Meta:
        model = PlaceEvent
        fields = ["at", "action", "by_name", "changes", "note"]


class HouseholdDetailOut(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.label", read_only=True)
    events = serializers.SerializerMethodField()

    class Meta:
        model = Household
        fields = ["id", "unit", "unit_id", "name", "kind", "moved_in", "is_active", "events"]

    @extend_schema_field(PlaceEventOut(many=True))
    def get_events(self, obj) -> list:
        from modules.residents.selectors import place_events

        return PlaceEventOut(place_events(entity=PlaceEvent.HOUSEHOLD, entity_id=obj.pk)[:50], many=True).data


class RosterRowOut(serializers.Serializer):
    row = serializers.IntegerField(source="number")
    building = serializers.CharField(source="values.building")
    unit = serializers.CharField(source="values.unit")
    household = serializers.CharField(source="values.household")
    kind = serializers.CharField(source="values.kind", allow_null=True)
    name = serializers.CharField(source="values.name")
    relation = serializers.CharField(source="values.relation", allow_null=True)
    phone = serializers.CharField(source="values.phone")
    note = serializers.CharField(source="values.note")
    action = serializers.CharField()
    errors = serializers.DictField(child=serializers.CharField())


class RosterErrorOut(serializers.Serializer):
    row = serializers.IntegerField()
    column = serializers.CharField()
    message = serializers.CharField()


class RosterPreviewOut(serializers.Serializer):
    is_valid = serializers.BooleanField()
    counts = serializers.DictField(child=serializers.IntegerField())
    errors = RosterErrorOut(many=True)
    rows = RosterRowOut(many=True)


class RosterJobOut(serializers.Serializer):
    """An import job (issue 9 §3.8): status, rows done of rows total while it runs, then the counts, each
    row's outcome [row, action, place] and every rejected row with its reason."""

    id = serializers.IntegerField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    finished = serializers.BooleanField()
    rows_done = serializers.IntegerField()
    rows_total = serializers.IntegerField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = serializers.IntegerField()
    error = serializers.CharField()
    errors = RosterErrorOut(many=True)
    outcomes = serializers.ListField(child=serializers.ListField())
    url = serializers.CharField()
