"""Parse time of the sample plan, of the sample printed to PDF, and of a generated plan with
10,000 tasks.

    .venv/bin/python benchmarks/parse_bench.py [--runs 20] [--tasks 10000]

Prints the median (and min/max) wall time and the median CPU time of `parse_file` over N
runs for each plan, and the CPU time per task, so the large plan and the PDF read as ratios
against the sample in the same run. The PDF is the tests' print of the sample (A4, 16 pt,
page numbers; tests/loaders/published.py), made by LibreOffice when it is installed.
A script, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from dutygraph.loaders import parse_file

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "luhe-old-area-plan.txt"
_CN = "一二三四五六七八九十"
_UNITS = ["县发改局", "县财政局", "县教育局", "县水务局", "县交通运输局", "各镇人民政府"]


def generated_plan(tasks: int) -> str:
    """A plan of `tasks` items in parts of 10 sections of 10 items, clauses varied."""
    lines = ["某县重点工作任务分工方案", ""]
    n = 0
    for part in range(1, tasks // 100 + 2):
        lines.append(f"第{part}部分 重点任务")
        for section in range(1, 11):
            lines.append(f"（{_number(section)}）第{section}类任务。")
            for item in range(1, 11):
                if n == tasks:
                    return "\n".join(lines) + "\n"
                units = [_UNITS[(n + k) % len(_UNITS)] for k in range(1 + n % 4)]
                clause = (
                    f"（责任单位：{'、'.join(units)}）"
                    if n % 3
                    else f"（牵头单位：{units[0]}；配合单位：{'、'.join(units[1:]) or '县统计局'}；"
                    "完成时限：2025年底）"
                )
                work = f"推进第{n + 1}项工作，争取省安排100万元建设某某产业园。"
                lines.append(f"{item}.{work}{clause}")
                n += 1
    return "\n".join(lines) + "\n"


def _number(n: int) -> str:
    """1..10 as Chinese numerals."""
    return _CN[n - 1]


def timed(path: Path, runs: int) -> tuple[list[float], list[float], int]:
    """Wall and CPU (this process) seconds of each run, and the tasks found."""
    wall, cpu = [], []
    tasks = 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        plan = parse_file(path)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        tasks = len(plan.tasks)
    return wall, cpu, tasks


def report(label: str, wall: list[float], cpu: list[float], tasks: int) -> float:
    """Print the medians; CPU time is the steadier figure on a busy machine."""
    median, median_cpu = statistics.median(wall), statistics.median(cpu)
    print(
        f"{label:<22} {tasks:>6} tasks  median wall {median * 1000:8.1f} ms "
        f"(min {min(wall) * 1000:.1f}, max {max(wall) * 1000:.1f}, n={len(wall)})  "
        f"cpu {median_cpu * 1000:8.1f} ms  {median_cpu / tasks * 1e6:6.1f} µs/task"
    )
    return median_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per plan (sample)")
    parser.add_argument("--tasks", type=int, default=10_000, help="tasks in the generated plan")
    args = parser.parse_args()
    parse_file(SAMPLE)  # warm-up: imports, compiled patterns, the alias rules
    sample = report("sample", *timed(SAMPLE, args.runs))
    with tempfile.TemporaryDirectory() as tmp:
        pdf = _sample_pdf(Path(tmp))
        if pdf is None:
            print("sample as PDF: skipped (no LibreOffice: scripts/install-system-deps)")
        else:
            parse_file(pdf)
            printed = report("sample as PDF", *timed(pdf, args.runs))
            print(f"ratio PDF/text (cpu): {printed / sample:.0f}x")
        big = Path(tmp) / "generated-plan.txt"
        big.write_text(generated_plan(args.tasks), "utf-8")
        large = report(f"generated ({args.tasks})", *timed(big, max(3, args.runs // 4)))
    print(f"ratio generated/sample (cpu): {large / sample:.0f}x")


def _sample_pdf(folder: Path) -> Path | None:
    if not shutil.which("soffice"):
        return None
    sys.path.insert(0, str(SAMPLE.parents[1]))  # tests.loaders.published: the tests' print
    from tests.loaders.published import soffice, write_sample_docx

    soffice([write_sample_docx(folder / "sample.docx")], "pdf", folder)
    return folder / "sample.pdf"


if __name__ == "__main__":
    main()
