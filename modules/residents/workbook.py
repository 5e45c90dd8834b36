"""The first sheet of an uploaded .xlsx as a grid of values, with the work bounded before and while reading.

A workbook is a zip of XML: a few KB can declare a cell at column XFD (16,384 columns per row) or inflate to
gigabytes. So, before openpyxl builds anything: the zip members' uncompressed sizes are checked; then the
sheet is read in read-only mode (streamed), its declared dimension checked, and the rows, columns and cells
actually met are counted against the limits as they arrive. The limits are Django settings
(ROSTER_MAX_ROWS, ROSTER_MAX_COLUMNS, ROSTER_MAX_CELLS, ROSTER_MAX_UNZIPPED_BYTES). Anything openpyxl cannot
read (broken XML, a control character, no sheet, a bad attribute) is WorkbookUnreadable, never a 500.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._reader import WorkSheetParser


class WorkbookUnreadable(Exception):
    """The upload is no workbook we can (or may) read; the message is for the person who uploaded it."""


@dataclass(frozen=True)
class Limits:
    rows: int
    columns: int
    cells: int
    unzipped_bytes: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(rows=settings.ROSTER_MAX_ROWS, columns=settings.ROSTER_MAX_COLUMNS,
                   cells=settings.ROSTER_MAX_CELLS, unzipped_bytes=settings.ROSTER_MAX_UNZIPPED_BYTES)


def _too_many_rows(limits: Limits) -> WorkbookUnreadable:
    return WorkbookUnreadable(_("名册最多 %(rows)s 行，请分批导入。") % {"rows": limits.rows})


def _too_many_columns(limits: Limits) -> WorkbookUnreadable:
    return WorkbookUnreadable(_("名册最多 %(columns)s 列，请删除多余的列后再上传。") % {"columns": limits.columns})


def _check_zip(upload, limits: Limits) -> None:
    """A zip bomb stops here: the declared sizes bound what zipfile will inflate (it stops at them)."""
    with zipfile.ZipFile(upload) as archive:
        if sum(info.file_size for info in archive.infolist()) > limits.unzipped_bytes:
            raise WorkbookUnreadable(_("文件解压后过大，请检查是否为正常的住户名册。"))
    upload.seek(0)


def _check_declared(sheet, limits: Limits) -> None:
    if (sheet.max_row or 0) > limits.rows:
        raise _too_many_rows(limits)
    if (sheet.max_column or 0) > limits.columns:
        raise _too_many_columns(limits)


def _parser(sheet) -> WorkSheetParser:
    """openpyxl's own streaming parser over the read-only sheet (what ReadOnlyWorksheet.iter_rows uses),
    so that the rows and the merged ranges come from one pass (openpyxl is pinned in pyproject.toml)."""
    book = sheet.parent
    return WorkSheetParser(sheet._get_source(), sheet._shared_strings, data_only=True, epoch=book.epoch,
                           date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)


class _Budget:
    def __init__(self, limits: Limits):
        self.limits, self.cells = limits, 0

    def spend(self, cells: int) -> None:
        self.cells += cells
        if self.cells > self.limits.cells:
            raise WorkbookUnreadable(_("名册最多 %(cells)s 个单元格，请分批导入。") % {"cells": self.limits.cells})


def _read_rows(parser: WorkSheetParser, limits: Limits, budget: _Budget) -> list[list]:
    grid: list[list] = []
    for number, cells in parser.parse():
        if number > limits.rows:
            raise _too_many_rows(limits)
        if number <= len(grid):  # rows out of order or repeated: no sheet Excel writes
            raise WorkbookUnreadable(_("无法读取文件，请上传 Excel .xlsx 格式的住户名册。"))
        width = max((cell["column"] for cell in cells), default=0)
        if width > limits.columns:
            raise _too_many_columns(limits)
        budget.spend(len(cells) + width)
        grid.extend([] for _ in range(number - 1 - len(grid)))  # rows the file leaves out
        values = [None] * width
        for cell in cells:
            values[cell["column"] - 1] = cell["value"]
        grid.append(values)
    return grid


def _spread_merged(grid: list[list], merged, limits: Limits, budget: _Budget) -> None:
    """A merged cell (a 楼栋 over several rows) counts as its top-left value in every cell it covers."""
    for merged_range in getattr(merged, "mergeCell", None) or ():
        min_col, min_row, max_col, max_row = range_boundaries(merged_range.ref)
        if min_row > len(grid) or min_col > len(grid[min_row - 1]):
            continue
        top_left = grid[min_row - 1][min_col - 1]
        last_col = min(max_col, limits.columns)
        for row in grid[min_row - 1:max_row]:
            budget.spend(max(0, last_col - min_col + 1))
            row.extend([None] * (last_col - len(row)))
            row[min_col - 1:last_col] = [top_left] * (last_col - min_col + 1)


def _first_sheet_grid(upload, limits: Limits) -> list[list]:
    book = load_workbook(upload, read_only=True, data_only=True)
    try:
        if not book.worksheets:
            raise WorkbookUnreadable(_("文件里没有工作表。"))
        sheet = book.worksheets[0]
        _check_declared(sheet, limits)
        parser, budget = _parser(sheet), _Budget(limits)
        try:
            grid = _read_rows(parser, limits, budget)
        finally:
            parser.source.close()
        _spread_merged(grid, parser.merged_cells, limits, budget)
        return grid
    finally:
        book.close()


def workbook_grid(upload, limits: Limits | None = None) -> list[list]:
    """The first sheet's values, row by row (row i of the sheet is grid[i - 1]); raises
    WorkbookUnreadable for a file that is not a readable .xlsx or goes past the limits."""
    limits = limits or Limits.from_settings()
    try:
        _check_zip(upload, limits)
        return _first_sheet_grid(upload, limits)
    except WorkbookUnreadable:
        raise
    except Exception as exc:  # whatever openpyxl, zipfile or the XML parser raise: the file is unreadable
        raise WorkbookUnreadable(_("无法读取文件，请上传 Excel .xlsx 格式的住户名册。")) from exc
