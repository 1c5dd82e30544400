"""Clients no one here wrote: the `gql` Python client with schema validation from
introspection, and graphql-http's GraphQL-over-HTTP server audit (npm)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from gql import Client, gql
from gql.transport.requests import RequestsHTTPTransport
from graphql import GraphQLError

AUDIT = Path(__file__).resolve().parent / "audit"


@pytest.fixture
def client(live_server: str) -> Client:
    transport = RequestsHTTPTransport(url=f"{live_server}/graphql", timeout=30)
    return Client(transport=transport, fetch_schema_from_transport=True)


def test_gql_client_runs_queries_validated_against_the_served_schema(client):
    with client as session:
        request = gql("query ($n: String!) { unit(name: $n) { name tasks { totalCount } } }")
        request.variable_values = {"n": "县发改局"}
        result = session.execute(request)
        assert result == {"unit": {"name": "县发展改革局", "tasks": {"totalCount": 22}}}
        assert client.schema is not None and client.schema.get_type("TaskConnection")
        # validated on the client against the introspected schema, never sent
        with pytest.raises(GraphQLError, match="nosuchfield"):
            session.execute(gql('{ unit(name: "县发改局") { nosuchfield } }'))


def run_audit(url: str) -> list[dict]:
    node = shutil.which("node")
    assert node, "the graphql-http audit needs Node.js (node) on PATH"
    assert (AUDIT / "node_modules" / "graphql-http").is_dir(), (
        "graphql-http is not installed: run `make setup` (npm ci --prefix tests/api/audit)"
    )
    out = subprocess.run(
        [node, str(AUDIT / "audit.mjs"), url],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(out.stdout)


def test_graphql_http_audit_every_must_passes(live_server):
    results = run_audit(f"{live_server}/graphql")
    musts = [r for r in results if r["name"].startswith("MUST")]
    assert len(musts) >= 10
    failed = [f"{r['name']}: {r['reason']}" for r in musts if r["status"] != "ok"]
    assert not failed, failed
    # our HTTP layer exists for these SHOULDs (4xx before execution for
    # application/graphql-response+json); strawberry alone fails them
    shoulds = {r["name"]: r["status"] for r in results if r["name"].startswith("SHOULD")}
    assert (
        shoulds[
            "SHOULD use 400 status code on document validation failure when accepting "
            "application/graphql-response+json"
        ]
        == "ok"
    )
