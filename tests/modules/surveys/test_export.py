"""Survey exports (V-03, V-04): head office's workbook of a wave (per question and option against the previous
wave, per office) from the pushed counts only, and an office's own answer sheets one row per household. The
workbooks open with openpyxl and hold the figures of the pages' selectors; a role that cannot see results,
another office's user and an office user on head office's route get nothing."""

from __future__ import annotations

import re
from io import BytesIO
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from modules.surveys import export, selectors, services
from tests.modules.surveys.factories import answers_for, household_with_phone, question_of, wave_make

pytestmark = pytest.mark.django_db
RULE_ID = re.compile(r"\b[A-Z]-\d{2}\b")


@pytest.fixture
def designer(world):
    return world.users[("hq", "hq_mgmt_rep")]


def _workbook(response):
    assert response.status_code == 200, response
    assert response["Content-Type"] == export.XLSX_TYPE
    return load_workbook(BytesIO(b"".join(response.streaming_content)))


def _texts(workbook) -> str:
    return "\n".join(str(cell) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True)
                     for cell in row if cell is not None)


def _answer(office, wave, in_tenant, *, grade: str, text: str = "", push: bool = True):
    with in_tenant(office):
        household, phone = household_with_phone()
        services.response_submit_online(office=office, wave_id=wave.pk, phone=phone, room="",
                                        answers=answers_for(wave, grade=grade, text=text))
        if push:
            services.survey_push(office=office, wave_id=wave.pk)
    return household


def _two_waves(world, designer, in_tenant):
    """A wave of alpha and beta compared with an earlier wave of the same questionnaire."""
    before = wave_make(designer, [world.alpha, world.beta], title="2025年业户满意度调查")
    _answer(world.alpha, before, in_tenant, grade="dissatisfied")
    wave = wave_make(designer, [world.alpha, world.beta], questionnaire=before.questionnaire)
    assert wave.previous_id == before.pk
    _answer(world.alpha, wave, in_tenant, grade="satisfied", text="电梯太慢")
    _answer(world.alpha, wave, in_tenant, grade="basically_satisfied")
    _answer(world.beta, wave, in_tenant, grade="dissatisfied")
    return before, wave


def test_v03_v04_hq_workbook_holds_the_results_page_figures(world, designer, client_for, in_tenant):
    _before, wave = _two_waves(world, designer, in_tenant)
    hq = client_for(world.hq, "hq_quality_manager")
    page = hq.get(f"/surveys/waves/{wave.pk}/").content.decode()
    assert f"/surveys/waves/{wave.pk}/export.xlsx" in page
    response = hq.get(f"/surveys/waves/{wave.pk}/export.xlsx")
    workbook = _workbook(response)
    name = quote(f"{wave.title}-调查结果.xlsx")
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"filename*=UTF-8''{name}" in response["Content-Disposition"]
    results = selectors.hq_wave_results(wave=selectors.wave_get(pk=wave.pk))
    questions, offices = workbook["各题结果"], workbook["各管理处"]
    assert questions["B3"].value == results["respondents"] == 3
    assert questions["D3"].value == results["rate"]["rate"] and questions["D3"].number_format == "0.0%"
    assert questions["D4"].value == results["previous_rate"]["rate"] == 0.0
    rows = [r for r in questions.iter_rows(min_row=7, values_only=True)]
    expected = [(q["position"], o["text"], o["count"], o["percent"], o["previous_percent"])
                for q in results["questions"] for o in q["options"]]
    got = [(r[0], r[3], r[4], None if r[5] is None else round(r[5] * 100, 1),
            None if r[6] is None else round(r[6] * 100, 1)) for r in rows if isinstance(r[4], int) and
           not str(r[3]).endswith("分")]
    assert got == expected
    rated = next(q for q in results["questions"] if q["rated"])
    assert [o["previous_percent"] for o in rated["options"]] == [0.0, 0.0, 100.0]
    scale = question_of(wave, "scale")
    scale_rows = [r for r in rows if r[0] == scale.position]
    assert [r[4] for r in scale_rows] == [s["count"] for s in results["questions"][1]["scale"]]
    assert scale_rows[0][8] == results["questions"][1]["average"]
    by_office = {r[0]: r for r in offices.iter_rows(min_row=2, values_only=True)}
    for o in results["offices"]:
        line = by_office[o["office_name"]]
        assert line[1] == o["respondents"] and line[7] == o["rate"]["rate"]
        assert line[2:5] == tuple(o["rate"]["by_answer"].values())
    assert by_office["测试alpha管理处"][8] == 0.0 and by_office["测试beta管理处"][8] is None
    assert by_office["全集团"][1] == 3 and by_office["全集团"][7] == results["rate"]["rate"]
    text = _texts(workbook)
    assert "电梯太慢" not in text  # the residents' words stay in the office
    assert not RULE_ID.search(text)


def test_v03_hq_workbook_reads_only_the_pushed_counts(world, designer, client_for, in_tenant):
    wave = wave_make(designer, [world.alpha])
    _answer(world.alpha, wave, in_tenant, grade="satisfied")
    _answer(world.alpha, wave, in_tenant, grade="dissatisfied", push=False)  # counted at the office, not sent
    workbook = _workbook(client_for(world.hq, "hq_gm").get(f"/surveys/waves/{wave.pk}/export.xlsx"))
    assert workbook["各题结果"]["B3"].value == 1 and workbook["各题结果"]["D3"].value == 1.0
    office = next(r for r in workbook["各管理处"].iter_rows(min_row=2, values_only=True) if r[0] == "测试alpha管理处")
    assert office[1] == 1


