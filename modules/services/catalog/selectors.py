"""Reads of the special-services catalog (S-01, S-08)."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Q
from django.utils import timezone

from modules.services.catalog.models import (
    ACTIVE,
    PENDING,
    CatalogEvent,
    ServiceItem,
    ServiceProposal,
    ServiceRate,
)


def local_day(at: datetime | None = None) -> date:
    return timezone.localdate(at or timezone.now())


def rate_in_force(*, item_id: int, at: datetime | None = None) -> ServiceRate | None:
    """S-08: the item's rate version in force at `at` (now by default): the latest effective by that day."""
    return (ServiceRate.objects.filter(item_id=item_id, effective_from__lte=local_day(at))
            .order_by("-effective_from", "-id").first())


def rate_upcoming(*, item_id: int, at: datetime | None = None) -> ServiceRate | None:
    return (ServiceRate.objects.filter(item_id=item_id, effective_from__gt=local_day(at))
            .order_by("effective_from", "id").first())


def rate_history(*, item_id: int):
    """Every version, newest date first (S-08: the history stays visible)."""
    return ServiceRate.objects.filter(item_id=item_id).order_by("-effective_from", "-id")


def item_is_open(item: ServiceItem, *, day: date) -> bool:
    """Bookable on `day`: active, or stopped from a later date."""
    return item.status == ACTIVE or (item.stopped_from is not None and day < item.stopped_from)


def items_for_office(*, office_id: int):
    """The catalog items an office may offer: those listing it, or listing no office at all."""
    return (ServiceItem.objects.filter(Q(offices__isnull=True) | Q(offices__id=office_id)).distinct()
            .order_by("category", "code"))


def item_get(*, item_id: int) -> ServiceItem | None:
    return ServiceItem.objects.filter(pk=item_id).first()


def catalog_overview(*, at: datetime | None = None) -> list[dict]:
    """Each item with its rate in force and the next scheduled one (one small query per item; the
    catalog is a few dozen items for the whole group)."""
    rows = []
    for item in ServiceItem.objects.prefetch_related("offices").order_by("category", "code"):
        rows.append({"item": item, "rate": rate_in_force(item_id=item.pk, at=at),
                     "upcoming": rate_upcoming(item_id=item.pk, at=at)})
    return rows


def proposals_pending():
    return ServiceProposal.objects.filter(status=PENDING).select_related("office", "item", "proposed_by")


def proposals_of_office(*, office_id: int):
    return ServiceProposal.objects.filter(office_id=office_id).select_related("item", "decided_by")


def proposals_all():
    return ServiceProposal.objects.select_related("office", "item", "proposed_by", "decided_by")


def proposal_get(*, proposal_id: int, office_id: int | None = None) -> ServiceProposal | None:
    """A proposal; with `office_id`, only that office's own (another office's is 404)."""
    qs = proposals_all().filter(pk=proposal_id)
    if office_id is not None:
        qs = qs.filter(office_id=office_id)
    return qs.first()


def catalog_events(*, entity: str, entity_id: int):
    return CatalogEvent.objects.filter(entity=entity, entity_id=entity_id).select_related("user")
