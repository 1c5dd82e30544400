"""Load throughput and read-query times on synthetic plans, embedded store and over Bolt.

    .venv/bin/python benchmarks/load_bench.py [--sizes 1,100,1000] [--stores embedded,bolt]
        [--raw per-kind|load-blocks]

Synthetic plans have realistic shapes: 3 parts, the second split into 5 subsections,
50 tasks, 1-5 units a task (3 on average) drawn with a skew from 300 shared units, 3
policies and 2 projects from shared pools. Plans are loaded in stages up to each size
(1, then 99 more, then 900 more); after each stage the main read queries run 15 times.
Printed: tasks per second and median milliseconds per plan for each stage; on the
embedded store the same plans' rows written by a bare UNWIND statement (RAW_WRITES below,
into a store of their own, each plan right after its load so both see the same moment of
a shared machine) and its ratio to the load, in wall time and in the
CPU time of each store's server; and the median time of each query, with ratios against
the first size (the baseline) and, for Bolt, against the embedded store. The 1-plan
stage is the first plan into empty stores, 15 times. The "bolt" store is the Neo4j code
path (driver, transactions) talking to FalkorDB's Bolt endpoint, which takes rows in
batches under 3 KB, so it measures the driver path, not Neo4j.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.servers (the tests' Bolt FalkorDB), tests.synthetic

from dutygraph.errors import StoreError  # noqa: E402
from dutygraph.graph import explore, relations, search, task_filter, workload  # noqa: E402
from dutygraph.graph.load import (  # noqa: E402
    GOALS,
    POLICIES,
    TASKS,
    WRITE_PART,
    load_plan,
    one_statement,
)
from dutygraph.graph.model import plan_rows, unit_uid  # noqa: E402
from dutygraph.graph.neo4j_store import Neo4jStore  # noqa: E402
from dutygraph.graph.setup import ensure_schema  # noqa: E402
from dutygraph.graph.store import Store, open_store  # noqa: E402
from dutygraph.loaders.model import Plan  # noqa: E402
from tests.servers import BoltServer, bolt_port  # noqa: E402
from tests.synthetic import UNITS, synthetic_plan  # noqa: E402

# The raw write a load is measured against: the document's rows in bare UNWIND blocks,
# one per node label and per relationship type; no old version read or removed, no
# counts kept, no orphan sweep. That is graph/load.py's WRITE_PART with its task, goal
# and policy blocks split in two, as the load wrote them until it wrote each with its
# edge; `--raw load-blocks` measures against WRITE_PART as the load writes it.
_SPLIT = {
    TASKS: [
        ("UNWIND $tasks AS r CREATE (t:Task) SET t = r", "tasks"),
        (
            "UNWIND $tasks AS r MATCH (s:Section {uid: r.section}), (t:Task {uid: r.uid}) "
            "CREATE (s)-[:HAS_TASK]->(t)",
            "tasks",
        ),
    ],
    GOALS: [
        ("UNWIND $goals AS r CREATE (g:Goal) SET g = r", "goals"),
        (
            "UNWIND $goals AS r MATCH (d:Document {uid: $uid}), (g:Goal {uid: r.uid}) "
            "CREATE (d)-[:TARGETS]->(g)",
            "goals",
        ),
    ],
    POLICIES: [
        ("UNWIND $policies AS r MERGE (p:Policy {uid: r.uid}) SET p += r", "policies"),
        (
            "UNWIND $policies AS r MATCH (d:Document {uid: $uid}), (p:Policy {uid: r.uid}) "
            "CREATE (d)-[:CITES]->(p)",
            "policies",
        ),
    ],
}
RAW_WRITES = {
    "per-kind": one_statement([split for b in WRITE_PART for split in _SPLIT.get(b, [b])]),
    "load-blocks": one_statement(WRITE_PART),
}

RUNS = 15
FIRST_RUNS = 15  # a median of 7 moved by 0.2 between runs at load 5-7
RATIO = "raw write / load, per plan"
CPU_RATIO = "raw write / load, store CPU"


HEAVY = unit_uid(UNITS[0])  # on 44,955 of the 50,000 tasks at 1,000 plans


def every_task_with_units(store: Store) -> None:
    """The API's nested page: the first 100 tasks in plan order, and who is on each."""
    rows, _ = task_filter.find_tasks(store, limit=100)
    relations.assignments_of_tasks(store, [r["uid"] for r in rows])


