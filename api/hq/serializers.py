"""Serializers of the head-office complaint center API."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import BoundedDateTimeField
from core import limits
from modules.hq.models import HqCase, HqCaseEvent, HqComplaint, HqComplaintEvent


class HqCaseOut(serializers.ModelSerializer):
    overdue = serializers.BooleanField(source="is_overdue", read_only=True)

    class Meta:
        model = HqCase
        fields = ["id", "office_slug", "office_name", "office_complaint_id", "number", "case_key", "hq_number", "status",
                  "status_label", "collective", "overdue", "due_at", "completed_at", "received_at",
                  "escalated_at", "escalated_by", "reason", "synced_at", "assignee_id", "assignee_name",
                  "assigned_at", "assigned_by"]


class HqCaseEventOut(serializers.ModelSerializer):
    kind_label = serializers.CharField(read_only=True)

    class Meta:
        model = HqCaseEvent
        fields = ["at", "source", "kind", "kind_label", "actor", "from_status", "to_status", "note"]


class HqCaseDetailOut(HqCaseOut):
    snapshot = serializers.JSONField(read_only=True)
    events = HqCaseEventOut(many=True, read_only=True)

    class Meta(HqCaseOut.Meta):
        fields = [*HqCaseOut.Meta.fields, "snapshot", "events"]


class HqInstructionIn(serializers.Serializer):
    text = serializers.CharField(max_length=4000)


class HqAssignIn(serializers.Serializer):
    assignee_id = serializers.IntegerField(min_value=1, help_text="a quality-department manager of head office")
    opinion = serializers.CharField(max_length=4000)


class HqComplaintOut(serializers.ModelSerializer):
    result_overdue = serializers.BooleanField(read_only=True)
    hq_ref = serializers.CharField(read_only=True)

    class Meta:
        model = HqComplaint
        fields = ["id", "number", "hq_ref", "channel", "complainant_name", "complainant_phone", "content",
                  "unit_text", "received_at", "registered_by", "status", "office_slug", "office_name",
                  "forwarded_at", "forwarded_by", "office_number", "office_status", "office_completed_at",
                  "result_due_at", "result_summary", "result_reported_at", "result_reported_by",
                  "result_overdue", "followed_up_at", "followed_up_by", "follow_up_note"]


class HqComplaintEventOut(serializers.ModelSerializer):
    kind_label = serializers.CharField(read_only=True)

    class Meta:
        model = HqComplaintEvent
        fields = ["at", "kind", "kind_label", "actor", "from_status", "to_status", "note"]


class HqComplaintDetailOut(HqComplaintOut):
    events = HqComplaintEventOut(many=True, read_only=True)

    class Meta(HqComplaintOut.Meta):
        fields = [*HqComplaintOut.Meta.fields, "events"]


class HqComplaintIn(serializers.Serializer):
    channel = serializers.ChoiceField(choices=HqComplaint.CHANNELS)
    complainant_name = serializers.CharField(max_length=64)
    complainant_phone = serializers.CharField(max_length=32)
    unit_text = serializers.CharField(max_length=128, required=False, allow_blank=True, default="")
    content = serializers.CharField(max_length=limits.TEXT)
    received_at = BoundedDateTimeField(required=False, allow_null=True, default=None)


class HqForwardIn(serializers.Serializer):
    office = serializers.SlugField(max_length=limits.NAME, help_text="slug of the office (tenants.selectors.office_list)")


class HqForwardOut(serializers.Serializer):
    office_number = serializers.CharField()


class HqFollowUpIn(serializers.Serializer):
    note = serializers.CharField(max_length=4000)
