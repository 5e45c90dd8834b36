"""Issue 10 §5 in a browser at 390 px (a phone): the director's dashboard draws its charts with the vendored
ECharts from the API's JSON (a canvas in every chart), keeps the tables under them, and the page does not
scroll sideways; head office's dashboard draws its charts from the pushed figures. No script is blocked by
the Content-Security-Policy (nothing loads from a CDN)."""

from datetime import date
from decimal import Decimal

import pytest

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


def _watch_console(page) -> list[str]:
    """Script errors and failed requests of the page (the browser's own favicon request aside)."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    return errors


def _charts_drawn(page, count: int) -> None:
    page.wait_for_selector("div.chart[data-drawn='1'] canvas", timeout=15000)
    page.wait_for_function(f"document.querySelectorAll('div.chart[data-drawn=\"1\"] canvas').length >= {count}",
                           timeout=15000)
    for index in range(count):
        box = page.locator("div.chart").nth(index).bounding_box()
        assert box is not None and 0 < box["width"] <= PHONE["width"] and box["height"] > 100, box


def test_director_dashboard_draws_its_charts_at_390px_with_tables(page_for, world, committed):
    from modules.complaints.services import complaint_register

    committed(lambda: complaint_register(user=world.users[("alpha", "cs_staff")], channel="phone",
                                         content="看板测试：电梯异响", complainant_name="看板",
                                         complainant_phone="13800138000", category="repairs"), tenant=world.alpha)
    page = page_for(world.alpha, "alpha_office_director")
    errors = _watch_console(page)
    page.set_viewport_size(PHONE)
    page.goto(page.url + "dashboard/")
    _charts_drawn(page, 2)
    assert page.locator("table.chart-table").count() == 2
    assert page.locator("table.chart-table").first.locator("tr").count() == 13  # header + 12 months
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size({"width": 1200, "height": 900})  # resized: the charts follow their boxes
    page.wait_for_timeout(400)
    wide = page.locator("div.chart").first.bounding_box()
    assert wide["width"] > PHONE["width"]
    assert not errors, errors


def test_hq_dashboard_draws_its_charts_from_pushed_figures(page_for, world, committed):
    from django_tenants.utils import schema_context

    from modules.hq.services.figures import figures_store

    def push():  # as the bridge stores a push (figures and the group's totals)
        with schema_context(world.hq.schema_name):
            for office, num in ((world.alpha, 3), (world.beta, 1)):
                figures_store(office_id=office.pk, period=date(2025, 8, 1), figures={
                    "complaints.on_time_rate": [("", Decimal(num) / 4), ("num", num), ("den", 4)]})

    committed(push)
    page = page_for(world.hq, "hq_hq_quality_manager")
    errors = _watch_console(page)
    page.set_viewport_size(PHONE)
    page.goto(page.url + "dashboard/?month=2025-08")
    _charts_drawn(page, 4)
    assert page.locator("table.chart-table").count() == 3
    assert page.locator("table.chart-table", has_text=world.alpha.name).count() >= 1
    assert not errors, errors
