"""Output shapes of the duty API (D-01..D-07). Inputs are nested in each view."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.fields import BoundedDateField
from api.output import ModelOutput
from modules.duty.hooks import source_url
from modules.duty.models import (
    Arrival,
    Assignment,
    DaySign,
    DutyRequest,
    Handover,
    HandoverItem,
    LogEntry,
    MonthArchive,
    Post,
    ShiftInstance,
    ShiftTemplate,
    WeekCheck,
)


class PostOut(ModelOutput):
    class Meta:
        model = Post
        fields = ["id", "name", "checklist", "is_active"]


class ShiftOut(ModelOutput):
    crosses_midnight = serializers.BooleanField(read_only=True)

    class Meta:
        model = ShiftTemplate
        fields = ["id", "code", "name", "start", "end", "post", "keeps_log", "is_active", "order",
                  "crosses_midnight"]


class AssignmentOut(ModelOutput):
    shift_name = serializers.CharField(source="shift.name", read_only=True)

    class Meta:
        model = Assignment
        fields = ["id", "date", "shift", "shift_name", "user_id", "user_name", "status", "superseded_by"]


class RequestOut(ModelOutput):
    assignment = AssignmentOut(read_only=True)
    swap_with = AssignmentOut(read_only=True)
    kind = serializers.CharField(read_only=True, help_text="leave | swap")

    class Meta:
        model = DutyRequest
        fields = ["id", "kind", "assignment", "swap_with", "requester_id", "requester_name", "reason", "status",
                  "substitute_id", "substitute_name", "decided_by_name", "decided_at", "decision_note",
                  "created_at"]


class EntryOut(ModelOutput):
    source_url = serializers.SerializerMethodField()
    corrected = serializers.SerializerMethodField()

    class Meta:
        model = LogEntry
        fields = ["id", "instance", "day", "occurred_at", "kind", "content", "action", "result", "note",
                  "important", "abnormal", "corrects", "corrected", "source_type", "source_id", "source_number",
                  "source_url", "link_type", "link_id", "link_number",
                  "after_archive", "released_by_name", "released_at", "author_name", "created_at"]

    def get_source_url(self, obj) -> str:
        return source_url(obj.source_type, obj.source_id)

    def get_corrected(self, obj) -> bool:
        return hasattr(obj, "correction")


class ArrivalOut(ModelOutput):
    class Meta:
        model = Arrival
        fields = ["user_id", "user_name", "arrived_at", "late"]


class InstanceOut(ModelOutput):
    # `id` is null for a planned shift whose instance is not created yet (D-01, a pure read)
    id = serializers.IntegerField(read_only=True, allow_null=True)
    shift = ShiftOut(read_only=True)
    arrivals = serializers.SerializerMethodField()
    people = serializers.SerializerMethodField()

    @extend_schema_field(ArrivalOut(many=True))
    def get_arrivals(self, obj) -> list:
        return ArrivalOut(obj.arrivals.all() if obj.pk else [], many=True).data

    class Meta:
        model = ShiftInstance
        fields = ["id", "shift", "date", "starts_at", "ends_at", "status", "started_at", "closed_at",
                  "signed_by_name", "signed_at", "arrivals", "people"]

    def get_people(self, obj) -> list[str]:
        from modules.duty.selectors import on_duty_people

        return list(on_duty_people(instance=obj).values_list("user_name", flat=True))


class ItemOut(ModelOutput):
    class Meta:
        model = HandoverItem
        fields = ["id", "name", "state", "explanation", "checked_at"]


class HandoverOut(ModelOutput):
    items = ItemOut(many=True, read_only=True)

    class Meta:
        model = Handover
        fields = ["id", "outgoing", "incoming", "status", "unfinished_work", "area_note", "outgoing_user_name",
                  "incoming_user_name", "opened_at", "log_read_at", "area_checked_at", "area_check_note",
                  "area_anomaly", "anomaly_explanation", "anomaly_explained_at", "outgoing_signed_at",
                  "incoming_signed_at", "completed_at", "items"]


class DaySignOut(ModelOutput):
    class Meta:
        model = DaySign
        fields = ["day", "signed_by_name", "signed_at", "note", "open_items"]


class WeekCheckOut(ModelOutput):
    class Meta:
        model = WeekCheck
        fields = ["week_start", "checked_by_name", "checked_at", "note", "unsigned_days"]


class MonthArchiveOut(ModelOutput):
    class Meta:
        model = MonthArchive
        fields = ["month", "archived_by_name", "archived_at"]


class DayRegisterOut(serializers.Serializer):
    day = BoundedDateField()
    entries = serializers.IntegerField()
    incomplete = EntryOut(many=True)
    linked = EntryOut(many=True, help_text="D-06: linked automatic entries, followed up at their source")
    unsigned_shifts = serializers.SerializerMethodField()
    open_handovers = serializers.SerializerMethodField()
    signature = DaySignOut(allow_null=True)

    def get_unsigned_shifts(self, obj) -> list[int]:
        return [i.pk for i in obj["unsigned_shifts"]]

    def get_open_handovers(self, obj) -> list[int]:
        return [h.pk for h in obj["open_handovers"]]


class WeekDayOut(serializers.Serializer):
    date = BoundedDateField()
    signature = DaySignOut(allow_null=True)


class WeekOverviewOut(serializers.Serializer):
    """D-07: the week's days, the days begun and not signed, the manager's check."""

    week_start = BoundedDateField()
    days = WeekDayOut(many=True)
    unsigned_days = serializers.ListField(child=BoundedDateField())
    check = WeekCheckOut(allow_null=True)
