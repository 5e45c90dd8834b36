"""Satisfaction surveys (V-03, V-04): design bounds, frozen questionnaires, once per household, the
counts, the push through the bridge, head office's results and the summary published to residents."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest

from core.errors import NotAllowedNow, NotFound, ValidationFailed
from modules.surveys import selectors, services
from modules.surveys.group import services as group_services
from tests.modules.surveys.factories import (
    answers_for,
    household_with_phone,
    question_of,
    questionnaire_make,
    today,
    wave_make,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def designer(world):
    return world.users[("hq", "hq_mgmt_rep")]


def _fields(exc) -> set:
    return set(exc.value.fields)


# --- design ----------------------------------------------------------------------------------------------

def test_v03_questionnaire_is_bounded_and_names_the_field(designer):
    too_many = [{"kind": "text", "text": f"题{i}"} for i in range(51)]
    with pytest.raises(ValidationFailed) as exc:
        group_services.questionnaire_create(user=designer, title="问卷", questions=too_many)
    assert _fields(exc) == {"questions"}
    options = [{"text": f"选项{i}"} for i in range(13)]
    with pytest.raises(ValidationFailed) as exc:
        group_services.questionnaire_create(user=designer, title="问卷",
                                            questions=[{"kind": "single", "text": "题", "options": options}])
    assert _fields(exc) == {"questions.0.options"}
    with pytest.raises(ValidationFailed) as exc:
        group_services.questionnaire_create(user=designer, title="问卷",
                                            questions=[{"kind": "scale", "text": "题", "rated": True}])
    assert _fields(exc) == {"questions.0.rated"}
    with pytest.raises(ValidationFailed) as exc:  # V-04: a rated question's options say what they count as
        group_services.questionnaire_create(user=designer, title="问卷", questions=[
            {"kind": "single", "text": "题", "rated": True, "options": [{"text": "好"}, {"text": "差"}]}])
    assert _fields(exc) == {"questions.0.options.0.grade"}
    with pytest.raises(ValidationFailed) as exc:
        group_services.questionnaire_create(user=designer, title="题" * 201)
    assert _fields(exc) == {"title"}


def test_v03_questionnaire_used_by_a_wave_is_frozen_and_a_change_is_a_new_version(world, designer):
    questionnaire = questionnaire_make(designer)
    wave_make(designer, [world.alpha], questionnaire=questionnaire)
    questionnaire.refresh_from_db()
    assert questionnaire.status == "frozen"
    with pytest.raises(NotAllowedNow) as exc:
        group_services.questionnaire_question_add(user=designer, questionnaire_id=questionnaire.pk,
                                                  question={"kind": "text", "text": "新题"})
    assert exc.value.code == "questionnaire_frozen"
    copy = group_services.questionnaire_version_new(user=designer, questionnaire_id=questionnaire.pk)
    assert (copy.version, copy.previous_id, copy.status) == (2, questionnaire.pk, "draft")
    assert [q.text for q in copy.questions.all()] == [q.text for q in questionnaire.questions.all()]
    group_services.questionnaire_question_add(user=designer, questionnaire_id=copy.pk,
                                              question={"kind": "text", "text": "新题"})
    assert copy.questions.count() == questionnaire.questions.count() + 1


def test_v03_wave_launch_checks_dates_and_offices(world, designer):
    questionnaire = questionnaire_make(designer)
    with pytest.raises(ValidationFailed) as exc:
        group_services.wave_launch(user=designer, questionnaire_id=questionnaire.pk, title="调查",
                                   starts_on=today(), ends_on=today() - timedelta(days=1), office_ids=[world.alpha.pk])
    assert _fields(exc) == {"ends_on"}
    with pytest.raises(ValidationFailed) as exc:
        group_services.wave_launch(user=designer, questionnaire_id=questionnaire.pk, title="调查",
                                   starts_on=today(), ends_on=today(), office_ids=[world.hq.pk])
    assert _fields(exc) == {"office_ids"}
    with pytest.raises(ValidationFailed) as exc:
        group_services.wave_launch(user=designer, questionnaire_id=questionnaire.pk, title="调查",
                                   starts_on=today(), ends_on=today() + timedelta(days=400),
                                   office_ids=[world.alpha.pk])
    assert _fields(exc) == {"ends_on"}


# --- answers in the office -------------------------------------------------------------------------------

def test_v03_a_household_answers_a_wave_once_online_or_on_paper(world, designer, in_tenant):
    wave = wave_make(designer, [world.alpha])
    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        household, phone = household_with_phone()
        services.response_submit_online(office=world.alpha, wave_id=wave.pk, phone=phone, room="",
                                        answers=answers_for(wave))
        with pytest.raises(services.AlreadyAnswered) as exc:
            services.response_submit_online(office=world.alpha, wave_id=wave.pk, phone=phone, room="",
                                            answers=answers_for(wave))
        assert exc.value.status == 409
        with pytest.raises(services.AlreadyAnswered):
            services.response_enter_paper(user=staff, office=world.alpha, wave_id=wave.pk,
                                          household_id=household.pk, answers=answers_for(wave))
        other, _phone = household_with_phone()
        row = services.response_enter_paper(user=staff, office=world.alpha, wave_id=wave.pk,
                                            household_id=other.pk, answers=answers_for(wave))
        assert row.channel == "paper" and row.events.get().action == "submitted"


def test_v03_bad_answers_are_one_400_naming_each_question(world, designer, in_tenant):
    wave = wave_make(designer, [world.alpha])
    rated, scale, multiple = question_of(wave, "single"), question_of(wave, "scale"), question_of(wave, "multiple")
    with in_tenant(world.alpha):
        _household, phone = household_with_phone()
        with pytest.raises(ValidationFailed) as exc:
            services.response_submit_online(office=world.alpha, wave_id=wave.pk, phone=phone, room="", answers={
                scale.pk: 7, multiple.pk: [999999]})
        assert _fields(exc) == {f"q_{rated.pk}", f"q_{scale.pk}", f"q_{multiple.pk}"}
        with pytest.raises(ValidationFailed) as exc:
            services.response_submit_online(office=world.alpha, wave_id=wave.pk, phone=phone, room="",
                                            answers={"123456789": 1})
        assert _fields(exc) == {"answers"}
        with pytest.raises(ValidationFailed) as exc:
            services.response_submit_online(office=world.alpha, wave_id=wave.pk, phone="13700000000", room="",
                                            answers=answers_for(wave))
        assert _fields(exc) == {"phone"}
        from modules.surveys.models import Response

        assert not Response.objects.filter(wave_id=wave.pk).exists()


def test_v03_a_phone_of_several_households_needs_the_room(world, designer, in_tenant):
    wave = wave_make(designer, [world.alpha])
    with in_tenant(world.alpha):
        first, phone = household_with_phone()
        second, _ = household_with_phone(phone)
        with pytest.raises(ValidationFailed) as exc:
            services.response_submit_online(office=world.alpha, wave_id=wave.pk, phone=phone, room="",
                                            answers=answers_for(wave))
        assert _fields(exc) == {"room"}
        row = services.response_submit_online(office=world.alpha, wave_id=wave.pk, phone=phone,
                                              room=f"{second.unit.building.name}-{second.unit.number}",
                                              answers=answers_for(wave))
        assert row.household_id == second.pk


def test_v03_an_office_not_chosen_cannot_answer_or_see_the_wave(world, designer, in_tenant):
    wave = wave_make(designer, [world.alpha])
    with in_tenant(world.beta):
        _household, phone = household_with_phone()
        with pytest.raises(NotFound):
            services.response_submit_online(office=world.beta, wave_id=wave.pk, phone=phone, room="",
                                            answers=answers_for(wave))
        assert list(selectors.office_waves(office=world.beta).filter(pk=wave.pk)) == []


def test_v03_a_closed_wave_takes_no_answer(world, designer, in_tenant):
    wave = wave_make(designer, [world.alpha])
    group_services.wave_close(user=designer, wave_id=wave.pk)
    with in_tenant(world.alpha):
        _household, phone = household_with_phone()
        with pytest.raises(NotAllowedNow):
            services.response_submit_online(office=world.alpha, wave_id=wave.pk, phone=phone, room="",
                                            answers=answers_for(wave))


def test_v04_survey_rate_is_the_one_satisfaction_definition(world, designer, in_tenant):
    from modules.visits.selectors import satisfaction_rate_of

    wave = wave_make(designer, [world.alpha])
    with in_tenant(world.alpha):
        for grade in ("satisfied", "basically_satisfied", "dissatisfied", "satisfied"):
            _household, phone = household_with_phone()
            services.response_submit_online(office=world.alpha, wave_id=wave.pk, phone=phone, room="",
                                            answers=answers_for(wave, grade=grade, score=3))
        counts = selectors.wave_counts(wave=wave)
    assert counts["respondents"] == 4
    assert counts["by_answer"] == {"satisfied": 2, "basically_satisfied": 1, "dissatisfied": 1}
    rate = selectors.wave_rate(wave=wave, by_answer=counts["by_answer"])
    assert rate == satisfaction_rate_of(by_answer=counts["by_answer"], at=selectors.wave_end_moment(wave))
    assert (rate["satisfied"], rate["answers"], rate["rate"]) == (3, 4, 0.75)  # 基本满意 counts by default
    scale = question_of(wave, "scale")
    assert counts["questions"][str(scale.pk)] == {"answered": 4, "options": {}, "scale": {"3": 4}}


# --- the push to head office -----------------------------------------------------------------------------

def _hq_row(world, wave):
    from django_tenants.utils import schema_context

    from modules.surveys.hq.models import OfficeWaveResult

    with schema_context(world.hq.schema_name):
        return OfficeWaveResult.objects.filter(wave_id=wave.pk, office_id=world.alpha.pk).first()


def test_v03_an_answer_pushes_the_counts_to_head_office_through_the_bridge_on_commit(
        world, designer, in_tenant, django_capture_on_commit_callbacks):
    wave = wave_make(designer, [world.alpha])
    with in_tenant(world.alpha):
        _household, phone = household_with_phone()
        with django_capture_on_commit_callbacks(execute=True):
            services.response_submit_online(office=world.alpha, wave_id=wave.pk, phone=phone, room="",
                                            answers=answers_for(wave, grade="dissatisfied"))
        from modules.surveys.models import Push

        assert Push.objects.get(wave_id=wave.pk).pending_since is None
    row = _hq_row(world, wave)
    assert (row.respondents, row.office_slug) == (1, "alpha")
    assert row.by_answer["dissatisfied"] == 1
    assert not any(t for q in row.questions.values() for t in q.get("texts", []))  # no resident's words leave


def test_v03_broker_down_keeps_the_push_pending_and_beat_resends_it(world, designer, in_tenant):
    from modules.surveys.models import Push
    from modules.surveys.tasks import survey_push_open_waves

    wave = wave_make(designer, [world.alpha])
    with in_tenant(world.alpha):
        _household, phone = household_with_phone()
        with mock.patch("core.tasks._broker_down.active", return_value=True):  # Redis down: nothing queued
            services.response_submit_online(office=world.alpha, wave_id=wave.pk, phone=phone, room="",
                                            answers=answers_for(wave))
        assert Push.objects.get(wave_id=wave.pk).pending_since is not None
    assert _hq_row(world, wave) is None
    survey_push_open_waves()
    assert _hq_row(world, wave).respondents == 1
    with in_tenant(world.alpha):
        assert Push.objects.get(wave_id=wave.pk).pending_since is None


def test_v03_an_older_push_never_overwrites_a_newer_one(world, designer):
    from tenants import bridge

    wave = wave_make(designer, [world.alpha])
    now = __import__("django.utils.timezone", fromlist=["now"]).now()
    bridge.survey_counts_to_hq(office=world.alpha, wave_id=wave.pk, counts={"respondents": 5}, counted_at=now)
    bridge.survey_counts_to_hq(office=world.alpha, wave_id=wave.pk, counts={"respondents": 3},
                               counted_at=now - timedelta(minutes=1))
    assert _hq_row(world, wave).respondents == 5


# --- head office ---------------------------------------------------------------------------------------

def _answer(world, wave, office, grades, in_tenant):
    with in_tenant(office):
        for grade in grades:
            _household, phone = household_with_phone()
            services.response_submit_online(office=office, wave_id=wave.pk, phone=phone, room="",
                                            answers=answers_for(wave, grade=grade))
        services.survey_push(office=office, wave_id=wave.pk)


def test_v03_v04_hq_results_per_office_group_wide_and_against_the_previous_wave(world, designer, in_tenant):
    questionnaire = questionnaire_make(designer)
    first = wave_make(designer, [world.alpha, world.beta], questionnaire=questionnaire, title="上一轮")
    _answer(world, first, world.alpha, ["dissatisfied", "satisfied"], in_tenant)
    group_services.wave_close(user=designer, wave_id=first.pk)
    second = wave_make(designer, [world.alpha, world.beta], questionnaire=questionnaire, title="本轮")
    assert second.previous_id == first.pk
    _answer(world, second, world.alpha, ["satisfied", "satisfied"], in_tenant)
    _answer(world, second, world.beta, ["dissatisfied", "basically_satisfied"], in_tenant)
    with in_tenant(world.hq):  # head office reads its own table of pushed counts
        results = selectors.hq_wave_results(wave=selectors.wave_get(pk=second.pk))
    by_office = {row["office_slug"]: row for row in results["offices"]}
    assert by_office["alpha"]["rate"]["rate"] == 1.0 and by_office["alpha"]["previous_rate"]["rate"] == 0.5
    assert by_office["beta"]["rate"]["rate"] == 0.5 and by_office["beta"]["previous_rate"] is None
    assert results["respondents"] == 4 and results["rate"]["rate"] == 0.75
    assert results["previous_rate"]["rate"] == 0.5
    rated = next(q for q in results["questions"] if q["rated"])
    assert [o["count"] for o in rated["options"]] == [2, 1, 1]
    assert [o["previous_percent"] for o in rated["options"]] == [50.0, 0.0, 50.0]


def test_v03_summary_published_as_a_notice_on_every_office_board_of_the_wave(world, designer, in_tenant):
    from tenants import bridge

    wave = wave_make(designer, [world.alpha, world.beta])
    with pytest.raises(NotAllowedNow):  # an open wave: close it first
        bridge.survey_summary_publish(wave_id=wave.pk, title="调查结果", body="满意率 90%", by_user=designer)
    group_services.wave_close(user=designer, wave_id=wave.pk)
    assert bridge.survey_summary_publish(wave_id=wave.pk, title="调查结果公告", body="满意率 90%",
                                         by_user=designer) == 2
    from modules.frontdesk.selectors import public_notices

    for office in (world.alpha, world.beta):
        with in_tenant(office):
            assert "调查结果公告" in [n.title for n in public_notices()]
    wave.refresh_from_db()
    assert wave.status == "published" and wave.published_at is not None
