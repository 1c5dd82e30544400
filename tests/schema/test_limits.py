"""Refusals come at once (before any store work) with a clear message; internal errors
are masked and logged; a request that runs too long is stopped."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from dutygraph.graph import nodes
from dutygraph.schema.context import Context
from dutygraph.schema.limits import Limits
from dutygraph.schema.schema import build_schema
from tests.schema.schema_runner import Runner


@pytest.fixture
def empty_schema(store) -> Runner:
    return Runner(store)


def deep_query(depth: int) -> str:
    """A query `depth` fields deep, walking unit -> tasks -> ... -> unit -> ..., one task a
    level so that its cost stays low and its depth is what is refused."""
    cycle = ["tasks(first: 1)", "edges", "node", "assignments", "unit"]
    fields = ['unit(name: "县发改局")'] + [cycle[i % len(cycle)] for i in range(depth - 2)]
    leaf = {"tasks(first: 1)": "totalCount", "edges": "cursor", "node": "code"}.get(
        fields[-1], "name"
    )
    if fields[-1] == "assignments":
        leaf = "rank"
    return "{ " + " { ".join(fields) + " { " + leaf + " }" * len(fields) + " }"


def refused(gql: Runner, query: str) -> str:
    before = gql.store.round_trips
    (message,) = gql.errors(query)
    assert gql.store.round_trips == before, "a refusal must not reach the store"
    return message


def test_depth_20_refused(empty_schema):
    assert "exceeds maximum operation depth" in refused(empty_schema, deep_query(20))


def test_depth_within_limit_runs(empty_schema):
    assert empty_schema.ok(deep_query(8)) == {"unit": None}


def test_1000_aliases_refused(empty_schema):
    query = "{ " + " ".join(f"a{i}: __typename" for i in range(1000)) + " }"
    assert "aliases" in refused(empty_schema, query)


def test_too_many_tokens_refused(empty_schema):
    query = "{ " + " ".join(["__typename"] * 6000) + " }"
    assert "token" in refused(empty_schema, query).lower()


def test_1mb_document_refused(empty_schema):
    query = "{ __typename }\n#" + "x" * 1_000_000
    message = refused(empty_schema, query)
    assert "bytes" in message and "limit" in message


@pytest.mark.parametrize(
    "query",
    [
        "{ tasks(first: 1000000) { totalCount } }",
        '{ search(text: "抽水蓄能", first: 1000000) { __typename } }',
        "{ workload(first: 101) { total } }",
        '{ neighborhood(uid: "unit:陆河县/县发展改革局", limit: 1000000) { nodes { uid } } }',
    ],
)
def test_first_above_cap_refused(empty_schema, query):
    message = refused(empty_schema, query)
    assert "must be between 0 and" in message and "got" in message


def test_foreign_cursor_refused(empty_schema):
    assert "cursor" in refused(empty_schema, '{ tasks(after: "bm9wZQ==") { totalCount } }')


def test_internal_errors_are_masked_and_logged(store, monkeypatch, caplog):
    def broken(*_args, **_kwargs):
        raise RuntimeError("secret detail of the internals")

    monkeypatch.setattr(nodes, "documents", broken)
    with caplog.at_level(logging.ERROR, logger="dutygraph.api"):
        (message,) = Runner(store, compiled=False).errors("{ documents { totalCount } }")
    assert message == "Internal error."
    assert "secret detail" in caplog.text


def test_a_request_that_runs_too_long_is_stopped(store, monkeypatch):
    def slow(*_args, **_kwargs):
        time.sleep(0.5)
        return []

    monkeypatch.setattr(nodes, "documents", slow)
    schema = build_schema(Limits(timeout_seconds=0.05), compiled=False)
    query = "{ documents { totalCount } }"
    result = asyncio.run(schema.execute(query, context_value=Context(store)))
    assert result.data is None
    assert "longer than 0.05 s" in result.errors[0].message
