"""V-03: two submissions of the same household at once — one is kept, the other is refused with 409.
Each write runs in its own thread and connection, so it really commits; what the test commits is removed
afterwards."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from modules.surveys import services
from tests.modules.surveys.factories import answers_for, household_with_phone, wave_make

pytestmark = pytest.mark.django_db

BUILDING = "并发测试楼"


def _in_thread(schema: str, *actions):
    barrier, results = threading.Barrier(len(actions)), [None] * len(actions)

    def run(index, action):
        try:
            connection.set_schema(schema)
            barrier.wait(10)
            results[index] = action()
        except Exception as exc:  # handed back to the test
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_v03_two_answers_of_one_household_at_once_keep_exactly_one(world):
    designer = world.users[("hq", "hq_mgmt_rep")]
    (wave,) = _in_thread("public", lambda: wave_make(designer, [world.alpha], title="并发测试调查"))
    (made,) = _in_thread(world.alpha.schema_name, lambda: household_with_phone(building=BUILDING))
    assert not isinstance(made, Exception), made
    household, phone = made
    try:
        def submit():
            from modules.surveys.selectors import office_wave_get

            live = office_wave_get(office=world.alpha, wave_id=wave.pk)
            return services.response_submit_online(office=world.alpha, wave_id=wave.pk, phone=phone, room="",
                                                   answers=answers_for(live))

        results = _in_thread(world.alpha.schema_name, submit, submit)
        kept = [r for r in results if not isinstance(r, Exception)]
        refused = [r for r in results if isinstance(r, Exception)]
        assert len(kept) == 1 and len(refused) == 1, results
        assert isinstance(refused[0], services.AlreadyAnswered) and refused[0].status == 409
    finally:
        _in_thread(world.alpha.schema_name, lambda: _clean_office(wave.pk))
        _in_thread(world.hq.schema_name, lambda: _clean_hq(wave.pk))
        _in_thread("public", lambda: _clean_group(wave))


def _clean_office(wave_id):
    from modules.residents.models import Building, Household, Resident, Unit
    from modules.surveys.models import Push, Response

    with transaction.atomic():
        Response.objects.filter(wave_id=wave_id).delete()
        Push.objects.filter(wave_id=wave_id).delete()
        Resident.objects.filter(household__unit__building__name=BUILDING).delete()
        Household.objects.filter(unit__building__name=BUILDING).delete()
        Unit.objects.filter(building__name=BUILDING).delete()
        Building.objects.filter(name=BUILDING).delete()


def _clean_hq(wave_id):
    from modules.surveys.hq.models import OfficeWaveResult

    OfficeWaveResult.objects.filter(wave_id=wave_id).delete()


def _clean_group(wave):
    from modules.surveys.group.models import Questionnaire, SurveyEvent, Wave

    with transaction.atomic():
        questionnaire_id = Wave.objects.get(pk=wave.pk).questionnaire_id
        Wave.objects.filter(pk=wave.pk).delete()
        SurveyEvent.objects.filter(entity="wave", entity_id=wave.pk).delete()
        SurveyEvent.objects.filter(entity="questionnaire", entity_id=questionnaire_id).delete()
        Questionnaire.objects.filter(pk=questionnaire_id).delete()
