"""Residents' answers to a survey wave and the push of the counts to head office (V-03, V-04), office
schema.

A household answers a wave once (V-03): the household row is locked, an earlier response refuses the
second one (409 `already_answered`), and the unique constraint (wave, household) backs that up. The
answer, its event and the push marker are one transaction; the push task is queued on commit with the
ids only and beat re-sends open waves (`survey_push_open_waves`), so a Redis outage delays head
office's figures, never loses them."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core import limits
from core.calendar import local
from core.errors import ApplicationError, NotAllowedNow, ValidationFailed
from core.tasks import enqueue_on_commit
from core.validators import normalize_phone
from modules.surveys import models as m
from modules.surveys import selectors
from modules.surveys.group import models as g
from modules.surveys.group.models import Wave

logger = logging.getLogger(__name__)


class AlreadyAnswered(ApplicationError):
    status = 409
    code = "already_answered"


def _actor(user) -> str:
    return (getattr(user, "display_name", "") or getattr(user, "username", "") or "")[:64]


def _int(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) < 12:
        return int(value.strip())
    return None


def answers_clean(*, wave: Wave, answers) -> list[dict]:
    """The answers given (question id → option id, option ids, 1–5, or text) checked against the wave's
    questionnaire. Every problem is named by its field `q_<question id>` (one 400 for all of them)."""
    if not isinstance(answers, dict) or len(answers) > g.MAX_QUESTIONS:
        raise ValidationFailed("答卷格式不正确。", fields={"answers": ["须为题目与答案的对应"]})
    questions = {q.pk: q for q in wave.questionnaire.questions.all()}
    given = {}
    for key, value in answers.items():
        qid = _int(key)
        if qid not in questions:
            raise ValidationFailed("答卷包含不存在的题目。", fields={"answers": [f"题目 {str(key)[:12]} 不存在"]})
        given[qid] = value
    rows, errors = [], {}
    for qid, q in questions.items():
        value, field = given.get(qid), f"q_{qid}"
        options = {o.pk for o in q.options.all()}
        if q.kind == g.SINGLE:
            chosen = _int(value) if value not in (None, "") else None
            if value not in (None, "") and chosen not in options:
                errors[field] = ["请选择一个选项"]
            elif chosen is not None:
                rows.append({"question_id": qid, "option_id": chosen})
        elif q.kind == g.MULTIPLE:
            values = value if isinstance(value, list) else ([] if value in (None, "") else [value])
            chosen = [_int(v) for v in values[:g.MAX_OPTIONS + 1]]
            if len(values) > g.MAX_OPTIONS or any(c not in options for c in chosen) or len(set(chosen)) != len(chosen):
                errors[field] = ["选项无效"]
            else:
                rows.extend({"question_id": qid, "option_id": c} for c in chosen)
        elif q.kind == g.SCALE:
            score = _int(value) if value not in (None, "") else None
            if value not in (None, "") and not (score is not None and g.SCALE_MIN <= score <= g.SCALE_MAX):
                errors[field] = [f"请选择 {g.SCALE_MIN} 至 {g.SCALE_MAX} 分"]
            elif score is not None:
                rows.append({"question_id": qid, "value": score})
        else:
            if value is not None and not isinstance(value, str):
                errors[field] = ["须为文字"]
                continue
            text = (value or "").strip()
            if len(text) > limits.NOTE:
                errors[field] = [f"最多 {limits.NOTE} 字"]
            elif text:
                rows.append({"question_id": qid, "text": text})
        if q.required and field not in errors and not any(r["question_id"] == qid for r in rows):
            errors[field] = ["此题必答"]
    if errors:
        raise ValidationFailed("请检查标出的题目。", fields=errors)
    return rows


def _answerable(wave: Wave) -> None:
    if not wave.is_answerable(local(timezone.now()).date()):
        raise NotAllowedNow("此调查不在答卷期内。", code="wave_not_open")


def _response_write(*, wave: Wave, household_id: int, channel: str, rows: list[dict], phone: str,
                    by_name: str) -> m.Response:
    from modules.residents.models import Household

    with transaction.atomic():
        household = Household.objects.select_for_update().filter(pk=household_id, is_active=True).first()
        if household is None:
            raise ValidationFailed("住户不存在。", fields={"household_id": ["不是本管理处的在住住户"]})
        if m.Response.objects.filter(wave_id=wave.pk, household=household).exists():
            raise AlreadyAnswered("这一户已经答过此次调查，每户只能答一次。")
        now = timezone.now()
        try:
            with transaction.atomic():
                response = m.Response.objects.create(wave_id=wave.pk, household=household, channel=channel,
                                                     phone=phone, entered_by_name=by_name, submitted_at=now)
        except IntegrityError as exc:  # a parallel answer of the same household got in first
            raise AlreadyAnswered("这一户已经答过此次调查，每户只能答一次。") from exc
        m.Answer.objects.bulk_create([m.Answer(response=response, wave_id=wave.pk, question_id=r["question_id"],
                                               option_id=r.get("option_id"), value=r.get("value"),
                                               text=r.get("text", "")) for r in rows])
        m.ResponseEvent.objects.create(response=response, action="submitted", actor_name=by_name, at=now,
                                       note=channel)
        push_mark_pending(wave_id=wave.pk, at=now)
    return response


def response_submit_online(*, office, wave_id: int, phone: str, room: str, answers) -> m.Response:
    """V-03: a resident answers on the office's public page (no login): the household is the one the
    registered phone (and the room, when needed) names in the roster."""
    wave = selectors.office_wave_get(office=office, wave_id=wave_id)
    _answerable(wave)
    rows = answers_clean(wave=wave, answers=answers)
    household = selectors.household_identify(phone=phone, room=room)
    return _response_write(wave=wave, household_id=household.pk, channel=m.ONLINE, rows=rows,
                           phone=normalize_phone(phone), by_name="")


def response_enter_paper(*, user, office, wave_id: int, household_id: int, answers) -> m.Response:
    """V-03: staff enter a household's paper questionnaire (the same once-per-household rule)."""
    wave = selectors.office_wave_get(office=office, wave_id=wave_id)
    _answerable(wave)
    rows = answers_clean(wave=wave, answers=answers)
    return _response_write(wave=wave, household_id=household_id, channel=m.PAPER, rows=rows, phone="",
                           by_name=_actor(user))


