"""Run the embedded start in a fresh interpreter against a data directory of its own."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
START = "from core import embedded; print(embedded.postgres_url(), flush=True)"
QUERY = ("import psycopg; from core import embedded; "
         "print(psycopg.connect(embedded.postgres_url()).execute('SELECT 41 + 1').fetchone()[0])")


def env_for(data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    return {**env, "WUYE_DATA_DIR": str(data_dir)}


def run(data_dir: Path, code: str = QUERY) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env_for(data_dir),
                          capture_output=True, text=True, timeout=300)


def spawn(data_dir: Path, code: str = START) -> subprocess.Popen:
    """A start in a session of its own, so it can be killed with everything it started."""
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env_for(data_dir),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)


def pid_in(path: Path) -> int | None:
    try:
        return int(path.read_text().splitlines()[0])
    except (OSError, ValueError, IndexError):
        return None


def gone(pid: int) -> bool:
    """No such process, or only its zombie (a killed server whose new parent has not reaped it yet)."""
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def stop(pid: int | None, sig=signal.SIGINT) -> None:
    """Stop a server by pid (SIGINT: PostgreSQL's fast shutdown) and wait until it is gone."""
    if pid is None or gone(pid):
        return
    try:
        if psutil.Process(pid).name() not in {"postgres", "redis-server"}:  # a pid file that lies
            return
        os.kill(pid, sig)
    except (psutil.NoSuchProcess, ProcessLookupError):
        return
    for _ in range(1200):
        if gone(pid):
            return
        time.sleep(0.05)
    raise AssertionError(f"process {pid} did not stop")


def stop_all(data_dir: Path) -> None:
    stop(pid_in(data_dir / "postgres" / "postmaster.pid"))
    stop(pid_in(data_dir / "redis.pid"), signal.SIGTERM)


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


@contextmanager
def fresh_data_dir():
    """A data directory of its own, with whatever was started in it stopped at the end. Not under
    pytest's temporary directory: its mode (0700) keeps the server's own user out when the tests
    run as root, and other pytest sessions prune it."""
    path = Path(tempfile.mkdtemp(prefix="wuye-embedded-"))
    try:
        yield path
    finally:
        stop_all(path)
        shutil.rmtree(path, ignore_errors=True)
