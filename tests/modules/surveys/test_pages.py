"""Survey pages (V-03): the residents' public page (no login, throttled, once per household), the office's
pages (its waves, its results, paper entry) and head office's (design, launch, results, publish). An office
not chosen for a wave gets 404 on it; another office's staff get 404 on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from modules.surveys import services
from tests.modules.surveys.factories import answers_for, household_with_phone, question_of, wave_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def designer(world):
    return world.users[("hq", "hq_mgmt_rep")]


def _post_sheet(wave, phone, **extra):
    data = {"phone": phone, "room": ""}
    for qid, value in answers_for(wave).items():
        data[f"q_{qid}"] = [str(v) for v in value] if isinstance(value, list) else str(value)
    data.update(extra)
    return data


def test_v03_resident_answers_on_the_public_page_once(world, designer, client_for, in_tenant):
    wave = wave_make(designer, [world.alpha])
    with in_tenant(world.alpha):
        _household, phone = household_with_phone()
    client = client_for(world.alpha)
    listing = client.get("/public/surveys/")
    assert listing.status_code == 200 and wave.title in listing.content.decode()
    page = client.get(f"/public/surveys/{wave.pk}/")
    assert page.status_code == 200 and question_of(wave, "scale").text in page.content.decode()
    done = client.post(f"/public/surveys/{wave.pk}/", _post_sheet(wave, phone), REMOTE_ADDR="10.9.0.1")
    assert done.status_code == 200 and "survey-done" in done.content.decode()
    again = client.post(f"/public/surveys/{wave.pk}/", _post_sheet(wave, phone), REMOTE_ADDR="10.9.0.2")
    assert again.status_code == 409 and "每户只能答一次" in again.content.decode()


def test_v03_public_page_missing_answer_names_the_question_and_keeps_what_was_typed(world, designer, client_for,
                                                                                    in_tenant):
    wave = wave_make(designer, [world.alpha])
    rated = question_of(wave, "single")
    with in_tenant(world.alpha):
        _household, phone = household_with_phone()
    data = _post_sheet(wave, phone)
    data.pop(f"q_{rated.pk}")
    text = question_of(wave, "text")
    data[f"q_{text.pk}"] = "电梯太慢"
    response = client_for(world.alpha).post(f"/public/surveys/{wave.pk}/", data, REMOTE_ADDR="10.9.0.3")
    body = response.content.decode()
    assert response.status_code == 200
    marker = f'id="field-q_{rated.pk}"'
    assert marker in body and "has-error" in body.split(marker)[0][-80:]
    assert "电梯太慢" in body and phone in body


def test_v03_public_page_is_throttled(world, designer, client_for, in_tenant):
    from modules.catalog.models import Setting

    Setting.objects.create(key="surveys.public_max_per_hour_per_address", value=1,
                           effective_from=timezone.now() - timedelta(days=1))
    wave = wave_make(designer, [world.alpha])
    with in_tenant(world.alpha):
        _h1, phone1 = household_with_phone()
        _h2, phone2 = household_with_phone()
    address = f"10.8.{timezone.now().microsecond % 250}.{timezone.now().second}"
    client = client_for(world.alpha)
    assert client.post(f"/public/surveys/{wave.pk}/", _post_sheet(wave, phone1), REMOTE_ADDR=address).status_code == 200
    refused = client.post(f"/public/surveys/{wave.pk}/", _post_sheet(wave, phone2), REMOTE_ADDR=address)
    assert refused.status_code == 429
    with in_tenant(world.alpha):
        from modules.surveys.models import Response

        assert Response.objects.filter(wave_id=wave.pk).count() == 1


def test_v03_an_office_not_chosen_gets_404_on_the_wave(world, designer, client_for):
    wave = wave_make(designer, [world.alpha])
    public = client_for(world.beta)
    assert public.get(f"/public/surveys/{wave.pk}/").status_code == 404
    assert wave.title not in public.get("/public/surveys/").content.decode()
    staff = client_for(world.beta, "cs_supervisor")
    for path in (f"/surveys/{wave.pk}/", f"/surveys/{wave.pk}/paper/"):
        assert staff.get(path).status_code == 404
    assert staff.post(f"/surveys/{wave.pk}/paper/", {"room": "1栋-101"}).status_code == 404
    assert wave.title not in staff.get("/surveys/").content.decode()


def test_v03_office_b_staff_get_404_on_office_a_survey_pages(world, designer, client_for):
    wave = wave_make(designer, [world.alpha, world.beta])
    intruder = client_for(world.alpha, "cs_supervisor", user_of=world.beta)  # beta's user on alpha's host
    for path in ("/surveys/", f"/surveys/{wave.pk}/", f"/surveys/{wave.pk}/paper/"):
        assert intruder.get(path).status_code == 404


def test_v03_staff_enter_a_paper_questionnaire_and_see_the_office_results(world, designer, client_for, in_tenant):
    wave = wave_make(designer, [world.alpha])
    with in_tenant(world.alpha):
        household, _phone = household_with_phone()
    room = f"{household.unit.building.name}-{household.unit.number}"
    client = client_for(world.alpha, "cs_staff")
    data = _post_sheet(wave, "", room=room, household_name="")
    data.pop("phone")
    saved = client.post(f"/surveys/{wave.pk}/paper/", data)
    assert saved.status_code == 302
    again = client.post(f"/surveys/{wave.pk}/paper/", data)
    assert again.status_code == 409 and room in again.content.decode()
    unknown = client.post(f"/surveys/{wave.pk}/paper/", {**data, "room": "99栋-9999"})
    assert unknown.status_code == 400 and "房号（和户名）不在住户名册中" in unknown.content.decode()
    results = client.get(f"/surveys/{wave.pk}/").content.decode()
    assert "100.0%" in results and "纸质问卷录入" in results
    assert "V-0" not in results


def test_v03_hq_designs_launches_and_publishes_through_the_pages(world, client_for, in_tenant):
    hq = client_for(world.hq, "hq_quality_manager")
    created = hq.post("/surveys/questionnaires/new/", {"title": "物业服务满意度", "intro": ""})
    assert created.status_code == 302
    url = created["Location"]
    qid = int(url.rstrip("/").split("/")[-1])
    assert hq.post(f"/surveys/questionnaires/{qid}/questions/",
                   {"kind": "single", "text": "总体满意度", "required": "on", "rated": "on"}).status_code == 302
    bad = hq.post(f"/surveys/questionnaires/{qid}/questions/", {"kind": "single", "text": "只有一个选项",
                                                                "options": "甲"})
    assert bad.status_code == 400 and "只有一个选项" in bad.content.decode()
    start = timezone.localdate()
    refused = hq.post("/surveys/waves/new/", {"questionnaire": qid, "title": "第一轮", "starts_on": start,
                                              "ends_on": start + timedelta(days=5), "offices": "alpha nosuch"})
    assert refused.status_code == 400 and "nosuch" in refused.content.decode()
    launched = hq.post("/surveys/waves/new/", {"questionnaire": qid, "title": "第一轮", "starts_on": start,
                                               "ends_on": start + timedelta(days=5), "offices": "alpha"})
    assert launched.status_code == 302
    wave_id = int(launched["Location"].rstrip("/").split("/")[-1])
    from modules.surveys.group.models import Wave

    wave = Wave.objects.get(pk=wave_id)
    with in_tenant(world.alpha):
        _household, phone = household_with_phone()
        services.response_submit_online(office=world.alpha, wave_id=wave.pk, phone=phone, room="",
                                        answers=answers_for(wave))
        services.survey_push(office=world.alpha, wave_id=wave.pk)
    page = hq.get(f"/surveys/waves/{wave_id}/").content.decode()
    assert "100.0%" in page and "测试alpha管理处" in page and "V-0" not in page
    assert hq.post(f"/surveys/waves/{wave_id}/close/").status_code == 302
    published = hq.post(f"/surveys/waves/{wave_id}/publish/", {"title": "第一轮结果", "body": "谢谢大家"})
    assert published.status_code == 302
    board = client_for(world.alpha).get("/public/notices/").content.decode()
    assert "第一轮结果" in board


def test_v03_hq_agent_may_read_results_but_not_design(world, designer, client_for):
    wave = wave_make(designer, [world.alpha])
    agent = client_for(world.hq, "hq_gm")
    assert agent.get(f"/surveys/waves/{wave.pk}/").status_code == 200
    assert agent.get("/surveys/questionnaires/new/").status_code == 404
    assert client_for(world.hq, "hq_agent").get("/surveys/").status_code == 404
