"""D-03: leave and swaps change the roster only on the supervisor's approval."""

import pytest

from core.errors import NotAllowedNow, ValidationFailed
from tests.modules.duty.duty_kit import FUTURE, assign, person

pytestmark = pytest.mark.django_db


def _active(shift_code, day):
    from modules.duty.models import Assignment

    return sorted(Assignment.objects.filter(shift__code=shift_code, date=day, status="active")
                  .values_list("user_name", flat=True))


def test_swap_changes_nothing_until_approved_D03(world, in_tenant):
    from modules.duty.services.requests import duty_request_create, duty_request_decide

    with in_tenant(world.alpha):
        mine = assign(world, "duty_officer", "day", FUTURE)
        theirs = assign(world, "cs_staff", "night", FUTURE)
        request = duty_request_create(user=person(world, "duty_officer"), assignment_id=mine.pk, kind="swap",
                                      reason="家中有事", swap_with_id=theirs.pk)
        assert _active("day", FUTURE) == ["alpha_duty_officer"]
        assert _active("night", FUTURE) == ["alpha_cs_staff"]
        duty_request_decide(user=person(world, "cs_supervisor"), request_id=request.pk, approve=True)
        assert _active("day", FUTURE) == ["alpha_cs_staff"]
        assert _active("night", FUTURE) == ["alpha_duty_officer"]
        mine.refresh_from_db()
        assert mine.status == "superseded" and mine.superseded_by.user_name == "alpha_cs_staff"


def test_leave_approval_needs_a_substitute_named_by_supervisor_D03(world, in_tenant):
    from modules.duty.models import DutyEvent
    from modules.duty.services.requests import duty_request_create, duty_request_decide

    with in_tenant(world.alpha):
        mine = assign(world, "duty_officer", "day", FUTURE)
        request = duty_request_create(user=person(world, "duty_officer"), assignment_id=mine.pk, kind="leave",
                                      reason="病假")
        with pytest.raises(ValidationFailed) as missing:
            duty_request_decide(user=person(world, "cs_supervisor"), request_id=request.pk, approve=True)
        assert "substitute" in missing.value.fields
        assert _active("day", FUTURE) == ["alpha_duty_officer"]
        duty_request_decide(user=person(world, "cs_supervisor"), request_id=request.pk, approve=True,
                            substitute_id=person(world, "cs_leader").pk)
        assert _active("day", FUTURE) == ["alpha_cs_leader"]
        events = DutyEvent.objects.filter(object_type="request", object_id=request.pk)
        assert [e.to_status for e in events] == ["pending", "approved"]


def test_refused_request_leaves_roster_and_cannot_be_decided_again_D03(world, in_tenant):
    from modules.duty.services.requests import duty_request_create, duty_request_decide

    with in_tenant(world.alpha):
        mine = assign(world, "duty_officer", "day", FUTURE)
        request = duty_request_create(user=person(world, "duty_officer"), assignment_id=mine.pk, kind="leave",
                                      reason="私事")
        duty_request_decide(user=person(world, "cs_supervisor"), request_id=request.pk, approve=False,
                            note="人手不足")
        assert _active("day", FUTURE) == ["alpha_duty_officer"]
        with pytest.raises(NotAllowedNow) as again:
            duty_request_decide(user=person(world, "cs_supervisor"), request_id=request.pk, approve=True,
                                substitute_id=person(world, "cs_leader").pk)
        assert again.value.code == "request_decided"


def test_substitute_from_another_office_refused_D03(world, in_tenant):
    from modules.duty.services.requests import duty_request_create, duty_request_decide

    with in_tenant(world.alpha):
        mine = assign(world, "duty_officer", "day", FUTURE)
        request = duty_request_create(user=person(world, "duty_officer"), assignment_id=mine.pk, kind="leave",
                                      reason="病假")
        with pytest.raises(ValidationFailed) as bad:
            duty_request_decide(user=person(world, "cs_supervisor"), request_id=request.pk, approve=True,
                                substitute_id=person(world, "cs_staff", "beta").pk)
        assert "substitute" in bad.value.fields


def test_only_own_assignment_can_be_requested_D03(world, in_tenant):
    from modules.duty.services.requests import duty_request_create

    with in_tenant(world.alpha):
        theirs = assign(world, "cs_staff", "day", FUTURE)
        with pytest.raises(ValidationFailed) as bad:
            duty_request_create(user=person(world, "duty_officer"), assignment_id=theirs.pk, kind="leave",
                                reason="x")
        assert "assignment" in bad.value.fields
