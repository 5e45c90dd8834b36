"""The monthly complaint report at scale (C-18; issue 10 "Done means"): head office's consolidated monthly
report with 5 and with N offices' submitted reports in the same run (target t(N)/t(5) ≤ 1.5 and a query count
that does not grow), and the drafting beat of the 1st over N real offices (time per office).
N: WUYE_BENCH_OFFICES (default 300). Run:
    .venv/bin/python -m pytest tests/bench/test_bench_reports.py -p no:randomly -s -o addopts=""

The consolidated page reads only head office's tables (its expectations and the submitted versions' figures),
so the offices behind it are tenant rows without schemas (tests/tenancy/office_rows.py), each submitting a
real report's snapshot through tenants.bridge.monthly_report_submit; 5 and N alternate in each round (N inside
a savepoint rolled back). Drafting needs real schemas: N copies of one office with some complaints
(tests/bench/many_offices.py), committed for the run and dropped at its end."""

import os
import statistics
import time
from datetime import date

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import schema_context

from tests.bench.report import median, write_section
from tests.tenancy.office_rows import office_rows

N = int(os.environ.get("WUYE_BENCH_OFFICES", "300"))
ROUNDS, COUNT = 5, 20
MONTH = date(2026, 9, 1)
PATH = "/reports/consolidated/?month=2026-09"
_results: dict[str, str] = {}


def _snapshot(world) -> dict:
    from modules.reports.selectors import report_snapshot
    from modules.reports.services import report_draft
    from tests.modules.complaints.factories import register
    from tests.modules.reports.factories import at

    with schema_context(world.alpha.schema_name):
        staff = world.users[("alpha", "cs_staff")]
        for n, category in enumerate(["repairs", "cleaning", "noise", "fees", "repairs", "security"]):
            register(staff, received_at=at(3 + n, month=MONTH), category=category,
                     channel=["phone", "visit", "letter"][n % 3])
        report, _new = report_draft(month=MONTH)
        report.summary = "基准综述"
        return report_snapshot(report=report, office=world.alpha)


def _submit(offices, snapshot) -> None:
    from tenants.bridge import monthly_report_expect, monthly_report_submit

    monthly_report_expect(month=MONTH, offices=offices)
    for office in offices:
        monthly_report_submit(office=office, month=MONTH, version=1, by_name="基准",
                              snapshot={**snapshot, "office": {"id": office.pk, "slug": office.slug,
                                                               "name": office.name}, "version": 1})


def _per_request(client) -> float:
    client.get(PATH)
    times = []
    for _ in range(COUNT):
        started = time.perf_counter()
        assert client.get(PATH).status_code == 200
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _queries(client) -> int:
    client.get(PATH)
    with CaptureQueriesContext(connection) as captured:
        client.get(PATH)
    return len(captured)


def test_bench_consolidated_report_in_offices(world):
    from tests.conftest import host_of

    snapshot = _snapshot(world)
    five = [world.alpha, world.beta, *office_rows(3, prefix="rfive")]
    _submit(five, snapshot)
    client = Client(HTTP_HOST=host_of(world.hq))
    client.force_login(world.users[(world.hq.slug, "hq_quality_manager")])
    small, large, queries = [], [], {}
    queries[5] = _queries(client)
    for _ in range(ROUNDS):
        small.append(_per_request(client))
        with transaction.atomic():
            savepoint = transaction.savepoint()
            _submit(office_rows(N - 5, prefix="rbulk"), snapshot)
            large.append(_per_request(client))
            queries[N] = _queries(client)
            transaction.savepoint_rollback(savepoint)
    t5, tn = median(small), median(large)
    _results["consolidated"] = (f"| consolidated report `/reports/consolidated/` | {t5 * 1000:.1f} ms | {tn * 1000:.1f} ms | "
                                f"{tn / t5:.2f} {'(met ≤ 1.5)' if tn / t5 <= 1.5 else '(MISSED ≤ 1.5)'} | "
                                f"{queries[5]} / {queries[N]} |")
    assert queries[5] == queries[N]


@pytest.fixture(scope="module")
def real_offices(world, django_db_blocker):
    from tenants.models import Tenant
    from tests.bench.many_offices import build_offices, drop_offices

    with django_db_blocker.unblock():  # committed: pg_dump reads the source office
        built = build_offices(N, prefix="rep")
        tenants = list(Tenant.objects.filter(slug__in=[o.slug for o in built]).order_by("pk"))
    yield tenants
    # from an office schema: deleting the bench's users looks for their rows in office tables (visits …)
    with django_db_blocker.unblock(), schema_context(world.alpha.schema_name):
        drop_offices(prefix="rep")


def _in_own_connection(fn):
    """`fn()` in a thread with its own connection in autocommit, as the beat's worker runs it: each office's
    draft is its own transaction (inside the test's transaction, 300 offices' locks would pile up)."""
    import threading

    from django.db import connections

    out = {}

    def work():
        try:
            out["value"] = fn()
        except BaseException as exc:
            out["error"] = exc
        finally:
            connections.close_all()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


def test_bench_drafting_beat_over_offices(real_offices, django_db_blocker):
    from modules.reports.hq.models import ReportExpectation
    from modules.reports.models import MonthlyReport
    from modules.reports.services import reports_draft_every_office

    def run():
        started = time.perf_counter()
        drafted = reports_draft_every_office(today=date(2026, 10, 1), offices=real_offices)
        return drafted, time.perf_counter() - started

    def clean():
        from tenants.selectors import hq_tenant

        with schema_context(hq_tenant().schema_name):
            ReportExpectation.objects.filter(office_id__in=[o.pk for o in real_offices]).delete()

    with django_db_blocker.unblock():
        try:
            drafted, elapsed = _in_own_connection(run)
        finally:
            _in_own_connection(clean)
    assert sum(1 for new in drafted.values() if new) == len(real_offices)
    with schema_context(real_offices[-1].schema_name):
        assert MonthlyReport.objects.get(month=MONTH).figures["received"] >= 0
    _results["drafting"] = (f"| drafting beat of the 1st, {len(real_offices)} offices | {elapsed:.1f} s in all | "
                            f"{elapsed / len(real_offices) * 1000:.1f} ms per office | one process |")


def test_bench_reports_write_section():
    rows = ["| measured | t(5) | t(N) | t(N)/t(5) | queries at 5 / N |", "| --- | --- | --- | --- | --- |"]
    if "consolidated" in _results:
        rows.append(_results["consolidated"].replace("t(N)", f"t({N})"))
    rows += ["", "| beat | total | per office | |", "| --- | --- | --- | --- |"]
    if "drafting" in _results:
        rows.append(_results["drafting"])
    write_section("reports", [*rows, "", f"N = {N}; in-process test client, {ROUNDS} rounds × {COUNT} requests, "
                                         "medians; drafting: one run of the beat's function in this process."])
