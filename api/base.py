"""Base API classes: thin views that call services and selectors (DESIGN.md convention 1)."""

from __future__ import annotations

from rest_framework.views import APIView

from api.permissions import IsTenantMember


class TenantAPIView(APIView):
    permission_classes = [IsTenantMember]
    required_perm: str | dict | None = None

    @property
    def membership(self):
        return self.request.membership
