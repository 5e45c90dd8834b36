"""Malformed or oversized .xlsx rosters (P-01) are a 400 naming the field `file`, on the API and the page,
never a 500: each file below is a real workbook edited with zipfile, as a broken export or a crafted upload
would look."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from openpyxl import Workbook

from core.errors import ValidationFailed
from modules.residents.services import roster_parse

pytestmark = pytest.mark.django_db

HEADER = ["楼栋", "房号", "户名", "类型", "姓名", "身份", "电话", "备注"]
ROW = ["1栋", "101", "张家", "住户", "张三", "业主", "13800138000", ""]
SHEET = "xl/worksheets/sheet1.xml"
BOOK = "xl/workbook.xml"


def workbook_bytes(rows=(ROW,)) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def edited(member: str, edit, source: bytes | None = None) -> bytes:
    """The workbook with `member` replaced by edit(its bytes)."""
    source = source or workbook_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            zout.writestr(info, edit(data) if info.filename == member else data)
    return out.getvalue()


def _sub(pattern: bytes, repl: bytes):
    return lambda data: re.sub(pattern, repl, data, count=1)


def _with_cell_at_xfd(data: bytes) -> bytes:
    return data.replace(b"</row>", b'<c r="XFD2" t="inlineStr"><is><t>x</t></is></c></row>', 2)


MALFORMED = {
    "truncated sheet XML": lambda: edited(SHEET, lambda d: d[: len(d) // 2]),
    "&#0; in a cell": lambda: edited(SHEET, _sub(rb"<t>", rb"<t>&#0;")),
    "&#x1; in the sheet": lambda: edited(SHEET, _sub(rb"<sheetData>", rb"<sheetData>&#x1;")),
    "raw NUL in the sheet": lambda: edited(SHEET, _sub(rb"<sheetData>", b"<sheetData>\x00")),
    "a row number repeated": lambda: edited(SHEET, _sub(rb'<row r="2"', rb'<row r="1"')),
    "<sheets/> with no sheet": lambda: edited(BOOK, _sub(rb"<sheets>.*</sheets>", rb"<sheets/>")),
    "non-numeric defaultRowHeight": lambda: edited(
        SHEET, _sub(rb'defaultRowHeight="[^"]*"|<sheetFormatPr', rb'<sheetFormatPr defaultRowHeight="abc"')),
}


def _check_broken(content: bytes, world, in_tenant) -> str:
    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as caught:
            roster_parse(file=io.BytesIO(content))
    assert list(caught.value.fields) == ["file"] and caught.value.fields["file"][0]
    return caught.value.fields["file"][0]


@pytest.mark.parametrize("case", list(MALFORMED))
def test_malformed_workbook_is_refused_on_field_file_P01(world, in_tenant, case):
    _check_broken(MALFORMED[case](), world, in_tenant)


@pytest.mark.parametrize("case", list(MALFORMED))
def test_api_import_of_malformed_workbook_is_400_naming_file_P01(client_for, world, case):
    upload = SimpleUploadedFile("名册.xlsx", MALFORMED[case]())
    response = client_for(world.alpha, "records_clerk").post(
        "/api/v1/residents/import/", {"file": upload, "dry_run": "true"})
    assert response.status_code == 400, response.content[:300]
    assert list(response.json()["error"]["fields"]) == ["file"]


@pytest.mark.parametrize("case", ["truncated sheet XML", "<sheets/> with no sheet"])
def test_page_import_of_malformed_workbook_is_a_form_error_on_file_P01(client_for, world, case):
    upload = SimpleUploadedFile("名册.xlsx", MALFORMED[case]())
    response = client_for(world.alpha, "records_clerk").post("/residents/import/", {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert response.context["preview"] is None


def test_a_cell_at_column_xfd_is_refused_before_building_the_grid_P01(world, in_tenant):
    """A 7 KB workbook whose one cell sits at XFD would make a grid of ~16k cells per row."""
    content = edited(SHEET, _with_cell_at_xfd)
    assert len(content) < 10_000
    assert "列" in _check_broken(content, world, in_tenant)


def test_a_declared_dimension_over_the_limit_is_refused_P01(world, in_tenant):
    content = edited(SHEET, _sub(rb'<dimension ref="[^"]*"', rb'<dimension ref="A1:H1048576"'))
    assert "行" in _check_broken(content, world, in_tenant)


@override_settings(ROSTER_MAX_ROWS=3)
def test_rows_over_the_row_limit_are_refused_P01(world, in_tenant):
    content = edited(SHEET, _sub(rb'<dimension ref="[^"]*" ?/>', b""), workbook_bytes([ROW] * 5))
    assert "行" in _check_broken(content, world, in_tenant)


@override_settings(ROSTER_MAX_CELLS=20)
def test_cells_over_the_cell_limit_are_refused_P01(world, in_tenant):
    content = edited(SHEET, _sub(rb'<dimension ref="[^"]*" ?/>', b""), workbook_bytes([ROW] * 5))
    assert "单元格" in _check_broken(content, world, in_tenant)


@override_settings(ROSTER_MAX_UNZIPPED_BYTES=200_000)
def test_a_zip_bomb_is_refused_before_reading_P01(world, in_tenant):
    padding = b"<!--" + b" " * 1_000_000 + b"-->"
    content = edited(SHEET, lambda d: d.replace(b"<sheetData>", padding + b"<sheetData>", 1))
    assert len(content) < 50_000
    assert "过大" in _check_broken(content, world, in_tenant)


def test_merged_cells_reaching_past_the_rows_still_read_P01(world, in_tenant):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append(ROW)
    sheet.append([None, "102", "王家", "住户", "王五", "业主", "13700137000", ""])
    sheet.merge_cells("A2:A3")
    sheet.merge_cells("J2:Z9")  # beyond every row: must not break reading
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    with in_tenant(world.alpha):
        preview = roster_parse(file=buffer)
    assert preview.is_valid and [row.values["building"] for row in preview.rows] == ["1栋", "1栋"]
