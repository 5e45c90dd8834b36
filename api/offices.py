"""Office search for the hq and apex hosts: matching offices by name or slug, paged and bounded, so a page
that lets one pick an office never lists every office (issue 8: pages flat in the number of offices)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers

from api.base import TenantAPIView
from api.pagination import Pagination
from core import limits
from tenants.selectors import office_search


class OfficeSearchPagination(Pagination):
    page_size = 20
    max_page_size = 50


class OfficeHitOut(serializers.Serializer):
    slug = serializers.SlugField(max_length=63)
    name = serializers.CharField(max_length=128)


class OfficeSearchApi(TenantAPIView):
    """Active offices whose name or slug contains `q`, by name (20 a page, at most 50)."""

    required_perm = "hq.inbox"
    pagination_class = OfficeSearchPagination

    @extend_schema(parameters=[OpenApiParameter("q", str, description="text in the office's name or slug"),
                               OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
                   responses=OfficeHitOut(many=True))
    def get(self, request):
        q = request.query_params.get("q", "")[:limits.NAME]
        return self.paginate(office_search(q=q).prefetch_related(None).only("slug", "name"), OfficeHitOut)
