"""Builders for survey tests (V-03). Group rows (questionnaire, wave) live in the public schema and can be
made from any schema; households are made inside `in_tenant(office)`."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from core.calendar import local

_seq = itertools.count(1)

QUESTIONS = [
    {"kind": "single", "text": "您对物业服务总体是否满意？", "required": True, "rated": True,
     "options": [{"text": "满意", "grade": "satisfied"}, {"text": "基本满意", "grade": "basically_satisfied"},
                 {"text": "不满意", "grade": "dissatisfied"}]},
    {"kind": "scale", "text": "保洁打几分？", "required": True},
    {"kind": "multiple", "text": "最希望改进哪些方面？", "required": False,
     "options": [{"text": "保洁"}, {"text": "绿化"}, {"text": "维修"}]},
    {"kind": "text", "text": "其他意见", "required": False},
]


def today():
    return local(timezone.now()).date()


def questionnaire_make(user, *, title: str = "年度满意度问卷", questions=None):
    from modules.surveys.group.services import questionnaire_create

    return questionnaire_create(user=user, title=title, questions=QUESTIONS if questions is None else questions)


def wave_make(user, offices, *, questionnaire=None, title: str = "2026年业户满意度调查", days: int = 7):
    from modules.surveys.group.services import wave_launch

    questionnaire = questionnaire or questionnaire_make(user)
    return wave_launch(user=user, questionnaire_id=questionnaire.pk, title=title, starts_on=today(),
                       ends_on=today() + timedelta(days=days), office_ids=[o.pk for o in offices])


def household_with_phone(phone: str | None = None, *, building: str = "9栋"):
    from modules.residents.models import Building, Household, Resident, Unit

    n = next(_seq)
    phone = phone or f"139{n:08d}"
    b, _ = Building.objects.get_or_create(name=building)
    unit = Unit.objects.create(building=b, number=f"S{n}{Unit.objects.count() + 1}")
    household = Household.objects.create(unit=unit, name=f"业户{n}")
    Resident.objects.create(household=household, name=f"业主{n}", phone=phone)
    return household, phone


def answers_for(wave, *, grade: str = "satisfied", score: int = 4, text: str = "") -> dict:
    """A full answer sheet: the rated question's option of `grade`, the scale, the first option of the
    multiple choice, and text."""
    questions = list(wave.questionnaire.questions.all())
    out = {}
    for q in questions:
        if q.kind == "single":
            out[q.pk] = next(o.pk for o in q.options.all() if o.grade == grade)
        elif q.kind == "scale":
            out[q.pk] = score
        elif q.kind == "multiple":
            out[q.pk] = [q.options.all()[0].pk]
        elif text:
            out[q.pk] = text
    return out


def question_of(wave, kind: str):
    return next(q for q in wave.questionnaire.questions.all() if q.kind == kind)
