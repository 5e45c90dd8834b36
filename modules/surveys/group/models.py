"""Satisfaction surveys 满意度调查 (V-03, V-04): the group-level definitions, public schema.

Head office designs a `Questionnaire` (questions: single choice, 1–5 scale, multiple choice, free text) and
launches a `Wave` to chosen offices with its dates. These rows are the same for every office, so they live
in the public schema like the group catalog: an office reads the waves addressed to it without touching
another schema. A questionnaire used by a launched wave is frozen; a change is a new version (a copy with
`previous` pointing at it). Residents' answers stay in each office's schema (modules.surveys.models); what
head office sees of them is the counts each office pushes through tenants/bridge.py (modules.surveys.hq).

A single-choice question may be *rated* (V-04): each option carries the return-visit answer it stands for
(满意 / 基本满意 / 不满意, `modules.visits.models.ANSWERS`), so a survey's satisfaction rate is the very
definition of `modules.visits.selectors.satisfaction_rate`."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits
from modules.visits.models import ANSWERS

# bounds of a questionnaire (V-03): what one resident can reasonably answer on a phone
MAX_QUESTIONS = 50
MAX_OPTIONS = 12
SCALE_MIN, SCALE_MAX = 1, 5

SINGLE, SCALE, MULTIPLE, TEXT = "single", "scale", "multiple", "text"
KINDS = [(SINGLE, _("单选")), (SCALE, _("1–5分评分")), (MULTIPLE, _("多选")), (TEXT, _("文字"))]
CHOICE_KINDS = {SINGLE, MULTIPLE}

DRAFT, FROZEN = "draft", "frozen"
QUESTIONNAIRE_STATUSES = [(DRAFT, _("草稿")), (FROZEN, _("已使用（冻结）"))]
QUESTIONNAIRE_TRANSITIONS = {("edit", DRAFT): DRAFT, ("freeze", DRAFT): FROZEN, ("freeze", FROZEN): FROZEN}

OPEN, CLOSED, PUBLISHED = "open", "closed", "published"
WAVE_STATUSES = [(OPEN, _("进行中")), (CLOSED, _("已结束")), (PUBLISHED, _("已公布结果"))]
# action → {from: to}; anything else is refused (409)
WAVE_TRANSITIONS = {("close", OPEN): CLOSED, ("publish", CLOSED): PUBLISHED}


class Questionnaire(models.Model):
    title = models.CharField(_("问卷名称"), max_length=limits.NAME)
    intro = models.TextField(_("说明"), max_length=limits.NOTE, blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("上一版本"))
    status = models.CharField(_("状态"), max_length=8, choices=QUESTIONNAIRE_STATUSES, default=DRAFT)
    created_by_name = models.CharField(_("设计人"), max_length=64, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    frozen_at = models.DateTimeField(_("冻结时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class Question(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("序号"))
    kind = models.CharField(_("题型"), max_length=8, choices=KINDS)
    text = models.CharField(_("题目"), max_length=limits.LINE)
    required = models.BooleanField(_("必答"), default=True)
    rated = models.BooleanField(_("计入满意率"), default=False)  # V-04: options carry a grade

    class Meta:
        ordering = ["questionnaire", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "position"], name="survey_question_position")]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(_("序号"))
    text = models.CharField(_("选项"), max_length=limits.NAME)
    grade = models.CharField(_("满意度等级"), max_length=24, choices=ANSWERS, blank=True)  # V-04

    class Meta:
        ordering = ["question", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "position"], name="survey_option_position")]

    def __str__(self) -> str:
        return self.text


class Wave(models.Model):
    """One survey round: a frozen questionnaire sent to chosen offices, answered from `starts_on` to
    `ends_on` (local dates, inclusive)."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="waves")
    title = models.CharField(_("调查名称"), max_length=limits.NAME)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    status = models.CharField(_("状态"), max_length=12, choices=WAVE_STATUSES, default=OPEN)
    offices = models.ManyToManyField("tenants.Tenant", related_name="+", verbose_name=_("参与的管理处"))
    # the wave its results are compared with (the latest wave launched before it, chosen at launch)
    previous = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("对比的上一轮"))
    launched_by_name = models.CharField(_("发起人"), max_length=64, blank=True)
    launched_at = models.DateTimeField(_("发起时间"))
    closed_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    summary_title = models.CharField(_("结果公告标题"), max_length=128, blank=True)
    summary_body = models.TextField(_("结果公告内容"), max_length=limits.TEXT, blank=True)
    published_at = models.DateTimeField(_("公布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["status", "ends_on"], name="survey_wave_open")]

    def __str__(self) -> str:
        return self.title

    def is_answerable(self, today) -> bool:
        return self.status == OPEN and self.starts_on <= today <= self.ends_on


class SurveyEvent(models.Model):
    """Every change of a questionnaire or a wave (who, when, from which state to which)."""

    entity = models.CharField(max_length=16)  # "questionnaire" | "wave"
    entity_id = models.BigIntegerField()
    action = models.CharField(max_length=24)
    from_state = models.CharField(max_length=12, blank=True)
    to_state = models.CharField(max_length=12, blank=True)
    actor_name = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField()
    note = models.CharField(max_length=limits.LINE, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["entity", "entity_id"], name="survey_event_entity")]

    def __str__(self) -> str:
        return f"{self.entity} {self.entity_id} {self.action}"
