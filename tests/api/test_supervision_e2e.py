"""Supervision end to end over HTTP on the embedded store: accounts made with the CLI, a
reporter of 县发展改革局 reporting on one of its 22 tasks, refusals, a supervisor's
return, and the reports kept through a restart, a reload and an edited edition."""

from __future__ import annotations

import subprocess
from typing import Any

import httpx
import pytest

from tests.factories import SAMPLE
from tests.servers import DUTYGRAPH, start_serve, stop_serve

PASSWORD = "correct horse battery"
TASK_FIELDS = "uid code text source { line } reports { uid status note author at unitName }"


def cli(*args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [str(DUTYGRAPH), *args], input=stdin, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def gql(base: str, query: str, variables: dict | None = None, token: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(
        f"{base}/graphql", json={"query": query, "variables": variables}, headers=headers,
        timeout=30,
    )  # fmt: skip
    assert response.status_code == 200, response.text
    return response.json()


def data(base: str, query: str, variables: dict | None = None, token: str | None = None) -> Any:
    body = gql(base, query, variables, token)
    assert "errors" not in body, body["errors"]
    return body["data"]


def refusal(base: str, query: str, variables: dict | None = None, token: str | None = None):
    body = gql(base, query, variables, token)
    assert body.get("errors"), body
    return body["errors"][0]["message"]


REPORT = """mutation ($task: ID!, $unit: ID, $note: String) {
  reportProgress(task: $task, unit: $unit, status: IN_PROGRESS, percent: 40, note: $note) {
    uid status percent note author at unitName task { uid } } }"""


def ndrc_tasks(base: str) -> list[dict]:
    found = data(
        base,
        f'{{ tasks(filter: {{unit: "县发展改革局"}}, first: 30) '
        f"{{ totalCount edges {{ node {{ {TASK_FIELDS} }} }} }} }}",
    )["tasks"]
    assert found["totalCount"] == 22
    return [e["node"] for e in found["edges"]]


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory):
    db = str(tmp_path_factory.mktemp("supervise") / "db")
    cli("load", str(SAMPLE), "--db", db)
    cli("user", "add", "ndrc", "--role", "reporter", "--unit", "县发改局", "--place", "陆河县",
        "--password-stdin", "--db", db, stdin=PASSWORD + "\n")  # fmt: skip
    cli("user", "add", "finance", "--role", "reporter", "--unit", "县财政局", "--db", db)
    cli("user", "add", "office", "--role", "supervisor", "--db", db)
    tokens = {login: cli("user", "token", login, "--db", db).strip()
              for login in ("ndrc", "finance", "office")}  # fmt: skip
    state = {"db": db, "served": start_serve(db), "tokens": tokens}
    yield state  # a test that restarts the server puts the new one here
    stop_serve(state["served"].process)


def test_report_refuse_return_restart_reload_and_new_edition(setup, tmp_path):
    db, served, tokens = setup["db"], setup["served"], setup["tokens"]
    base = served.url
    tasks = ndrc_tasks(base)
    # two tasks of one section: the first will be removed from the next edition, the
    # last reworded
    by_section: dict[str, list[dict]] = {}
    for t in tasks:
        by_section.setdefault(t["code"].rsplit("）", 1)[0], []).append(t)
    removed, reworded = next(ts for ts in by_section.values() if len(ts) >= 3)[::2][:2]

    mine = data(base, REPORT, {"task": reworded["uid"], "note": "已完成前期调研"}, tokens["ndrc"])
    report = mine["reportProgress"]
    assert (report["author"], report["unitName"], report["status"]) == (
        "ndrc", "县发展改革局", "IN_PROGRESS")  # fmt: skip
    assert report["at"] and report["task"]["uid"] == reworded["uid"]
    data(base, REPORT, {"task": removed["uid"], "note": "推进中"}, tokens["ndrc"])
    back = data(base, f'{{ task(uid: "{reworded["uid"]}") {{ {TASK_FIELDS} '
                "progress { status unit { name } report { author note } } } }")["task"]  # fmt: skip
    assert [(r["author"], r["note"]) for r in back["reports"]] == [("ndrc", "已完成前期调研")]
    states = {p["unit"]["name"]: p for p in back["progress"]}
    assert states["县发展改革局"]["status"] == "IN_PROGRESS"

    # refusals: no token; another unit's task; another unit's assignment on its own task
    assert refusal(base, REPORT, {"task": reworded["uid"]}) == "not logged in"
    finance = data(base, '{ tasks(filter: {unit: "县财政局"}, first: 100) '
                   "{ edges { node { uid } } } }")["tasks"]["edges"]  # fmt: skip
    ndrc_uids = {t["uid"] for t in tasks}
    other = next(e["node"]["uid"] for e in finance if e["node"]["uid"] not in ndrc_uids)
    assert "县发展改革局 is not assigned" in refusal(
        base, REPORT, {"task": other}, tokens["ndrc"])  # fmt: skip
    shared = next(e["node"]["uid"] for e in finance if e["node"]["uid"] in ndrc_uids)
    me = data(base, "{ me { login role unit { uid } } }", token=tokens["finance"])["me"]
    assert me["login"] == "finance" and me["role"] == "REPORTER"
    assert (
        refusal(base, REPORT, {"task": shared, "unit": me["unit"]["uid"]}, tokens["ndrc"])
        == "县发展改革局 may not report on 县财政局's assignment"
    )

    # a supervisor returns the report with a reason; reporters may not
    ret = """mutation ($r: ID!) { returnProgress(report: $r, reason: "请补充佐证材料") {
      status note author returns } }"""
    assert "only a supervisor" in refusal(base, ret, {"r": report["uid"]}, tokens["ndrc"])
    returned = data(base, ret, {"r": report["uid"]}, tokens["office"])["returnProgress"]
    assert returned == {"status": "RETURNED", "note": "请补充佐证材料", "author": "office",
                        "returns": report["uid"]}  # fmt: skip

    comment = """mutation ($r: ID!) { commentProgress(report: $r, text: "材料已收到") {
      text author } }"""
    said = data(base, comment, {"r": report["uid"]}, tokens["office"])["commentProgress"]
    assert said == {"text": "材料已收到", "author": "office"}
    thread = data(base, f'{{ task(uid: "{reworded["uid"]}") {{ reports(first: 2) '
                  "{ uid status comments { text author } } } }")["task"]["reports"]  # fmt: skip
    assert [(r["status"], r["comments"]) for r in thread] == [
        ("RETURNED", []),
        ("IN_PROGRESS", [{"text": "材料已收到", "author": "office"}]),
    ]
    assert thread[1]["uid"] == report["uid"]

    def notes_of(uid: str) -> list[tuple[str, str]]:
        found = data(base, f'{{ task(uid: "{uid}") {{ reports {{ status note }} }} }}')
        return [(r["status"], r["note"]) for r in found["task"]["reports"]]

    expected = [("RETURNED", "请补充佐证材料"), ("IN_PROGRESS", "已完成前期调研")]
    assert notes_of(reworded["uid"]) == expected

    # a restart, then a reload of the same plan: the reports are still there
    stop_serve(served.process)
    setup["served"] = served = start_serve(db)
    base = served.url
    assert notes_of(reworded["uid"]) == expected
    cli("load", str(SAMPLE), "--db", db)
    assert notes_of(reworded["uid"]) == expected
    # and so is the audit log of every write, with who, when and from where
    audit = "{ auditLog(first: 50) { edges { node { at who what address } } } }"
    log = data(base, audit, token=tokens["office"])["auditLog"]
    writes = [e["node"] for e in log["edges"] if e["node"]["what"].split()[0].endswith("Progress")]
    assert [(w["who"], w["what"].split()[0]) for w in writes] == [
        ("office", "commentProgress"), ("office", "returnProgress"),
        ("ndrc", "reportProgress"), ("ndrc", "reportProgress"),
    ]  # fmt: skip
    assert all(w["address"] == "127.0.0.1" and w["at"] for w in writes)

    # the next edition: one task removed, one reworded, the file's name the same
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    head = reworded["text"][:10]
    assert head in lines[reworded["source"]["line"] - 1]
    lines[reworded["source"]["line"] - 1] = lines[reworded["source"]["line"] - 1].replace(
        head, "切实" + head, 1)  # fmt: skip
    del lines[removed["source"]["line"] - 1]
    edition = tmp_path / "edition" / SAMPLE.name
    edition.parent.mkdir()
    edition.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cli("load", str(edition), "--db", db)
    now = {t["text"]: t for t in ndrc_tasks_after_edit(base)}
    moved = now["切实" + reworded["text"]]
    assert [(r["status"], r["note"]) for r in moved["reports"]] == expected
    orphans = data(base, "{ orphanedReports(first: 10) { note orphaned code task { uid } } }")
    assert orphans["orphanedReports"] == [
        {"note": "推进中", "orphaned": True, "code": removed["code"], "task": None}
    ]


def ndrc_tasks_after_edit(base: str) -> list[dict]:
    found = data(base, f'{{ tasks(filter: {{unit: "县发展改革局"}}, first: 30) '
                 f"{{ edges {{ node {{ {TASK_FIELDS} }} }} }} }}")  # fmt: skip
    return [e["node"] for e in found["tasks"]["edges"]]


def test_the_checklist_downloads_with_every_task(setup, tmp_path):
    from docx import Document
    from openpyxl import load_workbook

    db, served = setup["db"], setup["served"]
    docs = data(served.url, "{ documents { edges { node { uid } } } }")["documents"]
    doc = docs["edges"][0]["node"]["uid"]
    total = data(served.url, f'{{ tasks(filter: {{document: "{doc}"}}) {{ totalCount }} }}')
    count = total["tasks"]["totalCount"]
    xlsx = httpx.get(f"{served.url}/report", params={"document": doc, "format": "xlsx"},
                     timeout=30)  # fmt: skip
    assert xlsx.status_code == 200, xlsx.text
    path = tmp_path / "list.xlsx"
    path.write_bytes(xlsx.content)
    sheet = load_workbook(path).active
    assert "督办清单" in sheet["A1"].value and sheet["A2"].value.startswith("生成日期")
    assert sheet.max_row - 3 == count
    assert sheet.column_dimensions["B"].width >= 40
    out = tmp_path / "ndrc.docx"
    cli("report", "--document", doc, "--unit", "县发改局", "--format", "docx", "-o", str(out),
        "--db", db)  # fmt: skip
    mine = data(served.url, f'{{ tasks(filter: {{document: "{doc}", unit: "县发改局"}}) '
                "{ totalCount } }")["tasks"]["totalCount"]  # fmt: skip
    table = Document(str(out)).tables[0]
    assert len(table.rows) - 1 == mine  # the header, then each of its tasks
