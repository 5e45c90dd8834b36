"""Write benchmark results into docs/PERFORMANCE.md, each between its own pair of markers."""

from __future__ import annotations

import datetime
import os
import platform
import re
import statistics
from pathlib import Path

PERFORMANCE_MD = Path(__file__).resolve().parents[2] / "docs" / "PERFORMANCE.md"


def machine() -> str:
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (f"Measured {now} on {platform.machine()} Linux, nproc={os.cpu_count()}, "
            f"Python {platform.python_version()}; load average at the end of the run: {load}.")


def median(values) -> float:
    return statistics.median(values)


def write_section(name: str, lines: list[str]) -> None:
    """Replace the text between `<!-- bench:NAME:start -->` and `<!-- bench:NAME:end -->`."""
    start, end = f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"
    text = PERFORMANCE_MD.read_text(encoding="utf-8")
    body = "\n".join([start, machine(), "", *lines, end])
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        raise AssertionError(f"{PERFORMANCE_MD} has no {start} … {end} section")
    PERFORMANCE_MD.write_text(pattern.sub(lambda _: body, text), encoding="utf-8")
    print("\n".join(lines))
