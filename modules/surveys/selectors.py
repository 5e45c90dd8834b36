"""Reads of satisfaction surveys (V-03, V-04).

Group definitions (questionnaires, waves) are public-schema rows every tenant may read. An office reads
only the waves addressed to it (`office_wave_get`: 404 otherwise) and counts its own answers
(`wave_counts`). Head office reads only the counts the offices pushed (`hq_wave_results`), never an
office schema. Every satisfaction rate is `modules.visits.selectors.satisfaction_rate_of`: the one V-04
definition, over the graded answers of the rated questions."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Prefetch, QuerySet
from django.utils import timezone

from core.calendar import SHANGHAI, local
from core.errors import NotFound, ValidationFailed
from core.validators import normalize_phone
from modules.surveys.group import models as g
from modules.surveys.group.models import Option, Question, Questionnaire, Wave
from modules.visits.models import ANSWERS
from modules.visits.selectors import satisfaction_rate_of


def wave_end_moment(wave: Wave) -> datetime:
    """The end of a wave's last day (Asia/Shanghai): the moment its satisfaction definition is read at."""
    return datetime.combine(wave.ends_on + timedelta(days=1), time.min, tzinfo=SHANGHAI)


def _with_questions(qs: QuerySet) -> QuerySet:
    return qs.select_related("questionnaire").prefetch_related(
        Prefetch("questionnaire__questions", queryset=Question.objects.order_by("position", "id")
                 .prefetch_related(Prefetch("options", queryset=Option.objects.order_by("position", "id")))))


# --- head office: design -----------------------------------------------------------------------------

def questionnaire_list() -> QuerySet:
    return Questionnaire.objects.annotate(n_questions=Count("questions")).order_by("-created_at", "-id")


def questionnaire_get(*, pk: int) -> Questionnaire:
    item = (Questionnaire.objects.filter(pk=pk)
            .prefetch_related(Prefetch("questions", queryset=Question.objects.order_by("position", "id")
                                       .prefetch_related(Prefetch("options", queryset=Option.objects
                                                                  .order_by("position", "id"))))).first())
    if item is None:
        raise NotFound("问卷不存在。")
    return item


def wave_list() -> QuerySet:
    return Wave.objects.select_related("questionnaire").annotate(n_offices=Count("offices")).order_by("-launched_at", "-id")


def wave_get(*, pk: int) -> Wave:
    wave = _with_questions(Wave.objects.filter(pk=pk)).first()
    if wave is None:
        raise NotFound("调查不存在。")
    return wave


def launchable_questionnaires() -> QuerySet:
    return Questionnaire.objects.filter(questions__isnull=False).distinct().order_by("-created_at", "-id")


# --- an office ---------------------------------------------------------------------------------------

def office_waves(*, office) -> QuerySet:
    """V-03: the waves head office addressed to this office, newest first."""
    return Wave.objects.filter(offices=office).select_related("questionnaire").order_by("-starts_on", "-id")


def office_wave_get(*, office, wave_id: int) -> Wave:
    """A wave addressed to `office`, with its questions; any other wave is 404 (isolation)."""
    wave = _with_questions(Wave.objects.filter(pk=wave_id, offices=office)).first()
    if wave is None:
        raise NotFound("调查不存在。")
    return wave


def open_waves(*, office, today: date | None = None) -> list[Wave]:
    """The waves residents of `office` can answer today."""
    today = today or local(timezone.now()).date()
    return list(office_waves(office=office).filter(status=g.OPEN, starts_on__lte=today, ends_on__gte=today))


def household_identify(*, phone: str, room: str = ""):
    """V-03: the household a resident answers for, by the phone registered in the roster; when that phone
    is registered with several households, `room` (房号, e.g. 「1栋-101」 or 「101」) picks one."""
    from modules.residents.models import Household

    digits = normalize_phone(phone)
    qs = (Household.objects.filter(is_active=True, residents__is_active=True, residents__phone=digits)
          .select_related("unit__building").distinct())
    found = list(qs[:20])
    if not found:
        raise ValidationFailed("没有找到登记此手机号的住户，请核对或联系管理处。",
                               fields={"phone": ["未在住户名册中找到此手机号"]})
    if len(found) == 1 and not room:
        return found[0]
    room = (room or "").strip().upper()
    if not room:
        raise ValidationFailed("此手机号登记了多户，请填写房号。", fields={"room": ["请填写房号"]})
    matches = [h for h in found if room in (h.unit.number.upper(), f"{h.unit.building.name}-{h.unit.number}".upper())]
    if len(matches) != 1:
        raise ValidationFailed("房号与手机号不符。", fields={"room": ["与登记的手机号不符"]})
    return matches[0]


