"""API access: the user must be a member of the host's tenant (else 404, R-04) and hold the permission
the view names in `required_perm` (core/permissions.py)."""

from __future__ import annotations

from rest_framework.exceptions import NotAuthenticated, NotFound, PermissionDenied
from rest_framework.permissions import BasePermission

from core.permissions import has_perm
from tenants.selectors import membership_get


class PasswordChangeRequired(PermissionDenied):
    """The user logged in with a one-time password and has not set their own yet (R-01..R-04)."""

    default_code = "password_change_required"
    default_detail = "请先修改密码（首次登录或密码已被重置）：POST /api/v1/auth/password/。"


class IsTenantMember(BasePermission):
    def has_permission(self, request, view) -> bool:
        if not request.user or not request.user.is_authenticated:
            raise NotAuthenticated()
        django_request = request._request
        membership = getattr(django_request, "membership", None)
        if membership is None or membership.user_id != request.user.pk:
            # token users were unknown to MembershipMiddleware: look them up now
            membership = membership_get(user=request.user, tenant=django_request.tenant)
            django_request.membership = membership
        if membership is None:
            raise NotFound()
        request.membership = membership
        if getattr(request.user, "must_change_password", False) and not getattr(
                view, "allowed_before_password_change", False):
            raise PasswordChangeRequired()
        perm = getattr(view, "required_perm", None)
        if isinstance(perm, dict):
            perm = perm.get(request.method, perm.get("*"))
        if perm and not has_perm(request.membership.role, perm):
            raise PermissionDenied("您的角色无权执行此操作。")
        return True
