"""`dutygraph load / stats / unload` on a real embedded store in a temp dir."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from dutygraph.api.cli import cli
from dutygraph.graph.model import document_uid
from tests.factories import SAMPLE

DUTYGRAPH = Path(sys.executable).parent / "dutygraph"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def counts(db: Path) -> dict:
    result = run("stats", "--json", "--db", str(db))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_load_then_stats_json(tmp_path: Path) -> None:
    db = tmp_path / "db"
    result = run("load", str(SAMPLE), "--db", str(db))

    assert result.exit_code == 0, result.output
    assert f"loaded {document_uid(str(SAMPLE))} " in result.stdout
    assert "1 documents loaded: 47 tasks, 136 assignments" in result.stdout
    stats = counts(db)
    assert stats["nodes"]["Task"] == 47
    assert stats["nodes"]["Document"] == 1
    assert stats["relationships"]["RESPONSIBLE_FOR"] == 136


def test_stats_as_text(tmp_path: Path) -> None:
    db = tmp_path / "db"
    run("load", str(SAMPLE), "--db", str(db))

    result = run("stats", "--db", str(db))

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "nodes:"
    assert "relationships:" in lines
    assert any(line.split() == ["RESPONSIBLE_FOR", "136"] for line in lines)


def test_loading_again_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "db"
    run("load", str(SAMPLE), "--db", str(db))
    first = counts(db)

    assert run("load", str(SAMPLE), "--db", str(db)).exit_code == 0
    assert counts(db) == first


def test_two_files_of_one_name_in_one_run_are_refused_before_writing(tmp_path: Path) -> None:
    db = tmp_path / "db"
    for place in ("甲县", "乙县"):
        (tmp_path / place).mkdir()
        shutil.copy(SAMPLE, tmp_path / place / "工作方案.txt")

    result = run("load", str(tmp_path / "甲县/工作方案.txt"), str(tmp_path / "乙县/工作方案.txt"),
                 "--db", str(db))  # fmt: skip

    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and result.output.count("\n") == 1
    assert "same file name" in result.output
    assert counts(db)["nodes"] == {}


def test_a_file_of_the_same_name_from_elsewhere_replaces_with_a_note(tmp_path: Path) -> None:
    db = tmp_path / "db"
    for place in ("甲县", "乙县"):
        (tmp_path / place).mkdir()
        shutil.copy(SAMPLE, tmp_path / place / "工作方案.txt")
    first, second = tmp_path / "甲县/工作方案.txt", tmp_path / "乙县/工作方案.txt"
    assert run("load", str(first), "--db", str(db)).exit_code == 0

    result = run("load", str(second), "--db", str(db))

    assert result.exit_code == 0
    assert f"note: {second} replaced {first} (same file name)" in result.stderr
    assert counts(db)["nodes"]["Document"] == 1
    again = run("load", str(second), "--db", str(db))
    assert "note:" not in again.stderr


def test_many_files_with_a_progress_bar_and_a_bad_one(tmp_path: Path) -> None:
    db = tmp_path / "db"
    copies = []
    for n, name in enumerate(("甲.txt", "乙.txt", "丙.txt"), start=1):
        copies.append(tmp_path / name)
        # Three editions: the same plan, bytes apart (identical bytes load once, see
        # test_load_folders.py).
        copies[-1].write_bytes(SAMPLE.read_bytes() + b"\n" * n)
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")

    result = run("load", *map(str, [copies[0], bad, *copies[1:]]), "--db", str(db))

    assert result.exit_code == 1
    assert "loading" in result.stderr  # the progress bar's label
    assert f"not loaded: {bad}: " in result.stderr
    assert "Error: 1 of 4 files not loaded" in result.stderr
    assert "3 documents loaded: 141 tasks, 408 assignments" in result.stdout
    stats = counts(db)
    assert stats["nodes"]["Document"] == 3
    assert stats["nodes"]["Task"] == 3 * 47
    # Units are shared: three copies of one plan name no more units than one.
    one = tmp_path / "one"
    run("load", str(SAMPLE), "--db", str(one))
    assert stats["nodes"]["Unit"] == counts(one)["nodes"]["Unit"]


def test_unload_by_path_and_by_uid(tmp_path: Path) -> None:
    db = tmp_path / "db"
    other = tmp_path / "other.txt"
    other.write_bytes(SAMPLE.read_bytes() + b"\n")  # another edition: not the same bytes
    run("load", str(SAMPLE), str(other), "--db", str(db))

    result = run("unload", str(SAMPLE), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"unloaded {document_uid(str(SAMPLE))}\n"
    assert counts(db)["nodes"]["Document"] == 1

    assert run("unload", document_uid(str(other)), "--db", str(db)).exit_code == 0
    assert counts(db) == {"nodes": {}, "relationships": {}}


def test_unload_unknown_document(tmp_path: Path) -> None:
    result = run("unload", "nope.txt", "--db", str(tmp_path / "db"))
    assert result.exit_code == 1
    assert result.stderr == "Error: no document 'nope.txt' is loaded\n"


@pytest.mark.parametrize("command", [["stats"], ["load", str(SAMPLE)], ["unload", "x.txt"]])
def test_unreachable_neo4j_is_one_line_without_traceback(command: list[str]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}  # no NEO4J_* or DUTYGRAPH_* from outside
    done = subprocess.run(
        [str(DUTYGRAPH), *command, "--db", f"bolt://127.0.0.1:{port}"],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip

    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: cannot reach Neo4j at bolt://127.0.0.1:{port}: ")
    assert done.stderr.count("\n") == 1
    assert "Traceback" not in done.stderr
