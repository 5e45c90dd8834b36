from rest_framework import generics, serializers

from api.permissions import IsTenantMember
from modules.residents.models import Resident
from modules.residents.selectors import resident_list


class ResidentOut(serializers.ModelSerializer):
    unit = serializers.CharField(source="household.unit.label", read_only=True)

    class Meta:
        model = Resident
        fields = ["id", "name", "relation", "phone", "unit", "household"]


class ResidentListApi(generics.ListAPIView):
    permission_classes = [IsTenantMember]
    required_perm = "residents.view"
    serializer_class = ResidentOut

    def get_queryset(self):
        return resident_list(q=self.request.query_params.get("q", ""))
