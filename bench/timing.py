"""Timing for the benchmarks: each run's seconds, and the result of a timed run."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def timed(runs: int, work: Callable[[], T]) -> tuple[list[float], T]:
    """The seconds each run took, and the last run's result (so the figures come from a timed run)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return times, result
