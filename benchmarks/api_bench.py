"""GraphQL over HTTP against raw Cypher through the same store: p50/p95 latency and
requests per second at 1, 8 and 32 concurrent clients, for five representative queries.

    .venv/bin/python benchmarks/api_bench.py [--db DIR_OR_URI] [--requests 300]

It loads the sample plan, starts `dutygraph serve` on the same store as a child process
(so client and server do not share one interpreter) and, for each query, times
- graphql: a POST /graphql through httpx, from N concurrent asyncio clients;
- raw: the equivalent Cypher through Store.read, from N concurrent threads,
then prints the figures and the ratio graphql/raw at p50. A script, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from dutygraph.graph.load import load_plan
from dutygraph.graph.store import Store, open_store
from dutygraph.loaders import parse_file
from dutygraph.schema.context import Context
from dutygraph.schema.schema import build_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "luhe-old-area-plan.txt"
UNIT = "县发展改革局"


@dataclass(frozen=True)
class Case:
    name: str
    graphql: str
    raw: Callable[[Store], Any]
    nested: bool


def _raw(cypher: str, **params: Any) -> Callable[[Store], Any]:
    return lambda store: store.read(cypher, params)


CASES = [
    Case(
        "unit's tasks (by alias)",
        '{ unit(name: "县发改局") { name tasks(first: 100) '
        "{ totalCount edges { role node { code text } } } } }",
        _raw(
            "MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE u.name = $n OR $a IN u.aliases "
            "RETURN u.name AS unit, r.role AS role, t.code AS code, t.text AS text "
            "ORDER BY t.document, t.ordinal",
            n=UNIT,
            a="县发改局",
        ),
        nested=False,
    ),
    Case(
        "all tasks with their units (nested)",
        "{ tasks(first: 100) { totalCount edges { node { code text "
        "assignments { role rank unit { name } } } } } }",
        _raw(
            "MATCH (t:Task) MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t) "
            "WITH t, r, u ORDER BY r.rank "
            "WITH t, collect({role: r.role, rank: r.rank, unit: u.name}) AS units "
            "RETURN t.code AS code, t.text AS text, units ORDER BY t.document, t.ordinal"
        ),
        nested=True,
    ),
    Case(
        "unit with tasks and partners (nested)",
        '{ unit(name: "县发展改革局") { name tasks(first: 100) { edges { role node { code } } } '
        "partners(first: 20) { shared unit { name } } } }",
        _raw(
            "MATCH (u:Unit {name: $n})-[r:RESPONSIBLE_FOR]->(t:Task) "
            "WITH u, collect({role: r.role, code: t.code}) AS tasks "
            "OPTIONAL MATCH (u)-[:RESPONSIBLE_FOR]->(:Task)<-[:RESPONSIBLE_FOR]-(p:Unit) "
            "WITH u, tasks, p, count(*) AS shared ORDER BY shared DESC, p.name "
            "RETURN u.name AS name, tasks, "
            "collect({unit: p.name, shared: shared})[..20] AS partners",
            n=UNIT,
        ),
        nested=True,
    ),
    Case(
        "workload ranking (top 10)",
        "{ workload(first: 10) { total lead support unit { name } } }",
        _raw(
            "MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(:Task) "
            "WITH u, count(r) AS total, sum(CASE r.role WHEN 'lead' THEN 1 ELSE 0 END) AS lead "
            "RETURN u.name AS name, total, lead, total - lead AS support "
            "ORDER BY total DESC, name LIMIT 10"
        ),
        nested=False,
    ),
    Case(
        "search 产业园",
        '{ search(text: "产业园", first: 20) { __typename ... on Task { code text } '
        "... on Unit { name } ... on Project { name } ... on Policy { name } } }",
        _raw(
            "MATCH (t:Task) WHERE t.text CONTAINS $q RETURN 'Task' AS label, t.uid AS uid, "
            "t.text AS name UNION ALL MATCH (n) WHERE (n:Unit OR n:Project OR n:Policy) "
            "AND n.name CONTAINS $q RETURN labels(n)[0] AS label, n.uid AS uid, n.name AS name",
            q="产业园",
        ),
        nested=False,
    ),
]


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


async def time_graphql(url: str, query: str, clients: int, total: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    remaining = total
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(timeout=60, limits=limits) as http:

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                start = time.perf_counter()
                response = await http.post(url, json={"query": query})
                latencies.append(time.perf_counter() - start)
                body = response.json()
                if response.status_code != 200 or "errors" in body:
                    raise SystemExit(f"GraphQL failed: {response.status_code} {body}")

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        return latencies, time.perf_counter() - began


def time_raw(store: Store, raw: Callable[[Store], Any], clients: int, total: int):
    def one(_: int) -> float:
        start = time.perf_counter()
        raw(store)
        return time.perf_counter() - start

    began = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        latencies = list(pool.map(one, range(total)))
    return latencies, time.perf_counter() - began


def time_in_process(store: Store, query: str, total: int) -> list[float]:
    """The same query through the schema in this process: GraphQL without HTTP."""
    schema = build_schema()

    async def run() -> list[float]:
        latencies = []
        for _ in range(total):
            start = time.perf_counter()
            result = await schema.execute(query, context_value=Context(store))
            latencies.append(time.perf_counter() - start)
            if result.errors:
                raise SystemExit(f"GraphQL failed: {result.errors}")
        return latencies

    return asyncio.run(run())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "dutygraph"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [str(exe), "serve", "--db", db, "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ},
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("dutygraph serve did not become ready")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store to use (default: a fresh embedded store)")
    parser.add_argument("--requests", type=int, default=300, help="requests per measurement")
    args = parser.parse_args()
    db = args.db or str(Path(tempfile.mkdtemp(prefix="dutygraph-bench-")) / "db")
    store = open_store(db)
    load_plan(store, parse_file(SAMPLE))
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="dutygraph-bench-log-")) / "serve.log"
    server = start_server(db, port, log)
    print(f"server log: {log}")
    url = f"http://127.0.0.1:{port}/graphql"
    try:
        print(f"store: {db}; {args.requests} requests per row; latencies in ms")
        print(
            f"{'query':40} {'c':>3} {'GQL p50':>8} {'p95':>7} {'req/s':>7} "
            f"{'raw p50':>8} {'p95':>7} {'req/s':>7} {'ratio':>6}"
        )
        for case in CASES:
            asyncio.run(time_graphql(url, case.graphql, 1, 20))  # warm up both paths
            time_raw(store, case.raw, 1, 20)
            for clients in (1, 8, 32):
                g, g_wall = asyncio.run(time_graphql(url, case.graphql, clients, args.requests))
                r, r_wall = time_raw(store, case.raw, clients, args.requests)
                (g50, g95), (r50, r95) = percentiles(g), percentiles(r)
                print(
                    f"{case.name:40} {clients:>3} {g50 * 1e3:8.2f} {g95 * 1e3:7.2f} "
                    f"{len(g) / g_wall:7.0f} {r50 * 1e3:8.2f} {r95 * 1e3:7.2f} "
                    f"{len(r) / r_wall:7.0f} {g50 / r50:6.2f}"
                    + ("  (nested)" if case.nested and clients == 1 else "")
                )
        print("\nc=1, p50 in ms: GraphQL in-process (schema.execute, no HTTP) next to raw")
        for case in CASES:
            g = statistics.median(time_in_process(store, case.graphql, args.requests))
            r = statistics.median(time_raw(store, case.raw, 1, args.requests)[0])
            print(f"{case.name:40} {g * 1e3:8.2f} {r * 1e3:8.2f} {g / r:6.2f}")
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        store.close()


if __name__ == "__main__":
    main()
