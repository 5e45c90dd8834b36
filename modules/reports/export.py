"""C-18: the consolidated monthly complaint report as .xlsx, in the 月报's layout (the printable page's
sections, then one line per office), from the same selectors as the page."""

from __future__ import annotations

import tempfile

from openpyxl import Workbook
from openpyxl.styles import Font

OFFICE_COLUMNS = ["管理处", "状态", "版本", "受理投诉", "有效投诉", "协助处理投诉", "无效投诉", "集体投诉事件",
                  "应回复", "按时回复", "按时回复率", "回访数", "回访满意", "回访满意率", "主任访问数", "主任访问满意",
                  "主任访问满意率", "遗留未结"]
RATE_LABELS = {"on_time": "按时回复率", "visits": "投诉回访满意率", "director": "主任访问投诉客户满意率"}


def _pct(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _section(ws, title: str, header: list[str], rows: list[list]) -> None:
    ws.append([])
    ws.append([title])
    ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)


def consolidated_xlsx(*, data: dict, offices: list[dict], status_labels: dict):
    workbook = Workbook()
    ws = workbook.active
    ws.title = f"{data['month']:%Y-%m}"
    for column, width in zip("ABCDEFGHIJKLMNOPQR", [22, 10, 6] + [10] * 15, strict=True):
        ws.column_dimensions[column].width = width
    ws.append(["部门客户投诉工作月报（汇总）"])
    ws["A1"].font = Font(bold=True, size=14)
    counts = data["counts"]
    ws.append(["月份", f"{data['month']:%Y年%m月}", "", "应报管理处", counts["expected"], "已上报", counts["submitted"],
               "逾期未报", counts["late"]])
    _section(ws, "一、投诉受理情况", ["分类", "件数"],
             [[r["label"], r["count"]] for r in data["by_class"]] + [["受理投诉合计", data["received"]]])
    _section(ws, "二、投诉类别", ["类别", "件数"], [[r["label"], r["count"]] for r in data["by_category"]])
    _section(ws, "三、投诉渠道", ["渠道", "件数"], [[r["label"], r["count"]] for r in data["by_channel"]])
    _section(ws, "四、集体投诉事件", ["项目", "数量"], [["集体投诉事件", data["collective"]]])
    _section(ws, "五、按时回复率及满意率", ["项目", "分子", "分母", "比率"],
             [[RATE_LABELS[k], v["num"], v["den"], _pct(v["rate"])] for k, v in data["rates"].items()])
    _section(ws, "六、遗留未结投诉", ["项目", "件数"], [["月末未结", data["carried_over"]]])
    _section(ws, "七、各管理处", OFFICE_COLUMNS, [[
        o["expectation"].office_name, status_labels.get(o["expectation"].status, o["expectation"].status),
        o["expectation"].version or "", o["received"], o["class_valid"], o["class_assisted"], o["class_invalid"],
        o["collective"], o["on_time_den"], o["on_time_num"], _pct(o["on_time_rate"]), o["visits_den"],
        o["visits_num"], _pct(o["visits_rate"]), o["director_den"], o["director_num"], _pct(o["director_rate"]),
        o["carried_over"]] for o in offices])
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return handle
