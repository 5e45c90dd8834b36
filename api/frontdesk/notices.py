"""F-06 / M-01: notices to residents — drafted, published before the event, withdrawn."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import TenantAPIView
from api.fields import BoundedDateTimeField
from api.frontdesk.common import OutSerializer, enum_field
from api.pagination import Pagination
from core import limits
from modules.frontdesk.models import Notice
from modules.frontdesk.models import notices as n
from modules.frontdesk.selectors import notice_get, notice_list
from modules.frontdesk.services import NoticeInput, notice_create, notice_publish, notice_withdraw


class NoticeOut(OutSerializer):
    building_names = serializers.SerializerMethodField()

    class Meta:
        model = Notice
        fields = ["id", "kind", "title", "body", "buildings", "building_names", "all_buildings", "starts_at",
                  "ends_at", "status", "publish_at", "created_by_name"]

    def get_building_names(self, obj) -> list[str]:
        return [b.name for b in obj.buildings.all()]


class NoticeListApi(TenantAPIView):
    required_perm = "frontdesk.notices"
    pagination_class = Pagination
    pagination_class = Pagination

    class Input(serializers.Serializer):
        kind = enum_field(n.KINDS)
        title = serializers.CharField(max_length=128)
        body = serializers.CharField(max_length=limits.TEXT)
        starts_at = BoundedDateTimeField()
        ends_at = BoundedDateTimeField()
        building_ids = serializers.ListField(child=serializers.IntegerField(), required=False, default=list)
        all_buildings = serializers.BooleanField(required=False, default=False)

    class Filter(serializers.Serializer):
        status = enum_field(n.STATUSES, required=False, allow_blank=True, default="")

    @extend_schema(parameters=[Filter], responses=NoticeOut(many=True))
    def get(self, request):
        return self.paginate(notice_list(status=self.query(self.Filter)["status"]), NoticeOut)

    @extend_schema(request=Input, responses={201: NoticeOut})
    def post(self, request):
        notice = notice_create(user=request.user, data=NoticeInput(**self.validated(self.Input)))
        return Response(NoticeOut(notice).data, status=status.HTTP_201_CREATED)


class NoticeDetailApi(TenantAPIView):
    required_perm = "frontdesk.notices"

    @extend_schema(responses=NoticeOut)
    def get(self, request, pk: int):
        return Response(NoticeOut(notice_get(pk=pk)).data)


class NoticePublishApi(TenantAPIView):
    """M-01: publish now or at `publish_at`; either must be before the notice's start."""

    required_perm = "frontdesk.notices"

    class Input(serializers.Serializer):
        publish_at = BoundedDateTimeField(required=False, allow_null=True, default=None)

    @extend_schema(request=Input, responses=NoticeOut)
    def post(self, request, pk: int):
        data = self.validated(self.Input)
        return Response(NoticeOut(notice_publish(notice_id=pk, user=request.user, **data)).data)


class NoticeWithdrawApi(TenantAPIView):
    required_perm = "frontdesk.notices"

    class Input(serializers.Serializer):
        reason = serializers.CharField(max_length=limits.NOTE)

    @extend_schema(request=Input, responses=NoticeOut)
    def post(self, request, pk: int):
        data = self.validated(self.Input)
        return Response(NoticeOut(notice_withdraw(notice_id=pk, user=request.user, **data)).data)
