"""Demo satisfaction survey (V-03, V-04), through the modules' services: head office's questionnaire, one
wave to every demo office, answers online and on paper in each office, each office's counts pushed to head
office through the bridge, then the wave closed (its results ready to publish)."""

from __future__ import annotations

import random
from datetime import timedelta

from core.demo.base import contact_of, households, local_now, staff_of

TITLE = "2026年度业户满意度调查"
QUESTIONS = [
    {"kind": "single", "text": "您对管理处的服务总体是否满意？", "rated": True,
     "options": [{"text": "满意", "grade": "satisfied"}, {"text": "基本满意", "grade": "basically_satisfied"},
                 {"text": "不满意", "grade": "dissatisfied"}]},
    {"kind": "scale", "text": "小区保洁（1–5分）"},
    {"kind": "scale", "text": "安全秩序（1–5分）"},
    {"kind": "multiple", "text": "您最希望改进哪些方面？（可多选）", "required": False,
     "options": [{"text": "保洁"}, {"text": "绿化"}, {"text": "维修及时性"}, {"text": "安保"}, {"text": "服务态度"}]},
    {"kind": "text", "text": "其他意见和建议", "required": False},
]
WORDS = ["电梯保养要加强", "绿化修剪很及时", "希望增加儿童游乐设施", "维修师傅态度很好", ""]


def survey_wave_start(hq, offices):
    """Head office's questionnaire and the wave to every demo office; None when the demo wave exists."""
    from modules.surveys.group import services as group_services
    from modules.surveys.group.models import Wave

    if Wave.objects.filter(title=TITLE).exists():
        return None
    designer = staff_of(hq)["hq_mgmt_rep"]
    questionnaire = group_services.questionnaire_create(user=designer, title="业户满意度问卷",
                                                        intro="感谢您抽出时间填写，每户一份。", questions=QUESTIONS)
    today = local_now().date()
    return group_services.wave_launch(user=designer, questionnaire_id=questionnaire.pk, title=TITLE,
                                      starts_on=today - timedelta(days=20), ends_on=today,
                                      office_ids=[o.pk for o in offices])


def survey_answers_seed(office, wave, *, seed: int = 2026) -> None:
    """In the office's schema: a dozen households answer (a third on paper), then the counts are pushed
    to head office through the bridge."""
    from modules.surveys import services

    rnd = random.Random(f"{seed}-survey-{office.slug}")
    staff = staff_of(office)
    questions = list(wave.questionnaire.questions.all())
    for n, household in enumerate(households(limit=12)):
        answers = _answers(questions, rnd)
        if n % 3 == 2 or not household.residents.all():  # a third on paper, entered by the front desk
            services.response_enter_paper(user=staff["cs_staff"], office=office, wave_id=wave.pk,
                                          household_id=household.pk, answers=answers)
        else:
            _name, phone = contact_of(household)
            room = f"{household.unit.building.name}-{household.unit.number}"
            services.response_submit_online(office=office, wave_id=wave.pk, phone=phone, room=room,
                                            answers=answers)
    services.survey_push(office=office, wave_id=wave.pk)


def survey_wave_finish(hq, wave) -> None:
    from modules.surveys.group import services as group_services

    group_services.wave_close(user=staff_of(hq)["hq_mgmt_rep"], wave_id=wave.pk)


def _answers(questions, rnd: random.Random) -> dict:
    out = {}
    for q in questions:
        options = list(q.options.all())
        if q.kind == "single":
            out[q.pk] = rnd.choices(options, weights=[6, 3, 1])[0].pk
        elif q.kind == "scale":
            out[q.pk] = rnd.choice([3, 4, 4, 5, 5])
        elif q.kind == "multiple":
            out[q.pk] = [o.pk for o in rnd.sample(options, 2)]
        elif (words := rnd.choice(WORDS)):
            out[q.pk] = words
    return out
