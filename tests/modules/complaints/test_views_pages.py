"""Every complaints page renders for the right role, and is 404 without the permission or for a user of
another office (R-04)."""

import pytest
from django.utils.timezone import localtime

from tests.modules.complaints.factories import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint(world, in_tenant):
    with in_tenant(world.alpha):
        return register(world.users[("alpha", "cs_staff")], content="电梯异响")


def _pages(complaint):
    return {
        "queue": ("/complaints/", "complaints.view", "cs_staff"),
        "register": ("/complaints/new/", "complaints.register", "cs_staff"),
        "detail": (f"/complaints/{complaint.pk}/", "complaints.view", "records_clerk"),
        # C-19: the page opens on last month; this month's complaint is asked for by its period
        "spot-checks": (f"/complaints/spot-checks/?start={localtime(complaint.received_at):%Y-%m-01}"
                        f"&end={localtime(complaint.received_at):%Y-%m-%d}", "complaints.spot_check", "office_director"),
    }


@pytest.mark.parametrize("page", ["queue", "register", "detail", "spot-checks"])
def test_page_renders_for_role(client_for, world, complaint, page):
    url, _perm, role = _pages(complaint)[page]
    response = client_for(world.alpha, role).get(url)
    assert response.status_code == 200
    assert complaint.number in response.content.decode() or page == "register"


@pytest.mark.parametrize("page,role", [
    ("queue", "cashier"), ("register", "records_clerk"), ("detail", "engineering"), ("spot-checks", "cs_staff"),
])
def test_page_404_without_permission_R04(client_for, world, complaint, page, role):
    url = _pages(complaint)[page][0]
    assert client_for(world.alpha, role).get(url).status_code == 404


@pytest.mark.parametrize("page", ["queue", "register", "detail", "spot-checks"])
def test_page_404_for_user_of_other_office_R04(client_for, world, complaint, page):
    url, _perm, role = _pages(complaint)[page]
    assert client_for(world.alpha, role, user_of=world.beta).get(url).status_code == 404


def test_detail_of_unknown_complaint_is_404(client_for, world):
    assert client_for(world.alpha, "cs_staff").get("/complaints/99999999/").status_code == 404


def test_queue_filters_and_shows_countdown_C17(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        shown = register(world.users[("alpha", "cs_staff")], content="垃圾未清")
    client = client_for(world.alpha, "cs_staff")
    body = client.get("/complaints/", {"status": "registered"}).content.decode()
    assert shown.number in body and 'class="countdown"' in body and "剩 " in body
    assert shown.number not in client.get("/complaints/", {"status": "closed"}).content.decode()
    assert shown.number not in client.get("/complaints/", {"overdue": "on"}).content.decode()


def test_detail_offers_only_steps_allowed_now(client_for, world, complaint):
    body = client_for(world.alpha, "cs_staff").get(f"/complaints/{complaint.pk}/").content.decode()
    assert 'id="action-classify"' in body and 'id="action-handle_on_spot"' in body
    assert 'id="action-close"' not in body and 'id="action-reply"' not in body
    clerk = client_for(world.alpha, "records_clerk").get(f"/complaints/{complaint.pk}/").content.decode()
    assert 'id="action-classify"' not in clerk  # C-05 is done by CS staff


def test_queue_unit_cells_do_not_wrap(client_for, world, in_tenant):
    with in_tenant(world.alpha):
        register(world.users[("alpha", "cs_staff")], content="门禁坏了", unit_text="12栋2单元1502")
    page = client_for(world.alpha, "cs_staff").get("/complaints/").content.decode()
    assert '<td class="unit">12栋2单元1502</td>' in page
    assert "table.queue td.unit" in page and "white-space:nowrap" in page
