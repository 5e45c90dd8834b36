"""Special services in a real browser (S-02..S-07): a resident books online on the office's public page →
the desk quotes from the rate in force → the cashier takes the deposit → the job is dispatched → the worker
records it → the resident signs on screen → the CS supervisor checks → the cashier settles → the item's
month shows the revenue."""

from __future__ import annotations

from datetime import timedelta

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def offered_item(world, committed, unique_name):
    """S-01: proposed by alpha's manager, approved by the general manager, offered by alpha (committed)."""

    def create():
        from django_tenants.utils import tenant_context

        from modules.services.catalog.services import proposal_approve, proposal_submit
        from modules.services.services import offer_set

        proposal = proposal_submit(office=world.alpha, user=world.users[("alpha", "office_director")],
                                   kind="new_item", name=unique_name("上门保洁"), category="cleaning", unit="hour",
                                   standard="两小时内完成", price="80.00", deposit="50.00", survey_households=100,
                                   survey_in_favour=80, survey_summary="八成住户希望开展")
        item = proposal_approve(proposal_id=proposal.pk, user=world.users[("hq", "hq_gm")]).item
        with tenant_context(world.alpha):
            offer_set(item_id=item.pk, active=True, user=world.users[("alpha", "office_director")])
        return item

    return committed(create)


def _step(page, action: str, fields: dict, select: dict | None = None):
    """Unfold the step's card on the booking page, fill it and submit; back on the booking page."""
    card = page.locator(f"details:has(input[name=action][value={action}])")
    if card.get_attribute("open") is None:
        card.locator("summary").click()
    for name, value in fields.items():
        card.locator(f"[name='{action}-{name}']").fill(value)
    for name, value in (select or {}).items():
        card.locator(f"select[name='{action}-{name}']").select_option(value)
    with page.expect_navigation():
        card.locator("button[type=submit]").click()
    assert page.locator(".error").count() == 0, page.locator(".error").all_inner_texts()


