"""A complaint in a real browser: register during a call, classify it valid (C-05), reply by home visit
with the customer's signature drawn on the canvas (C-12), close it with the customer satisfied (C-14)."""

import pytest

pytestmark = pytest.mark.e2e


def _open_step(page, name: str):
    """The next step's form is open already (issue 9 §3.5); any other step is unfolded first."""
    step = page.locator(f"#action-{name}")
    if step.evaluate("el => el.tagName") == "DETAILS":
        page.locator("details.more-actions > summary").click()
        step.locator("summary").click()
    return step


def _draw_signature(page, step):
    canvas = step.locator("canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x, y = box["x"] + 20, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for i in range(1, 12):
        page.mouse.move(x + i * 25, y + (15 if i % 2 else -15), steps=3)
    page.mouse.up()


@pytest.fixture
def resident(world, committed, unique_name):
    from modules.residents.models import Building, Household, Resident, Unit

    def create():
        building = Building.objects.create(name=unique_name("E2E投诉楼"))
        unit = Unit.objects.create(building=building, number=unique_name("U"))
        household = Household.objects.create(unit=unit, name=unique_name("户"))
        person = Resident.objects.create(household=household, name=unique_name("赵六"), phone="13600136000")
        return Resident.objects.select_related("household__unit").get(pk=person.pk)

    return committed(create, tenant=world.alpha)


def test_register_classify_reply_by_home_visit_with_signature_close_C02_C05_C12_C14(
        page_for, live_server_url_for, world, committed, unique_name, resident):
    page = page_for(world.alpha, "alpha_cs_staff")
    base = live_server_url_for(world.alpha)
    content = unique_name("电梯困人，已解困，要求检修 ")

    page.goto(f"{base}/complaints/new/")
    page.select_option("select[name=channel]", "phone")
    page.locator("input[name=unit_query]").press_sequentially(resident.household.unit.number)
    page.locator(".suggestions li", has_text=resident.name).click()  # the autocomplete fills the caller
    assert page.input_value("input[name=household_id]") == str(resident.household_id)
    assert page.input_value("input[name=complainant_phone]") == "13600136000"
    page.fill("textarea[name=content]", content)
    page.select_option("select[name=category]", "facilities")
    page.click("form.register button[type=submit]:not([name=lookup])")  # not 查找住户 (P-02)
    page.wait_for_url("**/complaints/*/")
    number = page.locator("h1").inner_text().split()[0]
    assert number.startswith("TS-") and "已登记" in page.locator("h1").inner_text()

    step = _open_step(page, "classify")
    assert step.evaluate("el => el.tagName") == "SECTION"  # the next step, shown first and open
    step.locator("input[name='classify-classification'][value='valid']").check()
    step.locator("button[type=submit]").click()
    page.wait_for_selector("text=已完成：分类")
    assert "处理中" in page.locator("h1").inner_text()

    step = _open_step(page, "reply")
    step.locator("select[name='reply-method']").select_option("home_visit")
    step.locator("textarea[name='reply-opinion']").fill("客户认可处理结果")
    step.locator("select[name='reply-satisfied']").select_option("true")
    _draw_signature(page, step)
    assert step.locator("input[name='reply-signature_data_url']").input_value().startswith("data:image/png;base64,")
    step.locator("button[type=submit]").click()
    page.wait_for_selector("text=已完成：回复客户")
    assert "已回复" in page.locator("h1").inner_text()
    assert page.locator("a", has_text="客户签名").count() == 1

    step = _open_step(page, "close")
    step.locator("input[name='close-satisfied']").check()
    step.locator("button[type=submit]").click()
    page.wait_for_selector("text=已完成：结案")
    assert "已结案" in page.locator("h1").inner_text()

    def stored():
        from modules.complaints.models import Complaint

        complaint = Complaint.objects.get(number=number)
        reply = complaint.replies.get()
        return (complaint.status, complaint.content, complaint.household_id, reply.method,
                reply.signature.content_type)

    assert committed(stored, tenant=world.alpha) == (
        "closed", content.strip(), resident.household_id, "home_visit", "image/png")
