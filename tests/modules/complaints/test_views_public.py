"""Residents' public pages (C-01 online channel): no login, throttled, status needs the matching phone."""

import itertools

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db

_addr = itertools.count(10)


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()
    yield
    cache.clear()


def _client(client_for, world):
    """An anonymous resident on the office host, from an address of its own."""
    client = client_for(world.alpha)
    client.defaults["REMOTE_ADDR"] = f"10.9.8.{next(_addr)}"
    return client


def _submit(client, **overrides):
    data = {"unit": "3-1201", "complainant_name": "王五", "complainant_phone": "13700137000",
            "content": "夜间施工噪音", "website": ""}
    data.update(overrides)
    return client.post("/public/complaints/", data)


def test_public_form_works_without_login_and_lands_in_queue_C01(client_for, world, in_tenant):
    client = _client(client_for, world)
    assert client.get("/public/complaints/").status_code == 200
    response = _submit(client)
    assert response.status_code == 200
    number = response.context["complaint"].number
    assert number in response.content.decode()
    with in_tenant(world.alpha):
        from modules.complaints.models import Complaint

        complaint = Complaint.objects.get(number=number)
        assert complaint.channel == "online" and complaint.unit_text == "3-1201"
    queue = client_for(world.alpha, "cs_staff").get("/complaints/").content.decode()
    assert number in queue


def test_public_form_shows_field_errors(client_for, world):
    response = _submit(_client(client_for, world), complainant_phone="123", content="")
    assert response.status_code == 200
    assert {"complainant_phone", "content"} <= set(response.context["form"].errors)


def test_public_form_is_throttled_per_phone_C01(client_for, world):
    from modules.catalog.selectors import setting_value

    limit = setting_value("complaint.online_max_per_hour_per_phone")
    for _ in range(limit):
        assert _submit(_client(client_for, world)).status_code == 200
    refused = _submit(_client(client_for, world))
    assert refused.status_code == 429
    assert "频繁" in refused.content.decode()


def test_public_form_is_throttled_per_address_C01(client_for, world):
    from modules.catalog.selectors import setting_value

    client = _client(client_for, world)
    limit = setting_value("complaint.online_max_per_hour_per_address")
    for i in range(limit):
        assert _submit(client, complainant_phone=f"1360013{i:04d}").status_code == 200
    assert _submit(client, complainant_phone="13500135000").status_code == 429


def test_status_lookup_needs_matching_phone_C01(client_for, world):
    number = _submit(_client(client_for, world)).context["complaint"].number
    wrong = _client(client_for, world).post("/public/complaints/status/", {"number": number, "phone": "13900000000"})
    assert wrong.status_code == 200 and wrong.context["status"] is None
    assert "没有找到" in wrong.content.decode()
    right = _client(client_for, world).post("/public/complaints/status/",
                                            {"number": number.lower(), "phone": "137 0013 7000"})
    body = right.content.decode()
    assert right.context["status"]["number"] == number
    assert "已登记" in body and "登记" in body


def test_public_timeline_hides_staff_names(client_for, world, in_tenant):
    from tests.modules.complaints.factories import register

    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = register(staff, complainant_phone="13700137001")
        from modules.complaints.services import complaint_note

        complaint_note(user=staff, complaint_id=complaint.pk, text="内部备注：勿外传")
    body = _client(client_for, world).post("/public/complaints/status/", {
        "number": complaint.number, "phone": "13700137001"}).content.decode()
    assert complaint.number in body
    assert staff.username not in body and "内部备注" not in body


def test_status_page_renders_empty_without_query(client_for, world):
    response = _client(client_for, world).get("/public/complaints/status/")
    assert response.status_code == 200 and not response.context["form"].is_bound


def test_status_link_from_done_page_prefills_number(client_for, world):
    response = _client(client_for, world).get("/public/complaints/status/", {"number": "TS-2026-000001"})
    assert response.status_code == 200 and not response.context["form"].is_bound
    assert 'value="TS-2026-000001"' in response.content.decode()


def _forwarded_for(request):
    """What ipware does behind one proxy (production AXES_IPWARE_*): the first X-Forwarded-For hop."""
    return request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[0].strip() or None


def test_throttle_keys_on_client_address_behind_proxy_not_on_proxy_C01(client_for, world, settings):
    """Behind nginx every request has the proxy's REMOTE_ADDR: the throttle must key on the client
    address axes resolves (AXES_CLIENT_IP_CALLABLE here stands in for the ipware settings)."""
    from modules.catalog.selectors import setting_value

    settings.AXES_CLIENT_IP_CALLABLE = _forwarded_for
    limit = setting_value("complaint.online_max_per_hour_per_address")
    for i in range(limit + 2):
        client = client_for(world.alpha)
        client.defaults.update(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{i + 1}, 10.0.0.1")
        assert _submit(client, complainant_phone=f"1360014{i:04d}").status_code == 200
    same = client_for(world.alpha)
    same.defaults.update(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.250")
    for i in range(limit):
        assert _submit(same, complainant_phone=f"1350015{i:04d}").status_code == 200
    assert _submit(same, complainant_phone="13500159999").status_code == 429


def test_lookups_never_use_up_submissions_C01(client_for, world):
    """Issue 7 §2.9: lookups and submissions are counted apart: an address that looked its complaint up
    more times than it may submit can still submit."""
    from modules.catalog.selectors import setting_value

    client = _client(client_for, world)
    number = _submit(client, complainant_phone="13600160000").context["complaint"].number
    for _ in range(setting_value("complaint.online_max_per_hour_per_address") + 1):
        looked = client.post("/public/complaints/status/", {"number": number, "phone": "13600160000"})
        assert looked.status_code == 200 and looked.context["status"]["number"] == number
    assert _submit(client, complainant_phone="13600160001").status_code == 200


def test_lookups_have_their_own_limit_C01(client_for, world):
    from modules.catalog.selectors import setting_value

    client = _client(client_for, world)
    for _ in range(setting_value("complaint.online_lookups_per_hour_per_address")):
        assert client.post("/public/complaints/status/", {"number": "TS-2026-999999",
                                                           "phone": "13600170000"}).status_code == 200
    refused = client.post("/public/complaints/status/", {"number": "TS-2026-999999", "phone": "13600170000"})
    assert refused.status_code == 429 and "查询过于频繁" in refused.content.decode()
    assert _submit(client, complainant_phone="13600170001").status_code == 200  # submitting still works


def test_phone_never_travels_in_the_lookup_url_C01(client_for, world):
    """Issue 7 §2.9: the lookup form posts; a phone put in the query string is not looked up."""
    client = _client(client_for, world)
    number = _submit(client, complainant_phone="13600180000").context["complaint"].number
    page = client.get("/public/complaints/status/", {"number": number}).content.decode()
    assert 'method="post"' in page and 'method="get"' not in page
    by_url = client.get("/public/complaints/status/", {"number": number, "phone": "13600180000"})
    assert not by_url.context["form"].is_bound and by_url.context["status"] is None
