"""Throughput of an office host with tenant routing vs the same views with a fixed tenant instead of
the routing middleware (issue target: routed ≥ 80 % of plain). Two gunicorn servers on 127.0.0.1
(tests/bench/settings_probe.py), a bounded loop of requests from threads, rounds alternating."""

from collections import defaultdict
from contextlib import ExitStack

import pytest
from django.test import Client

from tests.bench.load import requests_per_second
from tests.bench.report import median, write_section
from tests.bench.servers import gunicorn
from tests.tenancy.probe import CONST_PATH, ROW_PATH

ROUNDS, COUNT, WARMUP, WORKERS = 8, 300, 200, 2


@pytest.fixture(scope="module")
def cookies(world, django_db_blocker):
    jar = {}
    with django_db_blocker.unblock():  # committed: the servers' connections must see the sessions
        for slug in ("alpha", "beta"):
            client = Client()
            client.force_login(world.users[(slug, "cs_staff")])
            jar[slug] = f"sessionid={client.cookies['sessionid'].value}"
    return jar


@pytest.fixture(scope="module")
def servers(world, tmp_path_factory):
    logs = tmp_path_factory.mktemp("gunicorn")
    with ExitStack() as stack:
        yield {mode: stack.enter_context(gunicorn(
            app="tests.bench.wsgi_probe:application", settings_module="tests.bench.settings_probe",
            logdir=logs, workers=WORKERS, extra_env={"BENCH_MODE": mode})) for mode in ("plain", "routed")}


VARIANTS = ("plain", "routed", "routed, two offices alternating")


def _targets(variant: str, path: str, cookies) -> tuple[str, list]:
    alpha = ("alpha.localhost", path, cookies["alpha"])
    if variant == "routed, two offices alternating":
        return "routed", [alpha, ("beta.localhost", path, cookies["beta"])]
    return variant, [alpha]


def _measure(servers, cookies) -> dict:
    """Variants take turns in every round, in alternating order, so a change in the machine's load
    during the run falls on all of them alike."""
    results = defaultdict(list)
    for label, path in (("no-database view", CONST_PATH), ("one-row read", ROW_PATH)):
        for variant in VARIANTS:
            requests_per_second(servers[_targets(variant, path, cookies)[0]], _targets(variant, path, cookies)[1],
                                WARMUP)
        for round_no in range(ROUNDS):
            for variant in VARIANTS if round_no % 2 == 0 else VARIANTS[::-1]:
                server, targets = _targets(variant, path, cookies)
                results[(label, variant)].append(requests_per_second(servers[server], targets, COUNT))
    return results


def test_bench_routing_overhead(servers, cookies):
    results = _measure(servers, cookies)
    lines = [f"| endpoint | variant | median req/s ({ROUNDS} rounds × {COUNT} requests) | vs plain | rounds |",
             "| --- | --- | --- | --- | --- |"]
    verdicts = []
    for label in ("no-database view", "one-row read"):
        plain = median(results[(label, "plain")])
        for variant in VARIANTS:
            value = median(results[(label, variant)])
            rounds = " ".join(f"{v:.0f}" for v in results[(label, variant)])
            lines.append(f"| {label} | {variant} | {value:.0f} | {value / plain:.0%} | {rounds} |")
            if variant != "plain":
                verdicts.append(value / plain)
    verdict = "met" if min(verdicts) >= 0.8 else "MISSED"
    lines += ["", f"Lowest routed/plain ratio {min(verdicts):.0%}. Target ≥ 80 %: **{verdict}**.",
              f"gunicorn {WORKERS} sync workers per server, 4 client threads, all on this machine."]
    write_section("routing", lines)
    assert all(values for values in results.values())
