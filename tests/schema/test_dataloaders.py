"""On the resolver path a nested query costs a number of store round trips set by its
depth, not its size (the compiled path's one trip: tests/schema/test_compiled.py)."""

from __future__ import annotations

from dutygraph.graph.load import load_plan
from dutygraph.loaders import parse_file
from tests.schema.schema_runner import Runner
from tests.servers import SAMPLE

NESTED = """{ tasks(first: 100) { totalCount edges { node {
  code section { title } assignments { role unit { name hostedBy { name } } } } } } }"""
SHALLOW = "{ tasks(first: 100) { totalCount edges { node { code } } } }"


def trips(gql: Runner, query: str) -> tuple[int, int]:
    """(round trips, tasks returned) of one query."""
    before = gql.store.round_trips
    data = gql.ok(query)
    return gql.store.round_trips - before, len(data["tasks"]["edges"])


def test_round_trips_depend_on_depth_not_on_task_count(store, small_plan):
    gql = Runner(store, compiled=False)
    load_plan(store, small_plan)
    small, small_count = trips(gql, NESTED)
    small_shallow, _ = trips(gql, SHALLOW)
    store.write("MATCH (n) DETACH DELETE n")
    load_plan(store, parse_file(SAMPLE))
    large, large_count = trips(gql, NESTED)
    assert (small_count, large_count) == (5, 47)
    assert small == large
    assert small_shallow < small


PICKED = """{ tasks(first: 100) { edges { node { uid
  units { ...U } assignments(role: SUPPORT) { role unit { name hostedBy { name } } } } } } }
fragment U on Unit { name level }"""
WHOLE = """query ($uid: ID!) { task(uid: $uid) {
  units { name level } assignments(role: SUPPORT) { role unit { name hostedBy { name } } } } }"""


def test_a_task_list_fetching_only_the_unit_fields_asked_answers_as_whole_rows(sample_schema):
    listed = sample_schema.ok(PICKED)["tasks"]["edges"]
    assert len(listed) == 47
    assert all(u["name"] for e in listed for u in e["node"]["units"])
    for edge in listed:
        node = edge["node"]
        alone = sample_schema.ok(WHOLE, {"uid": node["uid"]})["task"]
        assert (node["units"], node["assignments"]) == (alone["units"], alone["assignments"])
