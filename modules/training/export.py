"""A-05: the 培训记录表 of one session as .xlsx, in the layout of the printable page (the same rows from the
same selector): title, the session's details, one line per trainee with attendance, counts, effect, signature."""

from __future__ import annotations

import tempfile

from django.db import connection
from openpyxl import Workbook
from openpyxl.styles import Font

from core.calendar import local

COLUMNS = ["序号", "姓名", "出勤", "备注"]
WIDTHS = [14, 24, 14, 40]


def record_head(data: dict) -> list[list]:
    """The details above the attendance table (page and .xlsx alike)."""
    s = data["s"]
    return [["编号", s.number, "类别", s.get_category_display()],
            ["培训内容", s.topic, "讲师", s.trainer_name],
            ["培训时间", f"{local(s.starts_at):%Y-%m-%d %H:%M}", "课时", f"{s.class_hours}"],
            ["地点", s.place, "状态", s.get_status_display()]]


def record_rows(data: dict) -> list[list]:
    """The attendance lines, the counts and the signature lines (page and .xlsx alike)."""
    rows = [[str(index), a.person_name, a.get_status_display(), a.note]
            for index, a in enumerate(data["attendance"], start=1)]
    counts = data["counts"]
    rows += [["应到", str(len(data["attendance"])), "实到", str(counts["present"])],
             ["请假", str(counts["excused"]), "无故缺席", str(counts["absent"])],
             ["培训效果", data["s"].summary],
             ["记录人", data["s"].recorded_by_name, "记录时间",
              f"{local(data['s'].recorded_at):%Y-%m-%d %H:%M}" if data["s"].recorded_at else ""]]
    return rows


def record_xlsx(*, data: dict):
    workbook = Workbook()
    ws = workbook.active
    ws.title = data["s"].number[:31]
    for index, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.append([f"{getattr(connection.tenant, 'name', '')} 培训记录表"])
    ws["A1"].font = Font(bold=True, size=14)
    for row in record_head(data):
        ws.append(row)
    ws.append(COLUMNS)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in record_rows(data):
        ws.append(row)
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return handle
