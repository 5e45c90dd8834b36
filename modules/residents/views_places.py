"""Pages to edit buildings, units and households (P-01): correct or deactivate, never delete; each
page shows the place's change record."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.errors import ApplicationError
from core.permissions import has_perm
from core.web import apply_error, require_perm
from modules.residents import selectors
from modules.residents.forms import BuildingChoiceForm, BuildingEditForm, HouseholdEditForm, UnitEditForm
from modules.residents.models import PlaceEvent
from modules.residents.services import building_update, household_update, unit_update


def _found(obj):
    if obj is None:
        raise Http404("no such place")
    return obj


def _edit(request, *, row, entity: str, form_class, fields: tuple, service, id_arg: str, title: str, back: str):
    form = form_class(request.POST or None, initial={f: getattr(row, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "change_note"}
        try:
            service(**{id_arg: row.pk}, data=data, user=request.user, note=form.cleaned_data["change_note"])
        except ApplicationError as exc:
            apply_error(form, exc)
        else:
            messages.success(request, _("已保存"))
            return redirect(request.path)
    return render(request, "residents/place_edit.html", {
        "form": form, "title": title, "back": back,
        "events": selectors.place_events(entity=entity, entity_id=row.pk)[:50]}, status=400 if form.errors else 200)


@require_perm("residents.view")
def building_list_view(request):
    choice = BuildingChoiceForm(request.GET)
    building_id = choice.cleaned_data["building"] if choice.is_valid() else None
    chosen = selectors.building_get(pk=building_id) if building_id else None
    return render(request, "residents/buildings.html", {
        "buildings": selectors.building_list(), "chosen": chosen, "choice": choice,
        "units": selectors.unit_list(building_id=chosen.pk).prefetch_related("households") if chosen else [],
        "can_edit": has_perm(request.membership.role, "residents.edit")}, status=400 if choice.errors else 200)


@require_perm("residents.edit")
def building_edit_view(request, pk: int):
    building = _found(selectors.building_get(pk=pk))
    return _edit(request, row=building, entity=PlaceEvent.BUILDING, form_class=BuildingEditForm,
                 fields=("name", "note", "is_active"), service=building_update, id_arg="building_id",
                 title=_("修改楼栋：%s") % building.name, back=f"/residents/buildings/?building={pk}")


@require_perm("residents.edit")
def unit_edit_view(request, pk: int):
    unit = _found(selectors.unit_get(pk=pk))
    return _edit(request, row=unit, entity=PlaceEvent.UNIT, form_class=UnitEditForm,
                 fields=("number", "floor", "area_m2", "is_active"), service=unit_update, id_arg="unit_id",
                 title=_("修改房号：%s") % unit.label, back=f"/residents/buildings/?building={unit.building_id}")


@require_perm("residents.edit")
def household_edit_view(request, pk: int):
    household = _found(selectors.household_get(pk=pk))
    return _edit(request, row=household, entity=PlaceEvent.HOUSEHOLD, form_class=HouseholdEditForm,
                 fields=("name", "kind", "moved_in", "is_active"), service=household_update,
                 id_arg="household_id", title=_("修改住户：%(unit)s %(name)s") % {
                     "unit": household.unit.label, "name": household.name},
                 back=f"/residents/buildings/?building={household.unit.building_id}")
