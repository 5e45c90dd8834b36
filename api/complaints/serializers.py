"""Input and output shapes of the complaints API (C-01..C-19). Thin: rules live in the services."""

from __future__ import annotations

from rest_framework import serializers

from api.fields import BoundedDateField, BoundedDateTimeField, LabelField
from api.output import ModelOutput
from core import limits
from modules.complaints.models import (
    CHANNELS,
    CLASSIFICATIONS,
    LEVEL_DIRECTOR,
    LEVEL_HQ,
    PARTY_KINDS,
    REPLY_METHODS,
    STATUSES,
    STEPS,
    Complaint,
)
from modules.complaints.selectors import complaint_unit


# --- output -----------------------------------------------------------------------------------------
class ComplaintOut(ModelOutput):
    status = serializers.CharField(help_text="registered / assigned / on_spot / in_progress / replied / closed / "
                                             "reopened")
    status_label = LabelField(STATUSES, source="status")
    next_step_label = LabelField(STEPS, source="next_step")
    unit = serializers.SerializerMethodField()
    building_id = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = ["id", "number", "status", "status_label", "channel", "category", "classification", "urgent",
                  "serious", "complainant_name", "complainant_phone", "unit", "building_id", "household",
                  "content", "received_at", "received_by_name", "next_step", "next_step_label", "due_at",
                  "overdue", "overdue_at", "assignee_id", "assignee_name", "collective", "incident",
                  "escalation_level", "hq_ref", "hq_case_id", "completed_at", "closed_at", "satisfaction",
                  "reopened_from"]

    def get_unit(self, obj) -> str:
        return complaint_unit(obj)

    def get_building_id(self, obj) -> int | None:
        return obj.household.unit.building_id if obj.household_id else None

    def get_overdue(self, obj) -> bool:
        from django.utils import timezone

        return obj.step_overdue or bool(obj.due_at and obj.status in ("registered", "assigned", "on_spot",
                                                                       "in_progress", "replied")
                                        and timezone.now() > obj.due_at)


class EventOut(serializers.Serializer):
    at = BoundedDateTimeField()
    kind = serializers.CharField()
    actor = serializers.CharField(source="actor_name")
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField()
    data = serializers.JSONField()


class ReplyOut(serializers.Serializer):
    id = serializers.IntegerField()
    method = serializers.CharField()
    at = BoundedDateTimeField()
    by_name = serializers.CharField()
    opinion = serializers.CharField()
    satisfied = serializers.BooleanField(allow_null=True)
    signature_id = serializers.UUIDField(allow_null=True)
    letter_text = serializers.CharField()


class ReferralOut(serializers.Serializer):
    id = serializers.IntegerField()
    party_kind = serializers.CharField()
    party_name = serializers.CharField()
    text = serializers.CharField()
    at = BoundedDateTimeField()
    by_name = serializers.CharField()


class SpotCheckOut(serializers.Serializer):
    id = serializers.IntegerField()
    at = BoundedDateTimeField()
    by_name = serializers.CharField()
    finding = serializers.CharField()
    satisfied = serializers.BooleanField(allow_null=True)


class AttachmentOut(serializers.Serializer):
    id = serializers.UUIDField()
    original_name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()


class ComplaintDetailOut(ComplaintOut):
    events = EventOut(many=True)
    replies = ReplyOut(many=True)
    referrals = ReferralOut(many=True)
    spot_checks = SpotCheckOut(many=True)
    attachments = AttachmentOut(many=True)
    reopened_as = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    reply_methods = serializers.SerializerMethodField(
        help_text="C-03/C-10/C-12: the reply methods the rules leave for this complaint now")
    reply_letter_required = serializers.SerializerMethodField(
        help_text="C-12: a written complaint's reply carries the letter (letter_text) besides its method")

    class Meta(ComplaintOut.Meta):
        fields = ComplaintOut.Meta.fields + ["expectation", "requested_reply_at", "agreed_reply_at",
                                             "reply_due_at", "events", "replies", "referrals", "spot_checks",
                                             "attachments", "reopened_as", "reply_methods", "reply_letter_required"]

    def get_reply_methods(self, obj) -> list[str]:
        from modules.complaints.rules import reply_methods_allowed

        return reply_methods_allowed(obj)

    def get_reply_letter_required(self, obj) -> bool:
        from modules.complaints.rules import reply_needs_letter

        return reply_needs_letter(obj)


class IncidentOut(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(max_length=limits.NAME)
    collective = serializers.BooleanField()
    collective_at = BoundedDateTimeField(allow_null=True)
    director_reported_at = BoundedDateTimeField(allow_null=True)
    hq_notified_at = BoundedDateTimeField(allow_null=True)
    hq_case_id = serializers.IntegerField(allow_null=True)


class IncidentDetailOut(IncidentOut):
    """An incident with its complaints, each as the list shows it (after a whole-incident step)."""

    complaints = ComplaintOut(many=True, source="complaints_list")


# --- input --------------------------------------------------------------------------------------------
class ListFilterIn(serializers.Serializer):
    status = serializers.ChoiceField(choices=STATUSES, required=False)
    classification = serializers.ChoiceField(choices=CLASSIFICATIONS, required=False)
    overdue = serializers.BooleanField(required=False, allow_null=True, default=None)
    due_today = serializers.BooleanField(required=False, default=False)
    building = serializers.IntegerField(required=False, min_value=1)
    assignee = serializers.IntegerField(required=False, min_value=1)
    household = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1,
                                         help_text="one household's complaints, all statuses, newest first (P-02)")
    collective = serializers.BooleanField(required=False, allow_null=True, default=None)
    number = serializers.CharField(required=False, default="", max_length=20,
                                   help_text="the complaint number, e.g. TS-2026-000001 (C-02)")
    hq_ref = serializers.CharField(required=False, default="", max_length=64,
                                   help_text="head office's reference of a forwarded complaint (C-16)")


