"""Edits of buildings, units and households (P-01). Nothing is deleted: a place no longer used is
deactivated, and only once nothing active remains under it. Every change is a PlaceEvent row; a
household's type corrected (住户 ↔ 企业) is recorded as a `kind_corrected` event of its own."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction

from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.residents.models import Building, Household, PlaceEvent, Resident, Unit


def _text(value, *, field: str, label: str, limit: int, required: bool, errors: dict) -> str:
    text = (value or "").strip()
    if required and not text:
        errors[field] = [f"{label}不能为空。"]
    elif len(text) > limit:
        errors[field] = [f"{label}最多 {limit} 字。"]
    return text


def _raise_if(errors: dict) -> None:
    if errors:
        raise ValidationFailed(next(iter(errors.values()))[0], fields=errors)


def _locked(model, pk: int, what: str):
    row = model.objects.select_for_update().filter(pk=pk).first()
    if row is None:
        raise NotFound(f"没有这个{what}。")
    return row


def _event(*, entity: str, row, action: str, user, changes: dict, note: str = "") -> None:
    PlaceEvent.objects.create(entity=entity, entity_id=row.pk, action=action, by_id=getattr(user, "pk", None),
                              by_name=str(user) if user else "", changes=changes, note=(note or "")[:255])


def _save(*, entity: str, row, changes: dict, user, note: str, clash_field: str, clash_message: str) -> None:
    """Write the changed fields and their events: activity changes as deactivated/reactivated, a
    household type change as kind_corrected, the rest as updated."""
    for key, (_old, new) in changes.items():
        setattr(row, key, new)
    try:
        with transaction.atomic():
            row.save(update_fields=list(changes))
    except IntegrityError as exc:  # a unique name taken meanwhile (or by an active twin)
        raise ValidationFailed(clash_message, fields={clash_field: [clash_message]}) from exc
    plain = {k: v for k, v in changes.items() if k not in ("is_active", "kind")}
    if plain:
        _event(entity=entity, row=row, action=PlaceEvent.UPDATED, user=user, changes=_jsonable(plain), note=note)
    if "kind" in changes:
        _event(entity=entity, row=row, action=PlaceEvent.KIND_CORRECTED, user=user,
               changes={"kind": changes["kind"]}, note=note)
    if "is_active" in changes:
        action = PlaceEvent.REACTIVATED if changes["is_active"][1] else PlaceEvent.DEACTIVATED
        _event(entity=entity, row=row, action=action, user=user, changes={"is_active": changes["is_active"]},
               note=note)


def _jsonable(changes: dict) -> dict:
    return {k: [None if v is None else str(v) for v in pair] for k, pair in changes.items()}


def _diff(row, clean: dict) -> dict:
    return {k: [getattr(row, k), v] for k, v in clean.items() if getattr(row, k) != v}


@transaction.atomic
def building_update(*, building_id: int, data: dict, user=None, note: str = "") -> Building:
    """Rename a building, change its note, deactivate it (only with no active unit) or reactivate it."""
    building = _locked(Building, building_id, "楼栋")
    errors: dict = {}
    clean = {}
    if "name" in data:
        clean["name"] = _text(data["name"], field="name", label="楼栋", limit=64, required=True, errors=errors)
    if "note" in data:
        clean["note"] = _text(data["note"], field="note", label="备注", limit=255, required=False, errors=errors)
    if "is_active" in data:
        clean["is_active"] = bool(data["is_active"])
    _raise_if(errors)
    changes = _diff(building, clean)
    if changes.get("is_active", [True, True])[1] is False and building.units.filter(is_active=True).exists():
        raise NotAllowedNow("该楼栋还有启用的房号，请先停用房号。", code="building_has_active_units")
    _save(entity=PlaceEvent.BUILDING, row=building, changes=changes, user=user, note=note, clash_field="name",
          clash_message="该楼栋已存在。")
    return building


def _area(value, errors: dict):
    if value in (None, ""):
        return None
    try:
        area = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        errors["area_m2"] = ["面积应为数字。"]
        return None
    if area <= 0 or area >= Decimal("1000000"):
        errors["area_m2"] = ["面积应大于 0 且小于 1000000。"]
    return area


@transaction.atomic
def unit_update(*, unit_id: int, data: dict, user=None, note: str = "") -> Unit:
    """Correct a unit's number, floor or area; deactivate it (only with no household in residence)."""
    unit = _locked(Unit, unit_id, "房号")
    errors: dict = {}
    clean = {}
    if "number" in data:
        clean["number"] = _text(data["number"], field="number", label="房号", limit=32, required=True,
                                errors=errors)
    if "floor" in data:
        clean["floor"] = _text(data["floor"], field="floor", label="楼层", limit=16, required=False, errors=errors)
    if "area_m2" in data:
        clean["area_m2"] = _area(data["area_m2"], errors)
    if "is_active" in data:
        clean["is_active"] = bool(data["is_active"])
    _raise_if(errors)
    changes = _diff(unit, clean)
    if changes.get("is_active", [True, True])[1] is False and unit.households.filter(is_active=True).exists():
        raise NotAllowedNow("该房号还有在住的住户，请先停用住户。", code="unit_has_active_households")
    _save(entity=PlaceEvent.UNIT, row=unit, changes=changes, user=user, note=note, clash_field="number",
          clash_message="该楼栋已有这个房号。")
    return unit


@transaction.atomic
def household_update(*, household_id: int, data: dict, user=None, note: str = "") -> Household:
    """Rename a household, correct its type (住户/企业, recorded as a correction), its move-in date;
    deactivate it (only when no resident of it is active) or reactivate it."""
    household = _locked(Household, household_id, "住户")
    errors: dict = {}
    clean = {}
    if "name" in data:
        clean["name"] = _text(data["name"], field="name", label="户名", limit=128, required=True, errors=errors)
    if "kind" in data:
        clean["kind"] = data["kind"]
        if clean["kind"] not in dict(Household.KINDS):
            errors["kind"] = ["类型应为 住户 或 企业。"]
    if "moved_in" in data:
        clean["moved_in"] = data["moved_in"]
    if "is_active" in data:
        clean["is_active"] = bool(data["is_active"])
    _raise_if(errors)
    changes = _diff(household, clean)
    if changes.get("is_active", [True, True])[1] is False and Resident.objects.filter(
            household=household, is_active=True).exists():
        raise NotAllowedNow("该户还有有效的住户成员，请先将其标记为失效。", code="household_has_active_residents")
    _save(entity=PlaceEvent.HOUSEHOLD, row=household, changes=changes, user=user, note=note, clash_field="name",
          clash_message="该房号已有同名住户。")
    return household
