"""The surveys API's .xlsx exports (V-03, V-04): head office's results workbook holds the figures of the
results endpoint; an office's answer sheets add up to the office's own counts. An unknown wave is 404, a
member without the permission 403, another office's user 404."""

from __future__ import annotations

from collections import Counter
from io import BytesIO

import pytest
from openpyxl import load_workbook

from modules.surveys import services
from tests.modules.surveys.factories import answers_for, household_with_phone, question_of, wave_make

pytestmark = pytest.mark.django_db


def _workbook(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    return load_workbook(BytesIO(b"".join(response.streaming_content)))


@pytest.fixture
def answered(world, in_tenant):
    wave = wave_make(world.users[("hq", "hq_mgmt_rep")], [world.alpha, world.beta])
    for office, grades in ((world.alpha, ("satisfied", "dissatisfied", "satisfied")), (world.beta, ("basically_satisfied",))):
        with in_tenant(office):
            for n, grade in enumerate(grades):
                _household, phone = household_with_phone()
                services.response_submit_online(office=office, wave_id=wave.pk, phone=phone, room="",
                                                answers=answers_for(wave, grade=grade, score=n + 2, text=f"意见{n}"))
            services.survey_push(office=office, wave_id=wave.pk)
    return wave


def test_v03_v04_api_results_xlsx_equals_the_results_endpoint(client_for, world, answered):
    hq = client_for(world.hq, "hq_mgmt_rep")
    results = hq.get(f"/api/v1/surveys/waves/{answered.pk}/results/").json()
    workbook = _workbook(hq.get(f"/api/v1/surveys/waves/{answered.pk}/results.xlsx"))
    assert workbook["各题结果"]["B3"].value == results["respondents"] == 4
    assert workbook["各题结果"]["D3"].value == results["rate"]["rate"]
    offices = {r[0]: r for r in workbook["各管理处"].iter_rows(min_row=2, values_only=True)}
    for o in results["offices"]:
        assert offices[o["office_name"]][1] == o["respondents"]
        assert offices[o["office_name"]][7] == o["rate"]["rate"]
    assert hq.get("/api/v1/surveys/waves/999999/results.xlsx").status_code == 404
    assert client_for(world.hq, "hq_agent").get(f"/api/v1/surveys/waves/{answered.pk}/results.xlsx").status_code == 403


def test_v03_api_answers_xlsx_adds_up_to_the_office_counts(client_for, world, answered):
    director = client_for(world.alpha, "office_director")
    counts = director.get(f"/api/v1/surveys/waves/{answered.pk}/").json()
    ws = _workbook(director.get(f"/api/v1/surveys/waves/{answered.pk}/answers.xlsx"))["答卷明细"]
    rows = [r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]]
    assert len(rows) == counts["respondents"] == 3
    rated = question_of(answered, "single")
    column = 7 + [q["id"] for q in counts["results"]].index(rated.pk)
    chosen = Counter(r[column] for r in rows)
    page = next(q for q in counts["results"] if q["id"] == rated.pk)
    assert {o["text"]: o["count"] for o in page["options"]} == {t: chosen.get(t, 0) for t in ("满意", "基本满意", "不满意")}
    assert sorted(r[-1] for r in rows) == ["意见0", "意见1", "意见2"]
    assert director.get("/api/v1/surveys/waves/999999/answers.xlsx").status_code == 404
    assert client_for(world.alpha, "cs_staff").get(
        f"/api/v1/surveys/waves/{answered.pk}/answers.xlsx").status_code == 403
    intruder = client_for(world.alpha, "office_director", user_of=world.beta)
    assert intruder.get(f"/api/v1/surveys/waves/{answered.pk}/answers.xlsx").status_code == 404
    beta = _workbook(client_for(world.beta, "cs_supervisor").get(f"/api/v1/surveys/waves/{answered.pk}/answers.xlsx"))
    assert len([r for r in beta["答卷明细"].iter_rows(min_row=4, values_only=True) if r[0]]) == 1
