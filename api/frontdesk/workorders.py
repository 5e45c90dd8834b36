"""F-02: work orders — dispatch, department queues, accept / done / verify / reject / cancel."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import TenantAPIView
from api.frontdesk.common import OutSerializer, WithEventsOut, enum_field
from api.pagination import Pagination
from core import limits
from modules.frontdesk.models import WorkOrder
from modules.frontdesk.models import work as wo
from modules.frontdesk.selectors import workorder_get_for_user, workorder_queue
from modules.frontdesk.services import workorder_dispatch, workorder_transition


class WorkOrderOut(OutSerializer):
    number = serializers.CharField(read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = WorkOrder
        fields = ["id", "number", "department", "content", "location", "household", "source_type", "source_id",
                  "status", "dispatched_at", "due_at", "accepted_at", "done_at", "verified_at", "result",
                  "overdue", "created_by_name"]

    def get_overdue(self, obj) -> bool:
        return obj.is_overdue(timezone.now())


class WorkOrderDetailOut(WithEventsOut, WorkOrderOut):
    event_entity = "workorder"

    class Meta(WorkOrderOut.Meta):
        fields = [*WorkOrderOut.Meta.fields, "events"]


class WorkOrderListApi(TenantAPIView):
    """F-02: the queue (a department's staff see only their own department's orders) and dispatch."""

    required_perm = {"GET": "frontdesk.view", "POST": "frontdesk.register"}
    pagination_class = Pagination
    pagination_class = Pagination

    class Input(serializers.Serializer):
        department = enum_field(wo.DEPARTMENTS)
        content = serializers.CharField(max_length=limits.TEXT)
        location = serializers.CharField(required=False, allow_blank=True, default="", max_length=128)
        household_id = serializers.IntegerField(required=False, allow_null=True, default=None)

    class Filter(serializers.Serializer):
        status = enum_field(wo.STATUSES, required=False, allow_blank=True, default="")
        department = enum_field(wo.DEPARTMENTS, required=False, allow_blank=True, default="")
        overdue = serializers.BooleanField(required=False, default=False)
        open = serializers.BooleanField(required=False, default=False)

    @extend_schema(parameters=[Filter], responses=WorkOrderOut(many=True))
    def get(self, request):
        f = self.query(self.Filter)
        qs = workorder_queue(role=request.membership.role, status=f["status"], department=f["department"],
                             overdue=f["overdue"], open_only=f["open"])
        return self.paginate(qs, WorkOrderOut)

    @extend_schema(request=Input, responses={201: WorkOrderOut})
    def post(self, request):
        order = workorder_dispatch(user=request.user, **self.validated(self.Input))
        return Response(WorkOrderOut(order).data, status=status.HTTP_201_CREATED)


class WorkOrderDetailApi(TenantAPIView):
    required_perm = "frontdesk.view"

    @extend_schema(responses=WorkOrderDetailOut)
    def get(self, request, pk: int):
        return Response(WorkOrderDetailOut(workorder_get_for_user(pk=pk, role=request.membership.role)).data)


class WorkOrderActionApi(TenantAPIView):
    """F-02: one step of an order. accept / done: the department's staff (or the front desk on their
    behalf); verify / reject / cancel: the front desk. A step the status does not allow → 409."""

    required_perm = "frontdesk.work"
    step: str = ""

    class Input(serializers.Serializer):
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
        result = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses=WorkOrderOut)
    def post(self, request, pk: int):
        data = self.validated(self.Input)
        order = workorder_transition(work_order_id=pk, action=self.step, user=request.user,
                                     role=request.membership.role, **data)
        return Response(WorkOrderOut(order).data)
