"""People and roles in a real browser (issue 9 §1, R-01..R-04): a director invited with a one-time
password must set their own, adds a customer-service staff member, who logs in (setting a password
too) and opens the complaint register page; the director ends the membership and the person's next
request is refused."""

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def fresh_context(browser):
    contexts, blocked = [], []

    def make():
        context = browser.new_context(locale="zh-CN")
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda msg: "Content Security Policy" in msg.text and blocked.append(msg.text))
        page.on("dialog", lambda dialog: dialog.accept())  # the confirmation of an irreversible step
        return page

    yield make
    for context in contexts:
        context.close()
    assert not blocked, blocked


def _login(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")


def _set_own_password(page, one_time: str, new: str) -> None:
    page.wait_for_url("**/me/password/**")
    assert page.locator("#must-change").is_visible()
    page.fill("input[name=old_password]", one_time)
    page.fill("input[name=new_password]", new)
    page.fill("input[name=new_password_again]", new)
    with page.expect_navigation():
        page.click("#password-form button[type=submit]")


def test_director_with_one_time_password_adds_staff_then_ends_the_membership_R01_R04(
        fresh_context, live_server_url_for, world, committed, unique_name):
    from modules.people.services import person_invite

    base = live_server_url_for(world.alpha)
    director_name = unique_name("dir_")
    _m, director_otp = committed(lambda: person_invite(tenant_slug=world.alpha.slug, username=director_name,
                                                       role="office_director", display_name="新主任"))

    director = fresh_context()
    _login(director, base, director_name, director_otp)
    director.goto(f"{base}/complaints/")  # every page leads to the change-password page first
    _set_own_password(director, director_otp, "Director-own-2026")
    assert director.url.endswith("/complaints/")

    director.goto(f"{base}/")
    director.click("nav.main a[href='/people/']")
    director.click("#person-add")
    staff_name = unique_name("cs_")
    director.select_option("select[name=role]", "cs_staff")
    director.fill("input[name=username]", staff_name)
    director.fill("input[name=display_name]", "新客服")
    director.click("#person-add-form button[type=submit]")
    staff_otp = director.locator("#one-time-password").inner_text().strip()
    assert len(staff_otp) >= 8

    staff = fresh_context()
    _login(staff, base, staff_name, staff_otp)
    _set_own_password(staff, staff_otp, "Staff-own-pass-2026")
    response = staff.goto(f"{base}/complaints/new/")
    assert response.status == 200
    assert staff.locator("h1").inner_text() == "登记投诉"

    director.click("text=查看此人")
    director.fill("#end-form input[name=note]", "离职")
    director.click("#end-form button[type=submit]")
    assert "已离职" in director.locator("#person-status").inner_text()
    assert "结束任职" in director.locator("#person-events").inner_text()

    refused = staff.goto(f"{base}/complaints/new/")
    assert refused.status == 404
