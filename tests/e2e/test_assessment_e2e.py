"""Staff assessment in a real browser (A-01, A-02): a team leader records a third personal call in a month
for one person → the monthly ladder adds the warning → the supervisor compiles that person's monthly sheet,
which shows it → the director signs → the .xlsx downloaded from the page (read with openpyxl) has the rows
the page shows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import load_workbook

pytestmark = pytest.mark.e2e


def test_a01_a02_third_call_warning_sheet_compiled_signed_xlsx_matches_page(page_for, live_server_url_for, world,
                                                                             committed, unique_name, in_tenant):
    from tenants.services import membership_grant, user_create

    name = unique_name("考核")

    def make_person():
        user = user_create(username=unique_name("e2e_person_"), password="x-Passw0rd-2026", display_name=name)
        membership_grant(user=user, tenant=world.alpha, role="cs_staff")
        return user

    person = committed(make_person)
    month = (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)  # last month: all in the past
    base = live_server_url_for(world.alpha)

    leader = page_for(world.alpha, "alpha_cs_leader")
    leader.goto(f"{base}/assessment/?month={month:%Y-%m}")
    for day in (2, 3, 4):
        leader.locator("summary", has_text="记录考核").click()
        leader.select_option("select[name=person_id]", str(person.pk))
        leader.select_option("select[name=rule_code]", "YX-04")
        leader.fill("input[name=occurred_at]", f"{month:%Y-%m}-0{day}T09:30")
        with leader.expect_navigation():
            leader.locator("form[enctype] button[type=submit]").click()
    assert "本月第 3 次" in leader.content()
    row = leader.locator("table tr", has_text=name).filter(has_text="警告")
    assert row.count() == 1 and "-15.00" in row.inner_text()

    sheet_url = f"{base}/assessment/sheets/{person.pk}/{month:%Y-%m}/"
    supervisor = page_for(world.alpha, "alpha_cs_supervisor")
    supervisor.goto(sheet_url)
    with supervisor.expect_navigation():
        supervisor.locator("button", has_text="主管汇总").click()
    assert supervisor.locator("table.sheet tr", has_text="警告").count() == 1
    assert "已汇总" in supervisor.content()

    director = page_for(world.alpha, "alpha_office_director")
    director.goto(sheet_url)
    director.fill("input[name=note]", "已抽查")
    with director.expect_navigation():
        director.locator("button", has_text="主任签字").click()
    assert "主任已签" in director.content()
    page_rows = [[cell.strip() for cell in row.locator("td").all_inner_texts()]
                 for row in director.locator("table.sheet tr").all() if row.locator("td").count()]
    assert any(r[0] == "考核得分" and r[5] == "75.00" for r in page_rows)

    with director.expect_download() as download:
        director.locator("a", has_text="导出 Excel").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    with open(download.value.path(), "rb") as handle:
        sheet = load_workbook(handle).active
    xlsx_rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert _cells(xlsx_rows) == _cells(page_rows)
    assert any(r[4] == "警告" and r[5] == "-15.00" for r in xlsx_rows)
    with in_tenant(world.alpha):
        from modules.assessment.models import Sheet

        assert Sheet.objects.get(person_id=person.pk, month=month).status == "signed"


def _cells(rows: list[list[str]]) -> list[list[str]]:
    """The rows without trailing empty cells, empty rows left out (a page row has no cells past its last)."""
    out = []
    for row in rows:
        row = list(row)
        while row and row[-1] == "":
            row.pop()
        if row:
            out.append(row)
    return out
