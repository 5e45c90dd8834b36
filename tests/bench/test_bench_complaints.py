"""Complaints through the full HTTP stack (issue #3): registrations per second and list requests per
second on an office host under gunicorn, measured in the same run as the framework's floor — an
authenticated endpoint on the same host that returns a constant (/api/v1/ping/). Token auth, JSON,
bounded request counts, loopback only; rounds alternate so machine load falls on all alike."""

import json
from collections import defaultdict

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context
from rest_framework.authtoken.models import Token

from modules.duty import shifts
from modules.duty.services.instances import shift_instances_ensure
from tests.bench.load import call, calls_per_second
from tests.bench.report import median, write_section
from tests.bench.servers import gunicorn

ROUNDS, COUNT, WARMUP, WORKERS, PAGE = 5, 200, 100, 2, 50
HOST = "alpha.localhost"


@pytest.fixture(scope="module")
def token(world, django_db_blocker):
    with django_db_blocker.unblock():  # committed: gunicorn's connections must see it
        with tenant_context(world.alpha):  # the day's shifts, as the daily beat makes them (D-01)
            shift_instances_ensure(day=shifts.local_date(timezone.now()))
        return Token.objects.get_or_create(user=world.users[("alpha", "cs_staff")])[0].key


@pytest.fixture(scope="module")
def server(world, tmp_path_factory):
    with gunicorn(app="core.wsgi:application", settings_module="tests.bench.settings_web",
                  logdir=tmp_path_factory.mktemp("gunicorn"), workers=WORKERS) as port:
        yield port


def _operations(port: int, token: str) -> dict:
    auth = {"Authorization": f"Token {token}"}
    post_headers = {**auth, "Content-Type": "application/json"}

    def register(index: int) -> int:
        body = json.dumps({"channel": "phone", "content": f"基准测试投诉 {index}：楼道灯不亮",
                           "complainant_name": "基准", "complainant_phone": "13800138000",
                           "category": "facilities"}).encode()
        return call(port, "POST", HOST, "/api/v1/complaints/", headers=post_headers, body=body)[0]

    return {
        "floor: GET /api/v1/ping/": (lambda i: call(port, "GET", HOST, "/api/v1/ping/", headers=auth)[0], 200),
        f"list: GET /api/v1/complaints/?page_size={PAGE}": (
            lambda i: call(port, "GET", HOST, f"/api/v1/complaints/?page_size={PAGE}", headers=auth)[0], 200),
        "register: POST /api/v1/complaints/": (register, 201),
    }


def test_bench_complaints_through_gunicorn(server, token):
    operations = _operations(server, token)
    for fn, expect in operations.values():
        calls_per_second(fn, WARMUP, expect=expect)
    results = defaultdict(list)
    names = list(operations)
    for round_no in range(ROUNDS):
        for name in names if round_no % 2 == 0 else names[::-1]:
            fn, expect = operations[name]
            results[name].append(calls_per_second(fn, COUNT, expect=expect))
    floor = median(results[names[0]])
    lines = [f"| operation (office host, token auth) | median req/s ({ROUNDS} rounds × {COUNT}) | vs floor | rounds |",
             "| --- | --- | --- | --- |"]
    for name in names:
        value = median(results[name])
        rounds = " ".join(f"{v:.0f}" for v in results[name])
        lines.append(f"| {name} | {value:.0f} | {value / floor:.0%} | {rounds} |")
    lines += ["", f"gunicorn {WORKERS} sync workers, 4 client threads, all on this machine; the list holds "
              f"every complaint registered so far (≥ {WARMUP + ROUNDS * COUNT}), {PAGE} per page."]
    write_section("complaints", lines)
    assert all(results.values())
