"""Helpers of the duty API: the month parameter and a date in the path."""

from __future__ import annotations

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers

from api.base import TenantAPIView
from api.fields import BoundedDateField
from core.moments import date_in_range, date_range_message

MONTH_PARAM = OpenApiParameter("month", str, description="YYYY-MM")


@extend_schema_field(OpenApiTypes.STR)
class MonthField(serializers.Field):
    """`YYYY-MM` → the first day of that month."""

    default_error_messages = {"invalid": "月份格式应为 YYYY-MM"}

    def to_internal_value(self, data):
        try:
            year, month = (int(p) for p in str(data).split("-"))
            first = date(year, month, 1)
        except ValueError:
            self.fail("invalid")
        if not date_in_range(first):
            raise serializers.ValidationError(date_range_message(), code="out_of_range")
        return first

    def to_representation(self, value):
        return f"{value:%Y-%m}"


class MonthQuery(serializers.Serializer):
    month = MonthField()


def parse_day(day: str) -> date:
    """A `YYYY-MM-DD` path segment; a bad one is 400."""
    return BoundedDateField().run_validation(day)


class DutyApi(TenantAPIView):
    def month_param(self) -> date:
        """The required `month=YYYY-MM` query parameter, as the first day of that month."""
        return self.query(MonthQuery)["month"]
