"""Starting gunicorn servers for benchmarks, on 127.0.0.1 only, against the test database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from django.conf import settings

from tests.bench.load import wait_until_up

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The test database as a URL, for TCP servers and for the embedded server's unix socket."""
    db = settings.DATABASES["default"]
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    if str(db["HOST"]).startswith("/"):
        return f"postgresql://{auth}@/{db['NAME']}?host={quote(str(db['HOST']))}"
    return f"postgresql://{auth}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@contextmanager
def gunicorn(**kwargs):
    """Run `app` under gunicorn until the block ends; yields the port."""
    with gunicorn_process(**kwargs) as (port, _process):
        yield port


@contextmanager
def gunicorn_process(*, app: str, settings_module: str, logdir: Path, workers: int = 2, extra_env=None,
                     probe_host: str = "alpha.localhost", extra_args: tuple[str, ...] = ()):
    """Run `app` under gunicorn until the block ends; yields the port and the master's Popen."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url(), "REDIS_URL": settings.REDIS_URL,
           "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": settings_module, "LOG_LEVEL": "WARNING",
           **(extra_env or {})}
    log = logdir / f"gunicorn-{port}.out"
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--log-level", "warning", *extra_args], cwd=ROOT, env=env, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    try:
        try:
            wait_until_up(port, probe_host)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n{log.read_text()[-3000:]}") from None
        yield port, proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def children(pid: int) -> list[int]:
    """The pids of a process's children (a gunicorn master's workers, a Celery worker's pool)."""
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS (resident now) and VmHWM (peak resident) of a process, in MB, from /proc/<pid>/status."""
    fields = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return {key: int(fields[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM")}
