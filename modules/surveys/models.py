"""Residents' answers to a survey wave (V-03), office schema.

A wave and its questionnaire are group rows in the public schema (modules.surveys.group), referred to by
plain id here. One `Response` per household and wave (the unique constraint is the last word, the
household row lock in services the first); its `Answer` rows are one per chosen option (single and
multiple choice), one per scale value, one per free text. `Push` is the outbox of the counts sent to head
office through tenants/bridge.py: marked pending in the answer's transaction, cleared by the task that
pushed them, re-sent by beat while the wave is open."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core import limits

ONLINE, PAPER = "online", "paper"
CHANNELS = [(ONLINE, _("网上填写")), (PAPER, _("纸质问卷录入"))]


class Response(models.Model):
    wave_id = models.BigIntegerField(_("调查"))
    household = models.ForeignKey("residents.Household", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("方式"), max_length=8, choices=CHANNELS)
    phone = models.CharField(_("手机号"), max_length=32, blank=True)
    entered_by_name = models.CharField(_("录入人"), max_length=64, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"))

    class Meta:
        ordering = ["-submitted_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["wave_id", "household"], name="survey_once_per_household")]

    def __str__(self) -> str:
        return f"{self.wave_id}/{self.household_id}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    wave_id = models.BigIntegerField()  # copied from the response: the counts are one query per wave
    question_id = models.BigIntegerField()
    option_id = models.BigIntegerField(null=True, blank=True)
    value = models.PositiveSmallIntegerField(null=True, blank=True)  # a 1–5 scale
    text = models.TextField(max_length=limits.NOTE, blank=True)

    class Meta:
        ordering = ["response", "question_id", "id"]
        indexes = [models.Index(fields=["wave_id", "question_id"], name="survey_answer_wave_q")]

    def __str__(self) -> str:
        return f"{self.response_id}:{self.question_id}"


class ResponseEvent(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=24)
    actor_name = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField()
    note = models.CharField(max_length=limits.LINE, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.response_id} {self.action}"


class Push(models.Model):
    """The outbox of one wave's counts: `pending_since` set in the transaction of an answer, cleared by a
    push that counted after it (a later answer sets it again)."""

    wave_id = models.BigIntegerField(unique=True)
    pending_since = models.DateTimeField(null=True, blank=True)
    pushed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=limits.LINE, blank=True)

    def __str__(self) -> str:
        return f"push {self.wave_id}"
