"""Outputs of the dashboard API (issue 10 §5). Component names start with "Dashboard" (unique in the schema)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field({"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2026-06"})
class _Month(serializers.Field):
    """A month as `YYYY-MM` (output only)."""

    def to_representation(self, value):
        return f"{value:%Y-%m}"


class DashboardSeriesOut(serializers.Serializer):
    name = serializers.CharField()
    data = serializers.ListField(child=serializers.FloatField(allow_null=True))


class DashboardChartOut(serializers.Serializer):
    """A chart as core/static/core/charts.js draws it (modules/dashboards/charts.py): rates as fractions."""

    type = serializers.ChoiceField(choices=["line", "bar"])
    percent = serializers.BooleanField()
    horizontal = serializers.BooleanField()
    categories = serializers.ListField(child=serializers.CharField())
    series = DashboardSeriesOut(many=True)


# --- the office director's dashboard -----------------------------------------------------------------

class DashboardStepOut(serializers.Serializer):
    step = serializers.CharField(help_text="the next step's code (empty: none)")
    label = serializers.CharField()
    count = serializers.IntegerField()
    overdue = serializers.IntegerField()


class DashboardWorkOrdersOut(serializers.Serializer):
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    due_today = serializers.IntegerField()


class DashboardVisitsOut(serializers.Serializer):
    due = serializers.IntegerField()
    overdue = serializers.IntegerField()
    due_today = serializers.IntegerField()


class DashboardDutyOut(serializers.Serializer):
    month = _Month()
    days = serializers.IntegerField(help_text="days of the month already begun")
    unsigned = serializers.IntegerField(help_text="of them, days nobody signed")
    unsigned_days = serializers.ListField(child=serializers.DateField())


class DashboardMonthOut(serializers.Serializer):
    month = _Month()
    on_time_rate = serializers.DecimalField(max_digits=7, decimal_places=4, allow_null=True, coerce_to_string=True)
    on_time = serializers.IntegerField()
    on_time_total = serializers.IntegerField()
    satisfaction_rate = serializers.DecimalField(max_digits=7, decimal_places=4, allow_null=True,
                                                 coerce_to_string=True)
    satisfied = serializers.IntegerField()
    answers = serializers.IntegerField()


class DashboardOfficeChartsOut(serializers.Serializer):
    rates = DashboardChartOut()
    open_by_step = DashboardChartOut()


class DashboardOfficeOut(serializers.Serializer):
    month = _Month()
    open_total = serializers.IntegerField()
    overdue_now = serializers.IntegerField()
    open_by_step = DashboardStepOut(many=True)
    workorders = DashboardWorkOrdersOut()
    visits = DashboardVisitsOut()
    duty = DashboardDutyOut()
    trend = DashboardMonthOut(many=True)
    charts = DashboardOfficeChartsOut()


# --- head office's dashboard -------------------------------------------------------------------------

class DashboardColumnOut(serializers.Serializer):
    key = serializers.CharField()
    figure = serializers.CharField()
    dimension = serializers.CharField(allow_blank=True)
    label = serializers.CharField()
    kind = serializers.CharField()


class DashboardOfficeRowOut(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    values = serializers.DictField(child=serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True),
                                   help_text="column key → value (null: not measured)")


class DashboardOfficesPageOut(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    results = DashboardOfficeRowOut(many=True)


class DashboardRankOut(serializers.Serializer):
    name = serializers.CharField()
    value = serializers.DecimalField(max_digits=18, decimal_places=4)


class DashboardRankingOut(serializers.Serializer):
    figure = serializers.CharField(help_text="the column key ranked")
    measured = serializers.IntegerField(help_text="offices with a value this month")
    top = DashboardRankOut(many=True)
    bottom = DashboardRankOut(many=True)


class DashboardTrendOut(serializers.Serializer):
    month = _Month()
    offices = serializers.IntegerField(help_text="offices that pushed figures for the month")
    values = serializers.DictField(child=serializers.DecimalField(max_digits=18, decimal_places=4, allow_null=True))


class DashboardHqChartsOut(serializers.Serializer):
    top = DashboardChartOut()
    bottom = DashboardChartOut()
    trend_rates = DashboardChartOut()
    trend_counts = DashboardChartOut()


class DashboardHqOut(serializers.Serializer):
    month = _Month()
    columns = DashboardColumnOut(many=True)
    offices = DashboardOfficesPageOut()
    ranking = DashboardRankingOut()
    trend = DashboardTrendOut(many=True)
    charts = DashboardHqChartsOut()
