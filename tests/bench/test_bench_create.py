"""Creating an office as offices are added (issue 8 goal 1: t(300)/t(10) ≤ 1.5, under 1 s). Office
schemas are added up to each size of BENCH_CREATE_OFFICES (default "10,300"), then ROUNDS offices are
created through `office_create` (the template's script replayed) and CLONES through the fallback
(django-tenants' clone), all in one run.

The added schemas are built from the office template on a second connection and committed (the
test's own transaction could not hold the locks of 300 schemas); each is a full office schema, so
the catalogue grows as it would with real offices. Each timed creation is rolled back to a savepoint,
which releases its locks. The added schemas are dropped at the end."""

import os
import time
import uuid

import pytest
from django.db import connection, transaction

from tenants import template_script, templates
from tenants.models import Tenant
from tenants.services import office_create
from tests.bench.report import median, write_section

ROUNDS = 7
CLONES = 2
GENERATIONS = 3
TEMPLATE = "_template_office"
SIZES = sorted(int(n) for n in os.environ.get("BENCH_CREATE_OFFICES", "10,300").split(","))


def _timed_create(prefix: str) -> float:
    slug = f"{prefix}-{uuid.uuid4().hex[:8]}"
    savepoint = transaction.savepoint()
    started = time.perf_counter()
    office_create(slug=slug, name=f"基准{slug}", kind="residential")
    elapsed = time.perf_counter() - started
    transaction.savepoint_rollback(savepoint)
    return elapsed


def _offices(added: list[str]) -> int:
    return Tenant.objects.filter(type=Tenant.OFFICE).count() + len(added)


def _grow_to(size: int, added: list[str], raw) -> None:
    script = template_script.stored_script(TEMPLATE)
    with raw.cursor() as cursor:
        for _ in range(size - _offices(added)):
            name = f"bench_fill_{uuid.uuid4().hex[:8]}"
            template_script.replay(cursor, script, name)
            added.append(name)


def _drop(added: list[str], raw) -> None:
    with raw.cursor() as cursor:
        for name in added:
            cursor.execute(f'DROP SCHEMA "{name}" CASCADE')


def _generate_runs() -> list[float]:
    """Generating the script (once per migration state: `migrate`, or the first creation after it)."""
    runs = []
    with connection.cursor() as cursor:
        for _ in range(GENERATIONS):
            started = time.perf_counter()
            template_script.generate(cursor, TEMPLATE)
            runs.append(time.perf_counter() - started)
    return runs


def _clone_runs() -> list[float]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(templates, "create_from_script", lambda *args: False)  # the fallback
        return [_timed_create("bench-cl") for _ in range(CLONES)]


def test_bench_office_create_flat_in_offices(world):
    results, added = {}, []
    raw = connection.get_new_connection(connection.get_connection_params())
    raw.autocommit = True
    try:
        for size in SIZES:
            _grow_to(size, added, raw)
            replayed = [_timed_create("bench-cr") for _ in range(ROUNDS)]
            results[size] = (_offices(added), replayed, _clone_runs(), _generate_runs())
    finally:
        _drop(added, raw)
        raw.close()
    small, large = results[SIZES[0]], results[SIZES[-1]]
    ratio = median(large[1]) / median(small[1])
    verdict = "met" if ratio <= 1.5 and median(large[1]) < 1.0 else "MISSED"
    lines = [f"| offices before | script replayed, median of {ROUNDS} | runs (s) | "
             f"clone (fallback), median of {CLONES} | runs (s) | script generated (once per release), "
             f"median of {GENERATIONS} |", "| --- | --- | --- | --- | --- | --- |"]
    for at, replayed, cloned, generated in results.values():
        lines.append(f"| {at} | {median(replayed):.3f} s | {_runs(replayed)} | {median(cloned):.3f} s | "
                     f"{_runs(cloned)} | {median(generated):.3f} s |")
    clone_ratio = median(large[2]) / median(small[2])
    write_section("create", [
        *lines, "",
        f"t({large[0]})/t({small[0]}) = {ratio:.2f} for the replayed script (target ≤ 1.5 and under 1 s): "
        f"**{verdict}**; the clone it replaces: {clone_ratio:.2f}.",
    ])
    assert all(len(r[1]) == ROUNDS for r in results.values())


def _runs(values) -> str:
    return ", ".join(f"{v:.3f}" for v in values)
