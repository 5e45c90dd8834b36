"""The residents' public pages with Redis down (issue 7 §1.1, C-01): the complaint is saved whatever
Redis does (the throttle fails open and says so in the log) and the status lookup answers — with a
Redis that refuses connections and with one that accepts and never answers (paused). The timeout
mark is a hang guard, not a performance threshold."""

import itertools
import logging

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(60)]

_addr = itertools.count(10)


def _client(client_for, world):
    client = client_for(world.alpha)
    client.defaults["REMOTE_ADDR"] = f"10.77.0.{next(_addr)}"
    return client


def test_public_submission_is_saved_with_redis_down_C01(redis_down, client_for, world, in_tenant, caplog):
    from modules.complaints.models import Complaint

    caplog.set_level(logging.WARNING)
    response = _client(client_for, world).post("/public/complaints/", {
        "unit": "5-302", "complainant_name": "赵六", "complainant_phone": "13700137100",
        "content": f"Redis {redis_down} 时提交", "website": ""})
    assert response.status_code == 200
    number = response.context["complaint"].number
    with in_tenant(world.alpha):
        saved = Complaint.objects.get(number=number)
    assert saved.channel == "online" and saved.content == f"Redis {redis_down} 时提交"
    assert "throttle" in caplog.text  # failing open is logged
    assert "13700137100" not in caplog.text  # the phone stays out of the log


def test_status_lookup_answers_with_redis_down_C01(redis_down, client_for, world, in_tenant):
    from modules.complaints import services

    with in_tenant(world.alpha):
        complaint = services.complaint_submit_online(unit_text="5-303", name="赵六", phone="13700137101",
                                                     content="查询进度")
    response = _client(client_for, world).post("/public/complaints/status/", {
        "number": complaint.number, "phone": "13700137101"})
    assert response.status_code == 200
    assert response.context["status"]["number"] == complaint.number
