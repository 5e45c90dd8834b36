"""V-03 in a real browser at 390 px (a phone): a resident opens the office's public survey page without
logging in, answers every kind of question and submits; the answer is kept once for the household and its
counts reach head office through the bridge."""

import pytest

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def survey(world, committed, unique_name):
    from tests.modules.surveys.factories import household_with_phone, wave_make

    designer = world.users[("hq", "hq_mgmt_rep")]
    wave = committed(lambda: wave_make(designer, [world.alpha], title=unique_name("业户满意度调查")))
    household, phone = committed(lambda: household_with_phone(building=unique_name("E2E问卷楼")),
                                 tenant=world.alpha)
    return wave, household, phone


def test_v03_resident_answers_the_survey_on_a_phone(browser, live_server_url_for, world, survey, in_tenant):
    wave, household, phone = survey
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    try:
        page = context.new_page()
        blocked = []
        page.on("console", lambda msg: "Content Security Policy" in msg.text and blocked.append(msg.text))
        page.goto(live_server_url_for(world.alpha) + "/public/surveys/")
        page.locator("p.card", has_text=wave.title).get_by_role("link", name="开始填写").click()
        page.wait_for_url(f"**/public/surveys/{wave.pk}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.fill("input[name=phone]", phone)
        page.get_by_label("满意", exact=True).check()
        page.get_by_label("4", exact=True).check()
        page.get_by_label("绿化", exact=True).check()
        page.fill("textarea", "希望电梯多保养")
        submit = page.get_by_role("button", name="提交问卷")
        submit.scroll_into_view_if_needed()
        box = submit.bounding_box()
        assert box is not None and box["x"] + box["width"] <= PHONE["width"]
        submit.click()
        page.wait_for_selector("#survey-done")
        assert wave.title in page.inner_text("#survey-done")
        assert blocked == []
        # a second answer of the same household is refused, what was typed is kept
        page.goto(live_server_url_for(world.alpha) + f"/public/surveys/{wave.pk}/")
        page.fill("input[name=phone]", phone)
        page.get_by_label("不满意", exact=True).check()
        page.get_by_label("2", exact=True).check()
        page.get_by_role("button", name="提交问卷").click()
        assert "每户只能答一次" in page.inner_text("main")
        assert page.input_value("input[name=phone]") == phone
    finally:
        context.close()
    from django_tenants.utils import schema_context

    from modules.surveys.hq.models import OfficeWaveResult
    from modules.surveys.models import Response

    with in_tenant(world.alpha):
        assert list(Response.objects.filter(wave_id=wave.pk).values_list("household_id", flat=True)) == [household.pk]
    with schema_context(world.hq.schema_name):
        row = OfficeWaveResult.objects.get(wave_id=wave.pk, office_id=world.alpha.pk)
    assert row.respondents == 1 and row.by_answer["satisfied"] == 1
