"""Helpers of the duty API: load-or-404, paginate, month parameter."""

from __future__ import annotations

from datetime import date

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import NotFound

from api.base import TenantAPIView
from api.pagination import Pagination

MONTH_PARAM = OpenApiParameter("month", str, description="YYYY-MM")


def found(obj):
    if obj is None:
        raise NotFound()
    return obj


@extend_schema_field(OpenApiTypes.STR)
class MonthField(serializers.Field):
    """`YYYY-MM` → the first day of that month."""

    default_error_messages = {"invalid": "月份格式应为 YYYY-MM"}

    def to_internal_value(self, data):
        try:
            year, month = (int(p) for p in str(data).split("-"))
            return date(year, month, 1)
        except ValueError:
            self.fail("invalid")

    def to_representation(self, value):
        return f"{value:%Y-%m}"


def parse_month_param(request) -> date:
    class Query(serializers.Serializer):
        month = MonthField()

    query = Query(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data["month"]


class DutyApi(TenantAPIView):
    def paginate(self, queryset, serializer_class):
        paginator = Pagination()
        page = paginator.paginate_queryset(queryset, self.request, view=self)
        return paginator.get_paginated_response(serializer_class(page, many=True).data)
