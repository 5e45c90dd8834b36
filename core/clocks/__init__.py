"""One engine for every deadline (DESIGN.md "Clocks"). A module declares its clocks in its
`AppConfig.ready()` with `clock_register(Clock(...))`; the engine (engine.py) and the per-office fan-out
(fanout.py, tasks.py) do the rest. A new deadline is a new clock, never a new sweep."""

from core.clocks.registry import Clock, Notice, Threshold, clock_get, clock_register, clocks_for

__all__ = ["Clock", "Notice", "Threshold", "clock_get", "clock_register", "clocks_for"]
