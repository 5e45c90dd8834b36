from __future__ import annotations

from rest_framework import serializers

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


class AnswerIn(serializers.Serializer):
    answer = serializers.ChoiceField(choices=m.ANSWERS)
    words = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


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
