"""The Neo4j code path: the official driver against FalkorDB's Bolt endpoint (and a real
Neo4j when NEO4J_URI is set): dialect, batching, one-line errors.

What can be tested here without a Neo4j: an unreachable server (ServiceUnavailable) and
credentials the server refuses. FalkorDB's Bolt endpoint takes no credentials at all and
answers any with a DatabaseError, so Neo4j's own AuthError (wrong password) is checked
against a real Neo4j only (`test_wrong_password_on_real_neo4j`).
"""

from __future__ import annotations

import os
import re
import socket
import time
from pathlib import Path

import pytest

from dutygraph.errors import StoreError
from dutygraph.graph.load import LOAD, load_plan, stats, steps
from dutygraph.graph.model import plan_rows
from dutygraph.graph.neo4j_store import Neo4jStore
from dutygraph.graph.store import Store, open_store
from tests.factories import make_plan
from tests.servers import BoltServer, bolt_port


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens


def test_falkordb_over_bolt_is_recognised(bolt_store: Neo4jStore) -> None:
    assert bolt_store.dialect == "falkordb"
    assert bolt_store.max_params_bytes is not None
    assert not bolt_store.nested_unions


def test_a_document_is_sent_in_batches_under_the_limit() -> None:
    params = plan_rows(make_plan()).as_params()
    params["tasks"] = params["tasks"] * 40  # about 12 KB of task rows
    # what load_plan reads before the write: nothing was loaded before
    extras = (
        "stale_units",
        "stale_projects",
        "stale_policies",
        "unit_deltas",
        "pair_deltas",
        "tasks_in",
    )
    params |= {key: [] for key in extras}

    batches = [p["tasks"] for _, p in steps(LOAD, params, 3000) if "tasks" in p]

    # one block of tasks: each task is created with its HAS_TASK edge
    assert sum(len(b) for b in batches) == len(params["tasks"])
    assert all(len(str(b).encode()) < 4096 for b in batches)
    assert len(batches) > 3


def test_unreachable_server_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    uri = f"bolt://127.0.0.1:{closed_port()}"
    started = time.monotonic()

    with pytest.raises(StoreError) as caught:
        open_store(uri)

    message = str(caught.value)
    assert message.startswith(f"cannot reach Neo4j at {uri}: ")
    assert "\n" not in message
    assert time.monotonic() - started < 15


def test_refused_credentials_are_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_USER", "neo4j")
    monkeypatch.setenv("NEO4J_PASSWORD", "wrong")
    # A server of its own: FalkorDB's Bolt endpoint may stop answering after this.
    falkordb = BoltServer(tmp_path, bolt_port())
    falkordb.start()
    uri = falkordb.uri
    try:
        with pytest.raises(StoreError) as caught:
            open_store(uri)
    finally:
        falkordb.kill()

    message = str(caught.value)
    assert message.startswith(f"Neo4j at {uri} failed: ")
    assert "\n" not in message


def test_unsupported_uri_scheme() -> None:
    with pytest.raises(StoreError, match=r"unsupported --db 'http://x'"):
        open_store("http://x")


def test_cypher_error_is_a_store_error(bolt_store: Store) -> None:
    with pytest.raises(StoreError, match=r"^(query failed|Neo4j at \S+ failed): "):
        bolt_store.read("MATCH (n RETURN n")
    bolt_store.ping()  # the store is still usable


def test_round_trips_count_each_statement(store: Store) -> None:
    before = store.round_trips
    store.read("RETURN 1 AS one")
    store.write("CREATE (:Probe {uid: 'p'})")
    assert store.round_trips == before + 2


@pytest.mark.neo4j
def test_wrong_password_on_real_neo4j(monkeypatch: pytest.MonkeyPatch) -> None:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("NEO4J_URI is not set: no real Neo4j to refuse a password")
    monkeypatch.setenv("NEO4J_PASSWORD", "certainly-not-the-password")

    with pytest.raises(StoreError) as caught:
        open_store(uri)

    assert "refused the credentials" in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.neo4j
def test_failed_transaction_leaves_nothing_on_real_neo4j(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write("MATCH (n) DETACH DELETE n")
    load_plan(neo4j_store, make_plan())
    before = stats(neo4j_store)

    with pytest.raises(StoreError):
        neo4j_store.write_all(
            [
                ("MATCH (n) DETACH DELETE n", {}),
                ("CREATE (:Task {uid: $v})", {"v": {"a": 1}}),  # a map: no property value
            ]
        )

    assert stats(neo4j_store) == before


def test_parameters_too_big_for_falkordb_bolt_are_refused_not_sent(bolt_store: Store) -> None:
    with pytest.raises(StoreError, match=r"FalkorDB's Bolt endpoint .* crashes"):
        bolt_store.read("RETURN size($s) AS n", {"s": "内容" * 1000})
    assert bolt_store.read("RETURN size($s) AS n", {"s": "内容" * 500}) == [{"n": 1000}]


def test_neo4j_uri_from_the_environment_when_no_db_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    uri = f"bolt://127.0.0.1:{closed_port()}"
    monkeypatch.setenv("NEO4J_URI", uri)
    with pytest.raises(StoreError, match=re.escape(f"cannot reach Neo4j at {uri}")):
        open_store(None)
