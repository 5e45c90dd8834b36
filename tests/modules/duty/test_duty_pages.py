"""The duty pages (D-01..D-07): each renders for its role, and is 404 for another office's user or a role
without the permission."""

import pytest
from django.urls import reverse
from django_tenants.utils import schema_context

from tests.modules.duty.duty_kit import FUTURE, PAST, assign, at, instance, person

pytestmark = pytest.mark.django_db


def _objects(world):
    from modules.duty.services.handover import handover_open
    from modules.duty.services.log import log_entry_add
    from modules.duty.services.requests import duty_request_create

    with schema_context(world.alpha.schema_name):
        mine = assign(world, "duty_officer", "day", FUTURE)
        assign(world, "cs_staff", "night", FUTURE)
        entry = log_entry_add(user=person(world, "duty_officer"), kind="inquiry", content="问询",
                              occurred_at=at(PAST, 10))
        handover = handover_open(user=person(world, "duty_officer"), instance_id=instance("day", FUTURE).pk)
        request = duty_request_create(user=person(world, "duty_officer"), assignment_id=mine.pk, kind="leave",
                                      reason="病假")
        return {"entry": entry, "handover": handover, "request": request, "assignment": mine,
                "shift": handover.outgoing, "item": handover.items.first()}


GETS = [("duty:now", None), ("duty:shift", "shift"), ("duty:entry-correct", "entry"), ("duty:handover", "handover"),
        ("duty:roster", None), ("duty:requests", None), ("duty:day", None), ("duty:week", None),
        ("duty:archive", None), ("duty:settings", None)]
POSTS = [("duty:shift-sign", "shift"), ("duty:shift-start", "shift"), ("duty:handover-open", "shift"),
         ("duty:entry-add", None), ("duty:entry-release", "entry"), ("duty:handover-arrive", "handover"),
         ("duty:handover-log-read", "handover"), ("duty:handover-sign", "handover"),
         ("duty:assignment-withdraw", "assignment"), ("duty:request-create", None),
         ("duty:request-decide", "request"), ("duty:request-withdraw", "request"), ("duty:day-sign", None),
         ("duty:week-check", None), ("duty:archive-month", None),
         ("duty:entry-complete", "entry"), ("duty:handover-incoming", "handover")]


def _url(name, key, objects):
    return reverse(name, urlconf="core.urls.office", args=[objects[key].pk] if key else [])


def test_every_page_renders_for_the_office_director_D01_D07(world, client_for):
    objects = _objects(world)
    client = client_for(world.alpha, "office_director")
    for name, key in GETS:
        assert client.get(_url(name, key, objects)).status_code == 200, name
    # D-01: the month's roster holds the assignment; D-07: the day page lists the day's log entry
    roster = client.get(_url("duty:roster", None, objects) + f"?month={FUTURE:%Y-%m}").content.decode()
    assert objects["assignment"].user_name in roster
    day = client.get(_url("duty:day", None, objects) + f"?day={PAST.isoformat()}").content.decode()
    assert objects["entry"].content in day
    response = client.get(reverse("duty:export", urlconf="core.urls.office") + "?month=2025-03")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")


def test_every_route_is_404_for_another_offices_user_D01_D07(world, client_for):
    objects = _objects(world)
    client = client_for(world.alpha, "office_director", user_of=world.beta)
    routes = [(n, k, "get") for n, k in GETS] + [(n, k, "post") for n, k in POSTS] + [("duty:export", None, "get")]
    routes.append(("duty:handover-item", None, "post"))
    for name, key, method in routes:
        if name == "duty:handover-item":
            url = reverse(name, urlconf="core.urls.office", args=[objects["handover"].pk, objects["item"].pk])
        else:
            url = _url(name, key, objects)
        assert getattr(client, method)(url).status_code == 404, name


def test_pages_are_404_without_the_permission_D01(world, client_for):
    objects = _objects(world)
    cashier = client_for(world.alpha, "cashier")
    for name, key in GETS:
        assert cashier.get(_url(name, key, objects)).status_code == 404, name
    officer = client_for(world.alpha, "duty_officer")
    assert officer.post(_url("duty:archive-month", None, objects)).status_code == 404
    assert officer.post(_url("duty:request-decide", "request", objects)).status_code == 404


