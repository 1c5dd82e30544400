"""Supervision timings in-process: what progress, overdue, summaries, the 督办清单 and a
reload with reports cost, as medians and as ratios to a baseline measured in the same run.

    .venv/bin/python benchmarks/supervision_bench.py [--plans 20] [--runs 15]

The sample is loaded under --plans + 1 file names (documents of 47 tasks and 136
assignments each), with a deadline on every task (half of them past), and 县发展改革局
reports on each of its 22 tasks in all plans but the last (two reports each, the later
one current). Queries run through the
schema with a Context, no HTTP. Baselines: the same task page without `progress`, and a
reload of a plan that has no reports. A script, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import tempfile
from collections.abc import Callable
from pathlib import Path

from timing import median_ms  # benchmarks/, the script's folder

from dutygraph.api.reports import checklist, render
from dutygraph.graph import supervision as sv
from dutygraph.graph.audit import audit_row
from dutygraph.graph.load import load_plan
from dutygraph.graph.model import document_uid, unit_uid
from dutygraph.graph.store import Store, open_store
from dutygraph.loaders import parse_file
from dutygraph.schema.context import Context
from dutygraph.schema.schema import build_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "luhe-old-area-plan.txt"
NDRC = unit_uid("县发展改革局", "陆河县")
AT = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)
PAGE = """query ($d: ID!) { tasks(filter: {document: $d}, first: 47) { edges { node {
  code assignments { role unit { name } } %s } } } }"""


def dated_sample(folder: Path, n: int) -> list[Path]:
    """The sample under n names, its tasks given deadlines (it has none): 2025年底 on every
    other one, 2030年底 on the rest, so that half are overdue."""
    lines = SAMPLE.read_text(encoding="utf-8").split("\n")
    years = iter([2025, 2030] * len(lines))
    text = "\n".join(
        line[:-1] + f"；完成时限：{next(years)}年底）" if line.endswith("）") else line
        for line in lines
    )
    paths = []
    for i in range(n):
        path = folder / f"plan{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def add_reports(store: Store, document: str) -> None:
    for task in sv.document_tasks(store, document):
        if sv.assignment(store, task["uid"], NDRC) is None:
            continue
        for status in ("NOT_STARTED", "IN_PROGRESS"):
            sv.add_report(
                store,
                sv.report_props(
                    uid=sv.new_uid("report"), kind="progress", task=task["uid"], unit=NDRC,
                    unit_name="县发展改革局", document=document,
                    section_path=list(task["path"])[:-1], task_text=task["text"],
                    code=task["code"], status=status, note="推进中", at=AT.isoformat(),
                    seq=sv.sequence(), by="bench", orphaned=False,
                ),
                audit_row("bench", "reportProgress", None, AT),
            )  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=20)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "db"))
        try:
            run(store, Path(tmp), args.plans, args.runs)
        finally:
            store.close()


def run(store: Store, tmp: Path, plans: int, runs: int) -> None:
    files = dated_sample(tmp, plans + 1)
    parsed = [parse_file(f) for f in files]
    for plan in parsed:
        load_plan(store, plan)
    docs = [document_uid(str(f)) for f in files]
    for doc in docs[:plans]:
        add_reports(store, doc)
    schema = build_schema()

    def gql(query: str, variables: dict | None = None) -> Callable[[], object]:
        def call() -> object:
            result = asyncio.run(
                schema.execute(query, variable_values=variables, context_value=Context(store))
            )
            assert not result.errors, result.errors
            return result.data

        return call

    first = {"d": docs[0]}
    rows = [
        ("task page, 47 tasks (baseline)", gql(PAGE % "", first), None),
        ("same + progress {status dueDate overdue}",
         gql(PAGE % "progress { status dueDate overdue }", first), 0),
        ("same + reports {status note author}", gql(PAGE % "reports { status note author }",
                                                    first), 0),
        (f"overdue(first: 20) over {plans + 1} plans", gql(
            "{ overdue(first: 20) { totalCount edges { node { dueDate } } } }"), 0),
        ("progressSummary of one plan", gql(
            "query ($d: ID!) { progressSummary(filter: {document: $d}) { total done } }",
            first), 0),
        ("tasks(filter: {status: IN_PROGRESS}, first: 20)", gql(
            "{ tasks(filter: {status: IN_PROGRESS}, first: 20) { totalCount } }"), 0),
        ("督办清单 of one plan, xlsx", lambda: render(
            checklist(store, docs[0], datetime.date(2026, 1, 1)), "xlsx"), 0),
        ("reload a plan without reports (baseline)", lambda: load_plan(store, parsed[-1]), None),
        ("reload a plan with 44 reports (re-attached)", lambda: load_plan(store, parsed[0]), 7),
    ]  # fmt: skip
    print(f"{plans + 1} plans, {len(sv.orphaned_reports(store, 1))} orphaned; medians of {runs}")
    print("| what | ms | ratio to its baseline |\n| --- | ---: | ---: |")
    measured: list[float] = []
    for label, fn, baseline in rows:
        ms = median_ms(fn, runs)
        measured.append(ms)
        ratio = f"{ms / measured[baseline]:.2f}" if baseline is not None else "1"
        print(f"| {label} | {ms:.1f} | {ratio} |")


if __name__ == "__main__":
    main()
