"""Fuzz the parser: the hypothesis test of mutated plans with many more examples, every case timed.

    .venv/bin/python benchmarks/fuzz_plans.py [--examples 10000] [--budget 1.0]

Runs tests/loaders/test_properties.py's test_mutated_plans (the sample and small plans with
character ranges replaced, lines deleted, duplicated or swapped, brackets, numbering, clause
labels and random Unicode inserted: each must give a Plan or the parser's own error) with
DUTYGRAPH_FUZZ_EXAMPLES set, and times each case in CPU seconds of this thread (on a shared
machine the wall time measures the neighbours too). Prints the cases run, the crashes, the
cases over the per-case budget, the slowest case and the total time; exits 1 on a crash or a
case over budget. A script, not a CI test: CI runs the same test with 150 examples."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.loaders.test_properties: the test this script runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--budget", type=float, default=1.0, help="CPU seconds a case may take")
    args = parser.parse_args()
    # Read when the test module is imported, so set before it.
    os.environ["DUTYGRAPH_FUZZ_EXAMPLES"] = str(args.examples)
    from tests.loaders import test_properties

    test = test_properties.test_mutated_plans
    handle = test.hypothesis  # type: ignore[attr-defined]  # set by @given, untyped
    inner: Callable[[str], None] = handle.inner_test
    times: list[tuple[float, float, int]] = []  # CPU s, wall s, characters

    def timed(text: str) -> None:
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            inner(text)
        finally:
            times.append((time.thread_time() - cpu, time.perf_counter() - wall, len(text)))

    # Hypothesis's documented hook for wrapping the body of a @given test.
    handle.inner_test = timed
    start = time.perf_counter()
    crashes = 0
    try:
        test()
    except Exception as exc:  # the falsifying example is in hypothesis's report above
        crashes = len(getattr(exc, "exceptions", [exc]))
        print(f"crash: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}")
    total = time.perf_counter() - start
    if not times:
        print("no case ran")
        return 1
    over = sum(1 for cpu, _, _ in times if cpu > args.budget)
    slowest = max(range(len(times)), key=lambda i: times[i][0])
    cpu, wall, size = times[slowest]
    print(f"cases run: {len(times)} (examples asked: {args.examples})")
    print(f"crashes: {crashes}")
    print(f"over the {args.budget:g} s CPU budget: {over}")
    print(f"slowest case: #{slowest + 1}, {cpu:.3f} s CPU ({wall:.3f} s wall), {size} characters")
    print(f"median case: {sorted(t[0] for t in times)[len(times) // 2] * 1000:.1f} ms CPU")
    print(f"total: {total:.0f} s wall")
    return 1 if crashes or over else 0


if __name__ == "__main__":
    sys.exit(main())
