"""The people of the host's tenant (issue 7 §5, issue 9 §1): the ids that `assignee_id`, `person_id`
and `substitute_id` take, with name and role; for managers (R-01/R-02) also those who left, and adding
a person. Office hosts list the office's staff, the head-office host its staff; another tenant's
people never appear (R-04)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from api.base import TenantAPIView
from api.pagination import Pagination
from core.permissions import ALL_ROLES, PERMISSIONS, has_perm, perms_of, role_label
from modules.people.selectors import ACTIVE, STATUSES, people_of_tenant
from modules.people.services import person_add
from tenants.selectors import member_list


class PersonOut(serializers.Serializer):
    id = serializers.IntegerField(source="user_id", help_text="the user id other endpoints take")
    username = serializers.CharField(source="user.username")
    name = serializers.CharField(source="user.display_name")
    role = serializers.CharField()
    role_label = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()
    is_active = serializers.BooleanField(help_text="false: the person left (ended_at)")
    ended_at = serializers.DateTimeField(allow_null=True)

    def get_role_label(self, membership) -> str:
        return role_label(membership.role)

    def get_permissions(self, membership) -> list[str]:
        return sorted(perms_of(membership.role))


class PeopleFilter(serializers.Serializer):
    perm = serializers.ChoiceField(choices=sorted(PERMISSIONS), required=False,
                                   help_text="only people whose role holds this permission")
    q = serializers.CharField(required=False, default="", max_length=64, help_text="part of a name")
    status = serializers.ChoiceField(choices=STATUSES, required=False, default=ACTIVE,
                                     help_text="active (default), ended or all; ended and all need people.manage")


class PersonAddIn(serializers.Serializer):
    role = serializers.ChoiceField(choices=sorted(ALL_ROLES))
    existing = serializers.CharField(required=False, default="", allow_blank=True, max_length=150,
                                     help_text="an existing group account's exact username or phone (R-04)")
    username = serializers.CharField(required=False, default="", allow_blank=True, max_length=150,
                                     help_text="a new account's username (when `existing` is empty)")
    display_name = serializers.CharField(required=False, default="", allow_blank=True, max_length=64)
    phone = serializers.CharField(required=False, default="", allow_blank=True, max_length=32)
    email = serializers.EmailField(required=False, default="", allow_blank=True, max_length=254)


class PersonAddedOut(PersonOut):
    one_time_password = serializers.CharField(help_text="a new account's one-time password, shown only here; "
                                                         "empty for an existing account")


class _PeopleApi(TenantAPIView):
    pagination_class = Pagination
    view_perm = ""

    @extend_schema(parameters=[PeopleFilter], responses=PersonOut(many=True))
    def get(self, request):
        f = self.query(PeopleFilter)
        if f["status"] != ACTIVE:
            if not has_perm(request.membership.role, "people.manage"):
                raise PermissionDenied("您的角色无权查看离职人员。")
            return self.paginate(people_of_tenant(tenant=request.tenant, q=f["q"], status=f["status"]), PersonOut)
        return self.paginate(member_list(tenant=request.tenant, perm=f.get("perm"), q=f["q"]), PersonOut)

    @extend_schema(request=PersonAddIn, responses={201: PersonAddedOut})
    def post(self, request):
        """Add a person with a role (R-01/R-02, R-04): an existing account or a new one with a one-time
        password, returned once."""
        data = self.validated(PersonAddIn)
        membership, password = person_add(manager=request.membership, tenant=request.tenant, **data)
        membership.one_time_password = password
        return Response(PersonAddedOut(membership).data, status=201)


class OfficePeopleApi(_PeopleApi):
    """The office's people (office hosts)."""

    required_perm = {"GET": "people.view", "POST": "people.manage"}


class HqPeopleApi(_PeopleApi):
    """Head office's people (the hq host)."""

    required_perm = {"GET": "hq.inbox", "POST": "people.manage"}
