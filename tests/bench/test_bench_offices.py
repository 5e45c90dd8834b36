"""Head-office and apex pages in the number of offices (issue 8 goal 5: t(303)/t(5) ≤ 1.2 for the hq inbox
page and the apex offices page). Office count: WUYE_BENCH_OFFICES (default 303).

The offices are tenant rows without schemas (tests/tenancy/office_rows.py): both pages read only the public
tables and the hq schema, so an office's schema plays no part in them, and 300 rows take 0.1 s where 300
cloned offices take minutes. Each round measures 5 offices, then N inside a savepoint that is rolled back,
so both counts see the same machine load; medians of the per-round medians are reported."""

import os
import statistics
import time

from django.db import transaction
from django.test import Client

from tests.bench.report import median, write_section
from tests.modules.hq.factories import escalate
from tests.tenancy.office_rows import office_rows

N = int(os.environ.get("WUYE_BENCH_OFFICES", "303"))
ROUNDS, COUNT = 5, 30
PAGES = {"hq inbox `/center/`": ("hq", "hq_agent", "/center/"),
         "apex offices `/admin/offices/`": ("public", "group_admin", None)}


def _client(world, tenant_key, role):
    from tests.conftest import host_of

    tenant = getattr(world, tenant_key)
    client = Client(HTTP_HOST=host_of(tenant))
    client.force_login(world.users[(tenant.slug, role)])
    return client


def _per_request(client, path) -> float:
    client.get(path)
    times = []
    for _ in range(COUNT):
        started = time.perf_counter()
        assert client.get(path).status_code == 200
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_bench_hq_and_apex_pages_in_offices(world):
    from django.urls import reverse

    for _ in range(5):
        escalate(world, world.alpha)
    office_rows(3, prefix="five")  # alpha, beta and three more: 5 offices
    clients = {label: (_client(world, t, role), path or reverse("catalog:offices", urlconf="core.urls.public"))
               for label, (t, role, path) in PAGES.items()}
    small, large = {label: [] for label in PAGES}, {label: [] for label in PAGES}
    for _ in range(ROUNDS):
        for label, (client, path) in clients.items():
            small[label].append(_per_request(client, path))
        with transaction.atomic():
            savepoint = transaction.savepoint()
            office_rows(N - 5)
            for label, (client, path) in clients.items():
                large[label].append(_per_request(client, path))
            transaction.savepoint_rollback(savepoint)
    rows = [f"| page | t(5) | t({N}) | t({N})/t(5) | target ≤ 1.2 |", "| --- | --- | --- | --- | --- |"]
    for label in PAGES:
        t5, tn = median(small[label]), median(large[label])
        rows.append(f"| {label} | {t5 * 1000:.1f} ms | {tn * 1000:.1f} ms | {tn / t5:.2f} | "
                    f"{'met' if tn / t5 <= 1.2 else 'MISSED'} |")
    write_section("offices", rows + ["", f"In-process test client, {ROUNDS} rounds × {COUNT} requests, medians."])
    assert all(len(v) == ROUNDS for v in large.values())