READS: dict[str, Callable[[Store], Any]] = {
    # what the API reads for the 1,000-plan checklist
    "a unit's first 20 tasks and total": lambda s: (
        relations.assignments_of_units(s, [HEAVY], limit=20),
        relations.assignment_counts(s, [HEAVY]),
    ),
    "tasks(filter: {unit}) total": lambda s: task_filter.find_tasks(s, units=[HEAVY], limit=0),
    "first 100 tasks with their units": every_task_with_units,
    "search 产业 (20)": lambda s: search.search(s, "产业", 20),
    "neighbourhood depth 1 of the unit (200)": lambda s: explore.neighborhood(s, HEAVY, 1, 200),
    # and the graph layer's others
    "tasks of a unit (find_tasks)": lambda s: task_filter.find_tasks(
        s, units=[unit_uid(UNITS[0])], role="lead", limit=50
    ),
    "unit workload": lambda s: workload.unit_workload(s, unit_uid(UNITS[0])),
    "workload ranking (top 20)": lambda s: workload.workload_ranking(s, limit=20),
    "partners (top 20)": lambda s: workload.partners(s, unit_uid(UNITS[1]), 20),
    "search 抽水蓄能 (20)": lambda s: search.search(s, "抽水蓄能", 20),
    "neighbourhood depth 2 (200)": lambda s: explore.neighborhood(s, unit_uid(UNITS[5]), 2, 200),
}


@contextmanager
def store_of(kind: str, tmp: Path) -> Iterator[Store]:
    if kind == "embedded":
        store = open_store(str(tmp / "embedded"))
        try:
            yield store
        finally:
            store.close()
        return
    (tmp / "bolt").mkdir(parents=True)
    falkordb = BoltServer(tmp / "bolt", bolt_port())
    falkordb.start()
    try:
        store = Neo4jStore(falkordb.uri)
        ensure_schema(store)
        try:
            yield store
        finally:
            store.close()
    finally:
        falkordb.stop()


def median_ms(call: Callable[[], Any], store: Store, runs: int = RUNS) -> tuple[float, float]:
    """Median milliseconds of `runs` calls and the store server's mean CPU milliseconds a
    call (NaN on Bolt); NaNs when the store refuses the query."""
    times = []
    cpu = server_cpu(store) if store.dialect == "falkordb" and hasattr(store, "pid") else None
    for _ in range(runs):
        started = time.perf_counter()
        try:
            call()
        except StoreError as exc:
            print(f"  refused: {exc}", file=sys.stderr)
            return math.nan, math.nan
        times.append(time.perf_counter() - started)
    used = (server_cpu(store) - cpu) / runs * 1000 if cpu is not None else math.nan
    return statistics.median(times) * 1000, used


def server_cpu(store: Store) -> float:
    """CPU seconds the embedded store's server has used, all its threads (FalkorDB runs
    queries on worker threads), from the kernel's nanosecond counts: a shared machine's
    wall times say more about the other jobs than about the load."""
    pid = store.pid  # type: ignore[attr-defined]
    return sum(
        int(stat.read_text().split()[0]) / 1e9
        for stat in Path(f"/proc/{pid}/task").glob("*/schedstat")
    )


def load_stage(
    store: Store, raw: Store | None, stage: list[Plan], raw_write: str
) -> dict[str, list[float]]:
    """Loads each plan and, on the embedded store, writes its rows raw (the statement
    `raw_write`) into `raw` right after it, so both see the machine's load of the same
    moment: wall seconds of each, and the servers' CPU seconds of the whole stage."""
    times: dict[str, list[float]] = {"load": [], "raw": [], "load cpu": [], "raw cpu": []}
    cpu = (server_cpu(store), server_cpu(raw)) if raw else (0.0, 0.0)
    for plan in stage:
        t = time.perf_counter()
        load_plan(store, plan)
        times["load"].append(time.perf_counter() - t)
        if raw is not None:
            params = plan_rows(plan).as_params()
            t = time.perf_counter()
            raw.write(raw_write, params)
            times["raw"].append(time.perf_counter() - t)
    if raw is not None:
        times["load cpu"] = [server_cpu(store) - cpu[0]]
        times["raw cpu"] = [server_cpu(raw) - cpu[1]]
    return times


def first_plan(kind: str, plan: Plan, tmp: Path, raw_write: str) -> dict[str, list[float]]:
    """The first plan into empty stores, FIRST_RUNS times (fresh stores each time): one
    load alone says little on a shared machine."""
    times: dict[str, list[float]] = {}
    for n in range(FIRST_RUNS):
        with (
            store_of(kind, tmp / f"first{n}") as store,
            store_of("embedded", tmp / f"raw{n}") as raw,
        ):
            for key, values in load_stage(
                store, raw if kind == "embedded" else None, [plan], raw_write
            ).items():
                times.setdefault(key, []).extend(values)
    return times