def test_handover_page_flow_with_damaged_item_D05(world, client_for):
    from modules.duty.models import Handover

    objects = _objects(world)
    handover, item = objects["handover"], objects["item"]
    incoming = client_for(world.alpha, "cs_staff")
    incoming.post(reverse("duty:handover-arrive", urlconf="core.urls.office", args=[handover.pk]))
    url = reverse("duty:handover-item", urlconf="core.urls.office", args=[handover.pk, item.pk])
    page = incoming.post(url, {"state": "damaged"}, follow=True)
    assert "损坏或缺失须说明原因" in page.content.decode()
    incoming.post(url, {"state": "damaged", "explanation": "断了"})
    with schema_context(world.alpha.schema_name):
        assert Handover.objects.get(pk=handover.pk).items.get(pk=item.pk).state == "damaged"


def test_entry_add_with_bad_input_is_400_with_field_D06(world, client_for):
    officer = client_for(world.alpha, "duty_officer")
    response = officer.post(reverse("duty:entry-add", urlconf="core.urls.office"), {"kind": "inquiry"})
    assert response.status_code == 400 and "content" in response.context["form"].errors


@pytest.mark.parametrize("query", ["duty:roster?month=abc", "duty:roster?month=99999999999-01&print=maybe",
                                   "duty:day?day=2026-02-30", "duty:week?week=²", "duty:archive?month=2025-13"])
def test_bad_query_string_falls_back_to_today_D01_D07(world, client_for, query):
    name, params = query.split("?")
    response = client_for(world.alpha, "office_director").get(f"{reverse(name, urlconf='core.urls.office')}?{params}")
    assert response.status_code == 200, query


@pytest.mark.parametrize("role, shown", [("cs_staff", False), ("duty_officer", False), ("cs_supervisor", True)])
def test_duty_menu_offers_shift_settings_only_to_roles_that_may_use_them_D01(world, client_for, role, shown):
    page = client_for(world.alpha, role).get(reverse("duty:now", urlconf="core.urls.office")).content.decode()
    assert ('href="/duty/settings/"' in page) is shown


def test_handover_page_offers_area_check_explanation_then_signature_D05(world, client_for):
    from modules.duty.services import handover as svc

    objects = _objects(world)
    handover = objects["handover"]
    with schema_context(world.alpha.schema_name):
        svc.handover_arrive(user=person(world, "cs_staff"), handover_id=handover.pk)
        for item in handover.items.all():
            svc.handover_item_check(user=person(world, "cs_staff"), handover_id=handover.pk, item_id=item.pk,
                                    state="ok")
        svc.handover_log_read(user=person(world, "cs_staff"), handover_id=handover.pk)
    page_url = reverse("duty:handover", urlconf="core.urls.office", args=[handover.pk])
    incoming, outgoing = client_for(world.alpha, "cs_staff"), client_for(world.alpha, "duty_officer")
    page = incoming.get(page_url).content.decode()
    assert 'id="area-form"' in page and 'id="sign"' not in page and "请先检查区域并记录" in page
    incoming.post(reverse("duty:handover-area", urlconf="core.urls.office", args=[handover.pk]),
                  {"note": "", "anomaly": "地下车库积水"})
    page = incoming.get(page_url).content.decode()
    assert "地下车库积水" in page and 'id="sign"' not in page and 'id="explain-form"' not in page
    page = outgoing.get(page_url).content.decode()
    assert 'id="explain-form"' in page and 'id="sign"' not in page
    outgoing.post(reverse("duty:handover-explain", urlconf="core.urls.office", args=[handover.pk]),
                  {"explanation": "暴雨倒灌，已安排抽水"})
    for client in (incoming, outgoing):
        page = client.get(page_url).content.decode()
        assert 'id="sign"' in page and "暴雨倒灌，已安排抽水" in page
