"""Keep a few child processes running (run_demo: web, Celery worker, beat; issue 7 §1.2).

A child that exits is logged and started again after a backoff that doubles with each quick exit
(`backoff` … `max_backoff`, so a service that cannot start is retried at most once per
`max_backoff`); a child that ran for `stable_after` seconds starts again from `backoff`. Nothing but
the caller (Ctrl-C, SIGTERM: KeyboardInterrupt) stops them all."""

from __future__ import annotations

import logging
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)


@dataclass
class Child:
    name: str
    argv: list[str]
    proc: subprocess.Popen | None = None
    started_at: float = 0.0
    quick_exits: int = 0  # exits in a row, each within `stable_after` of its start
    restart_at: float | None = None
    restarts: int = 0


@dataclass
class Supervisor:
    commands: dict[str, list[str]]
    env: dict | None = None
    backoff: float = 1.0
    max_backoff: float = 30.0
    stable_after: float = 60.0
    clock: Callable[[], float] = time.monotonic
    popen_kwargs: dict = field(default_factory=dict)
    children: dict[str, Child] = field(init=False)

    def __post_init__(self) -> None:
        self.children = {name: Child(name, argv) for name, argv in self.commands.items()}

    def start(self) -> None:
        for child in self.children.values():
            self._spawn(child)

    def _spawn(self, child: Child) -> None:
        child.proc = subprocess.Popen(child.argv, env=self.env, **self.popen_kwargs)
        child.started_at, child.restart_at = self.clock(), None

    def delay_for(self, child: Child) -> float:
        return min(self.max_backoff, self.backoff * 2 ** child.quick_exits)

    def step(self) -> None:
        """Notice children that exited, and start again those whose backoff is over."""
        now = self.clock()
        for child in self.children.values():
            if child.restart_at is None and child.proc.poll() is not None:
                if now - child.started_at >= self.stable_after:
                    child.quick_exits = 0
                delay = self.delay_for(child)
                child.quick_exits += 1
                child.restart_at = now + delay
                logger.warning("%s exited with code %s; starting it again in %.0f s",
                               child.name, child.proc.returncode, delay)
            elif child.restart_at is not None and now >= child.restart_at:
                self._spawn(child)
                child.restarts += 1
                logger.warning("%s started again (pid %s, restart %d)", child.name, child.proc.pid,
                               child.restarts)

    def run(self, *, poll: float = 0.5, sleep: Callable[[float], None] = time.sleep) -> None:
        """Start every child and keep them running until KeyboardInterrupt; then stop them all."""
        self.start()
        try:
            while True:
                sleep(poll)
                self.step()
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def stop(self, timeout: float = 10) -> None:
        running = [c.proc for c in self.children.values() if c.proc and c.proc.poll() is None]
        for proc in running:
            proc.send_signal(signal.SIGTERM)
        for proc in running:
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
