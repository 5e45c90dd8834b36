"""Tokens for API clients (issue 7 §5): obtain with a username and password, revoke.

The same gate as the login page: django-axes counts each failure and, once the account is locked on
this address, refuses even the right password (429); a user who is not a member of this host's
tenant gets no token (404, R-04). One token per user (DRF's authtoken): every request made with it
is checked against the membership of the host it is sent to."""

from __future__ import annotations

from django.contrib.auth import authenticate, user_logged_in
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from api.base import TenantAPIView
from api.errors import error_body
from api.permissions import IsTenantMember
from tenants.selectors import membership_get


class _ObtainOrRevoke(BasePermission):
    """POST is open to anyone (it is the way in), but a caller that is already authenticated must be
    a member here like everywhere else; DELETE needs a member."""

    def has_permission(self, request, view) -> bool:
        if request.method == "POST" and not request.user.is_authenticated:
            return True
        return IsTenantMember().has_permission(request, view)


class TokenApi(TenantAPIView):
    permission_classes = [_ObtainOrRevoke]
    allowed_before_password_change = True  # a one-time password gets a token to change it with

    class Input(serializers.Serializer):
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=128, trim_whitespace=False)

    class Output(serializers.Serializer):
        token = serializers.CharField()
        username = serializers.CharField()
        role = serializers.CharField()

    @extend_schema(request=Input, responses={
        200: Output, 429: OpenApiResponse(description="Locked out after too many failures (django-axes)."),
    }, auth=[])
    def post(self, request):
        data = self.validated(self.Input)
        django_request = request._request
        user = authenticate(request=django_request, username=data["username"], password=data["password"])
        if getattr(django_request, "axes_locked_out", False):
            django_request.axes_locked_out = False  # answered here in the API's shape, not axes' page
            return Response(error_body("locked_out", _("失败次数过多，账号已暂时锁定，请稍后再试。")),
                            status=status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None:
            message = _("用户名或密码不正确。")
            return Response(error_body("invalid_credentials", message, {"password": [message]}),
                            status=status.HTTP_400_BAD_REQUEST)
        membership = membership_get(user=user, tenant=django_request.tenant)
        if membership is None:
            raise NotFound()  # this tenant does not exist for them
        user_logged_in.send(sender=type(user), request=django_request, user=user)  # axes resets the count
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key, "username": user.username, "role": membership.role})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        """Revoke the caller's token (on every host: there is one per user)."""
        Token.objects.filter(user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