def wave_counts(*, wave: Wave) -> dict:
    """V-03, in the office: its counts of `wave` — respondents, per question how many answered, per
    option and scale value how many chose it — and V-04's graded answers of the rated questions. Three
    queries whatever the number of answers. Free text is counted, never sent."""
    from modules.surveys.models import Answer, Response

    questions = {q.pk: q for q in wave.questionnaire.questions.all()}
    counts = {str(pk): {"answered": 0, "options": {}, "scale": {}} for pk in questions}
    for row in (Answer.objects.filter(wave_id=wave.pk).values("question_id")
                .annotate(n=Count("response_id", distinct=True))):
        if str(row["question_id"]) in counts:
            counts[str(row["question_id"])]["answered"] = row["n"]
    grades = {o.pk: o.grade for q in questions.values() if q.rated for o in q.options.all()}
    by_answer = {code: 0 for code, _label in ANSWERS}
    for row in (Answer.objects.filter(wave_id=wave.pk).exclude(option_id=None, value=None)
                .values("question_id", "option_id", "value").annotate(n=Count("id"))):
        entry = counts.get(str(row["question_id"]))
        if entry is None:
            continue
        if row["option_id"] is not None:
            entry["options"][str(row["option_id"])] = row["n"]
            if grades.get(row["option_id"]):
                by_answer[grades[row["option_id"]]] += row["n"]
        elif row["value"] is not None:
            entry["scale"][str(row["value"])] = row["n"]
    return {"respondents": Response.objects.filter(wave_id=wave.pk).count(), "questions": counts,
            "by_answer": by_answer}


def wave_rate(*, wave: Wave, by_answer: dict) -> dict:
    """V-04 of a wave: the one definition, read at the wave's end."""
    return satisfaction_rate_of(by_answer=by_answer, at=wave_end_moment(wave))


def question_rows(*, wave: Wave, questions_counts: dict, respondents: int,
                  previous: dict | None = None) -> list[dict]:
    """Per question, ready for a page: options with count and share of those who answered, a scale's
    distribution and average; `previous` (the counts of the previous wave of the same questionnaire)
    adds each option's share then."""
    rows = []
    for q in wave.questionnaire.questions.all():
        c = questions_counts.get(str(q.pk)) or {"answered": 0, "options": {}, "scale": {}}
        answered = int(c.get("answered") or 0)
        before = (previous or {}).get(str(q.pk))
        before_answered = int((before or {}).get("answered") or 0)

        def share(n, total):
            return None if not total else round(100 * n / total, 1)

        options = []
        for o in q.options.all():
            n = int((c.get("options") or {}).get(str(o.pk)) or 0)
            prev_n = int(((before or {}).get("options") or {}).get(str(o.pk)) or 0)
            options.append({"id": o.pk, "text": o.text, "grade": o.grade, "count": n, "percent": share(n, answered),
                            "previous_percent": share(prev_n, before_answered) if before else None})
        scale = []
        if q.kind == g.SCALE:
            total = 0
            for v in range(g.SCALE_MIN, g.SCALE_MAX + 1):
                n = int((c.get("scale") or {}).get(str(v)) or 0)
                total += n * v
                scale.append({"value": v, "count": n, "percent": share(n, answered)})
        rows.append({"id": q.pk, "position": q.position, "text": q.text, "kind": q.kind, "rated": q.rated,
                     "answered": answered, "respondents": respondents, "options": options, "scale": scale,
                     "average": round(total / answered, 2) if q.kind == g.SCALE and answered else None})
    return rows


def office_recent_responses(*, wave_id: int, limit: int = 20) -> list:
    from modules.surveys.models import Response

    return list(Response.objects.filter(wave_id=wave_id).select_related("household__unit__building")
                .order_by("-submitted_at", "-id")[:limit])


