"""Inputs and outputs of the monthly complaint report API (C-18). Every input is bounded."""

from __future__ import annotations

from rest_framework import serializers

from core import limits
from modules.reports import models as m
from modules.reports.forms import month_parse
from modules.reports.hq import models as hq


class MonthlyReportOut(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = m.MonthlyReport
        fields = ["id", "month", "status", "status_label", "version", "due_on", "submitted_at", "submitted_by_name"]


class MonthlyReportDetailOut(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    figures = serializers.JSONField(read_only=True)
    notable_ids = serializers.ListField(child=serializers.IntegerField(), read_only=True)

    class Meta:
        model = m.MonthlyReport
        fields = ["id", "month", "status", "status_label", "version", "due_on", "figures", "figures_at",
                  "summary", "analysis", "measures", "notable_ids", "submitted_at", "submitted_by_name"]


class MonthlyReportEditIn(serializers.Serializer):
    summary = serializers.CharField(max_length=m.NARRATIVE_MAX, allow_blank=True, required=False, trim_whitespace=False)
    analysis = serializers.CharField(max_length=m.NARRATIVE_MAX, allow_blank=True, required=False, trim_whitespace=False)
    measures = serializers.CharField(max_length=m.NARRATIVE_MAX, allow_blank=True, required=False, trim_whitespace=False)


class MonthlyReportNotableIn(serializers.Serializer):
    complaint_ids = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=2**62),
                                         max_length=m.NOTABLE_MAX, allow_empty=True)


class MonthlyReportCorrectIn(serializers.Serializer):
    reason = serializers.CharField(max_length=limits.LINE)


class MonthlyReportMonthIn(serializers.Serializer):
    """?month=YYYY-MM (the previous month when absent), ?status=, ?q= (office name or slug)."""

    month = serializers.CharField(max_length=limits.CODE, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=[s for s, _label in hq.STATUSES], required=False, allow_blank=True)
    q = serializers.CharField(max_length=limits.SEARCH, required=False, allow_blank=True)

    def validate_month(self, value):
        if not value:
            return None
        month = month_parse(value)
        if month is None:
            raise serializers.ValidationError("月份格式为 YYYY-MM")
        return month


class MonthlyReportOfficeOut(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    current_id = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = hq.ReportExpectation
        fields = ["office_id", "office_slug", "office_name", "month", "due_at", "status", "status_label", "version",
                  "current_id", "first_submitted_at", "submitted_late"]


class MonthlyReportSubmittedOut(serializers.ModelSerializer):
    snapshot = serializers.JSONField(read_only=True)

    class Meta:
        model = hq.SubmittedReport
        fields = ["id", "office_id", "office_slug", "office_name", "month", "version", "snapshot", "submitted_at",
                  "submitted_by", "late"]


class MonthlyReportRateOut(serializers.Serializer):
    num = serializers.IntegerField()
    den = serializers.IntegerField()
    rate = serializers.DecimalField(max_digits=6, decimal_places=4, allow_null=True)


class MonthlyReportCountOut(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class MonthlyReportConsolidatedOut(serializers.Serializer):
    month = serializers.DateField()
    counts = serializers.DictField(child=serializers.IntegerField())
    received = serializers.IntegerField()
    collective = serializers.IntegerField()
    carried_over = serializers.IntegerField()
    by_class = MonthlyReportCountOut(many=True)
    by_category = MonthlyReportCountOut(many=True)
    by_channel = MonthlyReportCountOut(many=True)
    rates = serializers.DictField(child=MonthlyReportRateOut())
