"""Roster import from .xlsx (P-01): preview with row errors, all-or-nothing, idempotent."""

import io

import pytest
from openpyxl import Workbook

from core.errors import ValidationFailed
from modules.residents.models import Building, Household, Resident, ResidentEvent, Unit
from modules.residents.services import roster_import, roster_parse

pytestmark = pytest.mark.django_db

HEADER = ["楼栋", "房号", "户名", "类型(住户/企业)", "姓名", "身份(业主/租户/家属)", "电话", "备注"]
GOOD = [
    ["1栋", "101", "张家", "住户", "张三", "业主", "13800138000", ""],
    ["1栋", "101", "张家", "住户", "李梅", "家属", "13900139000", "张三之妻"],
    ["1栋", 102, "王五", "", "王五", "租户", 13700137000, None],
    ["商业楼", "A-201", "星辰科技有限公司", "企业", "赵经理", "业主", "021-66668888", ""],
]


def xlsx(rows, header=HEADER, title=None, merge=None) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_valid_roster_imports_every_row_P01(world, in_tenant):
    with in_tenant(world.alpha):
        assert roster_import(file=xlsx(GOOD)) == {"created": 4, "updated": 0, "unchanged": 0}
        assert Building.objects.count() == 2 and Unit.objects.count() == 3 and Household.objects.count() == 3
        wang = Resident.objects.get(name="王五")
        assert (wang.relation, wang.phone, wang.household.unit.number) == ("tenant", "13700137000", "102")
        assert wang.household.kind == Household.HOME  # blank 类型 means 住户
        assert Household.objects.get(name="星辰科技有限公司").kind == Household.ENTERPRISE
        assert ResidentEvent.objects.filter(action=ResidentEvent.IMPORTED).count() == 4


def test_reimporting_the_same_file_changes_nothing_P01(world, in_tenant):
    with in_tenant(world.alpha):
        roster_import(file=xlsx(GOOD))
        before = (Resident.objects.count(), Household.objects.count(), ResidentEvent.objects.count())
        assert roster_import(file=xlsx(GOOD)) == {"created": 0, "updated": 0, "unchanged": 4}
        assert (Resident.objects.count(), Household.objects.count(), ResidentEvent.objects.count()) == before
        assert roster_parse(file=xlsx(GOOD)).counts == {"create": 0, "update": 0, "unchanged": 4}


def test_one_bad_row_writes_nothing_and_names_row_and_column_P01(world, in_tenant):
    bad = [*GOOD[:2], ["1栋", "103", "孙家", "住户", "孙七", "业主", "123456", ""], *GOOD[2:]]
    with in_tenant(world.alpha):
        preview = roster_parse(file=xlsx(bad))
        assert preview.errors == [{"row": 4, "column": "电话", "message": preview.errors[0]["message"]}]
        assert "123456" in preview.errors[0]["message"]
        with pytest.raises(ValidationFailed) as caught:
            roster_import(file=xlsx(bad))
        assert caught.value.code == "roster_invalid"
        assert caught.value.fields["file"][0].startswith("第 4 行「电话」")
        assert not Resident.objects.exists() and not Building.objects.exists()


def test_bad_type_relation_and_blank_name_are_reported(world, in_tenant):
    rows = [["1栋", "101", "张家", "个体户", "张三", "房东", "13800138000", ""],
            ["1栋", "101", "张家", "住户", "", "业主", "13800138001", ""]]
    with in_tenant(world.alpha):
        errors = {(e["row"], e["column"]) for e in roster_parse(file=xlsx(rows)).errors}
        assert errors == {(2, "类型"), (2, "身份"), (3, "姓名")}


def test_duplicate_rows_in_one_file_are_reported(world, in_tenant):
    with in_tenant(world.alpha):
        preview = roster_parse(file=xlsx([GOOD[0], GOOD[0]]))
        assert [(e["row"], e["column"]) for e in preview.errors] == [(3, "姓名")]
        assert "第 2 行" in preview.errors[0]["message"]


def test_changed_relation_is_updated_with_an_event(world, in_tenant):
    with in_tenant(world.alpha):
        roster_import(file=xlsx(GOOD))
        changed = [list(row) for row in GOOD]
        changed[2][5] = "业主"
        assert roster_import(file=xlsx(changed)) == {"created": 0, "updated": 1, "unchanged": 3}
        wang = Resident.objects.get(name="王五")
        assert wang.relation == Resident.OWNER
        assert wang.events.get(action=ResidentEvent.UPDATED).changes == {"relation": ["tenant", "owner"]}


def test_title_row_and_merged_building_cells_are_understood(world, in_tenant):
    rows = [["1栋", "101", "张家", "住户", "张三", "业主", "13800138000", ""],
            [None, "102", "王家", "住户", "王五", "业主", "13700137000", ""]]
    with in_tenant(world.alpha):
        preview = roster_parse(file=xlsx(rows, title="湖畔花园住户名册", merge="A3:A4"))
        assert preview.is_valid
        assert [row.values["building"] for row in preview.rows] == ["1栋", "1栋"]
        assert [row.number for row in preview.rows] == [3, 4]


@pytest.mark.parametrize("content, message", [
    (xlsx([GOOD[0]], header=["楼栋", "房号", "户名", "姓名"]), "电话"),
    (xlsx([GOOD[0]], header=["名称", "地址"]), "表头"),
    (xlsx([]), "没有住户数据"),
    (io.BytesIO(b"name,phone\n"), ".xlsx"),
])
def test_unreadable_roster_is_refused_on_field_file(world, in_tenant, content, message):
    with in_tenant(world.alpha):
        with pytest.raises(ValidationFailed) as caught:
            roster_parse(file=content)
        assert message in caught.value.fields["file"][0]
