"""A bounded request loop against a server on loopback: `count` GETs spread over `threads` threads."""

from __future__ import annotations

import http.client
import threading
import time


def _one(port: int, host: str, path: str, cookie: str) -> int:
    return call(port, "GET", host, path, headers={"Cookie": cookie})[0]


def call(port: int, method: str, host: str, path: str, *, headers: dict | None = None,
         body: bytes | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def calls_per_second(make_request, count: int, threads: int = 4, expect: int = 200) -> float:
    """Run `make_request(index) -> status` `count` times over `threads` threads; all must be `expect`."""
    failures: list[int] = []
    per_thread = count // threads

    def worker(offset: int) -> None:
        for index in range(per_thread):
            status = make_request(offset * per_thread + index)
            if status != expect:
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


def requests_per_second(port: int, targets: list[tuple[str, str, str]], count: int, threads: int = 4) -> float:
    """Send `count` GETs cycling through `targets` (host, path, cookie); every one must be 200."""
    return calls_per_second(lambda index: _one(port, *targets[index % len(targets)]), count, threads)


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
