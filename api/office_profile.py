"""管理处信息 API (C-01): the office's details the residents' public pages publish (the duty phone).
Anyone working in the office reads them; the office director changes them."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from api.base import TenantAPIView
from tenants import services


class OfficeProfileOut(serializers.Serializer):
    slug = serializers.SlugField(max_length=63)
    name = serializers.CharField(max_length=128)
    duty_phone = serializers.CharField(max_length=32)


class OfficeProfileIn(serializers.Serializer):
    duty_phone = serializers.CharField(max_length=32, allow_blank=True)


class OfficeProfileApi(TenantAPIView):
    required_perm = {"GET": "people.view", "PATCH": "office.profile"}

    @extend_schema(responses=OfficeProfileOut)
    def get(self, request):
        return Response(OfficeProfileOut(request.tenant).data)

    @extend_schema(request=OfficeProfileIn, responses=OfficeProfileOut)
    def patch(self, request):
        data = self.validated(OfficeProfileIn)
        office = services.office_profile_update(user=request.user, office=request.tenant, **data)
        return Response(OfficeProfileOut(office).data)
