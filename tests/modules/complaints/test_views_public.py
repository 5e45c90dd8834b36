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
    assert "已受理" in body and "已登记" not in body  # the resident's word (issue 9), not the internal status


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


# --- issue 9 §3 defect 14: the duty phone, the resident's words, the lookup kept out of URLs -----------------
@pytest.fixture
def _routing_fresh():
    """The duty phone lives on the office row, which the routing map caches: start and end each test with
    the map read again, so a phone set inside a rolled-back test never outlives it."""
    from tenants.routing import clear_local

    clear_local()
    yield
    clear_local()


def test_public_pages_show_the_offices_duty_phone_C01(client_for, world, _routing_fresh):
    from tenants.services import office_profile_update

    office_profile_update(user=world.users[("alpha", "office_director")], office=world.alpha,
                          duty_phone="0755-86001234")
    client = _client(client_for, world)
    assert "0755-86001234" in client.get("/public/complaints/").content.decode()
    assert "0755-86001234" in client.get("/public/complaints/status/").content.decode()
    done = _submit(client, complainant_phone="13600190000")
    assert "0755-86001234" in done.content.decode()
    other = client_for(world.beta)  # another office publishes its own phone, never alpha's
    assert "0755-86001234" not in other.get("/public/complaints/").content.decode()


def test_public_pages_publish_head_offices_hotline_fax_and_email_C01(client_for, world):
    from modules.catalog.services import setting_set

    admin = world.users[("public", "group_admin")]
    for key, value in (("complaint.hq_hotline", "400-800-1234"), ("complaint.hq_fax", "0755-86009999"),
                       ("complaint.hq_email", "tousu@example.com")):
        setting_set(key=key, value=value, user=admin)
    for tenant in (world.alpha, world.beta):  # a group setting: every office publishes it
        body = client_for(tenant).get("/public/complaints/").content.decode()
        assert "400-800-1234" in body and "0755-86009999" in body and "mailto:tousu@example.com" in body


def test_head_office_contacts_are_checked_before_they_are_kept_C01(world):
    from core.errors import ValidationFailed
    from modules.catalog.selectors import setting_value
    from modules.catalog.services import setting_set

    admin = world.users[("public", "group_admin")]
    for key, bad in (("complaint.hq_hotline", "call us"), ("complaint.hq_email", "not-an-address"),
                     ("complaint.hq_fax", "1" * 200)):
        with pytest.raises(ValidationFailed) as caught:
            setting_set(key=key, value=bad, user=admin)
        assert "value" in caught.value.fields
        assert setting_value(key) == ""


def test_public_timeline_uses_residents_words_not_internal_steps_C01(client_for, world, in_tenant):
    from modules.complaints import services
    from tests.modules.complaints.factories import register

    staff, supervisor = world.users[("alpha", "cs_staff")], world.users[("alpha", "cs_supervisor")]
    duty = world.users[("alpha", "duty_officer")]
    with in_tenant(world.alpha):
        complaint = register(staff, complainant_phone="13700137002")
        services.complaint_assign(user=supervisor, complaint_id=complaint.pk, assignee_id=duty.pk, note="请跟进")
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
        services.complaint_reply(user=staff, complaint_id=complaint.pk, method="phone", opinion="已修好",
                                 satisfied=True)
        services.complaint_close(user=supervisor, complaint_id=complaint.pk, satisfied=True)
    response = _client(client_for, world).post("/public/complaints/status/", {
        "number": complaint.number, "phone": "13700137002"})
    body = response.content.decode()
    timeline = body[body.index('id="public-timeline"'):body.index("</ol>", body.index('id="public-timeline"'))]
    assert [str(e["label"]) for e in response.context["events"]] == ["已受理", "处理中", "已回复", "已办结"]
    assert response.context["status"]["status_label"] == "已办结"
    for internal in ("交办", "分类", "→", "已登记", "已结案", "登记"):
        assert internal not in timeline
    assert "已结案" not in body and "已交办" not in body


def test_public_status_word_while_handled_C01(client_for, world, in_tenant):
    from modules.complaints import services
    from tests.modules.complaints.factories import register

    staff = world.users[("alpha", "cs_staff")]
    with in_tenant(world.alpha):
        complaint = register(staff, complainant_phone="13700137003")
        services.complaint_classify(user=staff, complaint_id=complaint.pk, classification="valid")
    response = _client(client_for, world).post("/public/complaints/status/", {
        "number": complaint.number, "phone": "13700137003"})
    assert response.context["status"]["status_label"] == "处理中"
    assert "处理中" in response.content.decode()


def test_lookup_by_url_with_phone_reveals_nothing_C01(client_for, world):
    """The old lookup link (number and phone in the query string) shows the empty form only: no status,
    no timeline, not even whether the pair matched."""
    client = _client(client_for, world)
    number = _submit(client, complainant_phone="13600200000").context["complaint"].number
    response = client.get("/public/complaints/status/", {"number": number, "phone": "13600200000"})
    body = response.content.decode()
    assert response.context["status"] is None and not response.context["events"]
    assert 'id="public-timeline"' not in body and "已受理" not in body and "没有找到" not in body
    assert "no-store" in response.get("Cache-Control", "") or "max-age=0" in response.get("Cache-Control", "")


def test_lookup_post_needs_the_csrf_token_C01(client_for, world):
    from django.test import Client

    from tests.conftest import host_of

    client = Client(HTTP_HOST=host_of(world.alpha), enforce_csrf_checks=True, REMOTE_ADDR="10.9.7.1")
    refused = client.post("/public/complaints/status/", {"number": "TS-2026-000001", "phone": "13600210000"})
    assert refused.status_code == 403
    page = client.get("/public/complaints/status/")
    token = page.cookies["csrftoken"].value
    allowed = client.post("/public/complaints/status/", {"number": "TS-2026-000001", "phone": "13600210000",
                                                          "csrfmiddlewaretoken": token})
    assert allowed.status_code == 200
