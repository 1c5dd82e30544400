"""Queries inside every other limit that would still take the server down: refused by their
cost before validation or execution, cut at the response size, stopped in the store."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

import pytest

from dutygraph.api.app import create_app
from dutygraph.api.settings import Settings
from dutygraph.errors import LimitError
from dutygraph.graph.embedded import EmbeddedStore
from dutygraph.graph.load import load_plan
from dutygraph.schema.limits import DEFAULT_LIMITS
from tests.factories import make_plan
from tests.schema.schema_runner import Runner
from tests.security.test_exposure import call


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = EmbeddedStore.open(tmp_path_factory.mktemp("cost") / "db")
    load_plan(store, make_plan())
    yield store
    store.close()


def refused(runner: Runner, query: str) -> str:
    before = runner.store.round_trips
    (message,) = runner.errors(query)
    assert runner.store.round_trips == before, "the store was asked before the refusal"
    return message


def fan_out(levels: int) -> str:
    """units -> tasks -> units -> tasks …, `first: 100` at every level."""
    query = "code"
    for level in range(levels):
        if level % 2 == 0:
            query = f"tasks(first: 100) {{ edges {{ node {{ {query} }} }} }}"
        else:
            query = f"units {{ name {query} }}"
    return f"{{ units(first: 100) {{ name {query} }} }}"


def test_a_nested_fan_out_is_refused_before_execution(loaded) -> None:
    message = refused(Runner(loaded), fan_out(3))
    assert message.startswith("The query would cost ")
    assert "the limit is 5000" in message


def test_aliases_of_a_page_add_up(loaded) -> None:
    page = "tasks(first: 100) { edges { node { code units { name } } } }"
    one = Runner(loaded).result(f"{{ {page} }}")
    assert not one.errors
    aliases = " ".join(f"a{i}: {page}" for i in range(10))
    assert refused(Runner(loaded), f"{{ {aliases} }}").startswith("The query would cost ")


def test_a_fragment_bomb_is_refused_before_validation(loaded) -> None:
    # Each fragment spreads the next twice: 2^40 fields. graphql-core's validation would
    # never finish; the cost is read in time linear in the document.
    levels = 40
    fragments = [
        f"fragment F{i} on Query {{ __typename ...F{i + 1} ...F{i + 1} }}" for i in range(levels)
    ]
    fragments.append(f"fragment F{levels} on Query {{ __typename }}")
    first = "F0"  # (built, so that the suite's document collector leaves it out)
    query = f"{{ ...{first} }}\n" + "\n".join(fragments)
    started = time.monotonic()
    message = refused(Runner(loaded), query)
    assert message.startswith("The query would cost ")
    assert time.monotonic() - started < 5  # never reached graphql-core's validation


def test_an_answer_over_the_size_limit_is_an_error(loaded) -> None:
    limits = replace(DEFAULT_LIMITS, max_response_bytes=300)
    app = create_app(Settings(limits=limits), loaded)
    query = "{ tasks(first: 100) { edges { node { uid code text } } } }"
    body = call(app, "POST", "/graphql", json={"query": query}).json()
    assert body["data"] is None
    assert body["errors"][0]["message"].startswith("The answer would be ")
    small = call(app, "POST", "/graphql", json={"query": "{ __typename }"}).json()
    assert small == {"data": {"__typename": "Query"}}


def test_the_store_stops_a_read_past_its_time_limit(tmp_path) -> None:
    with EmbeddedStore.open(tmp_path / "db") as store:
        store.write("UNWIND range(1, 400) AS i CREATE (:Heavy {i: i})")
        store.read_timeout = 0.3
        # 64 million rows: over half a minute of the store's time unless it stops
        heavy = "MATCH (a:Heavy), (b:Heavy), (c:Heavy) WHERE a.i + b.i = c.i RETURN count(*) AS n"
        started = time.monotonic()
        with pytest.raises(LimitError, match=r"time limit of 0\.3 s"):
            store.read(heavy)
        assert time.monotonic() - started < 3
        started = time.monotonic()
        assert store.read("RETURN 1 AS one") == [{"one": 1}]  # the store is idle again
        assert time.monotonic() - started < 0.5
