"""The compiled path (schema/compiled.py) answers every operation exactly as the
resolvers do: the same JSON, key order and errors included, on the sample and on a store
of several plans, over both store code paths; and a compiled request is one round trip.

Generated operations: DIFF_EXAMPLES of them per store (default 100; the done-when figure
of 2,000+ is `DIFF_EXAMPLES=2000 pytest tests/schema/test_compiled.py`). The default run
(CI's) draws the same 100 every time, so a red run names an operation anyone can run
again; a run given DIFF_EXAMPLES draws new ones each time, to search wider.
"""

from __future__ import annotations

import asyncio
import json
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from dutygraph.graph.load import load_plan
from dutygraph.graph.store import Store
from dutygraph.schema import compiled
from dutygraph.schema.context import Context
from dutygraph.schema.schema import build_schema
from tests.factories import make_plan
from tests.schema.operations import Values, operations, suite_documents

EXAMPLES = int(os.environ.get("DIFF_EXAMPLES", "100"))
WIDER = "DIFF_EXAMPLES" in os.environ
COMPILED = build_schema()
REFERENCE = build_schema(compiled=False)
# The benchmark's nested queries and the explorer's busiest: these must compile.
MUST_COMPILE = [
    "{ tasks(first: 100) { totalCount edges { node { code text "
    "assignments { role rank unit { name } } } } } }",
    '{ unit(name: "县发展改革局", place: "陆河县") { name tasks(first: 100) '
    "{ edges { role node { code } } } partners(first: 20) { shared unit { name } } } }",
    "{ workload(first: 10) { total lead support unit { name } } }",
    '{ partners(unit: "县发展改革局", first: 20, place: "陆河县") { shared unit { name } } }',
]


@pytest.fixture(params=["sample", "plans"])
def loaded(request: pytest.FixtureRequest, store: Store) -> Store:
    """The sample alone, or the sample and two more plans sharing its units' names."""
    sample = request.getfixturevalue("sample_store")
    if request.param == "plans":
        load_plan(sample, make_plan("plans/a.txt"))
        load_plan(sample, make_plan("plans/b.txt", title="另一县工作方案"))
    return sample


def answer(schema: Any, store: Store, query: str, variables: dict | None) -> str:
    result = asyncio.run(
        schema.execute(query, variable_values=variables, context_value=Context(store))
    )
    errors = [e.formatted for e in result.errors] if result.errors else None
    return json.dumps({"data": result.data, "errors": errors}, ensure_ascii=False)


def variables_for(query: str, values: Values) -> dict[str, Any]:
    """Values for the variables a suite document declares, by name."""
    kinds = {"Task": "Task", "Unit": "Unit", "Policy": "Policy", "Project": "Project",
             "Section": "Section", "Document": "Document"}  # fmt: skip
    label = next((k for k in kinds if f"query {k}" in query), "Task")
    return {
        "uid": values.uids[label][0], "u": values.uids["Unit"][0], "name": "县发改局",
        "n": "县发展改革局", "role": "LEAD", "text": "产业", "first": 5, "depth": 1,
        "limit": 20, "after": None, "filter": None, "flag": True, "from": values.uids["Task"][0],
        "to": values.uids["Unit"][0], "a": None, "place": "陆河县", "matrix": 5,
    }  # fmt: skip


def test_every_suite_and_explorer_document_answers_the_same(loaded: Store) -> None:
    values = Values(loaded)
    documents = suite_documents()
    assert len(documents) > 50
    for query in documents:
        variables = variables_for(query, values)
        assert answer(COMPILED, loaded, query, variables) == answer(
            REFERENCE, loaded, query, variables
        ), query


def test_generated_operations_answer_the_same(loaded: Store) -> None:
    values = Values(loaded)
    compiled = 0

    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, derandomize=not WIDER,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )  # fmt: skip
    @given(operations(COMPILED._schema, values))
    def same(operation: tuple[str, dict]) -> None:
        nonlocal compiled
        query, variables = operation
        if asyncio.run(_compiles(loaded, query, variables)):
            compiled += 1
        assert answer(COMPILED, loaded, query, variables) == answer(
            REFERENCE, loaded, query, variables
        ), query

    same()
    print(f"\n{EXAMPLES} generated operations, {compiled} of them compiled")
    assert compiled > EXAMPLES // 10  # the generator reaches the compiled path


def compiled_trips(store: Store, query: str) -> int | None:
    """The store round trips the compiled path took for `query`; None when it gave way."""
    before = store.round_trips
    ran = asyncio.run(COMPILED.compiled.run(query, None, None, Context(store)))
    return None if ran is None else store.round_trips - before


def answers_alike(store: Store, query: str) -> bool:
    """Whether the compiling schema and the resolvers give `query` the same answer."""
    return answer(COMPILED, store, query, None) == answer(REFERENCE, store, query, None)


async def _compiles(store: Store, query: str, variables: dict | None) -> bool:
    return await COMPILED.compiled.run(query, variables, None, Context(store)) is not None


def test_a_compiled_request_is_one_store_round_trip(loaded: Store) -> None:
    for query in MUST_COMPILE:
        before = loaded.round_trips
        assert asyncio.run(_compiles(loaded, query, None)), query
        assert loaded.round_trips - before == 1
        before = loaded.round_trips
        answer(REFERENCE, loaded, query, None)
        assert loaded.round_trips - before > 1  # the resolvers' several


def test_an_answer_holding_an_error_is_the_resolvers(loaded: Store) -> None:
    load_plan(loaded, make_plan("plans/c.txt"))  # its 县发展改革局 is of no place
    query = '{ unit(name: "县发展改革局") { name } }'
    before = loaded.round_trips
    assert not asyncio.run(_compiles(loaded, query, None))  # one trip, then it gives way
    assert loaded.round_trips - before == 1
    assert "give place" in answer(COMPILED, loaded, query, None)


@pytest.mark.parametrize(
    "query",
    [MUST_COMPILE[1], '{ unit(name: "县发改局", place: "陆河县") { tasks(first: 3, role: LEAD, '
     'after: "dGFzazow") { totalCount edges { cursor role node { code } } } } }'],
)  # fmt: skip
def test_a_small_units_page_is_sorted_at_once_and_a_large_ones_walked(
    loaded: Store, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    schema = build_schema()  # plans of its own
    reference = answer(REFERENCE, loaded, query, None)
    plan = schema.compiled.plan(query, None, None)
    assert plan is not None and plan.sorted_pages not in (None, plan.cypher)
    assert plan.statement() == plan.cypher  # the first request walks
    assert answer(schema, loaded, query, None) == reference
    assert plan.statement() == plan.sorted_pages  # the unit proved small
    assert answer(schema, loaded, query, None) == reference
    monkeypatch.setattr(compiled, "SMALL_UNIT", 0)
    assert answer(schema, loaded, query, None) == reference
    assert plan.statement() == plan.cypher  # over the bound: walked again
