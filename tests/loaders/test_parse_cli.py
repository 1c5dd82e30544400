"""`dutygraph parse`: the JSON keys README documents, and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from dutygraph.api.cli import cli

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "luhe-old-area-plan.txt"
KEYS = {
    "document": {"title", "source", "sha256", "place"},
    "sections": {"id", "number", "title", "level", "parent"},
    "tasks": {"id", "section", "path", "text", "units", "deadline", "span"},
    "units": {"name", "aliases", "level", "kind", "place"},
    "policies": {"id", "name", "title", "doc_number", "issuer", "year", "kind", "amount"},
    "projects": {"id", "name", "kind", "tasks"},
    "goals": {"year", "text"},
    "warnings": {"line", "message"},
}


def test_json_keys() -> None:
    result = CliRunner().invoke(cli, ["parse", str(SAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(KEYS) <= set(data)
    assert KEYS["document"] <= set(data["document"])
    for key, fields in KEYS.items():
        if key != "document":
            assert all(fields <= set(row) for row in data[key]), key
    assert {"name", "role", "rank", "inferred"} <= set(data["tasks"][0]["units"][0])
    assert {"start", "end", "line"} == set(data["tasks"][0]["span"])
    assert data["tasks"][0]["path"] == ["二", "（一）", "1"]
    assert data["document"]["place"] == "陆河县"
    assert {u["name"]: u["place"] for u in data["units"]}["县发展改革局"] == "陆河县"


def test_summary_and_aliases(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("县投促中心,县投资促进中心\n", "utf-8")
    result = CliRunner().invoke(cli, ["parse", str(SAMPLE), "--aliases", str(aliases), "--json"])
    assert result.exit_code == 0, result.output
    names = {u["name"] for u in json.loads(result.output)["units"]}
    assert "县投资促进中心" in names and "县投促中心" not in names
    summary = CliRunner().invoke(cli, ["parse", str(SAMPLE)])
    assert "47 tasks, 136 assignments" in summary.output


def test_plan_without_tasks_is_one_line_error(tmp_path: Path) -> None:
    plan = tmp_path / "empty-plan.txt"
    plan.write_text("某县工作方案\n\n一、总体要求\n坚持稳中求进。\n", "utf-8")
    result = CliRunner().invoke(cli, ["parse", str(plan)])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"Error: {plan}: no tasks found")


def test_bad_alias_file_is_one_line_error(tmp_path: Path) -> None:
    aliases = tmp_path / "aliases.json"
    aliases.write_text("[1, 2]", "utf-8")
    result = CliRunner().invoke(cli, ["parse", str(SAMPLE), "--aliases", str(aliases)])
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"Error: {aliases}: expected a JSON object")
