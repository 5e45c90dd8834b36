from __future__ import annotations

from rest_framework import serializers

from api.fields import BoundedDateTimeField
from modules.visits import models as m


class QueueIn(serializers.Serializer):
    source_kind = serializers.ChoiceField(choices=m.SOURCE_KINDS, required=False)
    status = serializers.ChoiceField(choices=m.STATUSES, required=False)
    due_today = serializers.BooleanField(required=False, default=False)
    overdue = serializers.BooleanField(required=False, default=False)


class AttemptIn(serializers.Serializer):
    method = serializers.ChoiceField(choices=m.METHODS)
    reached = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    at = BoundedDateTimeField(required=False, allow_null=True, default=None)  # typed in afterwards; none: now


class AnswerIn(serializers.Serializer):
    answer = serializers.ChoiceField(choices=m.ANSWERS)
    words = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    # the staff member the resident praised by name (a praise proposal for the supervisor)
    praised_staff_id = serializers.IntegerField(min_value=1, required=False, allow_null=True)


class AttemptOut(serializers.ModelSerializer):
    class Meta:
        model = m.VisitAttempt
        fields = ["id", "by_name", "at", "method", "reached", "note"]


class VisitOut(serializers.ModelSerializer):
    class Meta:
        model = m.ReturnVisit
        fields = ["id", "source_kind", "source_id", "occasion", "source_number", "summary", "contact_name",
                  "contact_phone", "status", "due_at", "answer", "answered_at", "follow_up_complaint_id"]


class VisitDetailOut(VisitOut):
    attempts = AttemptOut(many=True, read_only=True)

    class Meta(VisitOut.Meta):
        fields = [*VisitOut.Meta.fields, "answer_words", "sample_rate_percent", "sample_draw", "sampled",
                  "attempts"]


# --- resident visits (V-01, V-02) ---------------------------------------------------------------------

class PlanIn(serializers.Serializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    staff_ids = serializers.ListField(child=serializers.IntegerField(min_value=1), min_length=1, max_length=200)


class PlanOut(serializers.ModelSerializer):
    class Meta:
        model = m.VisitPlan
        fields = ["id", "period_start", "period_end", "created_at"]


class BuildingProgressOut(serializers.Serializer):
    building = serializers.CharField()
    planned = serializers.IntegerField()
    visited = serializers.IntegerField()


class PlanProgressOut(PlanOut):
    buildings = BuildingProgressOut(many=True, read_only=True)

    class Meta(PlanOut.Meta):
        fields = [*PlanOut.Meta.fields, "buildings"]


class ResidentVisitIn(serializers.Serializer):
    household_id = serializers.IntegerField(min_value=1)
    plan_id = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    ratings = serializers.DictField(child=serializers.IntegerField(min_value=1, max_value=5), allow_empty=False)
    comments = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")

    def validate_ratings(self, value):
        if len(value) > len(m.TOPICS) or any(k not in dict(m.TOPICS) for k in value):
            raise serializers.ValidationError("评分项目不在走访内容中")
        return value


class ResidentVisitOut(serializers.ModelSerializer):
    class Meta:
        model = m.ResidentVisit
        fields = ["id", "household", "target", "visited_at", "ratings", "comments"]


class FeedbackIn(serializers.Serializer):
    method = serializers.ChoiceField(choices=m.METHODS)
    text = serializers.CharField(max_length=2000)


class SummaryIn(serializers.Serializer):
    narrative = serializers.CharField(max_length=5000, allow_blank=True)


class SummaryOut(serializers.ModelSerializer):
    class Meta:
        model = m.MonthlyVisitSummary
        fields = ["id", "month", "figures", "narrative", "drafted_at", "signed_at"]
