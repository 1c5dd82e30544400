"""The resolvers' executor (schema/executor.py): when sibling fields fail a non-null type,
the error reported is the first field's in document order, however long each took.

Each operation below puts first the field that fails later in time: after more store
calls, or after some where its sibling fails before any. graphql-core alone reports the
sibling's error, or lists the errors in the order they happened (most runs or every
run); each is run several times.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
import strawberry

from dutygraph.graph.load import load_plan
from dutygraph.graph.store import Store
from dutygraph.schema.context import Context
from dutygraph.schema.executor import DocumentOrderExecutor
from dutygraph.schema.limits import TimedSchema, extensions
from dutygraph.schema.query import Query
from dutygraph.schema.schema import build_schema
from tests.factories import make_plan

RESOLVERS = build_schema(compiled=False)
RUNS = 6
GIVE_PLACE = "县发改局 is named in 2 places (no place, 陆河县): give place"
NO_UNIT = "No unit is named '无此单位' (canonical name or alias)"
FIRST = "`first` must be between 0 and 100; got 101"


@pytest.fixture
def plans(sample_store: Store) -> Store:
    """The sample and a plan of no place: its 县发展改革局 (alias 县发改局) is a second one."""
    load_plan(sample_store, make_plan("plans/a.txt"))
    return sample_store


def errors(store: Store, query: str) -> tuple[object, list[tuple[str, list]]]:
    result = asyncio.run(RESOLVERS.execute(query, context_value=Context(store)))
    return result.data, [(e.message, e.path) for e in result.errors or []]


@pytest.mark.parametrize(
    ("query", "error"),
    [
        # two store reads (the name, then its expansion) against one
        ('{ a: partners(unit: "县发改局") { shared } b: partners(unit: "无此单位") { shared } }',
         (GIVE_PLACE, ["a"])),
        # one store read against none (the sibling refuses its argument at once)
        ('{ a: partners(unit: "无此单位") { shared } b: search(text: "一") { __typename } }',
         (NO_UNIT, ["a"])),
    ],
)  # fmt: skip
def test_of_two_failing_root_fields_the_first_in_the_document_is_reported(
    plans: Store, query: str, error: tuple[str, list]
) -> None:
    for _ in range(RUNS):
        assert errors(plans, query) == (None, [error])


def test_a_nested_failure_is_chosen_by_document_order_too(plans: Store) -> None:
    # `a` fails (its non-null chain up to `unit`) after the unit's tasks and their units
    # are read; `b` fails before reading anything
    query = (
        '{ unit(name: "县发展改革局", place: "陆河县") { a: tasks(first: 1) { edges { node '
        "{ assignments { unit { partners(first: 101) { shared } } } } } } "
        "b: partners(first: 101) { shared } } }"
    )
    path = ["unit", "a", "edges", 0, "node", "assignments", 0, "unit", "partners"]
    for _ in range(RUNS):
        assert errors(plans, query) == ({"unit": None}, [(FIRST, path)])


def test_a_sibling_that_fails_later_still_reports_its_error(plans: Store) -> None:
    # `a` nulls the whole answer at once; `b`, nullable, fails after a store read: its
    # error is reported every time, not only when it happens to come first, and before
    # the error that nulled the answer
    query = '{ a: search(text: "一") { __typename } b: unit(name: "县发改局") { name } }'
    first = ("search needs at least 2 characters", ["a"])
    for _ in range(RUNS):
        assert errors(plans, query) == (None, [(GIVE_PLACE, ["b"]), first])


@pytest.mark.parametrize(
    ("b", "b_error"),
    [
        # refused before any read
        ('b: unit(name: "县发改局", uid: "unit:none") { name }', ["b"]),
        # one read, then its non-null `tasks` refuses `first`: `b` becomes null
        ('b: unit(name: "县发展改革局", place: "陆河县") { tasks(first: 101) { totalCount } }',
         ["b", "tasks"]),
    ],
)  # fmt: skip
def test_errors_are_listed_in_document_order(plans: Store, b: str, b_error: list) -> None:
    query = f'{{ a: unit(name: "县发改局") {{ name }} {b} }}'  # `a`: two reads, then its error
    for _ in range(RUNS):
        data, found = errors(plans, query)
        assert data == {"a": None, "b": None}
        assert [path for _, path in found] == [["a"], b_error]


# --- objects of plain fields, read at once ---------------------------------------------------


class Walking(DocumentOrderExecutor):
    """The executor with every field walked by graphql-core: the reference for the plain
    objects the executor reads at once."""

    def _plain(self, *_: object) -> None:
        return None


@strawberry.type
class Item:
    code: str
    note: str | None
    count: int


@strawberry.type
class Items:
    @strawberry.field
    def items(self, kind: str) -> list[Item]:
        # `code` None fails its non-null type; a count of "many" fails Int's coercion
        broken = {
            "null": Item(code=None, note="x", count=1),  # type: ignore[arg-type]
            "int": Item(code="b", note=None, count="many"),  # type: ignore[arg-type]
        }
        return [Item(code="a", note=None, count=2), broken[kind], Item(code="c", note="y", count=3)]

    @strawberry.field
    def maybe(self) -> list[Item | None]:
        return [Item(code="a", note=None, count=2), None]


def run_both(schema_of: Callable[[type], strawberry.Schema], query: str, **kw: Any) -> list:
    answers = []
    for executor in (DocumentOrderExecutor, Walking):
        result = asyncio.run(schema_of(executor).execute(query, **kw))
        answers.append((result.data, [(e.message, e.path) for e in result.errors or []]))
    assert answers[0] == answers[1]
    return answers[0]


@pytest.mark.parametrize("kind", ["null", "int"])
def test_a_plain_field_that_fails_reports_what_graphql_core_reports(kind: str) -> None:
    def schema_of(executor: type) -> strawberry.Schema:
        return strawberry.Schema(query=Items, execution_context_class=executor)

    query = f'{{ items(kind: "{kind}") {{ __typename code n: note count }} }}'
    data, found = run_both(schema_of, query)
    assert data is None and [path for _, path in found] == [
        ["items", 1, "code" if kind == "null" else "count"]
    ]
    assert run_both(schema_of, "{ maybe { code } }") == ({"maybe": [{"code": "a"}, None]}, [])
    ok = run_both(schema_of, '{ items(kind: "null") { note __typename } }')
    assert ok == (
        {
            "items": [
                {"note": None, "__typename": "Item"},
                {"note": "x", "__typename": "Item"},
                {"note": "y", "__typename": "Item"},
            ]
        },
        [],
    )


def test_plain_objects_answer_as_graphql_core_walks_them(sample_store: Store) -> None:
    def schema_of(executor: type) -> strawberry.Schema:
        return TimedSchema(
            query=Query, extensions=extensions(), execution_context_class=executor, timeout=10
        )

    query = (
        "query ($u: ID!, $t: Boolean!) { neighborhood(uid: $u, depth: 2, limit: 60) { "
        "nodes { __typename id: uid label name text @include(if: $t) place } "
        "edges { source target type role } } "
        "units(first: 5) { name aliases place level } }"
    )
    unit = "unit:陆河县/县发展改革局"
    for shown in (True, False):
        variables = {"u": unit, "t": shown}
        data, found = run_both(
            schema_of, query, variable_values=variables, context_value=Context(sample_store)
        )
        assert not found and len(data["neighborhood"]["nodes"]) == 60
        assert ("text" in data["neighborhood"]["nodes"][1]) is shown