# --- the push to head office (outbox) --------------------------------------------------------------------

def push_mark_pending(*, wave_id: int, at) -> None:
    """In the answer's transaction: the wave's counts must reach head office; the task goes on commit."""
    from modules.surveys.tasks import survey_push

    m.Push.objects.update_or_create(wave_id=wave_id, defaults={"pending_since": at})
    enqueue_on_commit(survey_push, wave_id)


def survey_push(*, office, wave_id: int) -> bool:
    """V-03: count this office's answers of the wave and push them to head office (tenants/bridge.py).
    Clears the pending marker unless a later answer set it again. False when the wave is not this
    office's; errors are recorded on the Push row and raised."""
    from tenants import bridge

    wave = Wave.objects.filter(pk=wave_id, offices=office).prefetch_related("questionnaire__questions__options").first()
    if wave is None:
        m.Push.objects.filter(wave_id=wave_id).update(pending_since=None)
        return False
    counted_at = timezone.now()
    counts = selectors.wave_counts(wave=wave)
    try:
        bridge.survey_counts_to_hq(office=office, wave_id=wave.pk, counts=counts, counted_at=counted_at)
    except Exception as exc:
        m.Push.objects.update_or_create(wave_id=wave_id, defaults={"last_error": str(exc)[:limits.LINE]})
        raise
    with transaction.atomic():
        push, _created = m.Push.objects.select_for_update().get_or_create(wave_id=wave_id)
        if push.pending_since is not None and push.pending_since <= counted_at:
            push.pending_since = None
        push.pushed_at, push.attempts, push.last_error = counted_at, push.attempts + 1, ""
        push.save()
    return True


def survey_push_due(*, office) -> int:
    """Beat (every office): re-send the counts of every open wave of this office and of any wave whose
    push is still pending (the answer's task was lost while Redis was down). Returns the waves pushed."""
    from core.sweeps import for_each_row

    today = local(timezone.now()).date()
    open_ids = set(selectors.office_waves(office=office).filter(status=g.OPEN, starts_on__lte=today,
                                                                ends_on__gte=today - timedelta(days=1))
                   .values_list("pk", flat=True))
    pending = set(m.Push.objects.exclude(pending_since=None).values_list("wave_id", flat=True))
    return for_each_row(name="survey push", rows=sorted(open_ids | pending),
                        handle=lambda wave_id: int(survey_push(office=office, wave_id=wave_id)))


def current_office():
    """The office of the current schema (tasks run in the office's schema)."""
    from tenants.models import Tenant

    return Tenant.objects.filter(schema_name=connection.schema_name, type=Tenant.OFFICE).first()
