"""The caller's in-app notifications on this host (issue 7 §5): list, mark read. Scoped to the
host's tenant and the user: another tenant's or another user's notification is 404 (R-04)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.base import TenantAPIView
from api.pagination import Pagination
from core.notifications.models import Notification
from core.notifications.selectors import notifications_for
from core.notifications.services import notification_mark_read


class NotificationOut(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = ["id", "title", "body", "url", "created_at", "read_at"]


class NotificationFilter(serializers.Serializer):
    unread = serializers.BooleanField(required=False, default=False, help_text="only those not read yet")


class NotificationListApi(TenantAPIView):
    """Newest first. Every member has their own: no role is needed."""

    pagination_class = Pagination

    @extend_schema(parameters=[NotificationFilter], responses=NotificationOut(many=True))
    def get(self, request):
        unread = self.query(NotificationFilter)["unread"]
        return self.paginate(notifications_for(user=request.user, tenant=request.tenant, unread_only=unread),
                             NotificationOut)


class NotificationReadApi(TenantAPIView):
    @extend_schema(request=None, responses=NotificationOut)
    def post(self, request, pk: int):
        note = notification_mark_read(user=request.user, tenant=request.tenant, notification_id=pk)
        return Response(NotificationOut(note).data)
