"""The roster template offered for download (issue 9 §3.8): the columns the import reads
(modules/residents/roster.py) and one example row that imports as it is."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Font

from modules.residents.roster import LABELS

ROSTER_TEMPLATE_NAME = "住户名册模板.xlsx"
HEADERS = {"kind": "类型(住户/企业)", "relation": "身份(业主/租户/家属)"}
EXAMPLE = {"building": "1栋", "unit": "101", "household": "张三", "kind": "住户", "name": "张三",
           "relation": "业主", "phone": "13800138000", "note": "示例行，可改写或删除"}


def roster_template_bytes() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "住户名册"
    keys = list(LABELS)
    sheet.append([HEADERS.get(key, LABELS[key]) for key in keys])
    sheet.append([EXAMPLE[key] for key in keys])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGH", (10, 10, 16, 16, 10, 20, 16, 24), strict=True):
        sheet.column_dimensions[column].width = width
    sheet["G2"].number_format = "@"  # the phone stays text
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
