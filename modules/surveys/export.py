"""Satisfaction surveys as .xlsx (V-03, V-04), Chinese headings, from the same selectors as the pages.

Head office: one workbook per wave — the group-wide results per question and option (count, share, the
previous wave's share) and a sheet per office (respondents, graded answers, satisfaction rate, the previous
wave's rate), built from `selectors.hq_wave_results`, i.e. from the counts the offices pushed, never from an
office schema. An office: its own answers of a wave, one row per household's answer sheet, free text
included, newest first and bounded, written in openpyxl's write-only mode (`selectors.office_answer_sheet`).
Shares and rates are numbers shown as percentages (「46.2%」, as on the pages); a share is the page's figure."""

from __future__ import annotations

import re
import tempfile
from urllib.parse import quote

from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from core.calendar import local
from modules.surveys.group import models as g
from modules.visits.models import ANSWERS

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PERCENT = "0.0%"
KIND_LABELS = {g.SINGLE: "单选", g.SCALE: "1–5分评分", g.MULTIPLE: "多选", g.TEXT: "文字"}
CHANNEL_LABELS = {"online": "网上填写", "paper": "纸质问卷录入"}
ANSWER_LABELS = {code: str(label) for code, label in ANSWERS}
QUESTION_COLUMNS = ["题号", "题目", "题型", "选项 / 分数", "人数", "占比", "上一轮占比", "作答户数", "平均分"]
QUESTION_WIDTHS = [6, 36, 10, 24, 8, 9, 11, 9, 8]
OFFICE_COLUMNS = ["管理处", "答卷户数", *ANSWER_LABELS.values(), "计为满意", "作答（计入满意率）", "满意率",
                  "上一轮满意率", "最近上报"]
OFFICE_WIDTHS = [22, 9, 8, 9, 8, 9, 14, 9, 11, 17]
ANSWER_FIXED_COLUMNS = ["序号", "楼栋", "房号", "户名", "方式", "录入人", "提交时间"]
ANSWER_FIXED_WIDTHS = [6, 10, 10, 14, 12, 10, 17]
# characters a file name may not hold on the desktops that open it (and control characters)
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def _share(percent):
    """A page share (46.2, of 100) as a spreadsheet fraction shown as 「46.2%」; None stays empty."""
    return None if percent is None else round(percent / 100, 4)


def _rate(rate: dict | None):
    return None if not rate or rate.get("rate") is None else rate["rate"]


def _moment(value) -> str:
    return "" if value is None else f"{local(value):%Y-%m-%d %H:%M}"


def _bold_row(ws, row: int) -> None:
    for cell in ws[row]:
        cell.font = Font(bold=True)


def _widths(ws, widths: list[int]) -> None:
    for index, width in enumerate(widths):
        ws.column_dimensions[get_column_letter(index + 1)].width = width


def _percent_columns(ws, first_row: int, columns: list[int]) -> None:
    for row in ws.iter_rows(min_row=first_row):
        for column in columns:
            row[column - 1].number_format = PERCENT


def _question_lines(q: dict, compare: bool) -> list[list]:
    """The lines of one question: one per option or scale value, or one for a question with neither."""
    head = [q["position"], q["text"], KIND_LABELS.get(q["kind"], q["kind"])]
    tail = [q["answered"], q["average"]]
    lines = [[*head, o["text"], o["count"], _share(o["percent"]),
              _share(o["previous_percent"]) if compare else None, *tail] for o in q["options"]]
    lines += [[*head, f"{s['value']}分", s["count"], _share(s["percent"]), None, *tail] for s in q["scale"]]
    if not lines:
        note = "文字意见只保存在各管理处，不上报总部" if q["kind"] == g.TEXT else ""
        lines.append([*head, note, None, None, None, *tail])
    return lines


def _questions_sheet(ws, *, wave, results: dict) -> None:
    ws.title = "各题结果"
    _widths(ws, QUESTION_WIDTHS)
    ws.append([f"{wave.title} 调查结果（全集团）"])
    ws["A1"].font = Font(bold=True, size=14)
    previous = results["previous"]
    ws.append(["调查期", f"{wave.starts_on:%Y-%m-%d} 至 {wave.ends_on:%Y-%m-%d}", "问卷", str(wave.questionnaire)])
    ws.append(["答卷户数", results["respondents"], "集团满意率", _rate(results["rate"])])
    ws.cell(row=3, column=4).number_format = PERCENT
    if previous is not None:
        ws.append(["上一轮", previous.title, "上一轮满意率", _rate(results["previous_rate"])])
        ws.cell(row=4, column=4).number_format = PERCENT
    ws.append([])
    ws.append(QUESTION_COLUMNS)
    header_row = ws.max_row
    _bold_row(ws, header_row)
    for q in results["questions"]:
        for line in _question_lines(q, compare=previous is not None):
            ws.append(line)
    _percent_columns(ws, header_row + 1, [6, 7])


