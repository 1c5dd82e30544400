"""Helpers for the parser tests: plans built from text written in the tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from dutygraph.loaders.model import Plan, Task
from dutygraph.loaders.plan import build_plan
from dutygraph.loaders.read import read_text

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "luhe-old-area-plan.txt"
GOLD = ROOT / "tests" / "data" / "luhe-old-area-plan.gold.json"


def parse_text(text: str, aliases: str | Path | None = None) -> Plan:
    """Parse a plan held in memory, as `dutygraph parse` would parse the same file."""
    return build_plan(read_text(text, path="<test>"), aliases=aliases)


@pytest.fixture
def parse() -> Callable[..., Plan]:
    """parse(text, aliases=None) -> Plan."""
    return parse_text


@pytest.fixture
def roles() -> Callable[[Task], list[tuple[str, str, bool]]]:
    """roles(task) -> [(name, role, inferred)] in printed order."""
    return lambda task: [(a.name, a.role, a.inferred) for a in task.units]


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads(GOLD.read_text("utf-8"))


@pytest.fixture(scope="session")
def sample_plan() -> Plan:
    from dutygraph.loaders import parse_file

    return parse_file(SAMPLE)
