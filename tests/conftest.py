"""Shared fixtures: small hand-built plans, and stores to load them into.

`store` runs a test once per store kind, each a real server:
- "embedded": the embedded FalkorDB (a child process on a Unix socket in a temp dir);
- "bolt": the Neo4j code path (official driver, Neo4jStore) against FalkorDB's Bolt
  endpoint, started here on a free port;
- "neo4j": a real Neo4j at NEO4J_URI (skipped when unset). The graph is cleared between
  tests, so point NEO4J_URI at a throwaway database.
Servers are session-wide; every test gets an empty graph. `sample_store` is a store with
the sample plan loaded.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from dutygraph.graph.embedded import EmbeddedStore
from dutygraph.graph.neo4j_store import Neo4jStore
from dutygraph.graph.setup import ensure_schema
from dutygraph.graph.store import Store, open_store
from dutygraph.loaders.model import Plan
from tests.factories import SAMPLE, make_plan
from tests.servers import BoltServer, bolt_port, start_serve, stop_serve


@pytest.fixture
def plan() -> Plan:
    return make_plan()


# --- stores --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def embedded_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(str(tmp_path_factory.mktemp("embedded") / "db"))
    assert isinstance(store, EmbeddedStore)
    yield store
    store.close()


@pytest.fixture(scope="session")
def bolt_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Neo4jStore through the neo4j driver, on FalkorDB's Bolt endpoint (no password)."""
    falkordb = BoltServer(tmp_path_factory.mktemp("bolt-store"), bolt_port())
    falkordb.start()
    try:
        store = Neo4jStore(falkordb.uri)
        ensure_schema(store)
        yield store
        store.close()
    finally:
        falkordb.stop()


@pytest.fixture(scope="session")
def neo4j_store() -> Iterator[Store]:
    """A real Neo4j at NEO4J_URI (credentials from NEO4J_USER / NEO4J_PASSWORD)."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("NEO4J_URI is not set: no real Neo4j to test against")
    store = open_store(uri)
    yield store
    store.close()


@pytest.fixture(params=["embedded", "bolt", "neo4j"])
def store(request: pytest.FixtureRequest) -> Store:
    """An empty graph in each kind of store."""
    store: Store = request.getfixturevalue(f"{request.param}_store")
    store.write("MATCH (n) DETACH DELETE n")
    return store


@pytest.fixture
def sample_store(store: Store) -> Store:
    """`store` with samples/luhe-old-area-plan.txt loaded (needs the parser)."""
    from dutygraph.graph.load import load_plan
    from dutygraph.loaders import parse_file

    load_plan(store, parse_file(SAMPLE))
    return store


# --- a live server (API engineer) ------------------------------------------------------------


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dutygraph serve` of the sample on a fresh embedded store, on a free 127.0.0.1 port.

    Yields the base URL (http://127.0.0.1:PORT); the explorer is at /, GraphQL at /graphql.
    A real child process, stopped (and its store closed) at the end of the session.
    """
    served = start_serve(str(tmp_path_factory.mktemp("live") / "db"), SAMPLE)
    yield served.url
    stop_serve(served.process)


# --- the API's tests (API engineer) ----------------------------------------------------------


@pytest.fixture(scope="session")
def bolt_live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dutygraph serve` of the sample over the Neo4j code path, on a FalkorDB Bolt
    endpoint on 127.0.0.1; yields the base URL."""
    falkordb = BoltServer(tmp_path_factory.mktemp("bolt-live"), bolt_port())
    falkordb.start()
    try:
        served = start_serve(falkordb.uri, SAMPLE)
        yield served.url
        stop_serve(served.process)
    finally:
        falkordb.kill()


@pytest.fixture(scope="session", params=["embedded", "bolt"])
def server_url(request: pytest.FixtureRequest) -> str:
    """The base URL of `dutygraph serve` on the sample, over each store."""
    name = "live_server" if request.param == "embedded" else "bolt_live_server"
    return request.getfixturevalue(name)


@pytest.fixture
def sample_schema(sample_store: Store):
    """The GraphQL schema run in-process over the sample (tests/schema/schema_runner.py)."""
    from tests.schema.schema_runner import Runner

    return Runner(sample_store)


@pytest.fixture
def small_plan(tmp_path: Path) -> Plan:
    """A plan of 5 tasks: the sample's first two subsections, cut short."""
    from dutygraph.loaders import parse_file

    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    start = lines.index("二、责任分工")
    second = next(i for i, line in enumerate(lines) if line.startswith("（二）") and i > start)
    body = [line for line in lines[start : second + 3] if not line.startswith("各级党委")]
    path = tmp_path / "small-plan.txt"
    path.write_text("\n".join(["陆河县某项工作方案", *body]) + "\n", encoding="utf-8")
    return parse_file(path)
