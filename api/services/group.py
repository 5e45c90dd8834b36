"""Special-services catalog API: the general manager's approvals on the hq host (S-01) and the group
administrators' catalog on the apex host (R-03, S-08)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.base import TenantAPIView, found
from api.pagination import Pagination
from api.services.views import ProposalOut, RateOut
from core import limits
from modules.services.catalog import selectors
from modules.services.catalog.services import item_offices_set, proposal_approve, proposal_reject


class HqProposalOut(ProposalOut):
    office = serializers.CharField(source="office.name")

    class Meta(ProposalOut.Meta):
        fields = [*ProposalOut.Meta.fields, "office"]


class HqProposalListApi(TenantAPIView):
    """S-01: every office's proposals, pending first."""

    required_perm = "hq.service_proposals"
    pagination_class = Pagination

    @extend_schema(responses=HqProposalOut(many=True))
    def get(self, request):
        return self.paginate(selectors.proposals_all().order_by("-status", "-proposed_at", "-id"), HqProposalOut)


class _Decide(TenantAPIView):
    required_perm = "hq.service_approve"

    class Input(serializers.Serializer):
        reason = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")


class HqProposalApproveApi(_Decide):
    """S-01: the general manager approves; the item, rate or stop enters the catalog."""

    @extend_schema(request=_Decide.Input, responses=HqProposalOut)
    def post(self, request, pk: int):
        found(selectors.proposal_get(proposal_id=pk))
        return Response(HqProposalOut(proposal_approve(proposal_id=pk, user=request.user,
                                                       **self.validated(self.Input))).data)


class HqProposalRejectApi(_Decide):
    """S-01: the general manager rejects, with a reason."""

    @extend_schema(request=_Decide.Input, responses=HqProposalOut)
    def post(self, request, pk: int):
        found(selectors.proposal_get(proposal_id=pk))
        return Response(HqProposalOut(proposal_reject(proposal_id=pk, user=request.user,
                                                      **self.validated(self.Input))).data)


class CatalogItemOut(serializers.Serializer):
    id = serializers.IntegerField(source="item.pk")
    code = serializers.CharField(source="item.code")
    name = serializers.CharField(source="item.name")
    category = serializers.CharField(source="item.category")
    unit = serializers.CharField(source="item.unit")
    status = serializers.CharField(source="item.status")
    stopped_from = serializers.DateField(source="item.stopped_from", allow_null=True)
    office_ids = serializers.SerializerMethodField()
    rate = RateOut(allow_null=True)
    upcoming = RateOut(allow_null=True)
    history = serializers.SerializerMethodField()

    def get_office_ids(self, row) -> list[int]:
        return [office.pk for office in row["item"].offices.all()]

    def get_history(self, row) -> list[dict]:
        return RateOut(selectors.rate_history(item_id=row["item"].pk), many=True).data


class CatalogItemListApi(TenantAPIView):
    """S-08: the group's items with the rate in force, the next one and the whole history."""

    required_perm = "catalog.manage"

    @extend_schema(responses=CatalogItemOut(many=True))
    def get(self, request):
        return Response(CatalogItemOut(selectors.catalog_overview(), many=True).data)


class CatalogItemOfficesApi(TenantAPIView):
    """R-03: which offices may offer an item (an empty list: every office)."""

    required_perm = "catalog.manage"

    class Input(serializers.Serializer):
        office_ids = serializers.ListField(child=serializers.IntegerField(), max_length=1000)

    @extend_schema(request=Input, responses=CatalogItemOut)
    def post(self, request, pk: int):
        item = item_offices_set(item_id=pk, user=request.user, **self.validated(self.Input))
        from modules.services.catalog.selectors import rate_in_force, rate_upcoming

        row = {"item": item, "rate": rate_in_force(item_id=item.pk), "upcoming": rate_upcoming(item_id=item.pk)}
        return Response(CatalogItemOut(row).data)