def _draw_signature(page, card):
    canvas = card.locator("canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y = box["x"] + 20, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 10):
        page.mouse.move(x + i * 20, y + (12 if i % 2 else -12), steps=3)
    page.mouse.up()


def test_s02_s07_resident_books_online_desk_quotes_cashier_settles_month_shows_revenue(
        page_for, browser, live_server_url_for, world, offered_item, unique_name):
    from django.core.cache import cache
    from django.utils import timezone
    from django_tenants.utils import tenant_context

    from modules.services.models import Booking

    cache.clear()  # the online throttle's counters (shared with the complaint form) start from zero
    base = live_server_url_for(world.alpha)
    resident_name = unique_name("孙")
    # a resident, not logged in, on the office's public page
    public = browser.new_context(locale="zh-CN")
    try:
        page = public.new_page()
        page.goto(f"{base}/public/services/")
        assert offered_item.name in page.locator("table").inner_text()
        page.select_option("select[name=item_id]", str(offered_item.pk))
        page.fill("input[name=name]", resident_name)
        page.fill("input[name=phone]", "13900139000")
        page.fill("input[name=address]", "8栋-801")
        page.fill("input[name=quantity]", "1")
        wanted = timezone.localtime() + timedelta(days=1)
        page.fill("input[name=wanted_at]", wanted.strftime("%Y-%m-%dT%H:%M"))
        page.click("form button[type=submit]")
        page.wait_for_selector("text=预约已提交")
        number = page.locator("main").inner_text().split("预约编号 ")[1].split("，")[0].strip()
        assert number.startswith("TY-")
    finally:
        public.close()
    with tenant_context(world.alpha):
        booking = Booking.objects.get(name=resident_name)
    url = f"{base}/services/bookings/{booking.pk}/"

    desk = page_for(world.alpha, "alpha_cs_staff")
    desk.goto(f"{base}/services/?flag=to_quote")  # the workbench's 待报价 list
    assert desk.locator("table", has_text=number).count() == 1
    desk.goto(url)
    assert "待报价" in desk.content()
    _step(desk, "quote", {"quantity": "2"})  # 2 hours × the rate in force
    assert "160.00" in desk.content()

    cashier = page_for(world.alpha, "alpha_cashier")
    cashier.goto(url)
    _step(cashier, "deposit", {"amount": "50.00", "receipt_no": "E2E-R1"}, select={"kind": "deposit"})
    assert "已预交" in cashier.locator("table").first.inner_text()

    desk.goto(url)
    _step(desk, "dispatch", {}, select={"department": "cleaning"})
    assert desk.locator("main table a[href*='/frontdesk/workorders/']").count() == 1  # in the department's queue

    worker = page_for(world.alpha, "alpha_cleaning")
    worker.goto(url)
    _step(worker, "work", {"worker_name": "陈师傅", "hours": "2", "description": "全屋保洁，住户验收",
                           "material_name": "清洁剂", "material_quantity": "1", "material_price": "10.00"})
    assert "已完工" in worker.content()

    desk.goto(url)  # the resident signs on the desk's screen
    card = desk.locator("details:has(input[name=action][value=confirm])")
    if card.get_attribute("open") is None:
        card.locator("summary").click()
    _draw_signature(desk, card)
    assert card.locator("input[name='confirm-signature_data_url']").input_value().startswith("data:image/png")
    with desk.expect_navigation():
        card.locator("button[type=submit]").click()
    assert "住户已确认" in desk.content() and desk.locator("a", has_text="住户签名").count() == 1

    supervisor = page_for(world.alpha, "alpha_cs_supervisor")
    supervisor.goto(url)
    _step(supervisor, "check", {"note": "记录完整"})
    assert "主管已审核" in supervisor.content()

    cashier.goto(url)
    _step(cashier, "settle", {"amount": "170.00", "receipt_no": "E2E-R2"})
    assert "已结算" in cashier.content()
    sheet = cashier.goto(f"{base}/services/day-sheet/")
    assert sheet.status == 200 and "E2E-R2" in cashier.content()

    director = page_for(world.alpha, "alpha_office_director")
    director.goto(f"{base}/services/figures/")
    row = director.locator("tr", has_text=offered_item.name)
    assert row.count() == 1 and "170.00" in row.inner_text()  # the item's month shows the revenue


def test_s05_cashier_keeps_part_of_an_agreement_deposit_at_390px(page_for, world, committed, offered_item,
                                                                   unique_name):
    """S-05: an ended agreement with its deposit held; on a phone-wide screen the cashier unfolds 扣留押金,
    keeps part of it with a reason, and the rest is refunded in the same step."""
    name = unique_name("押金")

    def create():
        from django_tenants.utils import tenant_context

        from modules.services import agreements as a
        from tests.modules.services.helpers import agreement_signed

        with tenant_context(world.alpha):
            agreement = agreement_signed(world, offered_item, deposit="50.00")
            type(agreement).objects.filter(pk=agreement.pk).update(name=name)
            a.agreement_close(agreement_id=agreement.pk, user=world.users[("alpha", "cs_supervisor")], action="end")
            return agreement.pk

    pk = committed(create)
    cashier = page_for(world.alpha, "alpha_cashier")
    cashier.set_viewport_size({"width": 390, "height": 844})
    cashier.goto(f"{cashier.url}services/agreements/{pk}/")
    card = cashier.locator("details:has(input[name=action][value=keep])")
    card.locator("summary").click()
    for field in ("amount", "receipt_no", "reason"):
        box = card.locator(f"[name='keep-{field}']").bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (field, box)
    _step(cashier, "keep", {"amount": "30.00", "receipt_no": unique_name("KL"), "reason": "损坏窗帘"})
    money = cashier.locator("table", has_text="票据号").last.inner_text()
    assert "扣留押金" in money and "-30.00" in money and "-20.00" in money
