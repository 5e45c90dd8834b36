"""Writes of residents and property (P-01): buildings → units → households → residents.

Every write validates its input (ValidationFailed names the field), runs in one transaction and leaves
a ResidentEvent row for each resident it creates or changes. Nothing is deleted: a resident who moved
out is marked inactive. The roster import (an .xlsx file read by `modules.residents.roster`) is
all-or-nothing and idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction

from core.errors import NotFound, ValidationFailed
from core.files.models import StoredFile
from core.validators import is_valid_phone, normalize_phone
from modules.residents.models import Building, Household, Resident, ResidentEvent, Unit
from modules.residents.roster import RosterRow, RosterUnreadable, roster_read
from modules.residents.services.places import building_update, household_update, unit_update  # noqa: F401

PHONE_MESSAGE = "请输入有效的手机号（11 位）或带区号的固定电话（如 021-12345678）。"
RESIDENT_FIELDS = ("name", "relation", "phone", "email", "note", "is_active")


def _required_text(value, *, field: str, label: str, model, errors: dict) -> str:
    text = (value or "").strip()
    limit = model._meta.get_field(field).max_length
    if not text:
        errors[field] = [f"{label}不能为空。"]
    elif len(text) > limit:
        errors[field] = [f"{label}最多 {limit} 字。"]
    return text


def _raise_if(errors: dict) -> None:
    if errors:
        first = next(iter(errors.values()))[0]
        raise ValidationFailed(first, fields=errors)


def _event(*, resident: Resident, action: str, user=None, changes: dict | None = None, note: str = "") -> None:
    ResidentEvent.objects.create(resident=resident, action=action, by_id=getattr(user, "pk", None),
                                 by_name=str(user) if user else "", changes=changes or {}, note=note)


def building_create(*, name: str, note: str = "") -> Building:
    errors: dict = {}
    name = _required_text(name, field="name", label="楼栋", model=Building, errors=errors)
    if not errors and Building.objects.filter(name=name).exists():
        errors["name"] = ["该楼栋已存在。"]
    _raise_if(errors)
    return Building.objects.create(name=name, note=(note or "").strip()[:255])


def unit_create(*, building: Building, number: str, floor: str = "") -> Unit:
    errors: dict = {}
    number = _required_text(number, field="number", label="房号", model=Unit, errors=errors)
    if not errors and Unit.objects.filter(building=building, number=number).exists():
        errors["number"] = [f"{building.name} 已有房号 {number}。"]
    _raise_if(errors)
    return Unit.objects.create(building=building, number=number, floor=(floor or "").strip()[:16])


def household_create(*, unit: Unit, name: str, kind: str = Household.HOME, moved_in=None) -> Household:
    """A household (住户) or an enterprise (企业) in a unit (P-01)."""
    errors: dict = {}
    name = _required_text(name, field="name", label="户名", model=Household, errors=errors)
    if kind not in dict(Household.KINDS):
        errors["kind"] = ["类型应为 住户 或 企业。"]
    if not errors and Household.objects.filter(unit=unit, name=name, is_active=True).exists():
        errors["name"] = [f"{unit.label} 已有户名“{name}”。"]
    _raise_if(errors)
    return Household.objects.create(unit=unit, name=name, kind=kind, moved_in=moved_in)


def _place_names(building_name: str, unit_number: str, household_name: str) -> tuple[str, str, str]:
    errors: dict = {}
    names = []
    for value, field, label, model, model_field in (
            (building_name, "building", "楼栋", Building, "name"),
            (unit_number, "unit_number", "房号", Unit, "number"),
            (household_name, "household_name", "户名", Household, "name")):
        found: dict = {}
        names.append(_required_text(value, field=model_field, label=label, model=model, errors=found))
        if found:
            errors[field] = found[model_field]
    _raise_if(errors)
    return names[0], names[1], names[2]


@transaction.atomic
def household_ensure(*, building_name: str, unit_number: str, household_name: str,
                     kind: str = Household.HOME) -> Household:
    """The active household so named in that building and unit, created (with its building and unit)
    when missing (P-01). An existing household keeps its type. A deactivated building or unit takes no
    one new: it is reactivated first, on its edit page."""
    building_name, unit_number, household_name = _place_names(building_name, unit_number, household_name)
    if kind not in dict(Household.KINDS):
        raise ValidationFailed("类型应为 住户 或 企业。", fields={"kind": ["类型应为 住户 或 企业。"]})
    building, _ = Building.objects.get_or_create(name=building_name)
    if not building.is_active:
        raise ValidationFailed(f"楼栋 {building_name} 已停用。", fields={"building": [f"楼栋 {building_name} 已停用"]})
    unit, _ = Unit.objects.get_or_create(building=building, number=unit_number)
    if not unit.is_active:
        raise ValidationFailed(f"房号 {unit.label} 已停用。", fields={"unit_number": [f"房号 {unit.label} 已停用"]})
    household, _ = Household.objects.get_or_create(unit=unit, name=household_name, is_active=True,
                                                   defaults={"kind": kind})
    return household


def _clean_resident(data: dict, *, partial: bool) -> dict:
    """Checked, normalised resident fields (P-01: phone is a mainland mobile or a landline)."""
    errors: dict = {}
    clean: dict = {}
    if not partial or "name" in data:
        clean["name"] = _required_text(data.get("name"), field="name", label="姓名", model=Resident, errors=errors)
    if not partial or "relation" in data:
        clean["relation"] = data.get("relation") or Resident.OWNER
        if clean["relation"] not in dict(Resident.RELATIONS):
            errors["relation"] = ["身份应为 业主、租户 或 家属。"]
    if not partial or "phone" in data:
        clean["phone"] = normalize_phone(str(data.get("phone") or ""))
        if not is_valid_phone(clean["phone"]):
            errors["phone"] = [PHONE_MESSAGE]
    if not partial or "email" in data:
        clean["email"] = (data.get("email") or "").strip()
        try:
            if clean["email"]:
                validate_email(clean["email"])
        except ValidationError:
            errors["email"] = ["请输入有效的邮箱地址。"]
    if not partial or "note" in data:
        clean["note"] = (data.get("note") or "").strip()
        if len(clean["note"]) > 255:
            errors["note"] = ["备注最多 255 字。"]
    if "is_active" in data:
        clean["is_active"] = bool(data["is_active"])
    _raise_if(errors)
    return clean


def _check_unique(*, household_id: int, name: str, phone: str, exclude_pk: int | None = None) -> None:
    clash = Resident.objects.filter(household_id=household_id, name=name, phone=phone).exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationFailed("该户已有同名、同电话的住户。", fields={"phone": ["该户已有同名、同电话的住户。"]})


@transaction.atomic
def resident_create(*, household: Household, name: str, phone: str, relation: str = Resident.OWNER,
                    email: str = "", note: str = "", user=None) -> Resident:
    """A resident of a household (P-01), with a 新建 event."""
    clean = _clean_resident({"name": name, "phone": phone, "relation": relation, "email": email,
                             "note": note}, partial=False)
    _check_unique(household_id=household.pk, name=clean["name"], phone=clean["phone"])
    resident = Resident.objects.create(household=household, **clean)
    _event(resident=resident, action=ResidentEvent.CREATED, user=user)
    return resident


@transaction.atomic
def resident_register(*, building_name: str, unit_number: str, household_name: str,
                      kind: str = Household.HOME, name: str, phone: str, relation: str = Resident.OWNER,
                      email: str = "", note: str = "", user=None) -> Resident:
    """A resident named by building, unit number and household name; the place is created if new."""
    clean = _clean_resident({"name": name, "phone": phone, "relation": relation, "email": email,
                             "note": note}, partial=False)
    household = household_ensure(building_name=building_name, unit_number=unit_number,
                                 household_name=household_name or clean["name"], kind=kind)
    return resident_create(household=household, user=user, **clean)


@transaction.atomic
def resident_update(*, resident_id: int, data: dict, user=None) -> Resident:
    """Change a resident's fields (only those given). The row is locked; the change is an event row."""
    resident = Resident.objects.select_for_update().filter(pk=resident_id).first()
    if resident is None:
        raise NotFound("没有这位住户。")
    clean = _clean_resident({k: v for k, v in data.items() if k in RESIDENT_FIELDS}, partial=True)
    changes = {k: [getattr(resident, k), v] for k, v in clean.items() if getattr(resident, k) != v}
    if not changes:
        return resident
    _check_unique(household_id=resident.household_id, name=clean.get("name", resident.name),
                  phone=clean.get("phone", resident.phone), exclude_pk=resident.pk)
    for key, (_old, new) in changes.items():
        setattr(resident, key, new)
    try:
        with transaction.atomic():
            resident.save(update_fields=[*changes, "updated_at"])
    except IntegrityError as exc:  # a concurrent write took the same name + phone in this household
        raise ValidationFailed("该户已有同名、同电话的住户。", fields={"phone": ["该户已有同名、同电话的住户。"]}) from exc
    _event(resident=resident, action=ResidentEvent.UPDATED, user=user, changes=changes)
    return resident


