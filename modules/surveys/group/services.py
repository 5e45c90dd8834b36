"""Head office designs questionnaires and launches survey waves (V-03). Writes to the public schema; run
from the hq host. Every change locks its row, checks the transition table and writes a SurveyEvent.
Publishing a wave's summary into the offices' notice boards is tenants.bridge.survey_summary_publish,
which calls `wave_publish_record` here inside its one transaction."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core import limits
from core.calendar import local
from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.surveys.group import models as g
from modules.surveys.group.models import Option, Question, Questionnaire, SurveyEvent, Wave
from modules.visits.models import ANSWERS

MAX_WAVE_DAYS = 366  # a wave is answered within a year at most
MAX_WAVE_OFFICES = 1000
GRADES = {code for code, _label in ANSWERS}


def _actor(user) -> str:
    return (getattr(user, "display_name", "") or getattr(user, "username", "") or "")[:64]


def _event(*, entity: str, entity_id: int, action: str, user, from_state: str = "", to_state: str = "",
           note: str = "") -> None:
    SurveyEvent.objects.create(entity=entity, entity_id=entity_id, action=action, from_state=from_state,
                               to_state=to_state, actor_name=_actor(user), at=timezone.now(), note=note[:limits.LINE])


def _text(value, field: str, label: str, max_length: int, *, required: bool = True) -> str:
    text = (value or "").strip() if isinstance(value, str) or value is None else None
    if text is None:
        raise ValidationFailed(f"{label}须为文字。", fields={field: ["须为文字"]})
    if required and not text:
        raise ValidationFailed(f"请填写{label}。", fields={field: ["必填"]})
    if len(text) > max_length:
        raise ValidationFailed(f"{label}过长。", fields={field: [f"最多 {max_length} 字"]})
    return text


def question_clean(data: dict, *, prefix: str = "") -> dict:
    """One question as given (API or page) → checked values. Errors name `<prefix><field>`."""
    if not isinstance(data, dict):
        raise ValidationFailed("题目格式不正确。", fields={prefix.rstrip(".") or "questions": ["格式不正确"]})
    kind = data.get("kind")
    if kind not in dict(g.KINDS):
        raise ValidationFailed("请选择题型。", fields={f"{prefix}kind": ["无效选项"]})
    text = _text(data.get("text"), f"{prefix}text", "题目", limits.LINE)
    rated = bool(data.get("rated"))
    if rated and kind != g.SINGLE:
        raise ValidationFailed("只有单选题可计入满意率。", fields={f"{prefix}rated": ["只适用于单选题"]})
    options = data.get("options") or []
    if not isinstance(options, list):
        raise ValidationFailed("选项格式不正确。", fields={f"{prefix}options": ["须为列表"]})
    if kind in g.CHOICE_KINDS:
        if not 2 <= len(options) <= g.MAX_OPTIONS:
            raise ValidationFailed(f"选择题须有 2 至 {g.MAX_OPTIONS} 个选项。",
                                   fields={f"{prefix}options": [f"须有 2 至 {g.MAX_OPTIONS} 个选项"]})
    elif options:
        raise ValidationFailed("评分题和文字题没有选项。", fields={f"{prefix}options": ["此题型没有选项"]})
    clean_options, seen = [], set()
    for i, option in enumerate(options):
        option = option if isinstance(option, dict) else {"text": option}
        label = _text(option.get("text"), f"{prefix}options.{i}.text", "选项", limits.NAME)
        if label in seen:
            raise ValidationFailed("选项重复。", fields={f"{prefix}options.{i}.text": ["与前面的选项重复"]})
        seen.add(label)
        grade = option.get("grade") or ""
        if rated and grade not in GRADES:  # V-04: every option of a rated question says what it counts as
            raise ValidationFailed("计入满意率的题目，每个选项须注明满意度等级。",
                                   fields={f"{prefix}options.{i}.grade": ["须为满意、基本满意或不满意"]})
        if not rated and grade:
            raise ValidationFailed("只有计入满意率的题目有满意度等级。", fields={f"{prefix}options.{i}.grade": ["须留空"]})
        clean_options.append({"text": label, "grade": grade})
    return {"kind": kind, "text": text, "required": bool(data.get("required", True)), "rated": rated,
            "options": clean_options}


def _question_write(*, questionnaire: Questionnaire, position: int, data: dict) -> Question:
    question = Question.objects.create(questionnaire=questionnaire, position=position, kind=data["kind"],
                                       text=data["text"], required=data["required"], rated=data["rated"])
    Option.objects.bulk_create([Option(question=question, position=i + 1, text=o["text"], grade=o["grade"])
                                for i, o in enumerate(data["options"])])
    return question


@transaction.atomic
def questionnaire_create(*, user, title: str, intro: str = "", questions: list | None = None) -> Questionnaire:
    """V-03: a new questionnaire (draft), with its questions if given (at most `MAX_QUESTIONS`)."""
    questions = questions or []
    if not isinstance(questions, list) or len(questions) > g.MAX_QUESTIONS:
        raise ValidationFailed(f"一份问卷最多 {g.MAX_QUESTIONS} 题。", fields={"questions": [f"最多 {g.MAX_QUESTIONS} 题"]})
    cleaned = [question_clean(q, prefix=f"questions.{i}.") for i, q in enumerate(questions)]
    item = Questionnaire.objects.create(title=_text(title, "title", "问卷名称", limits.NAME),
                                        intro=_text(intro, "intro", "说明", limits.NOTE, required=False),
                                        created_by_name=_actor(user))
    for i, data in enumerate(cleaned):
        _question_write(questionnaire=item, position=i + 1, data=data)
    _event(entity="questionnaire", entity_id=item.pk, action="create", user=user, to_state=item.status)
    return item


def _locked_questionnaire(questionnaire_id: int) -> Questionnaire:
    item = Questionnaire.objects.select_for_update().filter(pk=questionnaire_id).first()
    if item is None:
        raise NotFound("问卷不存在。")
    return item


def _editable(item: Questionnaire) -> None:
    if (("edit", item.status)) not in g.QUESTIONNAIRE_TRANSITIONS:
        raise NotAllowedNow("问卷已用于调查，不能再修改；请另存为新版本。", code="questionnaire_frozen")


@transaction.atomic
def questionnaire_question_add(*, user, questionnaire_id: int, question: dict) -> Question:
    """V-03: one more question at the end of a draft questionnaire."""
    item = _locked_questionnaire(questionnaire_id)
    _editable(item)
    data = question_clean(question)
    count = item.questions.count()
    if count >= g.MAX_QUESTIONS:
        raise ValidationFailed(f"一份问卷最多 {g.MAX_QUESTIONS} 题。", fields={"text": [f"最多 {g.MAX_QUESTIONS} 题"]})
    position = (item.questions.aggregate(n=Max("position"))["n"] or 0) + 1
    row = _question_write(questionnaire=item, position=position, data=data)
    _event(entity="questionnaire", entity_id=item.pk, action="question_add", user=user, note=data["text"])
    return row


@transaction.atomic
def questionnaire_question_remove(*, user, questionnaire_id: int, question_id: int) -> None:
    item = _locked_questionnaire(questionnaire_id)
    _editable(item)
    row = item.questions.filter(pk=question_id).first()
    if row is None:
        raise NotFound("题目不存在。")
    row.delete()
    for position, question in enumerate(item.questions.order_by("position", "id"), start=1):
        if question.position != position:
            Question.objects.filter(pk=question.pk).update(position=position)
    _event(entity="questionnaire", entity_id=item.pk, action="question_remove", user=user, note=row.text)


@transaction.atomic
def questionnaire_version_new(*, user, questionnaire_id: int) -> Questionnaire:
    """V-03: a questionnaire already used is never changed; this copies it into a new draft version."""
    source = Questionnaire.objects.filter(pk=questionnaire_id).prefetch_related("questions__options").first()
    if source is None:
        raise NotFound("问卷不存在。")
    copy = Questionnaire.objects.create(title=source.title, intro=source.intro, version=source.version + 1,
                                        previous=source, created_by_name=_actor(user))
    for question in source.questions.all():
        _question_write(questionnaire=copy, position=question.position, data={
            "kind": question.kind, "text": question.text, "required": question.required, "rated": question.rated,
            "options": [{"text": o.text, "grade": o.grade} for o in question.options.all()]})
    _event(entity="questionnaire", entity_id=copy.pk, action="version", user=user, to_state=copy.status,
           note=f"v{source.version} → v{copy.version}")
    return copy


def _offices(office_ids) -> list:
    from tenants.models import Tenant

    ids = sorted({int(i) for i in office_ids or []})
    if not ids:
        raise ValidationFailed("请选择参与调查的管理处。", fields={"office_ids": ["至少选择一个管理处"]})
    if len(ids) > MAX_WAVE_OFFICES:
        raise ValidationFailed("管理处过多。", fields={"office_ids": [f"最多 {MAX_WAVE_OFFICES} 个"]})
    offices = list(Tenant.objects.filter(pk__in=ids, type=Tenant.OFFICE, is_active=True))
    if len(offices) != len(ids):
        raise ValidationFailed("包含无效的管理处。", fields={"office_ids": ["包含不存在或已停用的管理处"]})
    return offices


@transaction.atomic
def wave_launch(*, user, questionnaire_id: int, title: str, starts_on: date, ends_on: date,
                office_ids: list[int]) -> Wave:
    """V-03: a survey wave to the chosen offices, answered from `starts_on` to `ends_on`. Freezes the
    questionnaire (a later change is a new version). Compared later with the wave launched before it."""
    title = _text(title, "title", "调查名称", limits.NAME)
    today = local(timezone.now()).date()
    if ends_on < starts_on:
        raise ValidationFailed("结束日期须不早于开始日期。", fields={"ends_on": ["须不早于开始日期"]})
    if ends_on < today:
        raise ValidationFailed("结束日期已过。", fields={"ends_on": ["须不早于今天"]})
    if (ends_on - starts_on) > timedelta(days=MAX_WAVE_DAYS) or starts_on > today + timedelta(days=MAX_WAVE_DAYS):
        raise ValidationFailed("调查期过长。", fields={"ends_on": [f"调查期最长 {MAX_WAVE_DAYS} 天，且须在一年内开始"]})
    offices = _offices(office_ids)
    item = _locked_questionnaire(questionnaire_id)
    if not item.questions.exists():
        raise ValidationFailed("问卷还没有题目。", fields={"questionnaire_id": ["问卷没有题目"]})
    frozen = g.QUESTIONNAIRE_TRANSITIONS[("freeze", item.status)]
    if item.status != frozen:
        item.status, item.frozen_at = frozen, timezone.now()
        item.save(update_fields=["status", "frozen_at"])
        _event(entity="questionnaire", entity_id=item.pk, action="freeze", user=user, from_state=g.DRAFT,
               to_state=frozen)
    previous = Wave.objects.order_by("-launched_at", "-id").first()
    wave = Wave.objects.create(questionnaire=item, title=title, starts_on=starts_on, ends_on=ends_on,
                               previous=previous, launched_by_name=_actor(user), launched_at=timezone.now())
    wave.offices.set(offices)
    _event(entity="wave", entity_id=wave.pk, action="launch", user=user, to_state=wave.status,
           note=f"{len(offices)}")
    return wave


def _locked_wave(wave_id: int) -> Wave:
    wave = Wave.objects.select_for_update().filter(pk=wave_id).first()
    if wave is None:
        raise NotFound("调查不存在。")
    return wave


def _next(wave: Wave, action: str, code: str) -> str:
    target = g.WAVE_TRANSITIONS.get((action, wave.status))
    if target is None:
        raise NotAllowedNow("当前状态不允许此操作。", code=code)
    return target


@transaction.atomic
def wave_close(*, user, wave_id: int) -> Wave:
    """V-03: the wave stops taking answers (also when closed before its end date)."""
    wave = _locked_wave(wave_id)
    target = _next(wave, "close", "wave_not_open")
    from_state, wave.status, wave.closed_at = wave.status, target, timezone.now()
    wave.save(update_fields=["status", "closed_at"])
    _event(entity="wave", entity_id=wave.pk, action="close", user=user, from_state=from_state, to_state=target)
    return wave


def wave_publish_record(*, user, wave_id: int, title: str, body: str) -> tuple[Wave, list]:
    """V-03: head office publishes the wave's summary to residents. Called by
    tenants.bridge.survey_summary_publish inside its transaction; returns the wave and its offices."""
    title = _text(title, "title", "公告标题", 128)
    body = _text(body, "body", "公告内容", limits.TEXT)
    wave = _locked_wave(wave_id)
    target = _next(wave, "publish", "wave_not_closed")
    from_state = wave.status
    wave.status, wave.summary_title, wave.summary_body, wave.published_at = target, title, body, timezone.now()
    wave.save(update_fields=["status", "summary_title", "summary_body", "published_at"])
    _event(entity="wave", entity_id=wave.pk, action="publish", user=user, from_state=from_state, to_state=target)
    return wave, list(wave.offices.filter(is_active=True).order_by("pk"))
