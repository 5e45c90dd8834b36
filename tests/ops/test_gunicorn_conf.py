"""deploy/gunicorn.conf.py: recycling never takes every worker at once; master and workers log in one
time zone (issue 7 §3). The file is loaded in a fresh interpreter, as gunicorn's master loads it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.conf import settings

from tests.ops.settings_probe import ROOT

READ = ("import json, os, runpy, time; c = runpy.run_path('deploy/gunicorn.conf.py'); "
        "print(json.dumps({**{k: v for k, v in c.items() if isinstance(v, (int, str, bool))}, "
        "'tz': os.environ['TZ'], 'offset': time.strftime('%z'), 'hooks': sorted(k for k in c if k.endswith('fork'))}))")


def _conf(**env) -> dict:
    result = subprocess.run([sys.executable, "-c", READ], cwd=ROOT, capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "TZ": "UTC", **env}, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_a_replacement_worker_is_a_fork_of_the_loaded_app():
    conf = _conf()
    assert conf["preload_app"] is True
    assert "pre_fork" in conf["hooks"]  # connections closed before forking


@pytest.mark.parametrize("max_requests", ["2000", "500"])
def test_recycling_limits_are_spread_widely(max_requests):
    conf = _conf(GUNICORN_MAX_REQUESTS=max_requests)
    assert conf["max_requests"] == int(max_requests)
    assert conf["max_requests_jitter"] >= conf["max_requests"] // 2


@pytest.mark.parametrize("concurrency", ["1", "4"])
def test_always_a_second_worker_serving(concurrency):
    assert _conf(WEB_CONCURRENCY=concurrency)["workers"] == max(2, int(concurrency))


def test_master_logs_in_the_time_zone_of_the_workers():
    """Workers load Django, which sets TZ to TIME_ZONE; the master sets the same before logging."""
    conf = _conf(TZ="UTC")
    assert conf["tz"] == settings.TIME_ZONE
    assert conf["offset"] == "+0800"
