"""run_demo restarts a service that exits, with a bounded backoff; only Ctrl-C stops everything
(issue 7 §1.2). The children are tiny Python processes; time is a fake clock, never waited for."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from core.supervisor import Supervisor

EXITS = [sys.executable, "-c", "import sys; sys.exit(3)"]
RUNS = [sys.executable, "-c", "import time; time.sleep(600)"]


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def make():
    made = []

    def _make(**commands):
        sup = Supervisor(commands, clock=Clock(), backoff=1, max_backoff=8, stable_after=60,
                         popen_kwargs={"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL})
        made.append(sup)
        return sup

    yield _make
    for sup in made:
        sup.stop()


def _exit_and_step(sup, name):
    sup.children[name].proc.wait()
    sup.step()
    return sup.children[name].restart_at - sup.clock.now


def test_a_service_that_exits_is_started_again_after_a_backoff(make, caplog):
    sup = make(web=RUNS, worker=EXITS)
    sup.start()
    web_pid, worker_pid = sup.children["web"].proc.pid, sup.children["worker"].proc.pid
    with caplog.at_level(logging.WARNING, logger="core.supervisor"):
        assert _exit_and_step(sup, "worker") == 1
        sup.step()  # backoff not over yet: nothing started
        assert sup.children["worker"].proc.pid == worker_pid
        sup.clock.now += 1
        sup.step()
    assert sup.children["worker"].proc.pid != worker_pid and sup.children["worker"].restarts == 1
    assert sup.children["web"].proc.pid == web_pid and sup.children["web"].proc.poll() is None
    assert "worker exited with code 3; starting it again in 1 s" in caplog.text
    assert "worker started again" in caplog.text


def test_quick_exits_double_the_backoff_up_to_a_bound(make):
    sup = make(beat=EXITS)
    sup.start()
    delays = []
    for _ in range(6):
        delays.append(_exit_and_step(sup, "beat"))
        sup.clock.now += delays[-1]
        sup.step()
    assert delays == [1, 2, 4, 8, 8, 8]


def test_a_service_that_ran_long_enough_starts_from_the_first_backoff(make):
    sup = make(beat=EXITS)
    sup.start()
    for _ in range(3):
        delay = _exit_and_step(sup, "beat")
        sup.clock.now += delay
        sup.step()
    sup.clock.now += 60  # this run lasted `stable_after`
    assert _exit_and_step(sup, "beat") == 1


def test_only_ctrl_c_stops_everything(make):
    sup = make(web=RUNS, worker=EXITS, beat=RUNS)
    ticks = []

    def sleep(seconds):
        ticks.append(seconds)
        sup.children["worker"].proc.wait()  # the worker exits as soon as it starts
        sup.clock.now += seconds
        if len(ticks) == 50:
            raise KeyboardInterrupt

    sup.run(poll=0.5, sleep=sleep)
    assert sup.children["worker"].restarts >= 2  # the demo went on while the worker kept exiting
    assert all(child.proc.poll() is not None for child in sup.children.values())
