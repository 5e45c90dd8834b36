"""Every office's people for the group administrators (R-03, R-04), on the apex host: paged and
searchable; lock and unlock an account everywhere at once; reset a password."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.accounts.people_manage import AccountEventOut, OneTimePasswordOut
from api.base import TenantAPIView, found
from api.pagination import Pagination
from core.permissions import role_label
from modules.people import selectors, services


class GroupMemberOut(serializers.Serializer):
    id = serializers.IntegerField(source="user_id")
    username = serializers.CharField(source="user.username")
    name = serializers.CharField(source="user.display_name")
    tenant = serializers.CharField(source="tenant.slug")
    tenant_name = serializers.CharField(source="tenant.name")
    role = serializers.CharField()
    role_label = serializers.SerializerMethodField()
    is_active = serializers.BooleanField()
    account_locked = serializers.SerializerMethodField()

    def get_role_label(self, membership) -> str:
        return role_label(membership.role)

    def get_account_locked(self, membership) -> bool:
        return not membership.user.is_active


class AccountOut(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    username = serializers.CharField()
    name = serializers.CharField(source="display_name")
    phone = serializers.CharField()
    is_active = serializers.BooleanField(help_text="false: locked everywhere")
    memberships = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()

    def get_memberships(self, user) -> list[dict]:
        return GroupMemberOut(self.context["memberships"], many=True).data

    def get_events(self, user) -> list[dict]:
        return AccountEventOut(self.context["events"], many=True).data


class SearchIn(serializers.Serializer):
    q = serializers.CharField(required=False, default="", max_length=100,
                              help_text="part of a name, username, phone or office name")


class NoteIn(serializers.Serializer):
    note = serializers.CharField(required=False, default="", allow_blank=True, max_length=200)


class GroupPeopleApi(TenantAPIView):
    required_perm = "people.admin"
    pagination_class = Pagination

    @extend_schema(parameters=[SearchIn], responses=GroupMemberOut(many=True))
    def get(self, request):
        return self.paginate(selectors.group_people(q=self.query(SearchIn)["q"]), GroupMemberOut)


class _AccountApi(TenantAPIView):
    required_perm = "people.admin"

    def account(self, pk: int):
        return found(selectors.user_get_for_admin(user_id=pk), "没有此账号。")

    def out(self, user) -> Response:
        return Response(AccountOut(user, context={"memberships": selectors.memberships_of_user(user=user),
                                                  "events": selectors.account_events(user=user)}).data)


class GroupPersonApi(_AccountApi):
    @extend_schema(responses=AccountOut)
    def get(self, request, pk: int):
        return self.out(self.account(pk))


class GroupPersonLockApi(_AccountApi):
    @extend_schema(request=NoteIn, responses=AccountOut)
    def post(self, request, pk: int):
        """Lock everywhere at once: every session and token of theirs stops working."""
        self.account(pk)
        user = services.user_lock(admin=request.user, tenant=request.tenant, user_id=pk, **self.validated(NoteIn))
        return self.out(user)


class GroupPersonUnlockApi(_AccountApi):
    @extend_schema(request=NoteIn, responses=AccountOut)
    def post(self, request, pk: int):
        self.account(pk)
        user = services.user_unlock(admin=request.user, tenant=request.tenant, user_id=pk, **self.validated(NoteIn))
        return self.out(user)


class GroupPersonPasswordResetApi(_AccountApi):
    @extend_schema(request=None, responses=OneTimePasswordOut)
    def post(self, request, pk: int):
        user = self.account(pk)
        password = services.password_reset_by_admin(admin=request.user, tenant=request.tenant, user_id=pk)
        return Response({"id": pk, "username": user.username, "one_time_password": password})
