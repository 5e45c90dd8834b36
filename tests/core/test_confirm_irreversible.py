"""Issue 9 §3.12: irreversible actions (归档, 结案, 取消工单, signatures, publishing, forwarding…) ask for
confirmation through one shared pattern: a `data-confirm` attribute handled by core/app.js (no inline
script, CSP)."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_shared_script_asks_before_a_data_confirm_submit():
    script = (Path(settings.BASE_DIR) / "core" / "static" / "core" / "app.js").read_text()
    assert "data-confirm" in script and "window.confirm" in script and "preventDefault" in script


def test_cancel_work_order_asks_first_F02(world, in_tenant, client_for):
    from modules.frontdesk.services.workorders import workorder_dispatch

    with in_tenant(world.alpha):
        order = workorder_dispatch(user=world.users[("alpha", "cs_staff")], department="engineering",
                                   content="路灯不亮", location="3栋")
    page = client_for(world.alpha, "cs_supervisor").get(
        reverse("frontdesk:workorder", urlconf="core.urls.office", args=[order.pk])).content.decode()
    cancel = page[page.index(f"/frontdesk/workorders/{order.pk}/cancel/"):].split("</form>", 1)[0]
    assert "data-confirm=" in cancel


def test_complaint_steps_that_cannot_be_undone_ask_first_C12():
    from modules.complaints.views.actions import ACTIONS_BY_NAME

    assert all(ACTIONS_BY_NAME[name].confirm for name in ("close", "escalate", "report_result",
                                                          "reopen_dissatisfied"))
    assert not ACTIONS_BY_NAME["note"].confirm


def test_complaint_page_renders_the_confirmation_C12(world, in_tenant, client_for):
    from tests.modules.complaints.factories import register

    with in_tenant(world.alpha):
        complaint = register(world.users[("alpha", "cs_staff")])
    page = client_for(world.alpha, "office_director").get(
        reverse("complaints:detail", urlconf="core.urls.office", args=[complaint.pk])).content.decode()
    escalate = page[page.index('id="action-escalate"'):].split("</details>", 1)[0]
    assert "data-confirm=" in escalate


def test_refused_work_order_step_keeps_what_was_typed_F02(world, in_tenant, client_for):
    """Issue 9 §3.1: a refused button does not lose what was typed (front desk's shared `act`)."""
    from modules.frontdesk.services.workorders import workorder_dispatch

    with in_tenant(world.alpha):
        order = workorder_dispatch(user=world.users[("alpha", "cs_staff")], department="engineering",
                                   content="水泵异响", location="泵房")
    client = client_for(world.alpha, "cs_supervisor")
    refused = client.post(f"/frontdesk/workorders/{order.pk}/reject/", {"note": "返工：螺丝未拧紧"}, follow=True)
    page = refused.content.decode()
    assert 'value="返工：螺丝未拧紧"' in page
    again = client.get(f"/frontdesk/workorders/{order.pk}/").content.decode()
    assert "返工：螺丝未拧紧" not in again  # shown once, not forever
