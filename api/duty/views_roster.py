"""Duty API: shifts, posts, roster (D-01) and leave/swap requests (D-03)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.base import found
from api.duty.base import MONTH_PARAM, DutyApi
from api.duty.serializers import AssignmentOut, PostOut, RequestOut, ShiftOut
from api.fields import BoundedDateField
from api.pagination import Pagination
from core import limits
from core.permissions import has_perm
from modules.duty import selectors
from modules.duty.models import Post, ShiftTemplate
from modules.duty.services import requests as request_svc
from modules.duty.services import roster as roster_svc


class ShiftListApi(DutyApi):
    required_perm = {"GET": "duty.view", "POST": "duty.roster"}

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyShiftListInput"

        code = serializers.SlugField(max_length=limits.of(ShiftTemplate, "code"))
        name = serializers.CharField(max_length=limits.of(ShiftTemplate, "name"))
        start = serializers.TimeField()
        end = serializers.TimeField()
        post_id = serializers.IntegerField(required=False, allow_null=True)
        keeps_log = serializers.BooleanField(default=True)
        is_active = serializers.BooleanField(default=True)
        order = serializers.IntegerField(default=0, min_value=0, max_value=32767)  # PositiveSmallIntegerField

    @extend_schema(responses=ShiftOut(many=True))
    def get(self, request):
        return Response(ShiftOut(selectors.shift_template_list(), many=True).data)

    @extend_schema(request=Input, responses={201: ShiftOut})
    def post(self, request):
        shift = roster_svc.shift_template_save(user=request.user, **self.validated(self.Input))
        return Response(ShiftOut(shift).data, status=status.HTTP_201_CREATED)


class ShiftDetailApi(DutyApi):
    required_perm = "duty.roster"

    @extend_schema(request=ShiftListApi.Input, responses=ShiftOut)
    def put(self, request, pk: int):
        found(selectors.shift_template_get(pk=pk))
        values = self.validated(ShiftListApi.Input)
        shift = roster_svc.shift_template_save(user=request.user, shift_id=pk, **values)
        return Response(ShiftOut(shift).data)


class PostListApi(DutyApi):
    required_perm = {"GET": "duty.view", "POST": "duty.roster"}

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyPostListInput"

        name = serializers.CharField(max_length=limits.of(Post, "name"))
        checklist = serializers.ListField(child=serializers.CharField(), allow_empty=True)
        is_active = serializers.BooleanField(default=True)

    @extend_schema(responses=PostOut(many=True))
    def get(self, request):
        return Response(PostOut(selectors.post_list(), many=True).data)

    @extend_schema(request=Input, responses={201: PostOut})
    def post(self, request):
        post = roster_svc.post_save(user=request.user, **self.validated(self.Input))
        return Response(PostOut(post).data, status=status.HTTP_201_CREATED)


class PostDetailApi(DutyApi):
    required_perm = "duty.roster"

    @extend_schema(request=PostListApi.Input, responses=PostOut)
    def put(self, request, pk: int):
        found(selectors.post_get(pk=pk))
        values = self.validated(PostListApi.Input)
        post = roster_svc.post_save(user=request.user, post_id=pk, **values)
        return Response(PostOut(post).data)


class RosterApi(DutyApi):
    """D-01: the month's active assignments; add one."""

    required_perm = {"GET": "duty.view", "POST": "duty.roster"}
    pagination_class = Pagination

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyRosterInput"

        date = BoundedDateField()
        shift_id = serializers.IntegerField()
        person_id = serializers.IntegerField()

    @extend_schema(parameters=[MONTH_PARAM], responses=AssignmentOut(many=True))
    def get(self, request):
        return self.paginate(selectors.roster_lines(month=self.month_param()), AssignmentOut)

    @extend_schema(request=Input, responses={201: AssignmentOut})
    def post(self, request):
        data = self.validated(self.Input)
        line = roster_svc.assignment_add(user=request.user, day=data["date"], shift_id=data["shift_id"],
                                         person_id=data["person_id"])
        return Response(AssignmentOut(line).data, status=status.HTTP_201_CREATED)


class RosterFillApi(DutyApi):
    """D-01: one person on one shift for every date of a range."""

    required_perm = "duty.roster"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyRosterFillInput"

        shift_id = serializers.IntegerField()
        person_id = serializers.IntegerField()
        start = BoundedDateField()
        end = BoundedDateField()

    @extend_schema(request=Input, responses={201: AssignmentOut(many=True)})
    def post(self, request):
        made = roster_svc.roster_fill(user=request.user, **self.validated(self.Input))
        return Response(AssignmentOut(made, many=True).data, status=status.HTTP_201_CREATED)


class AssignmentWithdrawApi(DutyApi):
    required_perm = "duty.roster"

    @extend_schema(request=None, responses=AssignmentOut)
    def post(self, request, pk: int):
        found(selectors.assignment_get(pk=pk))
        return Response(AssignmentOut(roster_svc.assignment_withdraw(user=request.user, assignment_id=pk)).data)


class RequestListApi(DutyApi):
    """D-03: my requests (or, with scope=pending, those waiting for the supervisor); ask for leave/swap."""

    required_perm = "duty.view"
    pagination_class = Pagination

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyRequestListInput"

        assignment_id = serializers.IntegerField()
        kind = serializers.CharField(max_length=limits.CODE, help_text="leave | swap")
        reason = serializers.CharField(max_length=limits.NOTE)
        swap_with_id = serializers.IntegerField(required=False, allow_null=True)

    class Filter(serializers.Serializer):
        scope = serializers.ChoiceField(choices=["mine", "pending"], required=False, default="mine")

    @extend_schema(parameters=[Filter], responses=RequestOut(many=True))
    def get(self, request):
        if self.query(self.Filter)["scope"] == "pending":
            if not self._can_approve():
                raise PermissionDenied("您的角色无权审批。")
            return self.paginate(selectors.requests_pending(), RequestOut)
        return self.paginate(selectors.requests_of(user=request.user), RequestOut)

    def _can_approve(self) -> bool:
        return has_perm(self.request.membership.role, "duty.approve")

    @extend_schema(request=Input, responses={201: RequestOut})
    def post(self, request):
        made = request_svc.duty_request_create(user=request.user, **self.validated(self.Input))
        return Response(RequestOut(made).data, status=status.HTTP_201_CREATED)


class RequestDecideApi(DutyApi):
    required_perm = "duty.approve"

    class Input(serializers.Serializer):
        class Meta:
            ref_name = "DutyRequestDecideInput"

        approve = serializers.BooleanField()
        substitute_id = serializers.IntegerField(required=False, allow_null=True)
        note = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")

    @extend_schema(request=Input, responses=RequestOut)
    def post(self, request, pk: int):
        found(selectors.request_get(pk=pk))
        values = self.validated(self.Input)
        decided = request_svc.duty_request_decide(user=request.user, request_id=pk, **values)
        return Response(RequestOut(decided).data)


class RequestWithdrawApi(DutyApi):
    required_perm = "duty.view"

    @extend_schema(request=None, responses=RequestOut)
    def post(self, request, pk: int):
        found(selectors.request_of_get(user=request.user, pk=pk))
        return Response(RequestOut(request_svc.duty_request_withdraw(user=request.user, request_id=pk)).data)