def run(
    kind: str, plans: list[Plan], sizes: list[int], raw_write: str
) -> dict[int, dict[str, float]]:
    results: dict[int, dict[str, float]] = {}
    # The raw write goes to an embedded store of its own, in step with this one.
    with (
        tempfile.TemporaryDirectory() as tmp,
        store_of(kind, Path(tmp)) as store,
        store_of("embedded", Path(tmp) / "raw") as raw,
    ):
        loaded = 0
        for size in sizes:
            stage = plans[loaded:size]
            times = load_stage(store, raw if kind == "embedded" else None, stage, raw_write)
            if loaded == 0 and size == 1:
                times = first_plan(kind, stage[0], Path(tmp), raw_write)
            loaded = size
            plans_timed = len(times["load"])
            row = {
                "tasks/s": statistics.mean(len(p.tasks) for p in stage)
                * plans_timed
                / sum(times["load"]),
                "ms/plan": statistics.median(times["load"]) * 1000,
            }
            if times["raw"]:
                raw_ms = statistics.median(times["raw"]) * 1000
                row["raw UNWIND write ms/plan"] = raw_ms
                row[RATIO] = raw_ms / row["ms/plan"]
                row["store CPU ms/plan"] = sum(times["load cpu"]) / plans_timed * 1000
                row["raw store CPU ms/plan"] = sum(times["raw cpu"]) / plans_timed * 1000
                row[CPU_RATIO] = row["raw store CPU ms/plan"] / row["store CPU ms/plan"]
            for name, read in READS.items():
                row[name], cpu = median_ms(lambda read=read: read(store), store)
                if kind == "embedded":
                    row[f"{name}, store CPU"] = cpu
            results[size] = row
            print(f"  {kind}: {size} plans loaded", file=sys.stderr)
    return results


def machine() -> str:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return f"{model}, nproc {nproc or os.cpu_count()}, Python {platform.python_version()}"


def table(all_results: dict[str, dict[int, dict[str, float]]], sizes: list[int]) -> str:
    kinds = list(all_results)
    metrics = list(next(iter(all_results.values()))[sizes[0]])
    header = "| measure | store | " + " | ".join(f"{s} plans" for s in sizes) + " |"
    lines = [header, "|" + "---|" * (len(sizes) + 2)]
    for metric in metrics:
        for kind in kinds:
            cells = []
            if metric not in all_results[kind][sizes[0]]:
                continue  # the raw write is timed on the embedded store only
            for size in sizes:
                value = all_results[kind][size][metric]
                base = all_results[kind][sizes[0]][metric]
                if math.isnan(value):
                    cells.append("refused")
                    continue
                if metric in (RATIO, CPU_RATIO):
                    cells.append(f"{value:.2f}")
                    continue
                cell = f"{value:.0f}" if metric == "tasks/s" else f"{value:.1f}"
                if size != sizes[0] and metric != "tasks/s":
                    cell += f" (×{value / base:.1f})"
                if kind != "embedded" and "embedded" in all_results:
                    cell += f" [×{value / all_results['embedded'][size][metric]:.2f} emb]"
                cells.append(cell)
            unit = "" if metric in ("tasks/s", RATIO, CPU_RATIO) else " ms"
            lines.append(f"| {metric}{unit} | {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,100,1000", help="cumulative plan counts")
    parser.add_argument("--stores", default="embedded,bolt", help="embedded and/or bolt")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--raw",
        choices=list(RAW_WRITES),
        default="per-kind",
        help="the raw write: one UNWIND block per label and type, or the load's own blocks",
    )
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    rng = random.Random(args.seed)
    plans = [synthetic_plan(i, rng) for i in range(sizes[-1])]
    tasks = sum(len(p.tasks) for p in plans)
    assignments = sum(len(t.units) for p in plans for t in p.tasks)
    print(f"{len(plans)} synthetic plans: {tasks} tasks, {assignments / tasks:.2f} units a task")
    print(f"machine: {machine()}")
    results = {}
    for kind in args.stores.split(","):
        results[kind] = run(kind, plans, sizes, RAW_WRITES[args.raw])
        print(f"\n{kind}:\n" + table({kind: results[kind]}, sizes), flush=True)
    print("\n(×n): against the first size; [×n emb]: against the embedded store\n")
    print(table(results, sizes))


if __name__ == "__main__":
    main()
