"""search, a union, compiled: one statement for every form of the text (as written,
folded, abbreviations spelled out), each member type's own selection, ranked as the
resolvers rank (graph/search.best_hits); the same answer as theirs."""

from __future__ import annotations

import pytest

from dutygraph.graph.store import Store
from tests.schema.test_compiled import COMPILED, answer, answers_alike, compiled_trips

SEARCHES = [
    '{ search(text: "产业", first: 20) { __typename ... on Task { code text } '
    "... on Unit { name } ... on Project { name } ... on Policy { name } } }",
    # Traditional and abbreviated: three forms, each its own CALL
    '{ a: search(text: "縣發改局", first: 5) { __typename ... on Unit { name '
    "tasks(first: 2) { totalCount edges { node { code } } } } } "
    'b: search(text: "资金", first: 3) { ... on Policy { name kind } } }',
    '{ search(text: "青梅茶叶", first: 7) { ... on Task { code '
    "assignments { role unit { name } } } } }",
    '{ search(text: "产业", first: 0) { __typename } }',
]


@pytest.mark.parametrize("query", SEARCHES)
def test_a_search_is_one_statement_answering_as_the_resolvers(
    sample_store: Store, query: str
) -> None:
    # on FalkorDB's Bolt endpoint the resolvers answer and the compiled path sends nothing
    assert compiled_trips(sample_store, query) == (1 if sample_store.nested_unions else None)
    assert answers_alike(sample_store, query)


def test_a_search_the_resolvers_refuse_is_theirs(sample_store: Store) -> None:
    query = '{ search(text: " 产 ", first: 5) { __typename } }'
    assert compiled_trips(sample_store, query) is None
    assert "at least 2 characters" in answer(COMPILED, sample_store, query, None)
