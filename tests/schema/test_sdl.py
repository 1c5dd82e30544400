"""schema.graphql, the exported SDL, is checked in; this fails when it drifts."""

from __future__ import annotations

from pathlib import Path

from dutygraph.schema.schema import schema

SDL = Path(__file__).resolve().parents[2] / "schema.graphql"
EXPORT = "python -m dutygraph.schema > schema.graphql"


def test_checked_in_sdl_matches_the_schema():
    assert SDL.is_file(), f"schema.graphql is missing: run `.venv/bin/{EXPORT}`"
    assert SDL.read_text(encoding="utf-8").strip() == schema.as_str().strip(), (
        f"schema.graphql is stale: run `.venv/bin/{EXPORT}` and commit it"
    )


def test_sdl_has_the_root_fields_the_issue_names():
    query = schema.as_str().split("type Query {")[1].split("}")[0]
    for field in (
        "documents", "document(", "section(", "task(", "tasks(", "unit(", "units(",
        "partners(", "policy(", "policies(", "project(", "projects(", "search(",
        "workload(", "neighborhood(", "path(",
    ):  # fmt: skip
        assert f"  {field}" in query, field
