"""`manage.py migrate` with nothing to apply, as offices are added (issue 8 goal 2: ≤ 10 s at 300
offices, ≤ 20 ms per extra office). The command is timed with the test world's offices, then again
after BENCH_MIGRATE_OFFICES more (default 10; each costs a clone, ≈ 0.5–1 s); the increment per
office is the difference over the offices added. django-tenants' own run (every schema migrated one
after another, `--executor standard`) is timed once at the smaller size for comparison."""

import os
import time
import uuid

from django.core.management import call_command

from tenants.migrate_behind import schemas_behind
from tenants.models import Tenant
from tenants.services import office_create
from tests.bench.report import median, write_section

ROUNDS = 5
EXTRA = int(os.environ.get("BENCH_MIGRATE_OFFICES", "10"))


def _timed(**options) -> float:
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0, **options)
    return time.perf_counter() - started


def _check_ms() -> float:
    """Median time of the behind check alone over every tenant schema, in ms."""
    names = list(Tenant.objects.exclude(schema_name="public").values_list("schema_name", flat=True))
    runs = []
    for _ in range(10):
        started = time.perf_counter()
        schemas_behind(names)
        runs.append(time.perf_counter() - started)
    return median(runs) * 1000


def _median_of(**options) -> tuple[float, list[float]]:
    runs = [_timed(**options) for _ in range(ROUNDS)]
    return median(runs), runs


def test_bench_migrate_nothing_to_apply(world):
    small = Tenant.objects.filter(type=Tenant.OFFICE).count()
    before, before_runs = _median_of()
    check_before = _check_ms()
    standard = _timed(executor="standard")
    for _ in range(EXTRA):
        slug = f"bench-mig-{uuid.uuid4().hex[:6]}"
        office_create(slug=slug, name=f"基准{slug}", kind="residential")
    after, after_runs = _median_of()
    check_after = _check_ms()
    per_office = (after - before) / EXTRA
    at_300 = after + (300 - small - EXTRA) * max(per_office, 0)
    verdict = "met" if at_300 <= 10 and per_office <= 0.020 else "MISSED"
    write_section("migrate", [
        f"| `manage.py migrate`, nothing to apply | median of {ROUNDS} | runs (s) |",
        "| --- | --- | --- |",
        f"| {small} offices (+ hq, 2 templates) | {before:.3f} s | {_runs(before_runs)} |",
        f"| {small + EXTRA} offices | {after:.3f} s | {_runs(after_runs)} |",
        f"| {small} offices, django-tenants' own run (`--executor standard`) | {standard:.3f} s | 1 run |",
        "",
        f"The behind check alone (two queries): {check_before:.1f} ms → {check_after:.1f} ms, "
        f"{(check_after - check_before) / EXTRA:.2f} ms per extra office.",
        "",
        f"Each extra office adds {per_office * 1000:.1f} ms (target ≤ 20 ms); projected at 300 offices "
        f"{at_300:.2f} s (target ≤ 10 s): **{verdict}**.",
    ])
    assert len(before_runs) == len(after_runs) == ROUNDS


def _runs(values) -> str:
    return ", ".join(f"{v:.3f}" for v in values)
