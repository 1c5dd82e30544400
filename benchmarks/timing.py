"""The wall-clock median the benchmark scripts quote, measured one way in all of them."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def median_ms(call: Callable[[], object], runs: int, warm: bool = True) -> float:
    """The median wall time of `runs` calls in ms, after one call that warms caches and
    query plans (unless `warm` is false: the first call is then the one that counts)."""
    if warm:
        call()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000
