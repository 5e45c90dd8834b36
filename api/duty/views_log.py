"""Duty API: who is on duty now (D-01), shift instances and the duty log (D-06)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import found
from api.duty.base import DutyApi
from api.duty.serializers import EntryOut, HandoverOut, InstanceOut
from api.fields import BoundedDateField, BoundedDateTimeField
from api.pagination import Pagination
from core import limits
from modules.duty import selectors
from modules.duty.models import LogEntry
from modules.duty.services import handover as handover_svc
from modules.duty.services import instances as instance_svc
from modules.duty.services import log as log_svc


class NowApi(DutyApi):
    required_perm = "duty.view"

    @extend_schema(responses=InstanceOut(many=True))
    def get(self, request):
        # D-01: a pure read; planned shifts without an instance yet come back with a null id
        return Response(InstanceOut(selectors.instances_now(at=timezone.now()), many=True).data)


class InstanceApi(DutyApi):
    required_perm = "duty.view"

    @extend_schema(responses=InstanceOut)
    def get(self, request, pk: int):
        return Response(InstanceOut(found(selectors.instance_get(pk=pk))).data)


class InstanceStartApi(DutyApi):
    required_perm = "duty.log"

    @extend_schema(request=None, responses=InstanceOut)
    def post(self, request, pk: int):
        found(selectors.instance_get(pk=pk))
        return Response(InstanceOut(instance_svc.shift_start(user=request.user, instance_id=pk)).data)


class ShiftStartApi(DutyApi):
    """Start a planned shift by template and date, as the shift page does (D-01, D-05): for a shift
    "on duty now" lists with a null id. 409 not_on_roster / handover_required as for an instance."""

    required_perm = "duty.log"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyShiftStartInput"

        date = serializers.DateField(help_text="the shift's date (yesterday, today or tomorrow)")

    @extend_schema(request=Input, responses=InstanceOut)
    def post(self, request, pk: int):
        day = self.validated(self.Input)["date"]
        return Response(InstanceOut(instance_svc.shift_start_planned(user=request.user, shift_id=pk, day=day)).data)


class InstanceSignApi(DutyApi):
    """D-06: the duty director signs the shift's log."""

    required_perm = "duty.sign"

    @extend_schema(request=None, responses=InstanceOut)
    def post(self, request, pk: int):
        found(selectors.instance_get(pk=pk))
        return Response(InstanceOut(log_svc.shift_log_sign(user=request.user, instance_id=pk)).data)


class HandoverOpenApi(DutyApi):
    """D-05: the outgoing officer opens the handover of this shift (409 important_item_open)."""

    required_perm = "duty.log"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyHandoverOpenInput"

        unfinished_work = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
        area_note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses={201: HandoverOut})
    def post(self, request, pk: int):
        found(selectors.instance_get(pk=pk))
        values = self.validated(self.Input)
        handover = handover_svc.handover_open(user=request.user, instance_id=pk, **values)
        return Response(HandoverOut(handover).data, status=status.HTTP_201_CREATED)


class EntryListApi(DutyApi):
    """D-06: the log of a shift (instance=) or a day (day=); add an entry."""

    required_perm = {"GET": "duty.view", "POST": "duty.log"}
    pagination_class = Pagination

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyEntryListInput"

        kind = serializers.ChoiceField(choices=LogEntry.KINDS)
        content = serializers.CharField(max_length=limits.TEXT)
        action = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
        result = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
        occurred_at = BoundedDateTimeField(required=False, allow_null=True, default=None)
        important = serializers.BooleanField(default=False)
        abnormal = serializers.BooleanField(default=False, help_text="D-02: a patrol that found something")

    class Query(serializers.Serializer):
        instance = serializers.IntegerField(required=False)
        day = BoundedDateField(required=False)

    @extend_schema(parameters=[OpenApiParameter("instance", int), OpenApiParameter("day", str)],
                   responses=EntryOut(many=True))
    def get(self, request):
        query = self.query(self.Query)
        entries = selectors.log_entries(instance_id=query.get("instance"), day=query.get("day"))
        return self.paginate(entries, EntryOut)

    @extend_schema(request=Input, responses={201: EntryOut})
    def post(self, request):
        entry = log_svc.log_entry_add(user=request.user, **self.validated(self.Input))
        return Response(EntryOut(entry).data, status=status.HTTP_201_CREATED)


class EntryCorrectApi(DutyApi):
    """D-06: a correction is a new entry pointing at the old one."""

    required_perm = "duty.log"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyEntryCorrectInput"

        kind = serializers.ChoiceField(choices=LogEntry.KINDS, required=False)
        content = serializers.CharField(max_length=limits.TEXT)
        action = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
        result = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses={201: EntryOut})
    def post(self, request, pk: int):
        found(selectors.entry_get(pk=pk))
        entry = log_svc.log_entry_correct(user=request.user, entry_id=pk, **self.validated(self.Input))
        return Response(EntryOut(entry).data, status=status.HTTP_201_CREATED)


class EntryCompleteApi(DutyApi):
    """D-05 标记完成: the result of unfinished work (a correction carrying it; 409 already_done)."""

    required_perm = "duty.log"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyEntryCompleteInput"

        result = serializers.CharField(max_length=limits.NOTE)

    @extend_schema(request=Input, responses={201: EntryOut})
    def post(self, request, pk: int):
        found(selectors.entry_get(pk=pk))
        entry = log_svc.log_entry_complete(user=request.user, entry_id=pk, **self.validated(self.Input))
        return Response(EntryOut(entry).data, status=status.HTTP_201_CREATED)


class EntryReleaseApi(DutyApi):
    """D-05: the supervisor releases an important open item so the handover may pass."""

    required_perm = "duty.approve"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyEntryReleaseInput"

        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses=EntryOut)
    def post(self, request, pk: int):
        found(selectors.entry_get(pk=pk))
        entry = log_svc.log_entry_release(user=request.user, entry_id=pk, **self.validated(self.Input))
        return Response(EntryOut(entry).data)
