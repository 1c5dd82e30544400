"""`dutygraph user …` and `dutygraph report` on a real embedded store: accounts, clear
one-line errors, and a 督办清单 whose formula-like cells are neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from docx import Document
from openpyxl import load_workbook

from dutygraph.api.cli import cli
from dutygraph.graph.load import load_plan
from dutygraph.graph.model import document_uid
from dutygraph.graph.store import open_store
from tests.factories import make_plan

TRAPS = {
    "巩固拓展脱贫攻坚成果": [
        ('=HYPERLINK("http://evil.test","点击")', ["县发展改革局"]),
        ("@SUM(1+1)*cmd|' /C calc'!A0", ["县发展改革局", "县财政局"]),
        ("+1 加快建设产业园。", ["县农业农村局"]),
        ("-2 推进项目落地。", ["县财政局"]),
    ],
}
DOC = document_uid("plans/a.txt")


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "db")
    store = open_store(path)
    try:
        load_plan(store, make_plan(tasks=TRAPS))
    finally:
        store.close()
    return path


def test_accounts_from_the_command_line(db):
    added = run("user", "add", "ndrc", "--role", "reporter", "--unit", "县发改局",
                "--password-stdin", "--db", db, stdin="long enough password\n")  # fmt: skip
    assert added.exit_code == 0, added.output
    assert added.stdout == "added reporter ndrc of 县发展改革局\n"
    assert run("user", "add", "boss", "--role", "supervisor", "--db", db).exit_code == 0
    listed = run("user", "list", "--db", db).stdout.splitlines()
    assert listed == ["boss\tsupervisor\tall documents", "ndrc\treporter\t县发展改革局"]
    first = run("user", "token", "ndrc", "--db", db).stdout.strip()
    second = run("user", "token", "ndrc", "--db", db).stdout.strip()
    assert first.startswith("dg_") and second != first
    assert run("user", "remove", "boss", "--db", db).stdout == "removed boss\n"
    assert run("user", "list", "--db", db).stdout.splitlines() == ["ndrc\treporter\t县发展改革局"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "x", "--role", "reporter"], "a reporter is bound to a unit: give --unit"),
        (["add", "x", "--role", "reporter", "--unit", "县无此局"], "no unit is named '县无此局'"),
        (["add", "x", "--role", "admin", "--unit", "县发改局"], "only a reporter is bound"),
        (["add", "x", "--role", "supervisor", "--document", "doc:none"], "no document"),
        (["remove", "nobody"], "no user 'nobody'"),
        (["token", "nobody"], "no user 'nobody'"),
    ],
)
def test_bad_account_commands_are_one_line_errors(db, args, message):
    result = run("user", *args, "--db", db)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert "Traceback" not in result.output


def test_a_short_password_and_a_taken_login_are_refused(db):
    short = run("user", "add", "y", "--role", "admin", "--password-stdin", "--db", db,
                stdin="short\n")  # fmt: skip
    assert short.exit_code == 1 and "at least 8 characters" in short.stderr
    assert run("user", "add", "twice", "--role", "admin", "--db", db).exit_code == 0
    again = run("user", "add", "twice", "--role", "admin", "--db", db)
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_the_checklist_neutralises_formulas_and_holds_every_task(db, tmp_path: Path):
    texts = [text for text, _ in TRAPS["巩固拓展脱贫攻坚成果"]]
    out = tmp_path / "list.csv"
    done = run("report", "--document", DOC, "--format", "csv", "-o", str(out), "--db", db)
    assert done.exit_code == 0, done.output
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[2][0] == "序号" and rows[1][0].startswith("生成日期")
    assert [r[1] for r in rows[3:]] == ["'" + t for t in texts]

    out = tmp_path / "list.xlsx"
    assert run("report", "--document", DOC, "-o", str(out), "--db", db).exit_code == 0
    sheet = load_workbook(out).active
    cells = [sheet.cell(row=r, column=2) for r in range(4, 4 + len(texts))]
    assert [c.value for c in cells] == ["'" + t for t in texts]
    assert all(c.data_type == "s" for row in sheet.iter_rows() for c in row if c.value)

    out = tmp_path / "ndrc.docx"
    unit = run("report", "--document", DOC, "--unit", "县发改局", "--format", "docx",
               "-o", str(out), "--db", db)  # fmt: skip
    assert unit.exit_code == 0, unit.output
    table = Document(str(out)).tables[0]
    assert [row.cells[1].text for row in table.rows[1:]] == texts[:2]
    assert [row.cells[6].text for row in table.rows[1:]] == ["未报送", "未报送"]


def test_a_checklist_of_nothing_is_a_clear_error(db, tmp_path: Path):
    result = run("report", "--document", "doc:none", "--db", db)
    assert result.exit_code == 1 and "no document 'doc:none' is loaded" in result.stderr
    result = run("report", "--document", DOC, "--unit", "县无此局", "--db", db)
    assert result.exit_code == 1 and "No unit is named '县无此局'" in result.stderr
