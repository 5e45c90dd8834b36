"""A bounded request loop against a server on loopback: `count` GETs spread over `threads` threads."""

from __future__ import annotations

import http.client
import threading
import time


def _one(port: int, host: str, path: str, cookie: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": host, "Cookie": cookie})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def requests_per_second(port: int, targets: list[tuple[str, str, str]], count: int, threads: int = 4) -> float:
    """Send `count` requests cycling through `targets` (host, path, cookie); every one must be 200."""
    failures: list[int] = []
    per_thread = count // threads

    def worker(offset: int) -> None:
        for index in range(per_thread):
            host, path, cookie = targets[(offset + index) % len(targets)]
            status = _one(port, host, path, cookie)
            if status != 200:
                failures.append(status)

    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    assert not failures, f"{len(failures)} requests failed, e.g. {failures[:5]}"
    return per_thread * threads / elapsed


def wait_until_up(port: int, host: str, deadline_s: float = 60.0) -> None:
    stop = time.monotonic() + deadline_s
    while time.monotonic() < stop:
        try:
            if _one(port, host, "/healthz", "") == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"server on port {port} did not answer within {deadline_s}s")
