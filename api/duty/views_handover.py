"""Duty API: the handover (D-04, D-05)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.base import found
from api.duty.base import DutyApi
from api.duty.serializers import ArrivalOut, HandoverOut, ItemOut
from core import limits
from modules.duty import selectors
from modules.duty.models import HandoverItem
from modules.duty.services import handover as svc


class HandoverApi(DutyApi):
    required_perm = "duty.view"

    @extend_schema(responses=HandoverOut)
    def get(self, request, pk: int):
        return Response(HandoverOut(found(selectors.handover_get(pk=pk))).data)


class HandoverArriveApi(DutyApi):
    """D-04: the incoming officer registers arrival (late is recorded)."""

    required_perm = "duty.log"

    @extend_schema(request=None, responses=ArrivalOut)
    def post(self, request, pk: int):
        found(selectors.handover_get(pk=pk))
        return Response(ArrivalOut(svc.handover_arrive(user=request.user, handover_id=pk)).data)


class HandoverItemApi(DutyApi):
    """D-05: the incoming officer checks one item; damaged/missing needs an explanation."""

    required_perm = "duty.log"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyHandoverItemInput"

        state = serializers.ChoiceField(choices=HandoverItem.STATES[1:])
        explanation = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses=ItemOut)
    def post(self, request, pk: int, item_pk: int):
        found(selectors.handover_get(pk=pk))
        found(selectors.handover_item_get(handover_id=pk, pk=item_pk))
        item = svc.handover_item_check(user=request.user, handover_id=pk, item_id=item_pk,
                                       **self.validated(self.Input))
        return Response(ItemOut(item).data)


class HandoverLogReadApi(DutyApi):
    required_perm = "duty.log"

    @extend_schema(request=None, responses=HandoverOut)
    def post(self, request, pk: int):
        found(selectors.handover_get(pk=pk))
        return Response(HandoverOut(svc.handover_log_read(user=request.user, handover_id=pk)).data)


class HandoverAreaApi(DutyApi):
    """D-05: the incoming officer records the check of the area and any anomaly found, before signing."""

    required_perm = "duty.log"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyHandoverAreaInput"

        note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
        anomaly = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)

    @extend_schema(request=Input, responses=HandoverOut)
    def post(self, request, pk: int):
        found(selectors.handover_get(pk=pk))
        return Response(HandoverOut(svc.handover_area_check(user=request.user, handover_id=pk,
                                                            **self.validated(self.Input))).data)


class HandoverExplainApi(DutyApi):
    """D-05: the outgoing officer explains the anomaly the incoming officer found."""

    required_perm = "duty.log"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyHandoverExplainInput"

        explanation = serializers.CharField(max_length=2000)

    @extend_schema(request=Input, responses=HandoverOut)
    def post(self, request, pk: int):
        found(selectors.handover_get(pk=pk))
        return Response(HandoverOut(svc.handover_anomaly_explain(user=request.user, handover_id=pk,
                                                                 **self.validated(self.Input))).data)


class HandoverSignApi(DutyApi):
    """D-05: both sign; the second signature completes the handover and starts the new shift."""

    required_perm = "duty.log"

    @extend_schema(request=None, responses=HandoverOut)
    def post(self, request, pk: int):
        found(selectors.handover_get(pk=pk))
        return Response(HandoverOut(svc.handover_sign(user=request.user, handover_id=pk)).data)


class HandoverIncomingApi(DutyApi):
    """D-03/D-05: nobody is rostered on the next shift; the supervisor names the incoming officer (put on
    that shift's roster). 409 incoming_rostered when the roster already has someone, incoming_taken
    when someone arrived."""

    required_perm = "duty.approve"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyHandoverIncomingInput"

        person = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses=HandoverOut)
    def post(self, request, pk: int):
        found(selectors.handover_get(pk=pk))
        data = self.validated(self.Input)
        return Response(HandoverOut(svc.handover_incoming_name(user=request.user, handover_id=pk,
                                                               person_id=data["person"], note=data["note"])).data)
