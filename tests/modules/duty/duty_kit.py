"""Helpers shared by the duty tests (module and API): roster lines and shift instances."""

from __future__ import annotations

from datetime import date

FUTURE = date(2031, 5, 12)  # a Monday far ahead: nobody is late for it
PAST = date(2025, 3, 10)


def person(world, role, office="alpha"):
    return world.users[(office, role)]


def assign(world, role, shift_code, day, office="alpha"):
    """Put the office's user of `role` on `shift_code` on `day` (call inside in_tenant)."""
    from modules.duty.models import ShiftTemplate
    from modules.duty.services.roster import assignment_add

    shift = ShiftTemplate.objects.get(code=shift_code)
    return assignment_add(user=person(world, "cs_supervisor", office), day=day, shift_id=shift.pk,
                          person_id=person(world, role, office).pk)


def instance(shift_code, day):
    from modules.duty.models import ShiftTemplate
    from modules.duty.services.instances import shift_instance_ensure

    return shift_instance_ensure(shift=ShiftTemplate.objects.get(code=shift_code), day=day)


def at(day, hh, mm=0):
    from datetime import time

    from modules.duty.shifts import local_dt

    return local_dt(day, time(hh, mm))
