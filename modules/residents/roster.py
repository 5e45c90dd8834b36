"""Reading a resident roster (.xlsx) the way offices keep them today (P-01). Pure: no database.

The header row is found by its Chinese column names (楼栋, 房号, 户名, 类型, 姓名, 身份, 电话, 备注; a note
in brackets such as 类型(住户/企业) is ignored). Merged cells count as their top-left value. Each data row
becomes a RosterRow with its cleaned values and its errors by column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.validators import is_valid_phone, normalize_phone
from modules.residents.models import Building, Household, Resident, Unit
from modules.residents.workbook import WorkbookUnreadable, workbook_grid

# column key → accepted header texts (after brackets are stripped)
COLUMNS = {
    "building": ("楼栋", "楼号", "楼宇", "栋"),
    "unit": ("房号", "房间号", "单元号", "门牌号"),
    "household": ("户名", "户名/企业名", "企业名称", "户主"),
    "kind": ("类型", "户类型"),
    "name": ("姓名", "联系人"),
    "relation": ("身份", "关系"),
    "phone": ("电话", "联系电话", "手机", "手机号", "手机号码"),
    "note": ("备注",),
}
LABELS = {"building": "楼栋", "unit": "房号", "household": "户名", "kind": "类型", "name": "姓名",
          "relation": "身份", "phone": "电话", "note": "备注"}
REQUIRED = ("building", "unit", "household", "name", "phone")
KIND_BY_TEXT = {str(label): key for key, label in Household.KINDS} | {"个人": Household.HOME}
RELATION_BY_TEXT = {str(label): key for key, label in Resident.RELATIONS} | {"家庭成员": Resident.FAMILY}
MAX_LENGTH = {
    "building": Building._meta.get_field("name").max_length,
    "unit": Unit._meta.get_field("number").max_length,
    "household": Household._meta.get_field("name").max_length,
    "name": Resident._meta.get_field("name").max_length,
    "note": Resident._meta.get_field("note").max_length,
}
HEADER_SEARCH_ROWS = 10


class RosterUnreadable(Exception):
    """The file is not a readable roster at all (not .xlsx, no header row)."""


@dataclass
class RosterRow:
    number: int  # the row number as Excel shows it
    values: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)  # column label → message
    action: str = ""  # filled in against the database: create / update / unchanged

    @property
    def kind_label(self) -> str:
        return str(dict(Household.KINDS).get(self.values.get("kind"), ""))

    @property
    def relation_label(self) -> str:
        return str(dict(Resident.RELATIONS).get(self.values.get("relation"), ""))

    @property
    def key(self) -> tuple:
        v = self.values
        return (v["building"], v["unit"], v["household"], v["name"], v["phone"])


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\s+", " ", str(value)).strip()


def _header_key(text: str) -> str | None:
    bare = re.sub(r"[（(].*?[）)]", "", text).replace(" ", "").replace("*", "")
    return next((key for key, names in COLUMNS.items() if bare in names), None)


def _grid(upload) -> list[list]:
    """The first sheet, bounded and with merged cells spread (modules/residents/workbook.py)."""
    try:
        return workbook_grid(upload)
    except WorkbookUnreadable as exc:
        raise RosterUnreadable(str(exc)) from exc


def _find_header(grid: list[list]) -> tuple[int, dict[str, int]]:
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns = {}
        for col, cell in enumerate(row):
            key = _header_key(_text(cell))
            if key and key not in columns:
                columns[key] = col
        if "building" in columns and "unit" in columns:
            missing = [LABELS[key] for key in REQUIRED if key not in columns]
            if missing:
                raise RosterUnreadable(f"表头缺少列：{'、'.join(missing)}。")
            return index, columns
    raise RosterUnreadable("没有找到表头行（需要“楼栋”“房号”“户名”“姓名”“电话”等列）。")


def _check(row: RosterRow) -> None:
    v = row.values
    for key in REQUIRED:
        if not v[key]:
            row.errors[LABELS[key]] = f"{LABELS[key]}不能为空"
    for key, limit in MAX_LENGTH.items():
        if len(v[key]) > limit:
            row.errors.setdefault(LABELS[key], f"{LABELS[key]}过长（最多 {limit} 字）")
    kind_text, relation_text = v.pop("kind_text"), v.pop("relation_text")
    v["kind"] = KIND_BY_TEXT.get(kind_text or "住户")
    if v["kind"] is None:
        row.errors["类型"] = f"类型“{kind_text}”无效，应为 住户 或 企业"
    v["relation"] = RELATION_BY_TEXT.get(relation_text or "业主")
    if v["relation"] is None:
        row.errors["身份"] = f"身份“{relation_text}”无效，应为 业主、租户 或 家属"
    if v["phone"] and not is_valid_phone(v["phone"]):
        row.errors.setdefault("电话", f"电话“{v['phone']}”无效：应为 11 位手机号或带区号的固定电话")
    v["phone"] = normalize_phone(v["phone"])


def _check_duplicates(rows: list[RosterRow]) -> None:
    seen: dict[tuple, int] = {}
    kinds: dict[tuple, tuple[str, int]] = {}
    for row in rows:
        if row.errors:
            continue
        if row.key in seen:
            row.errors["姓名"] = f"与第 {seen[row.key]} 行重复"
            continue
        seen[row.key] = row.number
        household_key = row.key[:3]
        kind, first = kinds.setdefault(household_key, (row.values["kind"], row.number))
        if kind != row.values["kind"]:
            row.errors["类型"] = f"同一户的类型与第 {first} 行不一致"


def roster_read(upload) -> list[RosterRow]:
    """Rows of the first sheet with their errors; raises RosterUnreadable for a file that is no roster."""
    grid = _grid(upload)
    header_index, columns = _find_header(grid)
    rows = []
    for index in range(header_index + 1, len(grid)):
        cells = grid[index]
        values = {key: _text(cells[col]) if col < len(cells) else "" for key, col in columns.items()}
        if not any(values.values()):
            continue
        values = {key: values.get(key, "") for key in COLUMNS}
        values["kind_text"], values["relation_text"] = values.pop("kind"), values.pop("relation")
        row = RosterRow(number=index + 1, values=values)
        _check(row)
        rows.append(row)
    if not rows:
        raise RosterUnreadable("名册里没有住户数据。")
    _check_duplicates(rows)
    return rows
