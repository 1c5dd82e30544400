"""Fixtures for the in-process schema tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from schema_runner import Runner

from dutygraph.graph.store import Store
from dutygraph.loaders import parse_file
from dutygraph.loaders.model import Plan

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "luhe-old-area-plan.txt"


@pytest.fixture
def gql(sample_store: Store) -> Runner:
    """The schema over the sample plan."""
    return Runner(sample_store)


@pytest.fixture
def sample_plan() -> Plan:
    return parse_file(SAMPLE)


@pytest.fixture
def small_plan(tmp_path: Path) -> Plan:
    """A plan of 5 tasks: the sample's first two subsections, cut short."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    start = lines.index("二、责任分工")
    second = next(i for i, line in enumerate(lines) if line.startswith("（二）") and i > start)
    body = [line for line in lines[start : second + 3] if not line.startswith("各级党委")]
    path = tmp_path / "small-plan.txt"
    path.write_text("\n".join(["陆河县某项工作方案", *body]) + "\n", encoding="utf-8")
    return parse_file(path)
