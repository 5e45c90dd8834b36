"""Reads of residents and property (P-01). Office schema only: another office's rows are not here."""

from __future__ import annotations

import re

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Reverse

from core.validators import normalize_phone
from modules.residents.models import (
    Building,
    Household,
    PlaceEvent,
    Resident,
    ResidentEvent,
    RosterImportJob,
    Unit,
)

HOUSEHOLD_SEARCH_LIMIT = 20
LOOKUP_MAX_LENGTH = 64  # what the lookup field accepts (forms, API)


def _unit_q(text: str, prefix: str) -> Q:
    """`1栋-101` (building-unit, as labels print) or a bare unit number `101`."""
    if "-" in text:
        building, number = text.rsplit("-", 1)
        return Q(**{f"{prefix}building__name__iexact": building.strip(),
                    f"{prefix}number__iexact": number.strip()})
    return Q(**{f"{prefix}number__iexact": text})


def resident_list(*, q: str = "", building_id: int | None = None, unit_number: str = "",
                  relation: str = "", household_id: int | None = None,
                  include_inactive: bool = False) -> QuerySet[Resident]:
    """Residents with their household, unit and building loaded (one query per page, whatever its size).
    `q` matches the name, the phone, the unit number (`101` or `1栋-101`) or the household name."""
    qs = Resident.objects.select_related("household__unit__building")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if building_id:
        qs = qs.filter(household__unit__building_id=building_id)
    if unit_number:
        qs = qs.filter(_unit_q(unit_number.strip(), "household__unit__"))
    if relation:
        qs = qs.filter(relation=relation)
    if household_id:
        qs = qs.filter(household_id=household_id)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(phone__contains=normalize_phone(q) or q)
                       | _unit_q(q, "household__unit__") | Q(household__name__icontains=q))
    return qs


def resident_get(*, pk: int) -> Resident | None:
    return Resident.objects.select_related("household__unit__building").filter(pk=pk).first()


def resident_events(*, resident: Resident) -> QuerySet[ResidentEvent]:
    return resident.events.all()


_BUILDING_SUFFIXES = ("栋", "幢", "座", "号楼")
_SPLIT = re.compile(r"^(?P<b>.+?(?:栋|幢|座|号楼))\s*[-－—–/\\\s]?\s*(?P<u>.*)$"  # 1栋2, 1栋-201, 1号楼 201
                    r"|^(?P<b2>[^-－—–/\\\s]+)\s*[-－—–/\\\s]\s*(?P<u2>.*)$")  # A-201, 1-2, 3 101
_PHONE_LIKE = re.compile(r"^[+\d\s()-]+$")
_NATURAL = ("unit__building__sort_key", "unit__sort_key", "id")


def _building_q(name: str) -> Q:
    """A building as typed: its name (case ignored), or a bare number standing for 「1栋」/「1号楼」…"""
    match = Q(unit__building__name__iexact=name)
    if name.isdigit():
        match |= Q(unit__building__name__in=[name + suffix for suffix in _BUILDING_SUFFIXES])
    return match


def _lookup_branches(q: str) -> list[Q]:
    """P-02: what a partial lookup can mean, each branch served by an index (residents 0006):
    a building with the start of a room (`1栋`, `1栋-2`, `1栋201`), the start of a room number (`10`),
    the start of a household's or a resident's name, the start or the end of a phone (`1380013`, `5678`)."""
    branches = [_building_q(q), Q(unit__number__istartswith=q), Q(name__istartswith=q),
                Q(residents__name__istartswith=q, residents__is_active=True)]
    split = _SPLIT.match(q)
    if split:
        building = (split.group("b") or split.group("b2") or "").strip()
        room = (split.group("u") if split.group("b") else split.group("u2")) or ""
        branches.append(_building_q(building) & Q(unit__number__istartswith=room.strip()))
    phone = normalize_phone(q)
    digits = re.sub(r"\D", "", phone)
    if _PHONE_LIKE.match(q) and len(digits) >= 4:
        branches.append(Q(residents__phone__startswith=phone, residents__is_active=True))
        branches.append(Q(id__in=Resident.objects.annotate(reversed_phone=Reverse("phone"))
                          .filter(reversed_phone__startswith=phone[::-1], is_active=True).values("household_id")))
    return branches


