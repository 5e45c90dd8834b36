"""The people of the host's tenant (issue 7 §5): the ids that `assignee_id`, `person_id` and
`substitute_id` take, with name and role. Office hosts list the office's staff, the head-office host
its staff; another tenant's people never appear (R-04)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers

from api.base import TenantAPIView
from api.pagination import Pagination
from core.permissions import PERMISSIONS, perms_of, role_label
from tenants.selectors import member_list


class PersonOut(serializers.Serializer):
    id = serializers.IntegerField(source="user_id", help_text="the user id other endpoints take")
    username = serializers.CharField(source="user.username")
    name = serializers.CharField(source="user.display_name")
    role = serializers.CharField()
    role_label = serializers.SerializerMethodField()
    permissions = serializers.SerializerMethodField()

    def get_role_label(self, membership) -> str:
        return role_label(membership.role)

    def get_permissions(self, membership) -> list[str]:
        return sorted(perms_of(membership.role))


class PeopleFilter(serializers.Serializer):
    perm = serializers.ChoiceField(choices=sorted(PERMISSIONS), required=False,
                                   help_text="only people whose role holds this permission")
    q = serializers.CharField(required=False, default="", max_length=64, help_text="part of a name")


class _PeopleApi(TenantAPIView):
    pagination_class = Pagination

    @extend_schema(parameters=[PeopleFilter], responses=PersonOut(many=True))
    def get(self, request):
        f = self.query(PeopleFilter)
        return self.paginate(member_list(tenant=request.tenant, perm=f.get("perm"), q=f["q"]), PersonOut)


class OfficePeopleApi(_PeopleApi):
    """The office's people (office hosts)."""

    required_perm = "people.view"


class HqPeopleApi(_PeopleApi):
    """Head office's people (the hq host)."""

    required_perm = "hq.inbox"
