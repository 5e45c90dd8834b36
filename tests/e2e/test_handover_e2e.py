"""D-04/D-05 in a real browser: the outgoing and the incoming officer, each in their own browser context,
complete a handover with one damaged item; then the night shift is on duty and the day shift closed."""

import random
from datetime import date

import pytest

pytestmark = pytest.mark.e2e


@pytest.fixture
def day_shift(world, committed):
    """A day and a night shift on a date nobody else uses, with the two officers on the roster."""
    from modules.duty.models import ShiftTemplate
    from modules.duty.services.instances import shift_instance_ensure
    from modules.duty.services.roster import assignment_add

    day = date(2033, 1, 1).fromordinal(date(2033, 1, 1).toordinal() + random.randrange(3000))
    supervisor = world.users[("alpha", "cs_supervisor")]

    def create():
        for role, code in (("duty_officer", "day"), ("cs_staff", "night")):
            assignment_add(user=supervisor, day=day, shift_id=ShiftTemplate.objects.get(code=code).pk,
                           person_id=world.users[("alpha", role)].pk)
        return shift_instance_ensure(shift=ShiftTemplate.objects.get(code="day"), day=day).pk

    return committed(create, tenant=world.alpha)


def _submit(page, locator):
    with page.expect_navigation():
        locator.click()


def _check_items(page, *, damaged: str, explanation: str) -> None:
    """The incoming officer checks every item of the post: one damaged (explained), the rest ok."""
    rows = page.locator("#items tr[data-item]")
    names = [rows.nth(i).get_attribute("data-item") for i in range(rows.count())]
    assert names[:2] == ["钥匙", "对讲机"]
    for name in names:
        row = page.locator(f"#items tr[data-item='{name}']")
        row.locator("select[name=state]").select_option("damaged" if name == damaged else "ok")
        if name == damaged:
            row.locator("input[name=explanation]").fill(explanation)
        _submit(page, row.get_by_role("button", name="确认"))


def test_two_officers_complete_a_handover_with_one_damaged_item_D05(page_for, world, day_shift,
                                                                     live_server_url_for, committed):
    base = live_server_url_for(world.alpha)
    outgoing = page_for(world.alpha, "alpha_duty_officer")
    outgoing.goto(f"{base}/duty/shifts/{day_shift}/")
    outgoing.fill("textarea[name=unfinished_work]", "3栋电梯维修待验收")
    _submit(outgoing, outgoing.get_by_role("button", name="发起交接班"))
    assert "/duty/handovers/" in outgoing.url
    handover_url = outgoing.url

    incoming = page_for(world.alpha, "alpha_cs_staff")
    incoming.goto(handover_url)
    assert "3栋电梯维修待验收" in incoming.inner_text("main")
    _submit(incoming, incoming.locator("#arrive"))
    _check_items(incoming, damaged="对讲机", explanation="天线折断")
    assert "天线折断" in incoming.locator("#items tr[data-item='对讲机']").inner_text()
    _submit(incoming, incoming.locator("#log-read"))
    assert incoming.locator("#sign").count() == 0  # D-05: the area is checked before signing
    incoming.fill("#area-form input[name=anomaly]", "消防通道堆放纸箱")
    _submit(incoming, incoming.locator("#area-form button"))
    assert incoming.locator("#sign").count() == 0  # the outgoing officer explains the anomaly first
    outgoing.goto(handover_url)
    outgoing.fill("#explain-form input[name=explanation]", "快递临时存放，已通知清走")
    _submit(outgoing, outgoing.locator("#explain-form button"))
    incoming.goto(handover_url)
    _submit(incoming, incoming.locator("#sign"))
    assert incoming.inner_text("#handover-status") == "交接中"

    outgoing.goto(handover_url)
    _submit(outgoing, outgoing.locator("#sign"))
    assert any("签字后不能撤销" in question for question in page_for.asked)  # issue 9 §3.12
    assert outgoing.inner_text("#handover-status") == "已完成"

    def states():
        from modules.duty.models import Handover

        handover = Handover.objects.get(outgoing_id=day_shift)
        damaged = handover.items.get(name="对讲机")
        return handover.outgoing.status, handover.incoming.status, damaged.state, damaged.explanation

    assert committed(states, tenant=world.alpha) == ("closed", "on_duty", "damaged", "天线折断")