def household_search(*, q: str, limit: int = HOUSEHOLD_SEARCH_LIMIT) -> list[Household]:
    """Active households for the autocomplete of 登记投诉 (P-02: a complaint names its household), in natural
    order (P-01), at most `limit`: a partial unit, a resident's or household's name, a phone or its last
    digits (`_lookup_branches`). Each carries `.active_residents`. Three queries whatever matches: the
    branches' first `limit` ids each (one UNION, every branch on its index), the households, their people."""
    q = (q or "").strip()[:LOOKUP_MAX_LENGTH]
    if not q:
        return []
    live = Household.objects.filter(is_active=True, unit__is_active=True)
    parts = [live.filter(match).order_by(*_NATURAL).values_list("id", flat=True)[:limit]
             for match in _lookup_branches(q)]
    ids = set(parts[0].union(*parts[1:]))
    residents = Prefetch("residents", queryset=Resident.objects.filter(is_active=True).order_by("id"),
                         to_attr="active_residents")
    return list(Household.objects.filter(id__in=ids).select_related("unit__building").order_by(*_NATURAL)
                .prefetch_related(residents)[:limit])


def building_list() -> QuerySet[Building]:
    return Building.objects.annotate(unit_count=Count("units")).order_by("sort_key", "id")  # P-01 natural


def building_counted_get(*, pk: int) -> Building | None:
    """One building with its `unit_count`, as `building_list` gives it."""
    return building_list().filter(pk=pk).first()


def unit_list(*, building_id: int | None = None) -> QuerySet[Unit]:
    qs = Unit.objects.select_related("building")
    return qs.filter(building_id=building_id) if building_id else qs


def roster_file_get(*, pk: str):
    """The uploaded roster kept between preview and confirm (a StoredFile of this office)."""
    from core.files.models import StoredFile

    return StoredFile.objects.filter(pk=pk).first()


def household_members(*, household_id: int) -> QuerySet[Resident]:
    return Resident.objects.filter(household_id=household_id).order_by("-is_active", "id")


def household_get(*, pk: int) -> Household | None:
    return Household.objects.select_related("unit__building").filter(pk=pk).first()


def building_get(*, pk: int) -> Building | None:
    return Building.objects.filter(pk=pk).first()


def unit_get(*, pk: int) -> Unit | None:
    return Unit.objects.select_related("building").filter(pk=pk).first()


def unit_households(*, unit_id: int) -> QuerySet[Household]:
    return Household.objects.filter(unit_id=unit_id).order_by("-is_active", "id")


def place_events(*, entity: str, entity_id: int) -> QuerySet[PlaceEvent]:
    """P-01: the edits of a building, unit or household, newest first."""
    return PlaceEvent.objects.filter(entity=entity, entity_id=entity_id)


def roster_job_get(*, pk) -> RosterImportJob | None:
    """An import job of this office (another office's jobs live in its own schema: not found here)."""
    try:
        return RosterImportJob.objects.filter(pk=int(pk)).first()
    except (TypeError, ValueError):
        return None


def roster_job_progress(*, job: RosterImportJob) -> dict:
    """What the progress page polls: the status, and rows done of rows total (while the import runs, the
    count the worker last reported through the cache; services/roster_jobs.py)."""
    done, total = job.rows_done, job.rows_total
    if job.status == RosterImportJob.RUNNING:
        from django.core.cache import cache

        from modules.residents.services.roster_jobs import roster_job_progress_key

        try:
            done, total = cache.get(roster_job_progress_key(job.pk)) or (done, total)
        except Exception:  # noqa: BLE001 — Redis down: the bar stays where it was
            pass
    return {"id": job.pk, "status": job.status, "status_label": str(dict(RosterImportJob.STATUSES)[job.status]),
            "rows_done": done, "rows_total": total, "created": job.created, "updated": job.updated,
            "unchanged": job.unchanged, "rejected": job.rejected,
            "finished": job.status in (RosterImportJob.DONE, RosterImportJob.FAILED)}


def roster_jobs_recent(*, limit: int = 5) -> list[RosterImportJob]:
    """The office's latest import jobs, for the import page (back to a job's progress or result)."""
    return list(RosterImportJob.objects.defer("outcomes", "errors").order_by("-created_at", "-id")[:limit])
