"""POST /graphql answered by the compiled path ahead of strawberry's router (api/app.py,
api/conformance.py): the same bytes as the resolvers give, in one store round trip, with
the conformance rules, the size limit and the fallbacks of the router path."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import httpx
import orjson

from dutygraph.api.app import create_app
from dutygraph.api.settings import Settings
from dutygraph.graph.load import load_plan
from dutygraph.graph.store import Store
from dutygraph.schema.context import Context
from dutygraph.schema.schema import build_schema
from tests.factories import make_plan
from tests.schema.test_compiled import MUST_COMPILE

REFERENCE = build_schema(compiled=False)
GRAPHQL_RESPONSE = "application/graphql-response+json"


def post(settings: Settings, store: Store, query: str, accept: str = "application/json"):
    """The response to one POST, and how many store round trips it took."""

    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=create_app(settings, store))
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as http:
            return await http.post("/graphql", json={"query": query}, headers={"accept": accept})

    before = store.round_trips
    response = asyncio.run(run())
    return response, store.round_trips - before


def resolvers_answer(store: Store, query: str) -> bytes:
    result = asyncio.run(REFERENCE.execute(query, context_value=Context(store)))
    out: dict = {"data": result.data}
    if result.errors:
        out["errors"] = [e.formatted for e in result.errors]
    return orjson.dumps(out)


def test_a_compiled_answer_is_the_resolvers_in_one_round_trip(sample_store: Store) -> None:
    for query in MUST_COMPILE:
        for accept in ("application/json", GRAPHQL_RESPONSE):
            response, trips = post(Settings(), sample_store, query, accept)
            assert response.status_code == 200
            assert response.headers["content-type"] == f"{accept}; charset=utf-8"
            assert response.headers["x-content-type-options"] == "nosniff"
            assert response.content == resolvers_answer(sample_store, query), query
            assert trips == 1


def test_an_answer_needing_the_resolvers_runs_its_statement_once(sample_store: Store) -> None:
    load_plan(sample_store, make_plan("plans/c.txt"))  # its 县发展改革局 is of no place
    query = '{ unit(name: "县发展改革局") { name } }'
    before = sample_store.round_trips
    expected = resolvers_answer(sample_store, query)
    resolver_trips = sample_store.round_trips - before
    response, trips = post(Settings(), sample_store, query)
    assert b"give place" in response.content and response.content == expected
    assert trips == 1 + resolver_trips  # the compiled statement, then the resolvers alone


def test_an_answer_over_the_size_limit_is_refused_as_the_router_refuses_it(
    sample_store: Store,
) -> None:
    settings = Settings()
    small = replace(settings, limits=replace(settings.limits, max_response_bytes=200))
    query = MUST_COMPILE[0]
    response, trips = post(small, sample_store, query, GRAPHQL_RESPONSE)
    assert trips == 1
    assert response.status_code == 400  # a request error, for a graphql-response+json client
    [error] = response.json()["errors"]
    assert "the limit is 200" in error["message"] and "data" not in response.json()
    plain, _ = post(small, sample_store, query)
    assert plain.status_code == 200 and plain.json()["data"] is None
