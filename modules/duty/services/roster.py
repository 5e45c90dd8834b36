"""Shifts, posts and the monthly roster (D-01)."""

from __future__ import annotations

from datetime import date, time

from django.db import IntegrityError, transaction

from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.duty.models import Assignment, Post, ShiftTemplate
from modules.duty.people import office_person
from modules.duty.services.events import duty_event_write, person_name


def _require(fields: dict) -> None:
    errors = {name: ["必填"] for name, value in fields.items() if value in (None, "")}
    if errors:
        raise ValidationFailed("请填写必填项", fields=errors)


@transaction.atomic
def post_save(*, user, name: str, checklist: list[str], post_id: int | None = None,
              is_active: bool = True) -> Post:
    """D-01/D-05: a post and the items handed over on it. Without `post_id`, a post of the same name
    is updated (the settings form is keyed by name); otherwise a new post is made."""
    _require({"name": (name or "").strip()})
    items = [str(item).strip() for item in checklist if str(item).strip()]
    if post_id:
        post = Post.objects.select_for_update().filter(pk=post_id).first()
    else:
        post = Post.objects.select_for_update().filter(name=name.strip()).first() or Post()
    if post is None:
        raise NotFound("没有这个岗位")
    if Post.objects.filter(name=name.strip()).exclude(pk=post.pk).exists():
        raise ValidationFailed("岗位名称重复", fields={"name": ["岗位名称重复"]})
    post.name, post.checklist, post.is_active = name.strip(), items, is_active
    post.save()
    duty_event_write(object_type="post", object_id=post.pk, kind="saved", user=user, note=", ".join(items))
    return post


@transaction.atomic
def shift_template_save(*, user, code: str, name: str, start: time, end: time, post_id: int | None = None,
                        keeps_log: bool = True, is_active: bool = True, order: int = 0,
                        shift_id: int | None = None) -> ShiftTemplate:
    """D-01: shifts are configurable per office; end <= start means the shift ends the next day.
    Without `shift_id`, the shift of the same code is updated (the settings form is keyed by code)."""
    _require({"code": (code or "").strip(), "name": (name or "").strip(), "start": start, "end": end})
    if start == end:
        raise ValidationFailed("开始和结束时间不能相同", fields={"end": ["开始和结束时间不能相同"]})
    locked = ShiftTemplate.objects.select_for_update()
    if shift_id:
        shift = locked.filter(pk=shift_id).first()
    else:
        shift = locked.filter(code=code.strip()).first() or ShiftTemplate()
    if shift is None:
        raise NotFound("没有这个班次")
    if ShiftTemplate.objects.filter(code=code.strip()).exclude(pk=shift.pk).exists():
        raise ValidationFailed("班次代码重复", fields={"code": ["班次代码重复"]})
    post = Post.objects.filter(pk=post_id).first() if post_id else None
    if post_id and post is None:
        raise ValidationFailed("没有这个岗位", fields={"post": ["没有这个岗位"]})
    shift.code, shift.name, shift.start, shift.end = code.strip(), name.strip(), start, end
    shift.post, shift.keeps_log, shift.is_active, shift.order = post, keeps_log, is_active, order
    shift.save()
    duty_event_write(object_type="shift", object_id=shift.pk, kind="saved", user=user, note=str(shift))
    return shift


@transaction.atomic
def assignment_add(*, user, day: date, shift_id: int, person_id: int) -> Assignment:
    """D-01: put a member of the office on a shift of a date."""
    shift = ShiftTemplate.objects.filter(pk=shift_id, is_active=True).first()
    person = office_person(user_id=person_id)
    errors = {}
    if shift is None:
        errors["shift"] = ["没有这个班次"]
    if person is None:
        errors["person"] = ["不是本管理处的值班人员"]
    if day is None:
        errors["date"] = ["必填"]
    if errors:
        raise ValidationFailed("排班填写有误", fields=errors)
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(date=day, shift=shift, user_id=person.pk,
                                                   user_name=person_name(person), created_by_id=user.pk)
    except IntegrityError as exc:
        raise NotAllowedNow("此人该班次已排班", code="already_assigned") from exc
    duty_event_write(object_type="assignment", object_id=assignment.pk, kind="assigned", user=user,
                     to_status=Assignment.ACTIVE)
    return assignment


@transaction.atomic
def assignment_withdraw(*, user, assignment_id: int, note: str = "") -> Assignment:
    """A roster line entered by mistake is superseded (kept), not deleted."""
    assignment = Assignment.objects.select_for_update().filter(pk=assignment_id).first()
    if assignment is None:
        raise NotFound("没有这条排班")
    if assignment.status != Assignment.ACTIVE:
        raise NotAllowedNow("这条排班已被替换", code="assignment_superseded")
    if assignment.requests.filter(status="pending").exists():
        raise NotAllowedNow("有待审批的请假/调班申请", code="request_pending")
    assignment.status = Assignment.SUPERSEDED
    assignment.save(update_fields=["status"])
    duty_event_write(object_type="assignment", object_id=assignment.pk, kind="withdrawn", user=user,
                     from_status=Assignment.ACTIVE, to_status=Assignment.SUPERSEDED, note=note)
    return assignment


@transaction.atomic
def roster_fill(*, user, shift_id: int, person_id: int, start: date, end: date) -> list[Assignment]:
    """D-01: put one person on one shift for every date of a range (days already assigned are skipped)."""
    if start is None or end is None or end < start:
        raise ValidationFailed("日期范围无效", fields={"end": ["结束日期须不早于开始日期"]})
    if (end - start).days > 62:
        raise ValidationFailed("一次最多排两个月", fields={"end": ["一次最多排两个月"]})
    made = []
    for offset in range((end - start).days + 1):
        day = date.fromordinal(start.toordinal() + offset)
        if Assignment.objects.filter(date=day, shift_id=shift_id, user_id=person_id,
                                     status=Assignment.ACTIVE).exists():
            continue
        made.append(assignment_add(user=user, day=day, shift_id=shift_id, person_id=person_id))
    return made
