"""Facts several layers repeat are the same everywhere: the GraphQL enums are the stored
vocabularies' own enums and name every value the graph holds, and the explorer draws
every node label of the graph, each a type of the schema, and no other schema type."""

from __future__ import annotations

import re

from graphql import GraphQLEnumType

from dutygraph.graph import accounts, nodes, relations, supervision, task_sort
from dutygraph.graph.load import load_plan
from dutygraph.graph.model import PLAN_LABELS
from dutygraph.graph.store import Store
from dutygraph.loaders import deadlines, model, parse_file
from dutygraph.schema.schema import schema
from tests.factories import SAMPLE
from tests.schema.schema_runner import Runner
from tests.servers import ROOT

# Where each closed vocabulary is defined: the layer that stores it.
SOURCES = {
    model.Role, model.UnitKind, model.UnitLevel, model.PolicyKind, deadlines.Recurrence,
    supervision.ProgressStatus, supervision.ReportKind, accounts.AccountRole,
}  # fmt: skip


def _sdl_enums() -> list[GraphQLEnumType]:
    types = schema._schema.type_map.values()
    return [t for t in types if isinstance(t, GraphQLEnumType) and not t.name.startswith("__")]


def test_every_graphql_enum_is_a_stored_vocabulary_with_its_values() -> None:
    # A GraphQL enum of its own in schema/ would be a copy to keep in step by hand.
    found = {}
    for sdl in _sdl_enums():
        if sdl.name == "TaskSort":  # no stored value: the orders graph/task_sort.py knows
            assert {v.value for v in sdl.values.values()} == set(task_sort.SORTS)
            continue
        source = getattr(sdl, "wrapped_cls", None)
        assert source in SOURCES, f"{sdl.name} is no model enum"
        assert {name: v.value for name, v in sdl.values.items()} == {
            m.name: m.value for m in source
        }
        found[sdl.name] = source
    assert set(found.values()) == SOURCES


def test_the_sdl_names_every_value_the_sample_stores(embedded_store: Store) -> None:
    """What the graph holds for a unit's kind and level, a policy's kind and an
    assignment's role reads back through GraphQL as the member of that value, never
    null: a value the enum lacked would answer null (schema/enums.to_enum)."""
    embedded_store.write("MATCH (n) DETACH DELETE n")
    load_plan(embedded_store, parse_file(SAMPLE))
    run = Runner(embedded_store, compiled=False)
    units = run.ok("{ units(first: 100) { uid kind level } }")["units"]
    stored = {u["uid"]: u for u in nodes.units(embedded_store, limit=100)}
    assert 20 < len(units) == len(stored) < 100  # all of them
    for unit in units:
        row = stored[unit["uid"]]
        assert unit["kind"] == model.UnitKind(row["kind"]).name
        assert unit["level"] == (model.UnitLevel(row["level"]).name if row["level"] else None)
    policies = run.ok("{ policies(first: 100) { uid kind } }")["policies"]
    kinds = {p["uid"]: p["kind"] for p in nodes.policies(embedded_store, limit=100)}
    assert policies and all(p["kind"] == model.PolicyKind(kinds[p["uid"]]).name for p in policies)
    page = run.ok("{ tasks(first: 100) { edges { node { uid assignments { role } } } } }")
    tasks = [e["node"] for e in page["tasks"]["edges"]]
    rows = relations.assignments_of_tasks(embedded_store, [t["uid"] for t in tasks])
    assert sorted(a["role"] for t in tasks for a in t["assignments"]) == sorted(
        model.Role(r["role"]).name for r in rows
    )
    seen = {u["kind"] for u in units} | {p["kind"] for p in policies}
    assert {"GOVERNMENT", "BRANCH", "FUNDING"} <= seen  # several members, not one default


def test_the_explorer_draws_every_node_label() -> None:
    source = (ROOT / "web" / "src" / "kinds.js").read_text(encoding="utf-8")
    block = re.search(r"export const KINDS = \{(.*?)\n\};", source, re.S)
    assert block is not None
    kinds = set(re.findall(r"^\s*(\w+): \{", block[1], re.M))
    sdl = (ROOT / "schema.graphql").read_text(encoding="utf-8")
    types = set(re.findall(r"^type (\w+)", sdl, re.M))
    assert set(PLAN_LABELS) <= kinds & types  # every label drawn, each a schema type
    # The explorer's own kinds (a group of a busy unit's tasks) are no node of the graph.
    assert (kinds - set(PLAN_LABELS)) & types == set()
