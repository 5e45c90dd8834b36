"""The surveys API (V-03, V-04): head office designs, launches, reads results, closes and publishes; the
office reads its waves and enters paper answers. Bad input is 400 naming the field; isolation is 404."""

from __future__ import annotations

from datetime import timedelta

import pytest

from modules.surveys import services
from tests.modules.surveys.factories import (
    QUESTIONS,
    answers_for,
    household_with_phone,
    question_of,
    today,
    wave_make,
)

pytestmark = pytest.mark.django_db

JSON = {"content_type": "application/json"}


def test_v03_api_hq_designs_and_launches_and_bad_input_names_the_field(client_for, world):
    hq = client_for(world.hq, "hq_mgmt_rep")
    bad = hq.post("/api/v1/surveys/questionnaires/", {"title": "问卷", "questions": [
        {"kind": "single", "text": "题", "options": [{"text": f"选{i}"} for i in range(13)]}]}, **JSON)
    assert bad.status_code == 400 and "questions" in bad.json()["error"]["fields"]
    bad = hq.post("/api/v1/surveys/questionnaires/", {"title": "问卷", "questions": [
        {"kind": "single", "text": "题", "options": [{"text": "甲"}]}]}, **JSON)
    assert bad.status_code == 400 and "questions.0.options" in bad.json()["error"]["fields"]
    created = hq.post("/api/v1/surveys/questionnaires/", {"title": "问卷", "questions": QUESTIONS}, **JSON)
    assert created.status_code == 201, created.json()
    body = created.json()
    assert [q["kind"] for q in body["questions"]] == ["single", "scale", "multiple", "text"]
    bad = hq.post("/api/v1/surveys/waves/", {"questionnaire_id": body["id"], "title": "调查",
                                             "starts_on": str(today()), "ends_on": str(today() - timedelta(days=1)),
                                             "office_ids": [world.alpha.pk]}, **JSON)
    assert bad.status_code == 400 and list(bad.json()["error"]["fields"]) == ["ends_on"]
    wave = hq.post("/api/v1/surveys/waves/", {"questionnaire_id": body["id"], "title": "调查",
                                              "starts_on": str(today()), "ends_on": str(today() + timedelta(days=3)),
                                              "office_ids": [world.alpha.pk]}, **JSON)
    assert wave.status_code == 201 and wave.json()["status"] == "open"
    frozen = hq.post(f"/api/v1/surveys/questionnaires/{body['id']}/questions/", {"kind": "text", "text": "再加"},
                     **JSON)
    assert frozen.status_code == 409 and frozen.json()["error"]["code"] == "questionnaire_frozen"
    version = hq.post(f"/api/v1/surveys/questionnaires/{body['id']}/version/", **JSON)
    assert version.status_code == 201 and version.json()["version"] == 2
    assert client_for(world.hq, "hq_gm").post("/api/v1/surveys/questionnaires/", {"title": "x"},
                                                 **JSON).status_code in (403, 404)


def test_v03_api_office_reads_its_wave_and_enters_paper_answers_once(client_for, world, in_tenant):
    designer = world.users[("hq", "hq_mgmt_rep")]
    wave = wave_make(designer, [world.alpha])
    with in_tenant(world.alpha):
        household, _phone = household_with_phone()
    client = client_for(world.alpha, "cs_staff")
    listed = client.get("/api/v1/surveys/waves/").json()["results"]
    assert wave.pk in [w["id"] for w in listed]
    url = f"/api/v1/surveys/waves/{wave.pk}/paper/"
    scale = question_of(wave, "scale")
    bad = client.post(url, {"household_id": household.pk, "answers": {**answers_for(wave), str(scale.pk): 9}}, **JSON)
    assert bad.status_code == 400 and list(bad.json()["error"]["fields"]) == [f"q_{scale.pk}"]
    answers = {str(k): v for k, v in answers_for(wave, grade="basically_satisfied").items()}
    created = client.post(url, {"household_id": household.pk, "answers": answers}, **JSON)
    assert created.status_code == 201 and created.json()["channel"] == "paper"
    again = client.post(url, {"household_id": household.pk, "answers": answers}, **JSON)
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_answered"
    detail = client.get(f"/api/v1/surveys/waves/{wave.pk}/").json()
    assert detail["respondents"] == 1 and detail["rate"]["rate"] == 1.0


def test_v03_api_isolation_an_office_not_chosen_gets_404(client_for, world, in_tenant):
    designer = world.users[("hq", "hq_mgmt_rep")]
    wave = wave_make(designer, [world.alpha])
    with in_tenant(world.beta):
        household, _phone = household_with_phone()
    beta = client_for(world.beta, "cs_staff")
    assert wave.pk not in [w["id"] for w in beta.get("/api/v1/surveys/waves/").json()["results"]]
    assert beta.get(f"/api/v1/surveys/waves/{wave.pk}/").status_code == 404
    response = beta.post(f"/api/v1/surveys/waves/{wave.pk}/paper/",
                         {"household_id": household.pk, "answers": answers_for(wave)}, **JSON)
    assert response.status_code == 404
    # beta's user on alpha's host
    intruder = client_for(world.alpha, "cs_staff", user_of=world.beta)
    assert intruder.get(f"/api/v1/surveys/waves/{wave.pk}/").status_code == 404


def test_v03_v04_api_hq_results_close_and_publish(client_for, world, in_tenant):
    designer = world.users[("hq", "hq_mgmt_rep")]
    wave = wave_make(designer, [world.alpha, world.beta])
    for office, grade in ((world.alpha, "satisfied"), (world.beta, "dissatisfied")):
        with in_tenant(office):
            _household, phone = household_with_phone()
            services.response_submit_online(office=office, wave_id=wave.pk, phone=phone, room="",
                                            answers=answers_for(wave, grade=grade))
            services.survey_push(office=office, wave_id=wave.pk)
    hq = client_for(world.hq, "hq_mgmt_rep")
    results = hq.get(f"/api/v1/surveys/waves/{wave.pk}/results/").json()
    assert results["respondents"] == 2 and results["rate"]["rate"] == 0.5
    assert {o["office_slug"]: o["rate"]["rate"] for o in results["offices"]} == {"alpha": 1.0, "beta": 0.0}
    early = hq.post(f"/api/v1/surveys/waves/{wave.pk}/publish/", {"title": "结果", "body": "谢谢"}, **JSON)
    assert early.status_code == 409
    assert hq.post(f"/api/v1/surveys/waves/{wave.pk}/close/", **JSON).json()["status"] == "closed"
    bad = hq.post(f"/api/v1/surveys/waves/{wave.pk}/publish/", {"title": "", "body": "谢谢"}, **JSON)
    assert bad.status_code == 400 and "title" in bad.json()["error"]["fields"]
    published = hq.post(f"/api/v1/surveys/waves/{wave.pk}/publish/", {"title": "结果", "body": "谢谢"}, **JSON)
    assert published.status_code == 200 and published.json()["offices"] == 2
    assert client_for(world.alpha, "cs_staff").get(f"/api/v1/surveys/waves/{wave.pk}/results/").status_code == 404
