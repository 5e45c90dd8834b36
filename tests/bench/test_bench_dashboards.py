"""Head office's dashboard in the number of offices (issue 10 §5 "Done means": t(300)/t(5) ≤ 1.5, the query
count constant): the page `/dashboard/` and its JSON `/api/v1/dashboard/` on the hq host, with 5 and with
N offices' pushed figures (WUYE_BENCH_DASHBOARD_OFFICES, default 300) in the same run.

The offices are tenant rows without schemas (tests/tenancy/office_rows.py): the dashboard reads only
head office's OfficeFigure table and the office names of the public catalogue, never an office schema.
Every office gets 12 months of the rows a real push stores (each figure with its breakdowns: ≈ 60 rows a
month), written by one INSERT … SELECT, and the group's totals the push keeps beside them. Each round measures 5 offices, then N inside a savepoint that is
rolled back, so both counts see the same machine load; medians of the per-round medians are reported."""

import os
import statistics
import time

from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.bench.report import median, write_section
from tests.tenancy.office_rows import office_rows

N = int(os.environ.get("WUYE_BENCH_DASHBOARD_OFFICES", "300"))
ROUNDS, COUNT = 5, 20
MONTH = "2026-06"
# (figure, dimension) of one office's month, as the registered figures push them
DIMENSIONS = (
    [("complaints.on_time_rate", d) for d in ("", "num", "den")]
    + [("visits.satisfaction_rate", d) for d in ("", "num", "den", "answer:satisfied", "answer:basically",
                                                  "answer:dissatisfied")]
    + [("complaints.received", d) for d in ["", "collective"] + [f"classification:{c}" for c in
                                                                 ("valid", "assisted", "invalid")]
       + [f"category:c{i}" for i in range(8)] + [f"channel:h{i}" for i in range(5)]]
    + [("complaints.open_now", d) for d in ["", "overdue"] + [f"status:s{i}" for i in range(5)]]
    + [("frontdesk.workorders_overdue", d) for d in ["", "open"] + [f"department:d{i}" for i in range(4)]]
    + [("visits.due_now", d) for d in ("", "overdue", "due_today")]
    + [("duty.unsigned_days", d) for d in ("", "days")]
    + [("assessment.score", d) for d in ("", "num", "den", "points", "signed")]
    + [(f"services.{f}", d) for f in ("revenue", "cost", "margin") for d in ("", "item:1", "item:2", "item:3")]
)
PAGES = {"hq dashboard page `/dashboard/`": f"/dashboard/?month={MONTH}",
         "hq dashboard JSON `/api/v1/dashboard/`": f"/api/v1/dashboard/?month={MONTH}"}


def _push_rows(schema: str, office_ids: list[int]) -> None:
    """12 months (to MONTH) of every figure for `office_ids`, in one statement (values vary per office)."""
    dims = ", ".join(f"('{f}', '{d}')" for f, d in DIMENSIONS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO "{schema}".hq_officefigure (office_id, figure, period, dimension, value, computed_at)
                SELECT o.id, f.figure, p.period::date, f.dim,
                       CASE WHEN f.dim = 'den' THEN 20 + o.id %% 7 WHEN f.dim = 'num' THEN 10 + o.id %% 9
                            WHEN f.dim = '' AND f.figure LIKE '%%_rate' THEN (10 + o.id %% 9) / (20.0 + o.id %% 7)
                            ELSE (o.id * 7 + extract(month from p.period)) %% 23 END,
                       now()
                FROM unnest(%s::bigint[]) AS o(id)
                CROSS JOIN (VALUES {dims}) AS f(figure, dim)
                CROSS JOIN generate_series(%s::date - interval '11 months', %s::date, interval '1 month') AS p(period)""",
            [office_ids, f"{MONTH}-01", f"{MONTH}-01"])
        # the group's totals, as each push keeps them (modules.hq.services.figures.figures_store)
        cursor.execute(
            f"""INSERT INTO "{schema}".hq_officefiguretotal (figure, period, dimension, total, rows)
                SELECT figure, period, dimension, COALESCE(SUM(value), 0), COUNT(*)
                FROM "{schema}".hq_officefigure WHERE office_id = ANY(%s::bigint[])
                GROUP BY figure, period, dimension
                ON CONFLICT (figure, period, dimension) DO UPDATE
                SET total = "{schema}".hq_officefiguretotal.total + EXCLUDED.total,
                    rows = "{schema}".hq_officefiguretotal.rows + EXCLUDED.rows""", [office_ids])
        cursor.execute(f'ANALYZE "{schema}".hq_officefigure')  # as autovacuum does for a table this size


def _per_request(client, path) -> float:
    client.get(path)
    times = []
    for _ in range(COUNT):
        started = time.perf_counter()
        assert client.get(path).status_code == 200
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_bench_hq_dashboard_in_offices(world):
    from tests.conftest import host_of

    client = Client(HTTP_HOST=host_of(world.hq))
    client.force_login(world.users[(world.hq.slug, "hq_quality_manager")])
    five = [world.alpha.pk, world.beta.pk] + [t.pk for t in office_rows(3, prefix="dash5")]
    _push_rows(world.hq.schema_name, five)
    small, large = {label: [] for label in PAGES}, {label: [] for label in PAGES}
    queries_small, queries_large = {}, {}
    for _ in range(ROUNDS):
        for label, path in PAGES.items():
            small[label].append(_per_request(client, path))
            queries_small[label] = _queries(client, path)
        with transaction.atomic():
            savepoint = transaction.savepoint()
            _push_rows(world.hq.schema_name, [t.pk for t in office_rows(N - 5, prefix="dashn")])
            client.get(PAGES[next(iter(PAGES))])  # the routing map reloads once after new tenants
            for label, path in PAGES.items():
                large[label].append(_per_request(client, path))
                queries_large[label] = _queries(client, path)
            transaction.savepoint_rollback(savepoint)
    rows = [f"| request | t(5) | t({N}) | t({N})/t(5) | target ≤ 1.5 | queries (5 / {N}) |",
            "| --- | --- | --- | --- | --- | --- |"]
    for label in PAGES:
        t5, tn = median(small[label]), median(large[label])
        rows.append(f"| {label} | {t5 * 1000:.1f} ms | {tn * 1000:.1f} ms | {tn / t5:.2f} | "
                    f"{'met' if tn / t5 <= 1.5 else 'MISSED'} | {queries_small[label]} / {queries_large[label]} |")
    write_section("dashboards", rows + [
        "", f"In-process test client, {ROUNDS} rounds × {COUNT} requests, medians; {len(DIMENSIONS)} rows per "
        f"office and month, 12 months ({len(DIMENSIONS) * 12 * N:,} pushed rows at {N} offices)."])
    assert queries_small == queries_large  # the query count does not grow with the offices
