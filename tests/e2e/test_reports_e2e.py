"""C-18 in a real browser: the office director opens the drafted monthly complaint report, writes the
narrative, submits it, and head office then sees that office's report (version 1) and opens it."""

from datetime import date

import pytest

pytestmark = pytest.mark.e2e

MONTH = date(2026, 8, 1)


def test_c18_director_submits_drafted_report_and_head_office_sees_it(page_for, world, committed, unique_name):
    from modules.reports.services import report_draft
    from tenants.bridge import monthly_report_expect

    report = committed(lambda: report_draft(month=MONTH)[0], tenant=world.alpha)
    committed(lambda: monthly_report_expect(month=MONTH, offices=[world.alpha, world.beta]))
    summary = unique_name("八月投诉以维修类为主")

    page = page_for(world.alpha, "alpha_office_director")
    page.goto(page.url.rstrip("/") + "/reports/")
    page.locator("#reports a", has_text="2026-08").click()
    page.wait_for_url(f"**/reports/{report.pk}/")
    page.fill("textarea[name=summary]", summary)
    page.fill("textarea[name=measures]", "加强给排水设施巡查")
    page.click("#report-form button[name=submit]")
    page.wait_for_url(f"**/reports/{report.pk}/")
    assert page.locator("#report-status").inner_text() == "已上报"
    assert page_for.asked and "确定上报" in page_for.asked[-1]

    hq = page_for(world.hq, "hq_hq_quality_manager")
    hq.goto(hq.url.rstrip("/") + "/reports/?month=2026-08")
    row = hq.locator("#offices tr", has_text=world.alpha.name)
    assert "已上报" in row.inner_text()
    row.locator("a", has_text="查看第 1 版").click()
    hq.wait_for_url("**/reports/submitted/*/")
    assert summary in hq.locator("#narrative-summary").inner_text()
    hq.goto(hq.url.split("/reports/")[0] + "/reports/consolidated/offices/?month=2026-08")
    assert hq.locator("#office-rows tr", has_text=world.alpha.name).count() == 1