def _office_line(name: str, respondents: int, rate: dict | None, previous_rate: dict | None, counted_at) -> list:
    by_answer = (rate or {}).get("by_answer") or {}
    return [name, respondents, *[by_answer.get(code, 0) for code in ANSWER_LABELS],
            (rate or {}).get("satisfied", 0), (rate or {}).get("answers", 0), _rate(rate), _rate(previous_rate),
            counted_at if isinstance(counted_at, str) else _moment(counted_at)]


def _offices_sheet(ws, *, results: dict) -> None:
    _widths(ws, OFFICE_WIDTHS)
    ws.append(OFFICE_COLUMNS)
    _bold_row(ws, 1)
    for o in results["offices"]:
        ws.append(_office_line(o["office_name"], o["respondents"], o["rate"], o["previous_rate"],
                               o["counted_at"] if o["counted_at"] else "尚未上报"))
    ws.append(_office_line("全集团", results["respondents"], results["rate"], results["previous_rate"], ""))
    _bold_row(ws, ws.max_row)
    _percent_columns(ws, 2, [8, 9])


def hq_wave_xlsx(*, wave, results: dict):
    """Head office's workbook of one wave from `selectors.hq_wave_results` (the page's figures)."""
    workbook = Workbook()
    _questions_sheet(workbook.active, wave=wave, results=results)
    _offices_sheet(workbook.create_sheet("各管理处"), results=results)
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return handle


def _answer_cell(question, answers: list, option_texts: dict) -> str | int | None:
    if question.kind == g.SCALE:
        return next((a.value for a in answers if a.value is not None), None)
    if question.kind == g.TEXT:
        return next((a.text for a in answers if a.text), "")
    return "、".join(option_texts.get(a.option_id, "") for a in answers if a.option_id is not None)


def _answer_row(number: int, response, questions: list, option_texts: dict) -> list:
    by_question: dict = {}
    for answer in response.answers.all():
        by_question.setdefault(answer.question_id, []).append(answer)
    unit = response.household.unit
    return [number, unit.building.name, unit.number, response.household.name,
            CHANNEL_LABELS.get(response.channel, response.channel), response.entered_by_name,
            _moment(response.submitted_at),
            *[_answer_cell(q, by_question.get(q.pk, []), option_texts) for q in questions]]


def office_answers_xlsx(*, wave, office_name: str, sheet: dict):
    """An office's answers of `wave` (`selectors.office_answer_sheet`), one row per household's answers."""
    questions = list(wave.questionnaire.questions.all())
    option_texts = {o.pk: o.text for q in questions for o in q.options.all()}
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet("答卷明细")
    _widths(ws, ANSWER_FIXED_WIDTHS + [18] * len(questions))
    title = WriteOnlyCell(ws, value=f"{office_name} {wave.title} 答卷明细")
    title.font = Font(bold=True, size=14)
    ws.append([title])
    ws.append(["调查期", f"{wave.starts_on:%Y-%m-%d} 至 {wave.ends_on:%Y-%m-%d}", "答卷户数", sheet["total"]])
    header = []
    for name in ANSWER_FIXED_COLUMNS + [f"{q.position}. {q.text}" for q in questions]:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    ws.append(header)
    for number, response in enumerate(sheet["responses"], start=1):
        ws.append(_answer_row(number, response, questions, option_texts))
    if sheet["total"] > sheet["limit"]:
        ws.append([])
        ws.append([f"答卷共 {sheet['total']} 份，此表只列出最近的 {sheet['limit']} 份。"])
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return handle


def download(handle, *, name: str, fallback: str) -> FileResponse:
    """The workbook as an attachment named `name` (Chinese: RFC 5987 `filename*`), `fallback` (ASCII) for
    clients that do not read it."""
    name = _UNSAFE_NAME.sub("_", name).strip() or fallback
    response = FileResponse(handle, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name)}"
    return response
