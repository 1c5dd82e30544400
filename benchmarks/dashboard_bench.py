"""The supervisor dashboard's per-unit counts at a county's volume, in-process.

    .venv/bin/python benchmarks/dashboard_bench.py [--plans 1000] [--reports 3000] [--runs 5]

Loads the sample and --plans synthetic plans (tests/synthetic.py), writes --reports
progress reports on random assignments (graph/supervision.add_report, as the API does),
then times, medians of --runs: `progressSummary`, `silentUnits` and `overdue` through the
schema (graph/unit_progress, graph/overdue: the store counts), and the same counts from
every assignment's state (graph/supervision.assignment_states, the way they were counted
before), the baseline, measured in the same run. Then the ledger's state filter
(`tasks(filter: {status})`, graph/state_filter) for each state, for the heaviest unit and
sorted, and NOT_STARTED's page found from every assignment's state, the way before. A
script, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.*: the synthetic plans

from timing import median_ms  # noqa: E402  (benchmarks/, the script's folder)

from dutygraph.graph import nodes  # noqa: E402
from dutygraph.graph import supervision as sv  # noqa: E402
from dutygraph.graph import unit_progress as up  # noqa: E402
from dutygraph.graph.audit import audit_row  # noqa: E402
from dutygraph.graph.load import load_plan  # noqa: E402
from dutygraph.graph.store import Store, open_store  # noqa: E402
from dutygraph.loaders import parse_file  # noqa: E402
from dutygraph.schema.context import Context  # noqa: E402
from dutygraph.schema.schema import build_schema  # noqa: E402
from tests.factories import SAMPLE  # noqa: E402
from tests.synthetic import synthetic_plan  # noqa: E402

TODAY = datetime.date(2026, 1, 6)
LEDGER = "{ tasks(first: 50, filter: {%s}%s) { totalCount edges { node { code } } } }"
STATES = ("NOT_STARTED", "IN_PROGRESS", "DONE", "BLOCKED", "RETURNED")


def build(store: Store, plans: int, reports: int) -> None:
    load_plan(store, parse_file(SAMPLE))
    rng = random.Random(7)
    for i in range(plans):
        load_plan(store, synthetic_plan(i, rng))
    rows = store.read(
        "MATCH (u:Unit)-[:RESPONSIBLE_FOR]->(t:Task) "
        "RETURN t.uid AS task, u.uid AS unit, u.name AS name, t.document AS document"
    )
    for n, row in enumerate(rng.sample(rows, min(reports, len(rows)))):
        at = datetime.datetime(2025, 1 + n % 12, 1 + n % 28, tzinfo=datetime.UTC).isoformat()
        report = sv.report_props(
            uid=sv.new_uid("report"), kind="progress", task=row["task"], unit=row["unit"],
            unit_name=row["name"], document=row["document"], orphaned=False, at=at,
            status=rng.choice(["IN_PROGRESS", "DONE", "BLOCKED"]), seq=sv.sequence(), by="bench",
        )  # fmt: skip
        sv.add_report(
            store, report, audit_row("bench", "report", None, datetime.datetime.now(datetime.UTC))
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000)
    parser.add_argument("--reports", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    schema = build_schema(compiled=False)
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "db"))
        try:
            started = time.perf_counter()
            build(store, args.plans, args.reports)
            print(f"store built in {time.perf_counter() - started:.0f} s", flush=True)

            def gql(query: str) -> Callable[[], object]:
                def run() -> None:
                    done = asyncio.run(schema.execute(query, context_value=Context(store)))
                    assert not done.errors, done.errors

                return run

            def every_state() -> None:
                up._from_states(sv.assignment_states(store), TODAY, 14)

            def not_started_from_every_state() -> None:
                uids = sv.tasks_by_progress(sv.assignment_states(store), status="NOT_STARTED")
                nodes.tasks_by_uid(store, uids[:50])

            heavy = asyncio.run(
                schema.execute(
                    "{ workload(first: 1) { unit { name } } }", context_value=Context(store)
                )
            ).data["workload"][0]["unit"]["name"]  # type: ignore[index]

            figures = [
                ("every assignment's state, counted in Python (baseline)", every_state),
                ("`progressSummary(first: 100)`", gql("{ progressSummary(first: 100) { total } }")),
                (
                    '`silentUnits(since: "2025-06-01", first: 50)`',
                    gql('{ silentUnits(since: "2025-06-01", first: 50) { totalCount } }'),
                ),
                ("`overdue(first: 20)`", gql("{ overdue(first: 20) { totalCount } }")),
                (
                    "ledger NOT_STARTED's first 50 from every assignment's state (before)",
                    not_started_from_every_state,
                ),
            ]
            figures += [
                (
                    f"ledger `tasks(filter: {{status: {s}}}, first: 50)`",
                    gql(LEDGER % (f"status: {s}", "")),
                )
                for s in STATES
            ]
            figures += [
                (
                    f"ledger NOT_STARTED of the heaviest unit ({heavy})",
                    gql(LEDGER % (f'status: NOT_STARTED, unit: "{heavy}"', "")),
                ),
                (
                    "ledger NOT_STARTED, sort: DUE",
                    gql(LEDGER % ("status: NOT_STARTED", ", sort: DUE")),
                ),
                (
                    'ledger NOT_STARTED, dueBefore: "2025-12-31"',
                    gql(LEDGER % ('status: NOT_STARTED, dueBefore: "2025-12-31"', "")),
                ),
            ]
            measured = [(name, median_ms(fn, args.runs, warm=False)) for name, fn in figures]
        finally:
            store.close()
    base = measured[0][1]
    print(f"\n| at {args.plans} plans, {args.reports} reports | ms | ratio |\n|---|---:|---:|")
    for name, ms in measured:
        print(f"| {name} | {ms:.0f} | {ms / base:.2f} |")


if __name__ == "__main__":
    main()