def test_v03_office_workbook_one_row_per_answer_sheet_with_free_text(world, designer, client_for, in_tenant):
    wave = wave_make(designer, [world.alpha])
    online = _answer(world.alpha, wave, in_tenant, grade="satisfied", text="电梯太慢")
    with in_tenant(world.alpha):
        paper, _phone = household_with_phone()
        services.response_enter_paper(user=world.users[("alpha", "cs_staff")], office=world.alpha, wave_id=wave.pk,
                                      household_id=paper.pk, answers=answers_for(wave, grade="dissatisfied", score=2))
    client = client_for(world.alpha, "cs_supervisor")
    assert f"/surveys/{wave.pk}/export.xlsx" in client.get(f"/surveys/{wave.pk}/").content.decode()
    response = client.get(f"/surveys/{wave.pk}/export.xlsx")
    workbook = _workbook(response)
    assert f"filename*=UTF-8''{quote(f'{wave.title}-答卷明细.xlsx')}" in response["Content-Disposition"]
    ws = workbook["答卷明细"]
    header = [c for c in next(ws.iter_rows(min_row=3, max_row=3, values_only=True))]
    questions = list(wave.questionnaire.questions.all())
    assert header == [*export.ANSWER_FIXED_COLUMNS, *[f"{q.position}. {q.text}" for q in questions]]
    rows = {r[3]: r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}
    assert len(rows) == 2 == ws["D2"].value
    with in_tenant(world.alpha):
        counts = selectors.wave_counts(wave=wave)
    assert counts["respondents"] == len(rows)
    first = rows[online.name]
    assert first[1:5] == (online.unit.building.name, online.unit.number, online.name, "网上填写")
    assert first[7:] == ("满意", 4, "保洁", "电梯太慢")
    second = rows[paper.name]
    with in_tenant(world.alpha):
        entered_by = selectors.office_recent_responses(wave_id=wave.pk)[0].entered_by_name
    assert second[4:6] == ("纸质问卷录入", entered_by) and entered_by
    assert second[7:10] == ("不满意", 2, "保洁") and second[10] in ("", None)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", first[6])
    assert not RULE_ID.search(_texts(workbook))


def test_v03_office_workbook_is_bounded_newest_first(world, designer, in_tenant):
    wave = wave_make(designer, [world.alpha])
    _answer(world.alpha, wave, in_tenant, grade="satisfied", push=False)
    newest = _answer(world.alpha, wave, in_tenant, grade="dissatisfied", push=False)
    with in_tenant(world.alpha):
        wave = selectors.office_wave_get(office=world.alpha, wave_id=wave.pk)
        handle = export.office_answers_xlsx(wave=wave, office_name="测试", sheet=selectors.office_answer_sheet(
            wave=wave, limit=1))
    rows = [r for r in load_workbook(handle)["答卷明细"].iter_rows(min_row=4, values_only=True) if any(r)]
    assert rows[0][3] == newest.name and len(rows) == 2
    assert "只列出最近的 1 份" in rows[1][0]


def test_v03_export_needs_a_role_that_sees_results(world, designer, client_for):
    """Pages: a role without the permission finds no page (404, the product's rule for pages); the API
    answers 403 to a member without it."""
    wave = wave_make(designer, [world.alpha])
    staff = client_for(world.alpha, "cs_staff")  # sees the results page, not the answer sheets
    assert "export.xlsx" not in staff.get(f"/surveys/{wave.pk}/").content.decode()
    assert staff.get(f"/surveys/{wave.pk}/export.xlsx").status_code == 404
    assert client_for(world.alpha, "cashier").get(f"/surveys/{wave.pk}/export.xlsx").status_code == 404
    assert staff.get(f"/api/v1/surveys/waves/{wave.pk}/answers.xlsx").status_code == 403
    assert client_for(world.alpha, "office_director").get(f"/surveys/{wave.pk}/export.xlsx").status_code == 200
    agent = client_for(world.hq, "hq_agent")
    assert agent.get(f"/surveys/waves/{wave.pk}/export.xlsx").status_code == 404
    assert agent.get(f"/api/v1/surveys/waves/{wave.pk}/results.xlsx").status_code == 403


def test_v03_export_isolation_other_office_404_and_office_users_cannot_reach_hq(world, designer, client_for):
    wave = wave_make(designer, [world.alpha])
    not_chosen = client_for(world.beta, "cs_supervisor")
    assert not_chosen.get(f"/surveys/{wave.pk}/export.xlsx").status_code == 404
    assert not_chosen.get(f"/api/v1/surveys/waves/{wave.pk}/answers.xlsx").status_code == 404
    intruder = client_for(world.alpha, "cs_supervisor", user_of=world.beta)  # beta's user on alpha's host
    assert intruder.get(f"/surveys/{wave.pk}/export.xlsx").status_code == 404
    assert intruder.get(f"/api/v1/surveys/waves/{wave.pk}/answers.xlsx").status_code == 404
    office_on_hq = client_for(world.hq, "office_director", user_of=world.alpha)
    assert office_on_hq.get(f"/surveys/waves/{wave.pk}/export.xlsx").status_code == 404
    assert office_on_hq.get(f"/api/v1/surveys/waves/{wave.pk}/results.xlsx").status_code == 404
    office = client_for(world.alpha, "office_director")  # head office's route does not exist on an office host
    assert office.get(f"/surveys/waves/{wave.pk}/export.xlsx").status_code == 404
    assert office.get(f"/api/v1/surveys/waves/{wave.pk}/results.xlsx").status_code == 404
    assert client_for(world.hq, "hq_gm").get("/surveys/waves/999999/export.xlsx").status_code == 404
