"""Reads of residents and property (P-01). Office schema only: another office's rows are not here."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

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


def household_search(*, q: str, limit: int = HOUSEHOLD_SEARCH_LIMIT) -> list[Household]:
    """Active households for an autocomplete (P-02: a complaint names its household), by unit number
    (`101`, `1栋-101`), household name or a resident's phone. Each carries `.active_residents`."""
    q = (q or "").strip()
    if not q:
        return []
    phone = normalize_phone(q)
    match = _unit_q(q, "unit__") | Q(name__icontains=q)
    if len(phone) >= 4 and phone.replace("-", "").isdigit():
        match |= Q(residents__phone__contains=phone, residents__is_active=True)
    ids = (Household.objects.filter(match, is_active=True).order_by("unit__building__sort_key", "unit__sort_key", "id")
           .values_list("id", flat=True).distinct()[:limit])
    residents = Prefetch("residents", queryset=Resident.objects.filter(is_active=True).order_by("id"),
                         to_attr="active_residents")
    return list(Household.objects.filter(id__in=list(ids)).select_related("unit__building")
                .prefetch_related(residents))


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
