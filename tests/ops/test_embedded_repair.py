"""The repairs themselves, on files alone (issue 7 §1.4); tests/ops/test_embedded_start.py runs them
against a real server."""

from __future__ import annotations

import json
import os

import pytest

from core.embedded import repair
from tests.ops.embedded_helpers import dead_pid


@pytest.mark.parametrize("content", ["", "[12", "null", '{"a": 1}', '["x"]'])
def test_unreadable_handle_list_becomes_empty(tmp_path, content):
    path = tmp_path / ".handle_pids.json"
    path.write_text(content)
    repair.handle_pids(path)
    assert json.loads(path.read_text()) == []


def test_handle_list_keeps_live_pids(tmp_path):
    path = tmp_path / ".handle_pids.json"
    path.write_text(json.dumps([dead_pid(), os.getpid()]))
    repair.handle_pids(path)
    assert json.loads(path.read_text()) == [os.getpid()]


def test_missing_handle_list_stays_missing(tmp_path):
    repair.handle_pids(tmp_path / ".handle_pids.json")
    assert not (tmp_path / ".handle_pids.json").exists()


@pytest.mark.parametrize("first_line", ["", "not-a-pid", str(os.getpid())])
def test_postmaster_pid_of_no_postgres_is_removed(tmp_path, first_line):
    path = tmp_path / "postmaster.pid"
    path.write_text(f"{first_line}\n{tmp_path}\n")
    repair.postmaster_pid(path)
    assert not path.exists()


def test_unfinished_initdb_is_moved_aside(tmp_path):
    pgdata = tmp_path / "postgres"
    pgdata.mkdir()
    (pgdata / "PG_VERSION").write_text("16\n")
    repair.unfinished_initdb(pgdata)
    assert not pgdata.exists()
    (aside,) = tmp_path.glob("postgres.unfinished-*")
    assert (aside / "PG_VERSION").exists()  # moved, never deleted


def test_finished_initdb_stays(tmp_path):
    pgdata = tmp_path / "postgres"
    (pgdata / "base" / "5").mkdir(parents=True)
    (pgdata / "PG_VERSION").write_text("16\n")
    repair.unfinished_initdb(pgdata)
    assert (pgdata / "PG_VERSION").exists()


@pytest.mark.parametrize("pid", [dead_pid, os.getpid])
def test_redis_pid_and_socket_of_no_redis_are_removed(tmp_path, pid):
    sock, pidfile = tmp_path / "redis.sock", tmp_path / "redis.pid"
    sock.write_text("")
    pidfile.write_text(f"{pid()}\n")
    assert repair.redis_state(sock, pidfile, alive=lambda path: False) is False
    assert not sock.exists() and not pidfile.exists()
