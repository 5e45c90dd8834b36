"""Pages of the monthly complaint report (C-18): the director's page and printable 月报, head office's
month overview, frozen versions, consolidated report and its .xlsx."""

import io

import pytest
from django_tenants.utils import schema_context

from tests.modules.reports.factories import MONTH, drafted, submitted

pytestmark = pytest.mark.django_db


def test_c18_director_saves_and_submits_from_the_page(client_for, world):
    from modules.reports.models import MonthlyReport

    report = drafted(world)
    page = client_for(world.alpha, "office_director")
    assert page.get("/reports/").status_code == 200
    body = page.get(f"/reports/{report.pk}/").content.decode()
    assert "保存并上报总部" in body and "C-18" not in body
    r = page.post(f"/reports/{report.pk}/", {"summary": "", "submit": "1"})
    assert r.status_code == 400 and "上报前请填写综述" in r.content.decode()
    r = page.post(f"/reports/{report.pk}/", {"summary": "十月平稳", "analysis": "维修类为主", "submit": "1"})
    assert r.status_code == 302
    with schema_context(world.alpha.schema_name):
        assert MonthlyReport.objects.get(pk=report.pk).status == "submitted"
    printed = page.get(f"/reports/{report.pk}/print/").content.decode()
    assert "部门客户投诉工作月报" in printed and "十月平稳" in printed


def test_c18_too_long_text_keeps_what_was_typed_and_names_the_field(client_for, world):
    report = drafted(world)
    r = client_for(world.alpha, "office_director").post(f"/reports/{report.pk}/", {"summary": "好" * 2001})
    assert r.status_code == 400
    assert r.context["form"]["summary"].value() == "好" * 2001 and r.context["form"].errors["summary"]


def test_c18_supervisor_reads_but_cannot_post(client_for, world):
    report = drafted(world)
    supervisor = client_for(world.alpha, "cs_supervisor")
    assert supervisor.get(f"/reports/{report.pk}/").status_code == 200
    assert supervisor.post(f"/reports/{report.pk}/", {"summary": "x", "submit": "1"}).status_code == 404
    assert client_for(world.alpha, "cs_staff").get("/reports/").status_code == 404


def test_c18_head_office_pages(client_for, world):
    from openpyxl import load_workbook

    from modules.reports.hq.models import SubmittedReport

    submitted(world, summary="阿尔法综述")
    hq = client_for(world.hq, "hq_quality_manager")
    overview = hq.get("/reports/?month=2026-10").content.decode()
    assert world.alpha.name in overview and "查看第 1 版" in overview
    with schema_context(world.hq.schema_name):
        pk = SubmittedReport.objects.get(office_id=world.alpha.pk, month=MONTH).pk
    frozen = hq.get(f"/reports/submitted/{pk}/").content.decode()
    assert "阿尔法综述" in frozen and "部门客户投诉工作月报" in frozen
    consolidated = hq.get("/reports/consolidated/?month=2026-10")
    assert consolidated.status_code == 200
    html = consolidated.content.decode()
    assert 'id="chart-category"' in html and "vendor/echarts/echarts.min.js" in html and "C-18" not in html
    offices = hq.get("/reports/consolidated/offices/?month=2026-10").content.decode()
    assert world.alpha.name in offices and 'id="office-rows"' in offices
    xlsx = hq.get("/reports/consolidated.xlsx?month=2026-10")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "部门客户投诉工作月报（汇总）" in values and "七、各管理处" in values and world.alpha.name in values
    assert hq.get("/reports/?month=bad").status_code == 200  # a bad month shows the form's error
    assert client_for(world.hq, "hq_agent").get("/reports/").status_code == 404


def test_c18_consolidated_page_queries_do_not_grow_with_offices(client_for, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    hq = client_for(world.hq, "hq_quality_manager")
    submitted(world, world.alpha)
    hq.get("/reports/consolidated/?month=2026-10")
    with CaptureQueriesContext(connection) as before:
        hq.get("/reports/consolidated/?month=2026-10")
    submitted(world, world.beta)
    hq.get("/reports/consolidated/?month=2026-10")  # the connection back on head office's schema
    with CaptureQueriesContext(connection) as after:
        hq.get("/reports/consolidated/?month=2026-10")
    assert len(after) == len(before), [q["sql"][:150] for q in after.captured_queries]