# --- roster import (P-01) ---------------------------------------------------------------------------

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROSTER_MAX_BYTES = 5 * 1024 * 1024


@dataclass
class RosterPreview:
    rows: list[RosterRow]
    errors: list[dict]  # {"row": n, "column": "电话", "message": "..."}

    @property
    def is_valid(self) -> bool:
        return not self.errors

    @property
    def counts(self) -> dict:
        return {action: sum(1 for row in self.rows if row.action == action)
                for action in ("create", "update", "unchanged")}

    def error_lines(self) -> list[str]:
        return [f"第 {e['row']} 行「{e['column']}」：{e['message']}" for e in self.errors]


def roster_upload_store(*, upload: UploadedFile, user=None) -> StoredFile:
    """Keep an uploaded roster (.xlsx up to 5 MB) so the confirm step reads the very same file."""
    if upload.size > ROSTER_MAX_BYTES:
        raise ValidationFailed("文件不能超过 5 MB。", fields={"file": ["文件过大（上限 5 MB）"]})
    head = upload.read(4)
    upload.seek(0)
    if head != b"PK\x03\x04" or not upload.name.lower().endswith(".xlsx"):
        raise ValidationFailed("只接受 Excel .xlsx 文件。", fields={"file": ["请上传 .xlsx 格式的住户名册"]})
    return StoredFile.objects.create(file=upload, original_name=upload.name[:255], content_type=XLSX_TYPE,
                                     size=upload.size, uploaded_by_id=getattr(user, "pk", None))


