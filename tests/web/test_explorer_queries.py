"""The explorer's GraphQL documents validate against the checked-in schema.graphql."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.factories import ROOT


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
