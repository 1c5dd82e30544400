"""Read-query timings on 1, 100 and 1,000 synthetic plans: medians, and the ratio of each
to a one-uid lookup (the cost of a round trip) measured in the same run.

    .venv/bin/python benchmarks/query_bench.py [--db DIR_OR_URI] [--sizes 1,100,1000]

Plans have the sample's shape: 13 subsections, 47 tasks, 1 to 5 units per task (3 on
average) drawn from 300 units with a few heavy ones (各镇人民政府, 县发展改革局 …), one in
four tasks invoking one of 40 shared funding policies and concerning one of 200 shared
projects; a few tasks mention 抽水蓄能 or 产业园 inside longer words. The store is emptied
first: point --db at a throwaway store. A script, not a test.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from typing import Any

from timing import median_ms  # benchmarks/, the script's folder

from dutygraph.graph import explore, nodes, relations, search, task_filter, workload
from dutygraph.graph.load import load_plan
from dutygraph.graph.model import document_uid, unit_uid
from dutygraph.graph.store import Store, open_store
from dutygraph.loaders.model import (
    Assignment,
    Document,
    Plan,
    Policy,
    Project,
    Section,
    Span,
    Task,
    Unit,
)

SPAN = Span(0, 0, 1)
HEAVY = ["各镇人民政府", "县发展改革局", "县财政局", "县自然资源局", "县交通运输局"]
UNITS = HEAVY + [f"县第{i}局" for i in range(295)]
WORDS = list("推进加快建设完善争取落实统筹支持实施提升保障优化服务项目资金规划")
SPECIAL = ["汕尾抽水蓄能电站", "现代农业产业园区", "产业园配套", "抽水蓄能规划"]
TASKS_PER_SECTION = [4, 6, 3, 3, 5, 4, 4, 3, 5, 4, 2, 2, 2]  # 47, as in the sample


def synthetic_plan(n: int, rng: random.Random) -> Plan:
    part = Section("s2", "二", "责任分工", 1, None, 1, SPAN)
    sections, tasks = [part], []
    policies: dict[str, Policy] = {}
    projects: dict[str, Project] = {}
    for k, count in enumerate(TASKS_PER_SECTION, start=1):
        section = Section(f"s2.{k}", f"（{k}）", f"第{k}项重点工作", 2, "s2", k, SPAN)
        sections.append(section)
        for m in range(1, count + 1):
            task_id = f"t2.{k}.{m}"
            text = "".join(rng.choices(WORDS, k=24))
            if rng.random() < 0.05:
                text += rng.choice(SPECIAL)
            weights = [30 if u in HEAVY else 1 for u in UNITS]
            names = list(dict.fromkeys(rng.choices(UNITS, weights, k=rng.randint(1, 5))))
            units = tuple(
                Assignment(u, "lead" if r == 1 else "support", r, r == 1, u, SPAN)
                for r, u in enumerate(names, start=1)
            )
            tasks.append(
                Task(task_id, section.id, ("二", section.number, str(m)), text + "。", units,
                     None, SPAN, len(tasks) + 1)
            )  # fmt: skip
            if rng.random() < 0.25:
                _link(task_id, rng, policies, projects)
    names = dict.fromkeys(a.name for t in tasks for a in t.units)
    return Plan(
        document=Document(f"第{n}号工作方案", f"plan-{n}.txt", f"{n:064x}", "txt"),
        sections=tuple(sections),
        tasks=tuple(tasks),
        units=tuple(Unit(u, (), "县", "government") for u in names),
        policies=tuple(policies.values()),
        projects=tuple(projects.values()),
        goals=(),
        warnings=(),
        text="",
    )


def _link(task: str, rng: random.Random, policies: dict, projects: dict) -> None:
    pid, jid = f"policy:funding:补助{rng.randrange(40)}", f"project:工程{rng.randrange(200)}"
    old = policies.get(pid)
    policies[pid] = Policy(
        pid, pid.rsplit(":", 1)[1], None, None, None, None, "funding", "100万元", 1e6, None,
        (), (*(old.tasks if old else ()), task), False, (),
    )  # fmt: skip
    oldj = projects.get(jid)
    projects[jid] = Project(
        jid, jid.rsplit(":", 1)[1], "other", (), (*(oldj.tasks if oldj else ()), task), (pid,), ()
    )


def cases(store: Store) -> list[tuple[str, Callable[[], Any]]]:
    doc = document_uid("plan-0.txt")
    tasks = [
        r["uid"]
        for r in relations.tasks_of_sections(store, [f"{doc}/s2.{k}" for k in range(1, 14)])
    ]
    # The synthetic plans name no place, so their units are shared by every plan.
    ndrc, towns, light = unit_uid("县发展改革局"), unit_uid("各镇人民政府"), unit_uid("县第7局")
    policy = "policy:funding:补助1"
    return [
        ("baseline: tasks_by_uid, 1 uid", lambda: nodes.tasks_by_uid(store, tasks[:1])),
        ("tasks_by_uid, a plan's 47", lambda: nodes.tasks_by_uid(store, tasks)),
        ("assignments_of_tasks, 47", lambda: relations.assignments_of_tasks(store, tasks)),
        ("units_by_uid, 50", lambda: nodes.units_by_uid(store, [unit_uid(u) for u in UNITS[:50]])),
        ("tasks_of_policies, 1 shared", lambda: relations.tasks_of_policies(store, [policy])),
        ("find_tasks lead, 20",
         lambda: task_filter.find_tasks(store, units=[ndrc], role="lead", limit=20)),
        ("find_tasks no filter, 20", lambda: task_filter.find_tasks(store, limit=20)),
        ("find_tasks text, 20", lambda: task_filter.find_tasks(store, text="抽水蓄能", limit=20)),
        ("unit_by_name (alias scan)", lambda: nodes.unit_by_name(store, "县发改局")),
        ("unit_workload, heavy unit", lambda: workload.unit_workload(store, ndrc)),
        ("workload_ranking, 20", lambda: workload.workload_ranking(store, limit=20)),
        ("partners, heavy unit, 20", lambda: workload.partners(store, ndrc, 20)),
        ("search 抽水蓄能, 20", lambda: search.search(store, "抽水蓄能", 20)),
        ("search 产业园, 20", lambda: search.search(store, "产业园", 20)),
        ("neighborhood heavy, d1, 200", lambda: explore.neighborhood(store, ndrc, 1, 200)),
        ("neighborhood heavy, d2, 200", lambda: explore.neighborhood(store, ndrc, 2, 200)),
        ("shortest_path light-heavy, 6", lambda: explore.shortest_path(store, light, ndrc, 6)),
        ("shortest_path heavy-heavy, 6", lambda: explore.shortest_path(store, ndrc, towns, 6)),
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="store (default: a new embedded store in a temp dir)")
    parser.add_argument("--sizes", default="1,100,1000", help="plan counts, comma-separated")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per query")
    args = parser.parse_args()
    scratch = tempfile.TemporaryDirectory(prefix="dutygraph-query-bench-")
    store = open_store(args.db or scratch.name + "/db")
    store.write("MATCH (n) DETACH DELETE n")
    rng = random.Random(7)
    loaded, table = 0, {}
    sizes = [int(s) for s in args.sizes.split(",")]
    for size in sizes:
        start = time.perf_counter()
        while loaded < size:
            load_plan(store, synthetic_plan(loaded, rng))
            loaded += 1
        print(f"{size} plans loaded ({time.perf_counter() - start:.1f} s)", file=sys.stderr)
        table[size] = {name: median_ms(call, args.runs) for name, call in cases(store)}
    store.close()
    scratch.cleanup()
    names = list(table[sizes[0]])
    print(f"{'median ms (x baseline)':34}" + "".join(f"{s:>16,}" for s in sizes))
    for name in names:
        cells = [
            f"{table[s][name]:8.2f} ({table[s][name] / table[s][names[0]]:4.1f}x)" for s in sizes
        ]
        print(f"{name:34}" + "".join(f"{c:>16}" for c in cells))


if __name__ == "__main__":
    main()
