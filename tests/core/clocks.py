"""Test helpers: run the clock engine (core/clocks) as beat would, in this process."""

from __future__ import annotations


def sweep(*names: str, now=None) -> dict[str, int]:
    """The named clocks (all when none is named) in every office and head office: {schema: rows}."""
    from core.clocks.fanout import clocks_run_everywhere

    return clocks_run_everywhere(now=now, names=list(names) or None)


def broken(real, is_bad, message):
    """`real`, except that it raises for the arguments `is_bad` picks."""
    def flaky(*args, **kwargs):
        if is_bad(*args, **kwargs):
            raise RuntimeError(message)
        return real(*args, **kwargs)
    return flaky
