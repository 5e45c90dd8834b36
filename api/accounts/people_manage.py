"""One person of the host's tenant, for its managers (R-01/R-02, R-04): their membership and audit
trail; change the role, end the membership, reset the password. A person of another tenant is 404."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.accounts.people import PersonOut
from api.base import TenantAPIView, found
from core.permissions import ALL_ROLES
from modules.people import selectors, services


class AccountEventOut(serializers.Serializer):
    at = serializers.DateTimeField(source="created_at")
    kind = serializers.CharField()
    role_from = serializers.CharField()
    role_to = serializers.CharField()
    actor = serializers.SerializerMethodField()
    tenant = serializers.SerializerMethodField()
    note = serializers.CharField()

    def get_actor(self, event) -> str:
        return str(event.actor) if event.actor_id else ""

    def get_tenant(self, event) -> str:
        return event.tenant.slug if event.tenant_id else ""


class PersonDetailOut(PersonOut):
    phone = serializers.CharField(source="user.phone")
    account_locked = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()

    def get_account_locked(self, membership) -> bool:
        return not membership.user.is_active

    def get_events(self, membership) -> list[dict]:
        return AccountEventOut(self.context["events"], many=True).data


class OneTimePasswordOut(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    one_time_password = serializers.CharField(help_text="shown only in this answer")


class _PersonApi(TenantAPIView):
    required_perm = "people.manage"

    def person(self, pk: int):
        return found(selectors.person_get_for_manager(manager=self.membership, user_id=pk), "没有此人员。")


class PersonApi(_PersonApi):
    @extend_schema(responses=PersonDetailOut)
    def get(self, request, pk: int):
        membership = self.person(pk)
        events = selectors.account_events(user=membership.user, tenant=request.tenant)
        return Response(PersonDetailOut(membership, context={"events": events}).data)


class PersonRoleApi(_PersonApi):
    class Input(serializers.Serializer):
        role = serializers.ChoiceField(choices=sorted(ALL_ROLES))

    @extend_schema(request=Input, responses=PersonOut)
    def post(self, request, pk: int):
        self.person(pk)
        data = self.validated(self.Input)
        membership = services.membership_role_change(manager=self.membership, user_id=pk, role=data["role"])
        return Response(PersonOut(membership).data)


class PersonEndApi(_PersonApi):
    class Input(serializers.Serializer):
        note = serializers.CharField(required=False, default="", allow_blank=True, max_length=200)

    @extend_schema(request=Input, responses=PersonOut)
    def post(self, request, pk: int):
        """The person left: refused on this host from their next request; the row stays."""
        self.person(pk)
        data = self.validated(self.Input)
        return Response(PersonOut(services.membership_end(manager=self.membership, user_id=pk, **data)).data)


class PersonPasswordResetApi(_PersonApi):
    @extend_schema(request=None, responses=OneTimePasswordOut)
    def post(self, request, pk: int):
        membership = self.person(pk)
        password = services.password_reset_by_manager(manager=self.membership, user_id=pk)
        return Response({"id": pk, "username": membership.user.username, "one_time_password": password})

