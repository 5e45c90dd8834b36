"""Reads of residents and property (P-01)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from modules.residents.models import Resident


def resident_list(*, q: str = "", building_id: int | None = None) -> QuerySet[Resident]:
    qs = Resident.objects.select_related("household__unit__building").filter(is_active=True)
    if building_id:
        qs = qs.filter(household__unit__building_id=building_id)
    if q:
        q = q.strip()
        qs = qs.filter(Q(name__icontains=q) | Q(phone__contains=q) | Q(household__unit__number__icontains=q)
                       | Q(household__name__icontains=q))
    return qs


def resident_get(*, pk: int) -> Resident | None:
    return Resident.objects.select_related("household__unit__building").filter(pk=pk).first()
