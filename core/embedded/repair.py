"""Repair what an interrupted run of the embedded services left behind (issue 7 §1.4).

Called under the start lock (core/embedded/__init__.py), before anything reads these files:
- a data directory an interrupted initdb left half-made (moved aside);
- pgserver's `.handle_pids.json` (the pids holding a handle; a JSON list it rewrites in place, so a run
  stopped mid-write leaves it empty or cut short, and pgserver then fails with JSONDecodeError);
- PostgreSQL's `postmaster.pid` when its process is gone (pgserver would trust a reused pid, or fail
  to parse a half-written file), once the server processes it left have gone too; while its server
  is still starting or stopping we wait (pgserver would fail on it);
- Redis's pid file and socket when their process is gone.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

import psutil

logger = logging.getLogger(__name__)
WAIT_SECONDS = 60  # for a postmaster or redis-server that is still starting or stopping


def postgres_state(pgdata: Path) -> None:
    handle_pids(pgdata / ".handle_pids.json")
    postmaster_pid(pgdata / "postmaster.pid")
    unfinished_initdb(pgdata)


# initdb writes PG_VERSION first and creates the `postgres` database (OID 5 since PostgreSQL 15) last
INITDB_LAST_WRITTEN = Path("base") / "5"


def unfinished_initdb(pgdata: Path) -> None:
    """A data directory whose initdb was killed half-way (pgserver would skip initdb, then fail to
    start it) is moved aside, never deleted, so the next start initialises a new one."""
    if not (pgdata / "PG_VERSION").exists() or (pgdata / INITDB_LAST_WRITTEN).is_dir():
        return
    if (pgdata / "postmaster.pid").exists():
        return  # a server runs on it: not ours to judge
    aside = pgdata.with_name(f"{pgdata.name}.unfinished-{int(time.time())}")
    logger.warning("embedded PostgreSQL: %s holds an unfinished initdb; moved to %s", pgdata, aside)
    os.replace(pgdata, aside)


def handle_pids(path: Path) -> None:
    """Keep the live pids only; an unreadable list becomes []. Written atomically."""
    try:
        pids = json.loads(path.read_text())
    except FileNotFoundError:
        return
    except (OSError, ValueError):
        logger.warning("embedded PostgreSQL: %s was corrupt (an interrupted run); rewriting it", path)
        pids = None
    valid = isinstance(pids, list) and all(isinstance(p, int) for p in pids)
    live = [p for p in pids if psutil.pid_exists(p)] if valid else []
    if live != pids:
        _write_atomic(path, json.dumps(live))


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def _process(pid_text: str, names: set[str]) -> psutil.Process | None:
    """The live process with this pid if it is one of `names` (a pid file's pid may have been reused)."""
    try:
        proc = psutil.Process(int(pid_text.strip()))
        alive = proc.status() != psutil.STATUS_ZOMBIE and proc.name() in names
    except (ValueError, psutil.Error):
        return None
    return proc if alive else None


def _orphans(pgdata: Path) -> list[psutil.Process]:
    """Server processes left by a postmaster that died (each works in the data directory)."""
    found = []
    for proc in psutil.process_iter(["name"]):
        try:
            if proc.info["name"] == "postgres" and Path(proc.cwd()) == pgdata.resolve():
                found.append(proc)
        except psutil.Error:
            continue
    return found


def _cmdline(proc: psutil.Process) -> list[str]:
    try:
        return proc.cmdline()
    except psutil.Error:
        return []


def postmaster_pid(path: Path) -> None:
    """Remove a stale postmaster.pid; wait while its postmaster is starting or stopping."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        try:
            lines = path.read_text().splitlines()
        except FileNotFoundError:
            return
        alive = bool(lines) and _process(lines[0], {"postgres", "postmaster"}) is not None
        if not alive and not _orphans(path.parent):  # the file is PostgreSQL's interlock till then
            logger.warning("embedded PostgreSQL: removing stale %s (its process is gone)", path)
            path.unlink(missing_ok=True)
            return
        if alive and len(lines) >= 8 and lines[7].strip() == "ready":
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"embedded PostgreSQL ({path}) neither ready nor gone; "
                               f"see {path.parent / 'log'}")
        time.sleep(0.2)


def redis_state(sock: Path, pidfile: Path, alive) -> bool:
    """True when the Redis of `pidfile` answers (after waiting while it loads its data); False, with
    the stale pid file and socket removed, when no Redis runs for them."""
    try:
        pid_text = pidfile.read_text()
    except FileNotFoundError:
        pid_text = ""
    proc = _process(pid_text, {"redis-server"}) if pid_text else None
    if proc is not None and str(sock) not in " ".join(_cmdline(proc)):
        proc = None  # the pid now belongs to another Redis (its title names its socket)
    deadline = time.monotonic() + WAIT_SECONDS
    while proc is not None and proc.is_running() and time.monotonic() < deadline:
        if alive(sock):
            return True
        time.sleep(0.2)
    if proc is not None and proc.is_running():
        raise RuntimeError(f"embedded Redis (pid {proc.pid}) runs but does not answer on {sock}")
    for stale in (pidfile, sock):
        stale.unlink(missing_ok=True)
    return False
