"""Benchmarks (`make bench` only; the default run ignores tests/bench). Each writes its medians into
its own marked section of docs/PERFORMANCE.md. Nothing here asserts a wall-clock threshold: the
numbers are reported, and the targets are judged in docs/PERFORMANCE.md."""

import pytest


def pytest_collection_modifyitems(config, items):
    # the test database is created only for tests that declare they use it
    for item in items:
        if "tests/bench/" in str(item.fspath) and item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.django_db)
