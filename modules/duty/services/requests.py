"""Leave and swaps (D-03): requested by staff, decided by the supervisor who names the substitute.
The roster changes only on approval: the old assignment is superseded by a new one, never deleted."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.duty.models import Assignment, DutyRequest
from modules.duty.people import office_person
from modules.duty.services.events import duty_event_write, person_name


def _move(*, assignment: Assignment, to_user, by) -> Assignment:
    """Supersede `assignment` with the same shift for `to_user`."""
    new = Assignment.objects.create(date=assignment.date, shift=assignment.shift, user_id=to_user.pk,
                                    user_name=person_name(to_user), created_by_id=by.pk)
    assignment.status, assignment.superseded_by = Assignment.SUPERSEDED, new
    assignment.save(update_fields=["status", "superseded_by"])
    duty_event_write(object_type="assignment", object_id=assignment.pk, kind="superseded", user=by,
                     from_status=Assignment.ACTIVE, to_status=Assignment.SUPERSEDED, note=f"→ {new.user_name}")
    return new


@transaction.atomic
def duty_request_create(*, user, assignment_id: int, kind: str, reason: str,
                        swap_with_id: int | None = None) -> DutyRequest:
    """D-03: a staff member asks for leave or a swap of one of their own shifts."""
    assignment = Assignment.objects.filter(pk=assignment_id, user_id=user.pk).first()
    errors = {}
    if assignment is None:
        errors["assignment"] = ["不是您的排班"]
    if kind not in {DutyRequest.LEAVE, DutyRequest.SWAP}:
        errors["kind"] = ["类型无效"]
    if not (reason or "").strip():
        errors["reason"] = ["请填写事由"]
    swap_with = None
    if swap_with_id:
        swap_with = Assignment.objects.filter(pk=swap_with_id, status=Assignment.ACTIVE).exclude(
            user_id=user.pk).first()
        if swap_with is None:
            errors["swap_with"] = ["没有这条可调换的排班"]
    if errors:
        raise ValidationFailed("申请填写有误", fields=errors)
    if assignment.status != Assignment.ACTIVE:
        raise NotAllowedNow("这条排班已被替换", code="assignment_superseded")
    if assignment.requests.filter(status=DutyRequest.PENDING).exists():
        raise NotAllowedNow("这条排班已有待审批的申请", code="request_pending")
    request = DutyRequest.objects.create(
        kind=kind, assignment=assignment, swap_with=swap_with if kind == DutyRequest.SWAP else None,
        requester_id=user.pk, requester_name=person_name(user), reason=reason.strip())
    duty_event_write(object_type="request", object_id=request.pk, kind="requested", user=user,
                     to_status=DutyRequest.PENDING)
    return request


def _transition(request: DutyRequest, to: str) -> None:
    if to not in DutyRequest.TRANSITIONS[request.status]:
        raise NotAllowedNow("该申请已处理", code="request_decided")


def _apply(*, request: DutyRequest, user, substitute) -> None:
    """D-03: the roster changes only now, on approval."""
    for line in filter(None, [request.assignment, request.swap_with]):
        if line.status != Assignment.ACTIVE:
            raise NotAllowedNow("排班已变化，请重新申请", code="assignment_superseded")
    requester = office_person(user_id=request.requester_id)
    if request.swap_with is not None and substitute is None:
        counterpart = office_person(user_id=request.swap_with.user_id)
        if counterpart is None or requester is None:
            raise NotAllowedNow("调班双方须为本管理处人员", code="person_not_member")
        _move(assignment=request.assignment, to_user=counterpart, by=user)
        _move(assignment=request.swap_with, to_user=requester, by=user)
        return
    _move(assignment=request.assignment, to_user=substitute, by=user)


@transaction.atomic
def duty_request_decide(*, user, request_id: int, approve: bool, substitute_id: int | None = None,
                        note: str = "") -> DutyRequest:
    """D-03: the supervisor approves (naming the substitute) or refuses; history kept in events."""
    request = DutyRequest.objects.select_for_update().filter(pk=request_id).first()
    if request is None:
        raise NotFound("没有这个申请")
    to = DutyRequest.APPROVED if approve else DutyRequest.REFUSED
    _transition(request, to)
    if request.requester_id == user.pk:
        raise NotAllowedNow("不能审批自己的申请", code="own_request")
    substitute = office_person(user_id=substitute_id) if substitute_id else None
    if approve:
        if substitute_id and (substitute is None or substitute.pk == request.requester_id):
            raise ValidationFailed("顶班人无效", fields={"substitute": ["顶班人无效"]})
        if substitute is None and request.swap_with is None:
            raise ValidationFailed("请指定顶班人", fields={"substitute": ["请指定顶班人"]})
        _apply(request=request, user=user, substitute=substitute)
    if substitute is not None:
        request.substitute_id, request.substitute_name = substitute.pk, person_name(substitute)
    elif approve:
        request.substitute_id, request.substitute_name = request.swap_with.user_id, request.swap_with.user_name
    from_status, request.status = request.status, to
    request.decided_by_id, request.decided_by_name = user.pk, person_name(user)
    request.decided_at, request.decision_note = timezone.now(), note.strip()
    request.save()
    duty_event_write(object_type="request", object_id=request.pk, kind="decided", user=user,
                     from_status=from_status, to_status=to, note=note)
    return request


@transaction.atomic
def duty_request_withdraw(*, user, request_id: int) -> DutyRequest:
    request = DutyRequest.objects.select_for_update().filter(pk=request_id, requester_id=user.pk).first()
    if request is None:
        raise NotFound("没有这个申请")
    _transition(request, DutyRequest.WITHDRAWN)
    request.status = DutyRequest.WITHDRAWN
    request.save(update_fields=["status"])
    duty_event_write(object_type="request", object_id=request.pk, kind="withdrawn", user=user,
                     from_status=DutyRequest.PENDING, to_status=DutyRequest.WITHDRAWN)
    return request
