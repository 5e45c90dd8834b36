from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from api.base import TenantAPIView
from core.permissions import perms_of, role_label


class MeApi(TenantAPIView):
    """Who am I on this host: user, tenant, role and what the role may do."""

    @extend_schema(responses=inline_serializer("Me", {
        "username": serializers.CharField(), "display_name": serializers.CharField(),
        "tenant": serializers.CharField(), "tenant_type": serializers.CharField(),
        "role": serializers.CharField(), "role_label": serializers.CharField(),
        "permissions": serializers.ListField(child=serializers.CharField()),
    }))
    def get(self, request):
        role = request.membership.role
        return Response({
            "username": request.user.username,
            "display_name": request.user.display_name,
            "tenant": request.tenant.slug,
            "tenant_type": request.tenant.type,
            "role": role,
            "role_label": role_label(role),
            "permissions": sorted(perms_of(role)),
        })


class PingApi(TenantAPIView):
    """The framework's floor: authenticated, a member of this host's tenant, returns a constant."""

    @extend_schema(responses=inline_serializer("Pong", {"pong": serializers.BooleanField()}))
    def get(self, request):
        return Response({"pong": True})
