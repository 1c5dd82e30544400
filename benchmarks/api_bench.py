"""GraphQL against the raw Cypher behind it, on the sample and on 1,000 plans: p50/p95 and
requests per second for raw Cypher (Store.read), the compiled path and the resolver path,
in-process and over HTTP, at 1, 8 and 32 concurrent clients.

    .venv/bin/python benchmarks/api_bench.py [--requests 100] [--plans 1000] [--plans-db DIR]

It loads the sample into a fresh embedded store, and 1,000 synthetic plans (load_bench's
generator) into another (or uses --plans-db, a store already holding them), and for each
starts two `dutygraph serve` child processes on the same store: one as shipped (compiled
where it can), one with every field by its resolver. For each query it times
- raw: the hand-written Cypher returning the same data, through Store.read in this
  process (N threads);
- compiled / resolvers in-process: schema.execute, no HTTP;
- compiled / resolvers over HTTP: POST /graphql through httpx from N asyncio clients;
then prints the figures and the ratios to raw at p50. The two nested queries run at 1, 8
and 32 clients; the others (the 1,000-plan checklist) at one. A script, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))  # load_bench's synthetic plans

from load_bench import synthetic_plan  # noqa: E402

from dutygraph.graph.load import load_plan  # noqa: E402
from dutygraph.graph.store import Store, open_store  # noqa: E402
from dutygraph.loaders import parse_file  # noqa: E402
from dutygraph.schema.context import Context  # noqa: E402
from dutygraph.schema.schema import build_schema  # noqa: E402

SAMPLE = ROOT / "samples" / "luhe-old-area-plan.txt"


@dataclass(frozen=True)
class Case:
    name: str
    graphql: str
    raw: str  # the hand-written statement for the same data ($unit, $uid, $q)
    nested: bool = False


def cases(unit: str, place: str | None) -> list[Case]:
    """The queries, for a heavy unit of the dataset (`place`: its place, if any)."""
    at = f', place: "{place}"' if place else ""
    where_unit = "u.name = $unit" + (" AND u.place = $place" if place else "")
    return [
        Case(
            "tasks with their units (100, nested)",
            "{ tasks(first: 100) { totalCount edges { node { code text "
            "assignments { role rank unit { name } } } } } }",
            "CALL { MATCH (x:Task) RETURN count(x) AS total } "
            "MATCH (t:Task) WITH total, t ORDER BY t.document, t.ordinal LIMIT 100 "
            "CALL { WITH t MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t) WITH r, u ORDER BY r.rank "
            "RETURN collect([r.role, r.rank, u.name]) AS units } "
            "RETURN total, collect([t.code, t.text, units]) AS tasks",
            nested=True,
        ),
        Case(
            "a unit with tasks and partners (nested)",
            f'{{ unit(name: "{unit}"{at}) {{ name tasks(first: 100) '
            "{ edges { role node { code } } } partners(first: 20) { shared unit { name } } } }",
            f"MATCH (u:Unit) WHERE {where_unit} "
            "CALL { WITH u MATCH (u)-[r:RESPONSIBLE_FOR]->(t:Task) WITH r, t "
            "ORDER BY t.document, t.ordinal LIMIT 100 RETURN collect([r.role, t.code]) AS tasks } "
            "CALL { WITH u MATCH (u)-[s:SHARES]->(o:Unit) WHERE s.tasks > 0 WITH s, o "
            "ORDER BY s.tasks DESC, o.name LIMIT 20 RETURN collect([s.tasks, o.name]) AS partners }"
            " RETURN u.name AS name, tasks, partners",
            nested=True,
        ),
        Case(
            "a unit's first 20 tasks, totalCount",
            f'{{ unit(name: "{unit}"{at}) {{ tasks(first: 20) {{ totalCount '
            "edges { node { code text } } } } }",
            f"MATCH (u:Unit) WHERE {where_unit} "
            "MATCH (u)-[:RESPONSIBLE_FOR]->(t:Task) WITH u, t ORDER BY t.document, t.ordinal "
            "LIMIT 20 RETURN u.total AS total, collect([t.code, t.text]) AS tasks",
        ),
        Case(
            "a unit's workload",
            f'{{ unit(name: "{unit}"{at}) {{ workload {{ total lead support }} }} }}',
            f"MATCH (u:Unit) WHERE {where_unit} RETURN u.total, u.lead, u.support",
        ),
        Case(
            "workload ranking (20) and unitMatrix (15)",
            "{ workload(first: 20) { total lead support unit { name } } "
            "unitMatrix(first: 15) { units { unit { name } } counts } }",
            "MATCH (u:Unit) WHERE u.total > 0 WITH u ORDER BY u.total DESC, u.name LIMIT 20 "
            "WITH collect(u) AS top UNWIND top[..15] AS a MATCH (a)-[s:SHARES]->(b) "
            "WHERE b IN top[..15] RETURN [x IN top | [x.name, x.total, x.lead, x.support]], "
            "collect([a.uid, b.uid, s.tasks])",
        ),
        Case(
            "partners (20)",
            f'{{ partners(unit: "{unit}", first: 20{at}) {{ shared unit {{ name }} }} }}',
            f"MATCH (u:Unit) WHERE {where_unit} MATCH (u)-[s:SHARES]->(o:Unit) "
            "WHERE s.tasks > 0 RETURN o.name, s.tasks ORDER BY s.tasks DESC, o.name LIMIT 20",
        ),
        Case(
            "search 产业 (20)",
            '{ search(text: "产业", first: 20) { __typename ... on Task { code text } '
            "... on Unit { name } ... on Project { name } ... on Policy { name } } }",
            "MATCH (t:Task) WHERE t.text CONTAINS $q RETURN t.uid, t.code, t.text LIMIT 20",
        ),
        Case(
            "neighbourhood depth 1 of the unit",
            "query ($uid: ID!) { neighborhood(uid: $uid, depth: 1, limit: 200) "
            "{ nodes { uid label name } edges { source target type } } }",
            "MATCH (u:Unit {uid: $uid})-[r:RESPONSIBLE_FOR]->(t) "
            "RETURN t.uid, t.code, type(r) LIMIT 200",
        ),
        Case(
            "tasks(filter: {unit}) totalCount",
            f'{{ tasks(filter: {{unit: "{unit}"{at}}}) {{ totalCount }} }}',
            f"MATCH (u:Unit) WHERE {where_unit} RETURN u.total",
        ),
        Case(
            "documents page 2 (20), cursor, totalCount",
            '{ documents(first: 20, after: "dGFzazoxOQ==") { totalCount '
            "pageInfo { hasNextPage endCursor } edges { cursor node { uid title } } } }",
            "CALL { MATCH (x:Document) RETURN count(x) AS total } "
            "MATCH (d:Document) WITH total, d ORDER BY d.title, d.uid SKIP 20 LIMIT 20 "
            "RETURN total, collect([d.uid, d.title])",
        ),
    ]


# --- timing ---------------------------------------------------------------------------------


def p50_p95(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * len(ordered)))]


def time_raw(store: Store, cypher: str, params: dict, clients: int, total: int):
    def one(_: int) -> float:
        start = time.perf_counter()
        store.read(cypher, params)
        return time.perf_counter() - start

    began = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = list(pool.map(one, range(total)))
    return latencies, time.perf_counter() - began


def time_in_process(
    schema: Any, store: Store, query: str, variables: dict, clients: int, total: int
):
    async def run() -> tuple[list[float], float]:
        latencies: list[float] = []
        remaining = total

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                start = time.perf_counter()
                result = await schema.execute(
                    query, variable_values=variables, context_value=Context(store)
                )
                latencies.append(time.perf_counter() - start)
                if result.errors:
                    raise SystemExit(f"GraphQL failed: {result.errors}")

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        return latencies, time.perf_counter() - began

    return asyncio.run(run())


def time_http(url: str, query: str, variables: dict, clients: int, total: int):
    async def run() -> tuple[list[float], float]:
        latencies: list[float] = []
        remaining = total
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(timeout=120, limits=limits) as http:

            async def worker() -> None:
                nonlocal remaining
                while remaining > 0:
                    remaining -= 1
                    start = time.perf_counter()
                    response = await http.post(url, json={"query": query, "variables": variables})
                    latencies.append(time.perf_counter() - start)
                    if response.status_code != 200 or "errors" in response.json():
                        raise SystemExit(f"GraphQL failed: {response.text[:300]}")

            began = time.perf_counter()
            await asyncio.gather(*(worker() for _ in range(clients)))
            return latencies, time.perf_counter() - began

    return asyncio.run(run())


# --- servers --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, resolvers: bool, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    command = [sys.executable, __file__, "--serve", db, str(port)]
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command + (["--resolvers"] if resolvers else []), stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return process, f"http://127.0.0.1:{port}/graphql"
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"dutygraph serve did not become ready (see {log})")


def serve(db: str, port: str, resolvers: bool) -> None:
    """The child: `dutygraph serve`, every field by its resolver when `resolvers`."""
    if resolvers:
        import dutygraph.schema.schema as schema_module

        schema_module.build_schema = functools.partial(  # type: ignore[assignment]
            schema_module.build_schema, compiled=False
        )
    from dutygraph.api.serve import serve as serve_command

    serve_command.main(["--db", db, "--port", port], standalone_mode=True)


# --- the run --------------------------------------------------------------------------------


def bench(label: str, store: Store, db: str, unit: str, place: str | None, args: Any) -> None:
    uid = store.read(
        "MATCH (u:Unit) WHERE u.name = $n AND ($p IS NULL OR u.place = $p) RETURN u.uid AS uid",
        {"n": unit, "p": place},
    )[0]["uid"]
    params = {"unit": unit, "place": place, "uid": uid, "q": "产业"}
    variables = {"uid": uid}
    compiled, resolvers = build_schema(), build_schema(compiled=False)
    logs = Path(tempfile.mkdtemp(prefix="dutygraph-bench-"))
    servers = [start_server(db, flag, logs / f"serve-{flag}.log") for flag in (False, True)]
    (_, compiled_url), (_, resolvers_url) = servers
    n = args.requests
    print(f"\n## {label}: {unit}{' (' + place + ')' if place else ''}; {n} requests a row; ms")
    print(
        "| query | clients | raw p50 | compiled in-process p50 (×raw) | resolvers in-process "
        "p50 (×raw) | compiled HTTP p50 / p95 (×raw) | resolvers HTTP p50 (×raw) | req/s raw / "
        "compiled HTTP / resolvers HTTP |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    try:
        for case in cases(unit, place):
            for way in (
                lambda c=case: time_raw(store, c.raw, params, 1, 5),
                lambda c=case: time_in_process(compiled, store, c.graphql, variables, 1, 5),
                lambda c=case: time_http(compiled_url, c.graphql, variables, 1, 5),
                lambda c=case: time_http(resolvers_url, c.graphql, variables, 1, 5),
            ):
                way()  # warm up every path
            for clients in (1, 8, 32) if case.nested else (1,):
                raw, raw_wall = time_raw(store, case.raw, params, clients, n)
                cin, _ = time_in_process(compiled, store, case.graphql, variables, clients, n)
                rin, _ = time_in_process(resolvers, store, case.graphql, variables, clients, n)
                chttp, c_wall = time_http(compiled_url, case.graphql, variables, clients, n)
                rhttp, r_wall = time_http(resolvers_url, case.graphql, variables, clients, n)
                r50 = statistics.median(raw)
                c50, c95 = p50_p95(chttp)

                def cell(samples: list[float], base: float = r50) -> str:
                    m = statistics.median(samples)
                    return f"{m * 1e3:.2f} (×{m / base:.2f})"

                print(
                    f"| {case.name if clients == 1 else ''} | {clients} | {r50 * 1e3:.2f} | "
                    f"{cell(cin)} | {cell(rin)} | {c50 * 1e3:.2f} / {c95 * 1e3:.2f} "
                    f"(×{c50 / r50:.2f}) | {cell(rhttp)} | {n / raw_wall:.0f} / "
                    f"{n / c_wall:.0f} / {n / r_wall:.0f} |",
                    flush=True,
                )
    finally:
        for process, _ in servers:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=60)


def plans_store(args: Any) -> tuple[Store, str]:
    if args.plans_db:
        return open_store(args.plans_db), args.plans_db
    db = str(Path(tempfile.mkdtemp(prefix="dutygraph-bench-plans-")) / "db")
    store = open_store(db)
    rng = random.Random(1)
    started = time.perf_counter()
    for i in range(args.plans):
        load_plan(store, synthetic_plan(i, rng))
    print(f"loaded {args.plans} plans in {time.perf_counter() - started:.0f} s", flush=True)
    return store, db


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--serve":
        serve(sys.argv[2], sys.argv[3], "--resolvers" in sys.argv)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="requests per row")
    parser.add_argument("--plans", type=int, default=1000, help="synthetic plans (0: none)")
    parser.add_argument("--plans-db", help="a store that already holds the synthetic plans")
    args = parser.parse_args()
    db = str(Path(tempfile.mkdtemp(prefix="dutygraph-bench-")) / "db")
    store = open_store(db)
    load_plan(store, parse_file(SAMPLE))
    try:
        bench("sample", store, db, "县发展改革局", "陆河县", args)
    finally:
        store.close()
    if args.plans or args.plans_db:
        store, db = plans_store(args)
        try:
            bench(f"{args.plans} plans", store, db, "县第000局", None, args)
        finally:
            store.close()


if __name__ == "__main__":
    main()
