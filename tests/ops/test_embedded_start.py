"""The embedded start survives any interruption of an earlier run (issue 7 §1.4), and nothing starts
before it is needed (issue 7 §3: a bare `manage.py --help` leaves no service running).

One embedded PostgreSQL is initialised for this module in a data directory of its own (WUYE_DATA_DIR);
every start runs in a fresh interpreter, as `make demo` would."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from tests.ops.embedded_helpers import ROOT, dead_pid, env_for, fresh_data_dir, gone, pid_in, run, spawn, stop


@pytest.fixture(scope="module")
def data_dir():
    with fresh_data_dir() as path:
        first = run(path)
        assert first.returncode == 0, first.stderr
        yield path


def _assert_starts(data_dir):
    result = run(data_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("42")


def _kill(start) -> None:
    """SIGKILL the start and everything in its session (pg_ctl or initdb and their children)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(start.pid, signal.SIGKILL)
    start.wait()


def test_start_killed_during_initdb_then_starts_again():
    """The very first start (initdb) killed half-way: the half-made directory is moved aside."""
    with fresh_data_dir() as path:
        start = spawn(path)
        while not (path / "postgres" / "PG_VERSION").exists() and start.poll() is None:
            time.sleep(0.005)
        _kill(start)
        assert (path / "postgres" / "PG_VERSION").exists()
        assert not (path / "postgres" / "base" / "5").exists()  # initdb had not finished
        _assert_starts(path)
        assert len(list(path.glob("postgres.unfinished-*"))) == 1


def test_start_killed_halfway_then_starts_again(data_dir):
    """SIGKILL a start while PostgreSQL is starting (the start, its pg_ctl and the postmaster), then start."""
    pidfile = data_dir / "postgres" / "postmaster.pid"
    stop(pid_in(pidfile))
    start = spawn(data_dir)
    while pid_in(pidfile) is None and start.poll() is None:
        time.sleep(0.005)
    postmaster = pid_in(pidfile)
    assert postmaster is not None, "the start ended before PostgreSQL wrote its pid file"
    _kill(start)
    stop(postmaster, signal.SIGKILL)
    assert pidfile.exists() and gone(postmaster)  # a stale postmaster.pid is left behind
    _assert_starts(data_dir)


@pytest.mark.parametrize("content", ["", "[12"])  # more shapes in test_embedded_repair.py
def test_empty_or_corrupt_handle_pids_is_repaired(data_dir, content):
    """What a run stopped while pgserver rewrote .handle_pids.json leaves (was: JSONDecodeError)."""
    handles = data_dir / "postgres" / ".handle_pids.json"
    handles.write_text(content)
    _assert_starts(data_dir)
    assert isinstance(json.loads(handles.read_text()), list)


HALF_WRITTEN = ["{pid}", "{pgdata}", "1700000000", "5432", "{pgdata}"]
READY = [*HALF_WRITTEN, "", "1 2", "ready"]


@pytest.mark.parametrize(("lines", "pid"), [(HALF_WRITTEN, dead_pid), (READY, os.getpid)])
def test_stale_postmaster_pid_is_removed(data_dir, lines, pid):
    """A postmaster.pid whose pid is gone or now another program's (pgserver trusted it, or failed on a
    half-written one)."""
    pidfile = data_dir / "postgres" / "postmaster.pid"
    stop(pid_in(pidfile))
    pidfile.write_text("\n".join(lines).format(pid=pid(), pgdata=data_dir / "postgres") + "\n")
    _assert_starts(data_dir)


def test_stale_redis_pid_and_socket_are_replaced(data_dir):
    stop(pid_in(data_dir / "redis.pid"), signal.SIGKILL)
    (data_dir / "redis.pid").write_text(f"{dead_pid()}\n")
    (data_dir / "redis.sock").unlink(missing_ok=True)
    (data_dir / "redis.sock").write_text("")  # not a socket any more
    result = run(data_dir, "from core import embedded; import redis; "
                           "print(redis.Redis.from_url(embedded.redis_start()).ping())")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize("argv", [["--help"], ["help", "migrate"]])
def test_commands_without_the_database_start_no_service(tmp_path, argv):
    result = subprocess.run([sys.executable, "manage.py", *argv], cwd=ROOT, env=env_for(tmp_path),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "postgres").exists()
    assert not (tmp_path / "redis.sock").exists() and not (tmp_path / "redis.pid").exists()
