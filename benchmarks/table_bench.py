"""Time against size for responsibilities tables, in each shape a table reaches the parser.

    .venv/bin/python benchmarks/table_bench.py [--runs 3] [--sizes 1000,10000,100000]

Shapes, each `size` lines long: a row a line with tabs between cells; a cell a line; a
cell a line with blank lines between cells; a cell a line with `|` lines between cells
(the table stage of reading text: `read_text`, which finds pasted tables and rewrites them
into plan lines); and sheet rows handed to `rows_to_lines` (the .xlsx/.csv/.docx path),
one category heading per row so the generated heading numbers run past 99. Prints the
median of `runs` CPU times per size, the slope of log(time) against log(size) between the
two largest sizes (1.0 is linear), and the task rows written at the largest size (so a
shape that stopped being read as a table shows). A script, not a test.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
from collections.abc import Callable

from dutygraph.loaders.read import read_text
from dutygraph.loaders.tables import rows_to_lines

_HEADER = ["序号", "工作任务", "责任单位", "完成时限"]
_UNITS = ["县发改局", "县财政局、县统计局", "县教育局", "县交通运输局、各镇人民政府"]


def _row(n: int) -> list[str]:
    return [str(n), f"推进第{n}项工作，完成年度目标。", _UNITS[n % len(_UNITS)], "2025年底"]


def _rows_for(lines: int, per_row: int) -> range:
    return range(1, lines // per_row + 1)


def row_a_line(lines: int) -> str:
    return "\n".join(["\t".join(_HEADER)] + ["\t".join(_row(n)) for n in _rows_for(lines, 1)])


def cell_a_line(lines: int, between: str = "") -> str:
    cells = list(_HEADER)
    for n in _rows_for(lines, 4 * (2 if between else 1)):
        cells += _row(n)
    separator = f"\n{between}\n" if between else "\n"
    return separator.join(cells)


def sheet_rows(lines: int) -> list[tuple[int, list[str]]]:
    rows = [(1, ["类别", *_HEADER])]
    rows += [(n + 1, [f"类别{n}", *_row(n)]) for n in _rows_for(lines, 1)]
    return rows


def _text(text: str) -> list[str]:
    return [line.text for line in read_text(text).lines]


def _sheet(rows: list[tuple[int, list[str]]]) -> list[str]:
    return [text for _, text in rows_to_lines(rows) or []]


# Each shape: size -> the work to time, which returns the plan lines it wrote.
SHAPES: dict[str, Callable[[int], Callable[[], list[str]]]] = {
    "row a line (tabs)": lambda size: lambda: _text(row_a_line(size)),
    "cell a line": lambda size: lambda: _text(cell_a_line(size)),
    "cell a line, blank lines between": lambda size: lambda: _text(cell_a_line(size, " ")),
    "cell a line, | lines between": lambda size: lambda: _text(cell_a_line(size, "|")),
    "sheet rows (rows_to_lines)": lambda size: lambda: _sheet(sheet_rows(size)),
}


def timed(work: Callable[[], list[str]], runs: int) -> tuple[float, int]:
    """Median CPU seconds of the work, and the task rows it wrote (each names its units)."""
    times, rows = [], 0
    for _ in range(runs):
        start = time.process_time()
        lines = work()
        times.append(time.process_time() - start)
        rows = sum("责任单位：" in line for line in lines)
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="1000,10000,100000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'shape (lines)':36}" + "".join(f"{size:>10}" for size in sizes) + "  slope    rows")
    for name, make in SHAPES.items():
        results = [timed(make(size), args.runs) for size in sizes]
        seconds = [s for s, _ in results]
        slope = (
            math.log(seconds[-1] / seconds[-2]) / math.log(sizes[-1] / sizes[-2])
            if len(sizes) > 1 and seconds[-2] > 0
            else float("nan")
        )
        cells = "".join(f"{s:>9.2f}s" for s in seconds)
        print(f"{name:36}{cells}{slope:>7.2f}{results[-1][1]:>8}")


if __name__ == "__main__":
    main()
