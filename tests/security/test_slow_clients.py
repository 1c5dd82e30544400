"""Slow and many clients against a real `dutygraph serve` (uvicorn, httptools, uvloop):
cut at the header and body timeouts while /healthz answers, and a fast 503 past the cap
on GraphQL requests running at once."""

from __future__ import annotations

import asyncio
import socket
import statistics
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.servers import DUTYGRAPH, SAMPLE, Served, free_port, start_process, stop_serve

HEADER_TIMEOUT = 1.0
MAX_EXECUTIONS = {"DUTYGRAPH_MAX_EXECUTIONS": "8"}
TIGHT = {"DUTYGRAPH_HEADER_TIMEOUT": str(HEADER_TIMEOUT), "DUTYGRAPH_BODY_TIMEOUT": "1.5"}


def serve(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Iterator[Served]:
    db = str(tmp_path_factory.mktemp("slow") / "db")
    port = free_port()
    args = [str(DUTYGRAPH), "serve", str(SAMPLE), "--db", db, "--port", str(port)]
    server = start_process(args, port, db, env=env)
    yield server
    stop_serve(server.process)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Timeouts short enough for a test to wait them out."""
    yield from serve(tmp_path_factory, TIGHT | MAX_EXECUTIONS)


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The default timeouts: 500 requests from one client process can take longer than
    the short ones between their headers and their bodies on a loaded machine, and a
    server rightly cuts those."""
    yield from serve(tmp_path_factory, MAX_EXECUTIONS)


def open_slowly(port: int, start: bytes) -> socket.socket:
    client = socket.create_connection(("127.0.0.1", port))
    client.sendall(start)
    client.setblocking(False)
    return client


def closed_by_server(client: socket.socket) -> bool:
    try:
        return client.recv(1024) == b""
    except BlockingIOError:
        return False  # still open, nothing to read
    except ConnectionResetError:
        return True


def healthz_ms(url: str) -> float:
    started = time.perf_counter()
    assert httpx.get(f"{url}/healthz", timeout=5).status_code == 200
    return (time.perf_counter() - started) * 1000


def test_1000_slow_header_senders_are_cut_while_healthz_answers(served: Served) -> None:
    port = int(served.url.rpartition(":")[2])
    opened = time.monotonic()
    clients = [open_slowly(port, b"GET /healthz HTTP/1.1\r\nHo") for _ in range(1000)]
    try:
        times = []
        while time.monotonic() - opened < HEADER_TIMEOUT * 0.8:
            times.append(healthz_ms(served.url))
        assert statistics.median(times) < 100, times
        deadline = opened + HEADER_TIMEOUT + 5
        open_ones = clients
        while open_ones and time.monotonic() < deadline:
            time.sleep(0.1)
            open_ones = [c for c in open_ones if not closed_by_server(c)]
        assert not open_ones, f"{len(open_ones)} of 1000 still open past the header timeout"
        assert healthz_ms(served.url) < 1000
    finally:
        for client in clients:
            client.close()


def test_a_slow_body_is_cut_at_the_body_timeout(served: Served) -> None:
    port = int(served.url.rpartition(":")[2])
    start = (
        b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000\r\n\r\n{"
    )
    client = open_slowly(port, start)
    try:
        deadline = time.monotonic() + 6
        while not closed_by_server(client):
            assert time.monotonic() < deadline, "a body sent slowly held its connection"
            time.sleep(0.1)
    finally:
        client.close()


def test_500_concurrent_queries_get_answers_or_a_fast_503(capped: Served) -> None:
    query = "{ tasks(first: 100) { totalCount edges { node { code text units { name } } } } }"

    async def one(http: httpx.AsyncClient) -> tuple[int, float, str | None]:
        started = time.perf_counter()
        response = await http.post("/graphql", json={"query": query})
        took = time.perf_counter() - started
        return response.status_code, took, response.headers.get("retry-after")

    async def all_at_once() -> list[tuple[int, float, str | None]]:
        limits = httpx.Limits(max_connections=500, max_keepalive_connections=0)
        async with httpx.AsyncClient(base_url=capped.url, limits=limits, timeout=30) as http:
            return await asyncio.gather(*(one(http) for _ in range(500)))

    results = asyncio.run(all_at_once())
    statuses = [status for status, _, _ in results]
    assert set(statuses) <= {200, 503}, set(statuses)
    assert statuses.count(200) >= 8 and statuses.count(503) > 0
    assert all(retry == "1" for status, _, retry in results if status == 503)
    assert max(took for _, took, _ in results) < 10  # none waits past the time limit


def test_a_server_opened_to_the_network(tmp_path: Path) -> None:
    db = str(tmp_path / "db")
    port = free_port()
    args = [str(DUTYGRAPH), "serve", str(SAMPLE), "--db", db, "--port", str(port),
            "--host", "0.0.0.0", "--no-introspection", "--no-ide"]  # fmt: skip
    server = start_process(args, port, db)
    try:
        assert "anyone who can reach it can read the whole graph" in server.log.read_text()
        introspect = {"query": "{ __schema { types { name } } }"}
        schema = httpx.post(f"{server.url}/graphql", json=introspect)
        assert "introspection" in schema.json()["errors"][0]["message"].lower()
        ide = httpx.get(f"{server.url}/graphql", headers={"Accept": "text/html"})
        assert ide.status_code == 406 and "<html" not in ide.text.lower()  # no page: JSON only
        typename = httpx.post(f"{server.url}/graphql", json={"query": "{ __typename }"})
        assert typename.json() == {"data": {"__typename": "Query"}}
    finally:
        stop_serve(server.process)
