"""Change one's own password (R-01..R-04), on every host; the only API call besides the token that a
user holding a one-time password may make."""

from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.base import TenantAPIView
from modules.people.services import password_change


class PasswordChangeApi(TenantAPIView):
    allowed_before_password_change = True

    class Input(serializers.Serializer):
        old_password = serializers.CharField(max_length=128, trim_whitespace=False)
        new_password = serializers.CharField(max_length=128, trim_whitespace=False)

    class Output(serializers.Serializer):
        changed = serializers.BooleanField()

    @extend_schema(request=Input, responses=Output)
    def post(self, request):
        data = self.validated(self.Input)
        user = password_change(user=request.user, tenant=request.tenant, **data)
        if request.auth is None:  # a session (not a token): it stays logged in on this host
            update_session_auth_hash(request._request, user)
        return Response({"changed": True})
