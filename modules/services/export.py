"""S-06: the per-item monthly revenue, cost and margin as .xlsx (Chinese headings), from the same rows as
the figures page (`selectors.item_month_figures`)."""

from __future__ import annotations

import tempfile
from datetime import date

from django.db import connection
from openpyxl import Workbook
from openpyxl.styles import Font

COLUMNS = ["服务项目", "结算单数", "收入（元）", "材料（元）", "人工（元）", "分包（元）", "成本（元）", "毛利（元）", "亏损",
           "其中扣留押金（元）"]
WIDTHS = [24, 10, 12, 12, 12, 12, 12, 12, 8, 16]


def margin_xlsx(*, month: date, rows: list[dict]):
    workbook = Workbook()
    ws = workbook.active
    ws.title = f"{month:%Y-%m}"
    for index, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(ord("A") + index)].width = width
    ws.append([f"{getattr(connection.tenant, 'name', '')} 特约服务收支表 {month:%Y年%m月}"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(COLUMNS)
    for cell in ws[2]:
        cell.font = Font(bold=True)
    money_cols = ("revenue", "materials", "labour", "subcontracting", "cost", "margin")
    for r in rows:  # amounts as numbers with two places (Decimal → the cell's number format keeps cents)
        ws.append([r["item_name"], r["jobs"], *[r[k] for k in money_cols], "是" if r["loss"] else "", r["kept"]])
    totals = {k: sum((r[k] for r in rows), start=0) for k in (*money_cols, "kept")}
    ws.append(["合计", sum(r["jobs"] for r in rows), *[totals[k] for k in money_cols], "", totals["kept"]])
    ws[ws.max_row][0].font = Font(bold=True)
    for row in ws.iter_rows(min_row=3, min_col=3, max_col=10):
        for cell in row:
            if cell.column != 9:  # the loss flag
                cell.number_format = "0.00"
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return handle