class RegisterIn(serializers.Serializer):
    channel = serializers.ChoiceField(choices=CHANNELS)
    content = serializers.CharField(max_length=5000)
    complainant_name = serializers.CharField(max_length=64)
    complainant_phone = serializers.CharField(max_length=32)
    household_id = serializers.IntegerField(required=False, allow_null=True)
    category = serializers.CharField(max_length=32, required=False, default="other")
    expectation = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
    requested_reply_at = BoundedDateTimeField(required=False, allow_null=True)
    received_at = BoundedDateTimeField(required=False, allow_null=True)
    attachments = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class ClassifyIn(serializers.Serializer):
    classification = serializers.ChoiceField(choices=CLASSIFICATIONS)
    urgent = serializers.BooleanField(default=False)
    serious = serializers.BooleanField(default=False)
    agreed_reply_at = BoundedDateTimeField(required=False, allow_null=True)
    note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
    # C-20: the staff member a valid complaint is about (an assessment proposal for them)
    staff_id = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    # the record is a resident's praise of `staff_id` (a praise proposal instead of a deduction)
    praise = serializers.BooleanField(required=False)

    def validate(self, attrs):
        if attrs.get("praise") and not attrs.get("staff_id"):
            raise serializers.ValidationError({"staff_id": ["表扬须选择被表扬的员工"]})
        return attrs


class IncidentClassifyIn(ClassifyIn):
    """C-05/C-10: a whole incident's classification names nobody (no staff member, no praise)."""

    staff_id = None
    praise = None


class AssignIn(serializers.Serializer):
    assignee_id = serializers.IntegerField(min_value=1)
    note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")


class OnSpotIn(serializers.Serializer):
    solution = serializers.CharField(max_length=limits.NOTE)
    solved_at = BoundedDateTimeField(required=False, allow_null=True)


class ReferralIn(serializers.Serializer):
    party_kind = serializers.ChoiceField(choices=PARTY_KINDS)
    party_name = serializers.CharField(max_length=128)
    text = serializers.CharField(max_length=limits.TEXT)


class TextIn(serializers.Serializer):
    text = serializers.CharField(max_length=limits.TEXT)


class EscalateIn(serializers.Serializer):
    to_level = serializers.ChoiceField(choices=[LEVEL_DIRECTOR, LEVEL_HQ])
    reason = serializers.CharField(max_length=limits.NOTE)


class ReplyIn(serializers.Serializer):
    method = serializers.ChoiceField(choices=REPLY_METHODS)
    opinion = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
    satisfied = serializers.BooleanField(required=False, allow_null=True, default=None)
    replied_at = BoundedDateTimeField(required=False, allow_null=True)
    signature_data_url = serializers.CharField(max_length=limits.SIGNATURE, required=False, allow_blank=True, default="")
    signature_scan = serializers.FileField(required=False, allow_null=True)
    letter_text = serializers.CharField(max_length=limits.TEXT, required=False, allow_blank=True, default="")


class CloseIn(serializers.Serializer):
    satisfied = serializers.BooleanField()
    note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")


class ReopenIn(serializers.Serializer):
    opinion = serializers.CharField(max_length=limits.NOTE)


class ReportResultIn(serializers.Serializer):
    summary = serializers.CharField(max_length=limits.NOTE)


class SpotCheckIn(serializers.Serializer):
    finding = serializers.CharField(max_length=limits.NOTE)
    satisfied = serializers.BooleanField(required=False, allow_null=True, default=None)


class LinkIncidentIn(serializers.Serializer):
    incident_id = serializers.IntegerField(required=False, allow_null=True)
    title = serializers.CharField(max_length=limits.NAME, required=False, allow_blank=True, default="")


class CategoryCorrectIn(serializers.Serializer):
    category = serializers.CharField(max_length=32, help_text="a key of the group's complaint.categories list")
    reason = serializers.CharField(max_length=limits.NOTE)


class IncidentReplyIn(serializers.Serializer):
    """C-10/C-12: the home visit that answered every open complaint of the incident (no method: it is
    always a home visit), with the signed visit record, drawn (PNG data URL) or scanned."""

    opinion = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
    satisfied = serializers.BooleanField(required=False, allow_null=True, default=None)
    replied_at = BoundedDateTimeField(required=False, allow_null=True)
    signature_data_url = serializers.CharField(max_length=limits.SIGNATURE, required=False, allow_blank=True,
                                               default="")
    signature_scan = serializers.FileField(required=False, allow_null=True)
    letter_text = serializers.CharField(max_length=limits.TEXT, required=False, allow_blank=True, default="")


class IncidentStepIn(serializers.Serializer):
    note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")


class PeriodIn(serializers.Serializer):
    start = BoundedDateField()
    end = BoundedDateField()

    def validate(self, attrs):
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": ["结束日期不能早于开始日期"]})
        return attrs


class SpotCheckListOut(ComplaintOut):
    spot_checks = SpotCheckOut(many=True)

    class Meta(ComplaintOut.Meta):
        fields = ComplaintOut.Meta.fields + ["spot_checks"]
