"""The explorer's GraphQL documents validate against the checked-in schema.graphql, and
the server would run each at the sizes the explorer asks for."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from graphql import parse

from dutygraph.schema.cost import operation_cost
from dutygraph.schema.limits import DEFAULT_LIMITS
from dutygraph.schema.schema import build_schema
from tests.factories import ROOT
from tests.schema.operations import explorer_documents


def test_every_explorer_query_is_valid_against_the_schema() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (the explorer's build needs it too)")
    if not (ROOT / "web" / "node_modules" / "graphql").is_dir():
        pytest.fail("web/node_modules is missing: run `make setup` (npm ci --prefix web)")
    done = subprocess.run(
        [node, "web/scripts/check-queries.mjs"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assert "0 errors" in done.stdout


# The largest sizes the explorer sends (web/src: pages of 50, a graph of 300 nodes, a
# matrix of 15 units); documents that write their own `first` keep it.
EXPLORER_SIZES = {"first": 50, "limit": 300, "matrix": 15, "depth": 1}


def test_every_explorer_query_is_within_the_servers_cost_limit() -> None:
    schema = build_schema(DEFAULT_LIMITS)._schema
    caps = {"first": DEFAULT_LIMITS.max_first, "limit": DEFAULT_LIMITS.max_graph_limit}
    costs = {
        text.split("(")[0].split("{")[0].strip(): operation_cost(
            schema, parse(text), EXPLORER_SIZES, caps
        )
        for text in explorer_documents()
    }
    assert len(costs) > 15
    dear = {name: cost for name, cost in costs.items() if cost > DEFAULT_LIMITS.max_cost}
    assert dear == {}, f"refused by the server's cost limit ({DEFAULT_LIMITS.max_cost}): {dear}"
