"""A unit named by name or abbreviation: the compiled path finds the candidates the
resolvers do (graph/nodes.units_by_name), exact names kept first, an abbreviation reaching
every place whose unit it abbreviates."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from dutygraph.graph.load import load_plan
from dutygraph.graph.store import Store
from dutygraph.loaders.model import Plan
from dutygraph.schema.context import Context
from tests.factories import make_plan
from tests.schema.test_compiled import COMPILED, answer, answers_alike, compiled_trips


def _without_aliases(source: str, place: str) -> Plan:
    plan = make_plan(source, title=f"{place}工作方案", place=place)
    return replace(plan, units=tuple(replace(u, aliases=()) for u in plan.units))


def test_an_abbreviation_of_units_in_two_places_asks_for_the_place(sample_store: Store) -> None:
    # the sample's 县发展改革局 (陆河县) wrote 县发改局; the other county's unit of the full
    # name never did, yet 县发改局 abbreviates it too: two places, so the caller must say
    load_plan(sample_store, _without_aliases("plans/other.txt", "乙县"))
    query = '{ unit(name: "县发改局") { name place } }'
    assert answers_alike(sample_store, query)
    assert "give place" in answer(COMPILED, sample_store, query, None)
    # with the place, each is found, by the compiled path itself
    for place in ("陆河县", "乙县"):
        one = f'{{ unit(name: "县发改局", place: "{place}") {{ name place }} }}'
        ran = asyncio.run(COMPILED.compiled.run(one, None, None, Context(sample_store)))
        assert ran is not None and ran.data == {"unit": {"name": "县发展改革局", "place": place}}
        assert answers_alike(sample_store, one)


def test_an_exact_name_wins_over_a_unit_that_has_it_as_an_alias(sample_store: Store) -> None:
    # 乙县's 县发改局 is a unit of that very name; 陆河县's only wrote it as an alias
    plan = make_plan("plans/other.txt", title="乙县工作方案", place="乙县",
                     tasks={"协调": [("统筹推进项目建设。", ["县发改局"])]})  # fmt: skip
    load_plan(sample_store, plan)
    query = '{ unit(name: "县发改局") { name place } }'
    ran = asyncio.run(COMPILED.compiled.run(query, None, None, Context(sample_store)))
    assert ran is not None and ran.data == {"unit": {"name": "县发改局", "place": "乙县"}}
    assert answers_alike(sample_store, query)


UNIT_FILTERED = [
    '{ tasks(filter: {unit: "县发展改革局", place: "陆河县"}) { totalCount } }',
    '{ tasks(filter: {unit: "县发改局", place: "陆河县", role: LEAD}, first: 3, after: "dGFzazow") '
    "{ totalCount pageInfo { hasNextPage endCursor } edges { cursor node { code } } } }",
    '{ tasks(filter: {unit: "县财政局", place: "陆河县", role: SUPPORT}, first: 2) '
    "{ edges { node { code assignments { unit { name } } } } } }",
]


@pytest.mark.parametrize("query", UNIT_FILTERED)
def test_one_units_tasks_are_one_statement_as_the_resolvers_read_them(
    sample_store: Store, query: str
) -> None:
    assert compiled_trips(sample_store, query) == 1
    assert answers_alike(sample_store, query)


def test_a_unit_filter_naming_several_units_or_none_is_the_resolvers(sample_store: Store) -> None:
    load_plan(sample_store, make_plan("plans/a.txt"))  # its 县发展改革局 is of no place
    for query in (
        '{ tasks(filter: {unit: "县发展改革局"}) { totalCount } }',  # two units: both counted
        '{ tasks(filter: {unit: "没有这个局"}) { totalCount } }',  # the resolvers' error
        '{ tasks(filter: {unit: "县发展改革局", document: "x"}) { totalCount } }',
    ):
        assert compiled_trips(sample_store, query) is None
        assert answers_alike(sample_store, query)
