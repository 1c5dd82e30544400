"""`dutygraph load DIR`: a folder's plan files in sorted order, hidden and temporary files
skipped, a second copy of the same bytes noted and not loaded again (real embedded store)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
from click.testing import CliRunner, Result

from dutygraph.api.cli import cli
from dutygraph.loaders.folders import plan_files
from tests.factories import SAMPLE
from tests.servers import start_serve, stop_serve

PLAN = "一、任务\n1.修缮{n}号道路。（责任单位：县交通运输局）\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def _folder(root: Path) -> Path:
    folder = root / "plans"
    (folder / "2021" / "annex").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "方案.txt")
    shutil.copy(SAMPLE, folder / "2021" / "方案(1).txt")  # the same bytes, another name
    (folder / "2021" / "b.md").write_text(PLAN.format(n=2), "utf-8")
    (folder / "2021" / "annex" / "a.csv").write_text(
        "序号,重点任务,责任单位\n1,修缮3号道路,县交通运输局\n", "utf-8"
    )
    (folder / "~$方案.txt").write_text("lock", "utf-8")
    (folder / ".hidden.txt").write_text(PLAN.format(n=4), "utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "notes.txt").write_text(PLAN.format(n=5), "utf-8")
    (folder / "photo.heic").write_bytes(b"\x00" * 10)
    (folder / "broken.txt").write_bytes(b"")
    return folder


def test_plan_files_are_sorted_and_leave_out_hidden_and_temporary_files(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    found = plan_files([folder])
    assert [p.relative_to(folder).as_posix() for p in found.files] == [
        "2021/annex/a.csv",
        "2021/b.md",
        "2021/方案(1).txt",
        "broken.txt",
        "方案.txt",
    ]
    assert {p.name: why for p, why in found.skipped} == {
        ".hidden.txt": "hidden",
        "notes.txt": "hidden",
        "photo.heic": "not a plan format (.heic)",
        "~$方案.txt": "a temporary file",
    }


def test_load_a_folder(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    db = str(tmp_path / "db")
    result = run("load", str(folder), "--db", db)
    assert result.exit_code == 1  # broken.txt is refused
    assert "3 documents loaded: 49 tasks" in result.stdout
    copy, first = folder / "方案.txt", folder / "2021" / "方案(1).txt"
    assert f"note: {copy} has the same bytes as {first}: not loaded again" in result.stderr
    assert f"not loaded: {folder / 'broken.txt'}: " in result.stderr
    assert "skipped: " in result.stderr and "a temporary file" in result.stderr
    assert "3 loaded, 5 skipped, 1 refused" in result.stderr
    stats = json.loads(run("stats", "--json", "--db", db).stdout)
    assert stats["nodes"]["Document"] == 3

    # Loading files again replaces their documents; the copy is still noted, not loaded.
    again = run("load", str(folder / "2021"), str(folder / "方案.txt"), "--db", db)
    assert again.exit_code == 0, again.output
    assert "3 documents loaded: 49 tasks" in again.stdout
    assert "has the same bytes as" in again.stderr
    assert json.loads(run("stats", "--json", "--db", db).stdout)["nodes"]["Document"] == 3


def test_an_empty_folder_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("load", str(tmp_path / "empty"), "--db", str(tmp_path / "db"))
    assert result.exit_code == 1
    last = result.stderr.strip().splitlines()[-1]
    assert last == f"Error: no plan files in {tmp_path / 'empty'}"


def test_serve_a_folder(tmp_path: Path) -> None:
    """`dutygraph serve DIR` loads the folder as load does (the copy noted, not loaded) and
    serves what it loaded."""
    folder = tmp_path / "plans"
    (folder / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "sub" / "方案.txt")
    shutil.copy(SAMPLE, folder / "方案(1).txt")
    (folder / "~$方案.docx").write_bytes(b"lock")
    served = start_serve(str(tmp_path / "db"), folder)
    try:
        query = "{ documents { totalCount edges { node { source } } } }"
        reply = httpx.post(f"{served.url}/graphql", json={"query": query}).json()
        documents = reply["data"]["documents"]
        assert documents["totalCount"] == 1
        # sorted: sub/方案.txt comes first, so 方案(1).txt is the copy
        assert documents["edges"][0]["node"]["source"] == str(folder / "sub" / "方案.txt")
    finally:
        stop_serve(served.process)
    log = served.log.read_text("utf-8")
    assert "a temporary file" in log and "has the same bytes as" in log
