"""A-02: a person's monthly 客服人员考核表 as .xlsx, in the layout of the printable page (the same
rows from the same selector): title, person and month, one line per item, totals, signatures."""

from __future__ import annotations

import tempfile

from django.db import connection
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

COLUMNS = ["日期", "类别", "项目", "本月次数", "处分", "分值", "扣款（元）", "记录人", "备注"]
WIDTHS = [12, 10, 40, 10, 14, 8, 10, 10, 24]


def sheet_rows(data: dict) -> list[list]:
    """The sheet's lines after the header: items, totals and signatures (page and .xlsx alike)."""
    rows = []
    for f in data["findings"]:
        rows.append([f"{timezone.localtime(f.occurred_at):%Y-%m-%d}", f.get_category_display(), f.description,
                     f.count_in_month, f.get_step_display(), f"{f.points:+}", f"{f.pay_deduction}",
                     f.recorded_by_name, f.note])
    sheet = data["sheet"]
    rows += [["基础分", "", "", "", "", f"{data['base']}"], ["合计加减分", "", "", "", "", f"{data['points']:+}",
                                                          f"{data['pay']}"],
             ["考核得分", "", "", "", "", f"{data['total']}"], [],
             ["班长", "、".join(data["leaders"])],
             ["主管汇总", sheet.compiled_by_name if sheet else ""],
             ["主任签字", sheet.signed_by_name if sheet else "", sheet.director_note if sheet else ""]]
    return rows


def sheet_xlsx(*, data: dict):
    workbook = Workbook()
    ws = workbook.active
    ws.title = f"{data['month']:%Y-%m}"
    for index, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.append([f"{getattr(connection.tenant, 'name', '')} 客服人员考核表"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["姓名", data["person_name"], "月份", f"{data['month']:%Y年%m月}"])
    ws.append(COLUMNS)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for row in sheet_rows(data):
        ws.append(row)
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return handle
