"""GraphQL against the raw Cypher behind it, on the sample and on 1,000 plans: p50/p95,
requests per second and CPU per request for raw Cypher (Store.read), the compiled path and
the resolver path, in-process and over HTTP, at 1, 8 and 32 concurrent clients.

    .venv/bin/python benchmarks/api_bench.py [--quick] [--requests 100]
        [--plans-requests 40] [--plans 1000] [--plans-db DIR]

`--quick`: the sample only, 40 requests a row (under 2 minutes); the full run takes about
10 (the 1,000 plans' load included).

It loads the sample into a fresh embedded store, and 1,000 synthetic plans (load_bench's
generator) into another (or uses --plans-db, a store already holding them), and for each
starts two `dutygraph serve` child processes on the same store: one as shipped (compiled
where it can), one with every field by its resolver. For each query it times
- raw: the hand-written Cypher returning the same data, through Store.read in this
  process (N threads);
- compiled / resolvers in-process: schema.execute, no HTTP;
- compiled / resolvers over HTTP: POST /graphql from N asyncio clients, each a lean
  keep-alive connection (http_client.py: httpx's own CPU per request, on the same two
  cores, was more than the server's; httpx checks once per query that both clients, and
  both servers, get the same answer);
- a bare ASGI handler under the same uvicorn settings answering the unit query's bytes:
  the floor of the HTTP stack;
then prints the figures, the ratios to raw at p50, and CPU milliseconds per request: of
this process for raw and in-process (time.process_time), of the server process over HTTP
(/proc/<pid>/task/*/schedstat), which a machine shared with other jobs moves far less
than wall time. The two nested queries run at 1, 8 and 32 clients; the others (the
1,000-plan checklist) at one. A script, not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
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
import uvloop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))  # load_bench's synthetic plans, the client

from http_client import LeanClient  # noqa: E402
from load_bench import synthetic_plan  # noqa: E402

from dutygraph.api.http import settle_collector  # noqa: E402
from dutygraph.graph.load import load_plan  # noqa: E402
from dutygraph.graph.search import SEARCH  # noqa: E402
from dutygraph.graph.store import Store, open_store  # noqa: E402
from dutygraph.loaders import parse_file  # noqa: E402
from dutygraph.loaders.policies import canonical_number  # noqa: E402
from dutygraph.schema.context import Context  # noqa: E402
from dutygraph.schema.schema import build_schema  # noqa: E402

SAMPLE = ROOT / "samples" / "luhe-old-area-plan.txt"


@dataclass(frozen=True)
class Case:
    name: str
    graphql: str
    raw: str  # the hand-written statement for the same data ($unit, $uid, search's)
    nested: bool = False


# Pages of tasks in plan order: sorting them all is the best on the sample's one
# document; over many documents the best is the compiled path's own way, documents in
# order and each one's tasks sorted, stopping after the page (graph/task_filter.py): a
# raw statement that sorts a heavy unit's 45,000 tasks, or all 50,000, is no baseline.
SORTED_TASKS = "MATCH (t:Task) WITH {keep}, t ORDER BY t.document, t.ordinal"
WALKED_TASKS = (
    "MATCH (d:Document) WITH {keep}, d.uid AS doc ORDER BY doc "
    "WITH {keep}, collect(doc) AS docs UNWIND docs AS doc "
    "CALL {{ WITH doc MATCH (t:Task {{document: doc}}) WITH t ORDER BY t.ordinal RETURN t }} "
    "WITH {keep}, t"
)
SORTED_UNIT_TASKS = (
    "MATCH (u)-[r:RESPONSIBLE_FOR]->(t:Task) WITH {keep}, r, t ORDER BY t.document, t.ordinal"
)
WALKED_UNIT_TASKS = (
    "MATCH (u)-[:TASKS_IN]->(d:Document) WITH u, d.uid AS doc ORDER BY doc "
    "WITH u, collect(doc) AS docs UNWIND docs AS doc "
    "CALL {{ WITH u, doc MATCH (t:Task {{document: doc}}) WITH u, t "
    "MATCH (u)-[r:RESPONSIBLE_FOR]->(t) WITH r, t ORDER BY t.ordinal RETURN r, t }} "
    "WITH {keep}, r, t"
)
# search's own statement (ranked, tasks through their two-character pieces) for a term
# of two characters, with its parameters: what the resolver sends for 产业.
SEARCH_TERM = "产业"
SEARCH_PARAMS = {
    "q": SEARCH_TERM, "head": SEARCH_TERM, "tail": SEARCH_TERM, "limit": 20,
    "number": canonical_number(SEARCH_TERM),
}  # fmt: skip


def cases(unit: str, place: str | None, documents: int) -> list[Case]:
    """The queries, for a heavy unit of the dataset (`place`: its place, if any) of
    `documents` documents."""
    at = f', place: "{place}"' if place else ""
    where_unit = "u.name = $unit" + (" AND u.place = $place" if place else "")
    walk = documents > 1
    tasks = WALKED_TASKS if walk else SORTED_TASKS
    unit_tasks = WALKED_UNIT_TASKS if walk else SORTED_UNIT_TASKS
    return [
        Case(
            "tasks with their units (100, nested)",
            "{ tasks(first: 100) { totalCount edges { node { code text "
            "assignments { role rank unit { name } } } } } }",
            "CALL { MATCH (x:Task) RETURN count(x) AS total } "
            + tasks.format(keep="total")
            + " LIMIT 100 CALL { WITH t MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t) "
            "WITH r, u ORDER BY r.rank RETURN collect([r.role, r.rank, u.name]) AS units } "
            "RETURN total, collect([t.code, t.text, units]) AS tasks",
            nested=True,
        ),
        Case(
            "a unit with tasks and partners (nested)",
            f'{{ unit(name: "{unit}"{at}) {{ name tasks(first: 100) '
            "{ edges { role node { code } } } partners(first: 20) { shared unit { name } } } }",
            f"MATCH (u:Unit) WHERE {where_unit} "
            "CALL { WITH u "
            + unit_tasks.format(keep="u")
            + " LIMIT 100 RETURN collect([r.role, t.code]) AS tasks } "
            "CALL { WITH u MATCH (u)-[s:SHARES]-(o:Unit) WHERE s.tasks > 0 WITH s, o "
            "ORDER BY s.tasks DESC, o.name LIMIT 20 RETURN collect([s.tasks, o.name]) AS partners }"
            " RETURN u.name AS name, tasks, partners",
            nested=True,
        ),
        Case(
            "a unit's first 20 tasks, totalCount",
            f'{{ unit(name: "{unit}"{at}) {{ tasks(first: 20) {{ totalCount '
            "edges { node { code text } } } } }",
            f"MATCH (u:Unit) WHERE {where_unit} "
            + unit_tasks.format(keep="u")
            + " LIMIT 20 RETURN u.total AS total, collect([t.code, t.text]) AS tasks",
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
            "WITH collect(u) AS top UNWIND top[..15] AS a MATCH (a)-[s:SHARES]-(b) "
            "WHERE b IN top[..15] RETURN [x IN top | [x.name, x.total, x.lead, x.support]], "
            "collect([a.uid, b.uid, s.tasks])",
        ),
        Case(
            "partners (20)",
            f'{{ partners(unit: "{unit}", first: 20{at}) {{ shared unit {{ name }} }} }}',
            f"MATCH (u:Unit) WHERE {where_unit} MATCH (u)-[s:SHARES]-(o:Unit) "
            "WHERE s.tasks > 0 RETURN o.name, s.tasks ORDER BY s.tasks DESC, o.name LIMIT 20",
        ),
        Case(
            "search 产业 (20)",
            '{ search(text: "产业", first: 20) { __typename ... on Task { code text } '
            "... on Unit { name } ... on Project { name } ... on Policy { name } } }",
            SEARCH.replace("{longer}", ""),
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


@dataclass(frozen=True)
class Timing:
    latencies: list[float]  # seconds, one a request
    wall: float  # seconds for all of them
    cpu: float  # CPU seconds a request, of the process doing the work

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies)

    @property
    def p95(self) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)))]


def process_cpu(pid: int) -> float:
    """CPU seconds the process's threads have run so far: the scheduler's own count in
    nanoseconds (/proc/<pid>/task/*/schedstat), where utime + stime in /proc/<pid>/stat
    count 10 ms ticks, too coarse for requests of a fraction of a millisecond."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):  # a thread that just ended
            continue
    return total / 1e9


def time_raw(store: Store, cypher: str, params: dict, clients: int, total: int) -> Timing:
    def one(_: int) -> float:
        start = time.perf_counter()
        store.read(cypher, params)
        return time.perf_counter() - start

    began, cpu = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(clients) as pool:
        latencies = list(pool.map(one, range(total)))
    wall = time.perf_counter() - began
    return Timing(latencies, wall, (time.process_time() - cpu) / total)


def time_in_process(
    schema: Any, store: Store, query: str, variables: dict, clients: int, total: int
) -> Timing:
    async def run() -> Timing:
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

        began, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(worker() for _ in range(clients)))
        wall = time.perf_counter() - began
        return Timing(latencies, wall, (time.process_time() - cpu) / total)

    return uvloop.run(run())  # the server's loop


def time_http(url: str, pid: int, body: bytes, clients: int, total: int) -> Timing:
    """`total` POSTs of `body` from `clients` connections; CPU is the server's (`pid`)."""

    async def run() -> Timing:
        latencies: list[float] = []
        remaining = total
        connections = [LeanClient(url) for _ in range(clients)]
        for connection in connections:  # connected (and warm) before the clock starts
            await connection.post(body)

        async def worker(connection: LeanClient) -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                start = time.perf_counter()
                status, answer = await connection.post(body)
                latencies.append(time.perf_counter() - start)
                if status != 200 or b'"errors":' in answer:
                    raise SystemExit(f"GraphQL failed: {answer[:300]!r}")

        began, cpu = time.perf_counter(), process_cpu(pid)
        await asyncio.gather(*(worker(c) for c in connections))
        wall = time.perf_counter() - began
        timing = Timing(latencies, wall, (process_cpu(pid) - cpu) / total)
        for connection in connections:
            await connection.close()
        return timing

    return uvloop.run(run())


TURN = 10  # requests a way runs before the next way's turn


def time_interleaved(
    store: Store,
    raw: tuple[str, dict],
    schemas: tuple[Any, Any],
    operation: tuple[str, dict],
    servers: tuple[tuple[str, int], tuple[str, int]],
    body: bytes,
    total: int,
) -> list[Timing]:
    """One client, the five ways taking turns in runs of TURN requests, so that each sees
    the same minute of a shared machine's load and still runs warm (taking turns request
    by request left each server's caches to the four other ways, and cost the HTTP paths
    twice their CPU): raw, compiled and resolvers in-process, then compiled and resolvers
    over HTTP (their CPU: the server's)."""

    async def run() -> list[Timing]:
        samples: list[list[tuple[float, float]]] = [[] for _ in range(5)]
        clients = [LeanClient(url) for url, _ in servers]
        for client in clients:
            await client.post(body)
        for _ in range(max(1, total // TURN)):
            for _ in range(TURN):
                cpu, start = time.process_time(), time.perf_counter()
                store.read(*raw)
                samples[0].append((time.perf_counter() - start, time.process_time() - cpu))
            for way, schema in enumerate(schemas, 1):
                for _ in range(TURN):
                    cpu, start = time.process_time(), time.perf_counter()
                    await schema.execute(
                        operation[0], variable_values=operation[1], context_value=Context(store)
                    )
                    samples[way].append((time.perf_counter() - start, time.process_time() - cpu))
            for way, (client, (_, pid)) in enumerate(zip(clients, servers, strict=True), 3):
                for _ in range(TURN):
                    cpu, start = process_cpu(pid), time.perf_counter()
                    await client.post(body)
                    wall = time.perf_counter() - start
                    samples[way].append((wall, process_cpu(pid) - cpu))
        for client in clients:
            await client.close()
        # one client: its requests per second are those its own requests' times allow
        return [
            Timing([w for w, _ in way], sum(w for w, _ in way), statistics.mean(c for _, c in way))
            for way in samples
        ]

    return uvloop.run(run())


def same_answers(urls: list[str], body: bytes) -> bytes:
    """The answer every server gives, through httpx and through the lean client alike."""

    async def lean(url: str) -> bytes:
        client = LeanClient(url)
        try:
            return (await client.post(body))[1]
        finally:
            await client.close()

    answers = set()
    for url in urls:
        answers.add(httpx.post(url, content=body, headers=JSON_TYPE, timeout=120).content)
        answers.add(asyncio.run(lean(url)))
    if len(answers) != 1:
        raise SystemExit(f"the answers differ: {[a[:200] for a in answers]}")
    return answers.pop()


JSON_TYPE = {"content-type": "application/json"}


# --- servers --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(command: list[str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """Runs this script with `command` and the port (`--serve …`, `--serve-bare …`)."""
    port = free_port()
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, __file__, *command, str(port)], stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code < 500:
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


def serve_bare(answer_file: str, port: str) -> None:
    """The child: uvicorn as `dutygraph serve` runs it, with an ASGI app that reads the
    request and answers the bytes of `answer_file`."""
    import uvicorn

    from dutygraph.api.http import uvicorn_options
    from dutygraph.api.settings import HttpLimits

    body = Path(answer_file).read_bytes()
    headers = [(b"content-type", b"application/json"), (b"content-length", b"%d" % len(body))]

    async def app(scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        while (await receive()).get("more_body"):
            pass
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    uvicorn.run(app, host="127.0.0.1", port=int(port), **uvicorn_options(HttpLimits(), False))


# --- the run --------------------------------------------------------------------------------


def bench(
    label: str, store: Store, db: str, unit: str, place: str | None, n: int, args: Any
) -> None:
    uid = store.read(
        "MATCH (u:Unit) WHERE u.name = $n AND ($p IS NULL OR u.place = $p) RETURN u.uid AS uid",
        {"n": unit, "p": place},
    )[0]["uid"]
    params = {"unit": unit, "place": place, "uid": uid, **SEARCH_PARAMS}
    variables = {"uid": uid}
    compiled, resolvers = build_schema(), build_schema(compiled=False)
    settle_collector()  # as `dutygraph serve` does: raw and in-process run as a server would
    logs = Path(tempfile.mkdtemp(prefix="dutygraph-bench-"))
    servers = [
        start_server(["--serve", db, *flag], logs / f"serve{'-'.join(flag)}.log")
        for flag in ([], ["--resolvers"])
    ]
    (c_process, c_url), (r_process, r_url) = servers
    load = os.getloadavg()[0]
    print(f"\n## {label}: {unit}{' (' + place + ')' if place else ''}; {n} requests a row; ms")
    print(f"load average at the start: {load:.1f}")
    print(
        "| query | clients | raw p50 | compiled in-process p50 (×raw) | resolvers in-process "
        "p50 (×raw) | compiled HTTP p50 / p95 (×raw) | resolvers HTTP p50 (×raw) | req/s raw / "
        "compiled HTTP / resolvers HTTP | CPU ms/request: raw / compiled in-process / "
        "compiled HTTP server / resolvers HTTP server |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    unit_answer = b""
    try:
        documents = store.read("MATCH (d:Document) RETURN count(d) AS n")[0]["n"]
        for case in cases(unit, place, documents):
            body = json.dumps({"query": case.graphql, "variables": variables}).encode()
            answer = same_answers([c_url, r_url], body)
            if case.name.startswith("a unit with tasks"):
                unit_answer = answer
            for way in (
                lambda c=case: time_raw(store, c.raw, params, 1, 5),
                lambda c=case: time_in_process(compiled, store, c.graphql, variables, 1, 5),
                lambda c=case: time_in_process(resolvers, store, c.graphql, variables, 1, 5),
                lambda b=body: time_http(c_url, c_process.pid, b, 1, 5),
                lambda b=body: time_http(r_url, r_process.pid, b, 1, 5),
            ):
                way()  # warm up every path
            raw, cin, rin, chttp, rhttp = time_interleaved(
                store, (case.raw, params), (compiled, resolvers), (case.graphql, variables),
                ((c_url, c_process.pid), (r_url, r_process.pid)), body, n,
            )  # fmt: skip
            print(row(case.name, 1, raw, cin, rin, chttp, rhttp), flush=True)
            for clients in args.clients[1:] if case.nested else ():
                raw = time_raw(store, case.raw, params, clients, n)
                cin = time_in_process(compiled, store, case.graphql, variables, clients, n)
                rin = time_in_process(resolvers, store, case.graphql, variables, clients, n)
                chttp = time_http(c_url, c_process.pid, body, clients, n)
                rhttp = time_http(r_url, r_process.pid, body, clients, n)
                print(row(case.name if clients == 1 else "", clients, raw, cin, rin, chttp, rhttp))
    finally:
        for process, _ in servers:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=60)
    bare_floor(unit_answer, logs, n)


def row(name: str, clients: int, raw: Timing, cin: Timing, rin: Timing, chttp: Timing,
        rhttp: Timing) -> str:  # fmt: skip
    r50 = raw.p50

    def cell(timing: Timing) -> str:
        return f"{timing.p50 * 1e3:.2f} (×{timing.p50 / r50:.2f})"

    n = len(raw.latencies)
    rates = " / ".join(f"{n / t.wall:.0f}" for t in (raw, chttp, rhttp))
    cpu = " / ".join(f"{t.cpu * 1e3:.2f}" for t in (raw, cin, chttp, rhttp))
    return (
        f"| {name} | {clients} | {r50 * 1e3:.2f} | {cell(cin)} | {cell(rin)} | "
        f"{chttp.p50 * 1e3:.2f} / {chttp.p95 * 1e3:.2f} (×{chttp.p50 / r50:.2f}) | "
        f"{cell(rhttp)} | {rates} | {cpu} |"
    )


def bare_floor(answer: bytes, logs: Path, n: int) -> None:
    """The HTTP stack alone: a bare ASGI handler answering the unit query's bytes."""
    answer_file = logs / "unit-answer.json"
    answer_file.write_bytes(answer)
    process, url = start_server(["--serve-bare", str(answer_file)], logs / "bare.log")
    try:
        body = b'{"query": "{ bare }"}'
        time_http(url, process.pid, body, 1, 5)
        bare = time_http(url, process.pid, body, 1, n)
        print(
            f"bare ASGI handler under the same uvicorn, answering the unit query's "
            f"{len(answer)} bytes, one client: p50 {bare.p50 * 1e3:.3f} ms, server CPU "
            f"{bare.cpu * 1e3:.3f} ms a request",
            flush=True,
        )
    finally:
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
        serve(sys.argv[2], sys.argv[-1], "--resolvers" in sys.argv)
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--serve-bare":
        serve_bare(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the sample only, 40 requests a row")
    parser.add_argument("--requests", type=int, default=100, help="requests per row, sample")
    parser.add_argument(
        "--plans-requests", type=int, default=40, help="requests per row, 1,000 plans"
    )
    parser.add_argument("--plans", type=int, default=1000, help="synthetic plans (0: none)")
    parser.add_argument("--plans-db", help="a store that already holds the synthetic plans")
    args = parser.parse_args()
    args.clients = (1, 8, 32)
    if args.quick:
        args.requests, args.plans, args.plans_db = 40, 0, None
    started = time.perf_counter()
    db = str(Path(tempfile.mkdtemp(prefix="dutygraph-bench-")) / "db")
    store = open_store(db)
    load_plan(store, parse_file(SAMPLE))
    try:
        bench("sample", store, db, "县发展改革局", "陆河县", args.requests, args)
    finally:
        store.close()
    if args.plans or args.plans_db:
        store, db = plans_store(args)
        try:
            bench(f"{args.plans} plans", store, db, "县第000局", None, args.plans_requests, args)
        finally:
            store.close()
    took = time.perf_counter() - started
    print(f"\nthe run took {took:.0f} s; load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
