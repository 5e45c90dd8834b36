"""Creating an office from the template (its script replayed, tenants/template_script.py) vs by running
every migration of the office apps (issue target: under 1 s). Runs alternate, ROUNDS of each, medians
reported. tests/bench/test_bench_create.py measures it as offices are added, with the clone fallback."""

import time
import uuid

import pytest

from tenants import templates
from tenants.services import office_create
from tests.bench.report import median, write_section

ROUNDS = 5


def _timed_create(prefix: str) -> float:
    slug = f"{prefix}-{uuid.uuid4().hex[:6]}"
    started = time.perf_counter()
    office_create(slug=slug, name=f"基准{slug}", kind="residential")
    return time.perf_counter() - started


def test_bench_office_create_clone_vs_migrate(world):
    cloned, migrated = [], []
    for _ in range(ROUNDS):
        cloned.append(_timed_create("bench-clone"))
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(templates, "template_schemas", lambda: {})  # no template: migrate instead
            migrated.append(_timed_create("bench-migrate"))
    clone_s, migrate_s = median(cloned), median(migrated)
    verdict = "met" if clone_s < 1.0 else "MISSED"
    write_section("clone", [
        f"| office creation (tenant row, schema, domain) | median of {ROUNDS} | runs (s) |",
        "| --- | --- | --- |",
        f"| `_template_office`'s script replayed | {clone_s:.3f} s | {', '.join(f'{v:.3f}' for v in cloned)} |",
        f"| running all migrations | {migrate_s:.3f} s | {', '.join(f'{v:.3f}' for v in migrated)} |",
        "",
        f"The template is {migrate_s / clone_s:.1f}× faster than migrating. Target < 1 s: **{verdict}**.",
    ])
    assert len(cloned) == len(migrated) == ROUNDS
