"""The month's duty log as .xlsx in the form of the 值班记录表 (D-06, D-07), written in openpyxl's
write-only mode to a temporary file and streamed."""

from __future__ import annotations

import tempfile
from datetime import date

from django.db import connection
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from modules.duty import selectors
from modules.duty.templatetags.duty_labels import record_text

COLUMNS = ["日期", "时间", "班次", "值班人", "类别", "内容", "处理措施", "结果", "备注"]
WIDTHS = [12, 8, 10, 10, 8, 40, 30, 24, 24]


def _remark(entry) -> str:
    """备注: the note, what the line corrects, and the records it comes from by their numbers (D-06);
    never a database id or a model name."""
    parts = [entry.note]
    if entry.corrects_id:
        parts.append(f"更正 {timezone.localtime(entry.corrects.occurred_at):%m-%d %H:%M} 的记录")
    if entry.after_archive:
        parts.append("归档后补记")
    sources = [record_text(entry.source_type, entry.source_number),
               record_text(entry.link_type, entry.link_number)]
    if any(sources):
        parts.append("来源 " + "、".join(text for text in sources if text))
    return "；".join(p for p in parts if p)


def _on_duty(entry, cache: dict) -> str:
    """值班人: the people on the roster of the entry's shift, else who wrote the entry."""
    if entry.instance_id not in cache:
        names = selectors.on_duty_people(instance=entry.instance).values_list("user_name", flat=True) \
            if entry.instance else []
        cache[entry.instance_id] = "、".join(names)
    return cache[entry.instance_id] or entry.author_name


def _row(entry, cache: dict) -> list:
    at = timezone.localtime(entry.occurred_at)
    shift = entry.instance.shift.name if entry.instance else ""
    return [entry.day.isoformat(), at.strftime("%H:%M"), shift, _on_duty(entry, cache), entry.get_kind_display(),
            entry.content, entry.action, entry.result, _remark(entry)]


def _signatures(month: date) -> list[list]:
    rows = [[], ["签字"]]
    for instance in selectors.month_signed_instances(month=month):
        rows.append([instance.date.isoformat(), "", instance.shift.name, "值班主任", instance.signed_by_name])
    for sign in selectors.month_day_signs(month=month):
        rows.append([sign.day.isoformat(), "", "", "主管", sign.signed_by_name])
    archive = selectors.month_archive_get(month=month)
    if archive:
        rows.append(["", "", "", "资料员归档", archive.archived_by_name,
                     timezone.localtime(archive.archived_at).strftime("%Y-%m-%d %H:%M")])
    return rows


def month_log_xlsx(*, month: date):
    """Write the month's log to a temporary file and return it, positioned at the start."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(f"{month:%Y-%m}")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    title = WriteOnlyCell(sheet, value=f"{getattr(connection.tenant, 'name', '')} 值班记录表 {month:%Y年%m月}")
    title.font = Font(bold=True, size=14)
    sheet.append([title])
    header = []
    for name in COLUMNS:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = Font(bold=True)
        header.append(cell)
    sheet.append(header)
    on_duty: dict = {}
    for entry in selectors.month_log(month=month).iterator(chunk_size=500):
        sheet.append(_row(entry, on_duty))
    for row in _signatures(month):
        sheet.append(row)
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return handle
