"""Duty API: end of day, week and month (D-07), and the month's 值班记录表 as .xlsx (D-06)."""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.duty.base import MONTH_PARAM, DutyApi, MonthField, parse_day
from api.duty.serializers import DayRegisterOut, DaySignOut, MonthArchiveOut, WeekCheckOut, WeekOverviewOut
from api.fields import BoundedDateField
from core import limits
from modules.duty import selectors, shifts
from modules.duty.export import month_log_xlsx
from modules.duty.services import day as day_svc


class DayRegisterApi(DutyApi):
    """D-07: the day's incomplete records and unclosed items."""

    required_perm = "duty.view"

    @extend_schema(responses=DayRegisterOut)
    def get(self, request, day: str):
        return Response(DayRegisterOut(selectors.day_register(day=parse_day(day))).data)


class DaySignApi(DutyApi):
    required_perm = "duty.approve"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyDaySignInput"

        day = BoundedDateField()
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses={201: DaySignOut})
    def post(self, request):
        signed = day_svc.day_sign(user=request.user, **self.validated(self.Input))
        return Response(DaySignOut(signed).data, status=status.HTTP_201_CREATED)


class WeekCheckApi(DutyApi):
    """D-07: the manager marks a week checked."""

    required_perm = "duty.check_week"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyWeekCheckInput"

        week_start = BoundedDateField()
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses={201: WeekCheckOut})
    def post(self, request):
        checked = day_svc.week_check(user=request.user, **self.validated(self.Input))
        return Response(WeekCheckOut(checked).data, status=status.HTTP_201_CREATED)


class WeekOverviewApi(DutyApi):
    """D-07: any day of the week → that week's signatures, unsigned days and the manager's check."""

    required_perm = "duty.view"

    @extend_schema(responses=WeekOverviewOut)
    def get(self, request, day: str):
        week = selectors.week_overview(week_start=shifts.week_start(parse_day(day)))
        return Response(WeekOverviewOut(week).data)


class MonthArchiveApi(DutyApi):
    """D-06/D-07: the records clerk archives a finished month."""

    required_perm = "duty.archive"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyMonthArchiveInput"

        month = MonthField()

    @extend_schema(request=Input, responses={201: MonthArchiveOut})
    def post(self, request):
        archived = day_svc.month_archive(user=request.user, month=self.validated(self.Input)["month"])
        return Response(MonthArchiveOut(archived).data, status=status.HTTP_201_CREATED)


class MonthExportApi(DutyApi):
    required_perm = "duty.view"

    @extend_schema(parameters=[MONTH_PARAM],
                   responses={(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"):
                              OpenApiResponse(OpenApiTypes.BINARY, description="值班记录表 .xlsx")})
    def get(self, request):
        month = self.month_param()
        return FileResponse(month_log_xlsx(month=month), as_attachment=True,
                            filename=f"duty-log-{month:%Y-%m}.xlsx",
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
