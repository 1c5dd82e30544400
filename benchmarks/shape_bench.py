"""Parse time against input size for plans of one shape each: is parsing linear?

    .venv/bin/python benchmarks/shape_bench.py [--sizes 1000,10000,100000] [--shapes …]

Shapes: heading lines (`（N）第N类工作`), clause lines (`责任单位：…` after every item),
items without clauses (one item with a clause closes the plan, so it parses), one long
line (every item run together on a single line), and table cells (a responsibilities table
pasted a cell a line, blank lines between cells; benchmarks/table_bench.py times the table
stage alone for every shape a table reaches the parser in). For each shape the script
prints the wall and CPU time of `parse_file` at each size and the slope of log(CPU time)
against log(size) between the smallest and the largest size: 1.0 is linear, 2.0
quadratic. CPU time, because on a shared machine the wall time measures the neighbours
too. It exits 1 when a slope passes 1.3 or a parse of the largest size takes 10 CPU
seconds or more. A script, not a test."""

from __future__ import annotations

import argparse
import math
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dutygraph.errors import DutygraphError
from dutygraph.loaders import parse_file

_UNITS = ("县发改局", "县财政局", "县教育局", "县水务局")
_MAX_SLOPE = 1.3
_MAX_SECONDS = 10.0


def _cn(n: int) -> str:
    """1..99 in Chinese numerals (headings cycle through them)."""
    digits = "一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (
        (digits[tens - 1] if tens > 1 else "")
        + ("十" if tens else "")
        + (digits[ones - 1] if ones else "")
    )


def headings(n: int) -> str:
    lines = [f"（{_cn(i % 99 + 1)}）第{i}类工作" for i in range(n - 3)]
    return "\n".join(["某县工作方案", "一、重点任务", *lines, "1.收尾工作。（责任单位：县发改局）"])


def clause_lines(n: int) -> str:
    lines = []
    for i in range((n - 2) // 2):
        lines.append(f"{i + 1}.推进第{i + 1}项工作。")
        lines.append(f"责任单位：{_UNITS[i % 4]}、{_UNITS[(i + 1) % 4]}")
    return "\n".join(["某县工作方案", "一、重点任务", *lines])


def bare_items(n: int) -> str:
    lines = [f"{i + 1}.推进第{i + 1}项工作。" for i in range(n - 3)]
    last = f"{n - 2}.收尾。（责任单位：县发改局）"
    return "\n".join(["某县工作方案", "一、重点任务", *lines, last])


def one_line(n: int) -> str:
    items = "".join(f"{i + 1}.推进第{i + 1}项工作。（责任单位：{_UNITS[i % 4]}）" for i in range(n))
    return "某县工作方案\n一、重点任务\n" + items


def _row(i: int) -> list[str]:
    return [str(i + 1), f"推进第{i + 1}项工作。", f"{_UNITS[i % 4]}、{_UNITS[(i + 1) % 4]}", "年底"]


_HEADER = ["序号", "工作任务", "责任单位", "完成时限"]


def table_cells(n: int) -> str:
    """A table pasted a cell a line, a blank line between cells (n lines in all)."""
    cells = [*_HEADER, *(cell for i in range((n - 8) // 8) for cell in _row(i))]
    return "\n\n".join(cells)


# Each shape is n lines in all, so the largest stays within the reader's default budget of
# 100,000 paragraphs.
SHAPES: dict[str, Callable[[int], str]] = {
    "headings": headings,
    "clause lines": clause_lines,
    "items without clauses": bare_items,
    "one long line": one_line,
    "table cells": table_cells,
}


def timed(text: str) -> tuple[float, float]:
    """(wall, CPU) seconds of one parse."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.txt"
        path.write_text(text, "utf-8")
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            parse_file(path)
        except DutygraphError as exc:
            print(f"  parse failed: {exc}")
        return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--shapes", default=",".join(SHAPES))
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    failed = False
    timed(one_line(10))  # imports and compiled patterns out of the first figure
    for name in args.shapes.split(","):
        make = SHAPES[name]
        walls, cpus = zip(*(timed(make(n)) for n in sizes), strict=True)
        slope = (
            math.log(cpus[-1] / cpus[0]) / math.log(sizes[-1] / sizes[0])
            if len(sizes) > 1 and cpus[0] > 0
            else float("nan")
        )
        cells = "  ".join(
            f"{n:>7} lines {w:6.2f} s ({c:5.2f} CPU)"
            for n, w, c in zip(sizes, walls, cpus, strict=True)
        )
        bad = slope > _MAX_SLOPE or cpus[-1] >= _MAX_SECONDS
        failed |= bad
        print(f"{name:<22} {cells}  slope {slope:.2f}{'  TOO SLOW' if bad else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