def _existing_residents(rows: list[RosterRow]) -> dict[tuple, Resident]:
    buildings = {row.values["building"] for row in rows}
    found = Resident.objects.select_related("household__unit__building").filter(
        household__unit__building__name__in=buildings, household__is_active=True)
    return {(r.household.unit.building.name, r.household.unit.number, r.household.name, r.name, r.phone): r
            for r in found}


def _row_action(row: RosterRow, existing: Resident | None) -> str:
    if existing is None:
        return "create"
    same = existing.relation == row.values["relation"] and existing.note == row.values["note"]
    return "unchanged" if same else "update"


def roster_parse(*, file) -> RosterPreview:
    """The preview of a roster: every row with what importing it would do, and the errors by row number
    and column. Raises ValidationFailed (field `file`) when the file is no readable roster."""
    try:
        rows = roster_read(file)
    except RosterUnreadable as exc:
        raise ValidationFailed(str(exc), code="roster_unreadable", fields={"file": [str(exc)]}) from exc
    existing = _existing_residents(rows)
    errors = []
    for row in rows:
        errors += [{"row": row.number, "column": column, "message": message}
                    for column, message in row.errors.items()]
        if not row.errors:
            row.action = _row_action(row, existing.get(row.key))
    return RosterPreview(rows=rows, errors=errors)


def _import_row(row: RosterRow, *, user, households: dict, source: str) -> str:
    v = row.values
    place = row.key[:3]
    if place not in households:
        households[place] = household_ensure(building_name=v["building"], unit_number=v["unit"],
                                             household_name=v["household"], kind=v["kind"])
    household = households[place]
    where = f"名册{source and f'《{source}》'}第 {row.number} 行"
    resident, created = Resident.objects.get_or_create(
        household=household, name=v["name"], phone=v["phone"],
        defaults={"relation": v["relation"], "note": v["note"]})
    if created:
        _event(resident=resident, action=ResidentEvent.IMPORTED, user=user, note=where)
        return "created"
    resident = Resident.objects.select_for_update().get(pk=resident.pk)  # an edit may be saving it now
    changes = {k: [getattr(resident, k), v[k]] for k in ("relation", "note") if getattr(resident, k) != v[k]}
    if not changes:
        return "unchanged"
    for key, (_old, new) in changes.items():
        setattr(resident, key, new)
    resident.save(update_fields=[*changes, "updated_at"])
    _event(resident=resident, action=ResidentEvent.UPDATED, user=user, changes=changes, note=where)
    return "updated"


PROGRESS_EVERY = 50  # rows between two progress reports of a background import


@transaction.atomic
def roster_import(*, file, user=None, source: str = "", progress=None, outcomes: list | None = None) -> dict:
    """Import a roster all-or-nothing (P-01): any row error and nothing is written. Idempotent: a
    resident is matched by building + unit + household name + resident name + phone, so importing the
    same file again creates nothing. Imports of one office run one at a time (a transaction-scoped
    advisory lock), so two clerks confirming at once cannot double a row. Returns counts of residents
    created / updated / unchanged; `source` (the file name) goes into each event's note.

    A background job (services/roster_jobs.py) passes `progress(done, total)`, called every few rows, and
    `outcomes`, filled with [row number, action, "place name"] for its result page."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':residents.roster'))")
    preview = roster_parse(file=file)
    if not preview.is_valid:
        lines = preview.error_lines()
        exc = ValidationFailed(f"名册有 {len(lines)} 处错误，未导入任何数据。", code="roster_invalid",
                               fields={"file": lines})
        exc.row_errors, exc.rows_total = preview.errors, len(preview.rows)  # for a job's result page
        raise exc
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    households: dict = {}
    total = len(preview.rows)
    for done, row in enumerate(preview.rows, start=1):
        action = _import_row(row, user=user, households=households, source=source)
        counts[action] += 1
        if outcomes is not None:
            v = row.values
            outcomes.append([row.number, action, f"{v['building']}-{v['unit']} {v['name']}"])
        if progress and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)
    return counts
