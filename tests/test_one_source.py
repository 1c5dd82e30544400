"""Facts several layers repeat are the same everywhere: the GraphQL enums hold exactly
the Plan model's values, and the explorer draws every node label of the graph, each a type
of the schema, and no other schema type."""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, get_args

import pytest

from dutygraph.graph.model import PLAN_LABELS
from dutygraph.loaders import model
from dutygraph.schema import enums
from tests.servers import ROOT

PAIRS = [
    (model.Role, enums.Role),
    (model.UnitKind, enums.UnitKind),
    (model.UnitLevel, enums.UnitLevel),
    (model.PolicyKind, enums.PolicyKind),
]


@pytest.mark.parametrize(("literal", "enum"), PAIRS, ids=lambda x: getattr(x, "__name__", ""))
def test_graphql_enums_hold_the_plan_models_values(literal: Any, enum: type[Enum]) -> None:
    # a stored value the enum lacked would silently answer null (schema/enums.to_enum)
    assert sorted(m.value for m in enum) == sorted(get_args(literal))


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