def office_answer_sheet(*, wave: Wave, limit: int | None = None) -> dict:
    """V-03, in the office: its own answer sheets of `wave` one by one for the export — household and room,
    channel, time, every answer with the free text — newest first, at most `limit` (by default the roster's
    row limit: a wave has one answer sheet per household). `responses` is streamed in chunks, answers
    prefetched per chunk: a few queries per 500 sheets."""
    from django.conf import settings

    from modules.surveys.models import Answer, Response

    limit = limit or settings.ROSTER_MAX_ROWS
    qs = (Response.objects.filter(wave_id=wave.pk).select_related("household__unit__building")
          .prefetch_related(Prefetch("answers", queryset=Answer.objects.order_by("question_id", "id")))
          .order_by("-submitted_at", "-id"))
    return {"total": qs.count(), "limit": limit, "responses": qs[:limit].iterator(chunk_size=500)}


# --- head office: results ------------------------------------------------------------------------------

def _sum_counts(rows) -> tuple[dict, dict, int]:
    questions: dict = {}
    by_answer = {code: 0 for code, _label in ANSWERS}
    respondents = 0
    for row in rows:
        respondents += row.respondents
        for code in by_answer:
            by_answer[code] += int((row.by_answer or {}).get(code) or 0)
        for qid, c in (row.questions or {}).items():
            entry = questions.setdefault(qid, {"answered": 0, "options": {}, "scale": {}})
            entry["answered"] += int(c.get("answered") or 0)
            for part in ("options", "scale"):
                for key, n in (c.get(part) or {}).items():
                    entry[part][key] = entry[part].get(key, 0) + int(n or 0)
    return questions, by_answer, respondents


def hq_wave_results(*, wave: Wave) -> dict:
    """V-03, V-04 at head office, from the pushed counts only: per office (respondents, satisfaction rate,
    the previous wave's rate of the same office), per question group-wide, the group's rate, and the
    previous wave's group rate. Two queries for the counts whatever the number of offices."""
    from modules.surveys.hq.models import OfficeWaveResult

    rows = list(OfficeWaveResult.objects.filter(wave_id=wave.pk).order_by("office_name", "office_id"))
    previous = wave.previous
    before = {r.office_id: r for r in OfficeWaveResult.objects.filter(wave_id=previous.pk)} if previous else {}
    addressed = list(wave.offices.order_by("name", "pk").values("pk", "name", "slug"))
    pushed = {r.office_id: r for r in rows}
    offices = []
    for office in addressed:
        row = pushed.get(office["pk"])
        rate = wave_rate(wave=wave, by_answer=row.by_answer) if row else None
        prev_row = before.get(office["pk"])
        prev_rate = wave_rate(wave=previous, by_answer=prev_row.by_answer) if prev_row else None
        offices.append({"office_id": office["pk"], "office_name": office["name"], "office_slug": office["slug"],
                        "respondents": row.respondents if row else 0, "counted_at": row.counted_at if row else None,
                        "rate": rate, "previous_rate": prev_rate})
    questions, by_answer, respondents = _sum_counts(rows)
    group_rate = wave_rate(wave=wave, by_answer=by_answer)
    previous_group = None
    previous_questions = None
    if previous is not None:
        prev_questions, prev_by_answer, _n = _sum_counts(before.values())
        previous_group = wave_rate(wave=previous, by_answer=prev_by_answer)
        if previous.questionnaire_id == wave.questionnaire_id:
            previous_questions = prev_questions
    return {"offices": offices, "respondents": respondents, "rate": group_rate, "previous": previous,
            "previous_rate": previous_group,
            "questions": question_rows(wave=wave, questions_counts=questions, respondents=respondents,
                                       previous=previous_questions)}


def percent(rate: dict | None) -> str:
    """A rate as people read it (「92.5%」), or "" when nobody answered."""
    if not rate or rate.get("rate") is None:
        return ""
    return f"{rate['rate'] * 100:.1f}%"


def household_by_room(*, room: str, name: str = ""):
    """Paper entry (V-03): the active household of a room (「1栋-101」, or the room number when only one
    building has it); `name` picks one when the room has several."""
    from modules.residents.models import Household

    room = (room or "").strip()
    building, _sep, number = room.rpartition("-")
    qs = Household.objects.filter(is_active=True).select_related("unit__building")
    qs = qs.filter(unit__building__name=building, unit__number__iexact=number) if building else qs.filter(
        unit__number__iexact=room)
    found = list(qs[:20])
    if name.strip():
        found = [h for h in found if h.name == name.strip()]
    if not found:
        raise ValidationFailed("没有找到这一户。", fields={"room": ["房号（和户名）不在住户名册中"]})
    if len(found) > 1:
        raise ValidationFailed("此房号有多户，请填写户名。", fields={"household_name": ["请填写户名"]})
    return found[0]
