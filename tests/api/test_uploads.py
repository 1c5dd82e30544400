"""Plan uploads over HTTP (api/uploads.py) on a real `dutygraph serve` and embedded store:
preview, load, replace, unload by an admin; the refusals (no login, another role, a browser
without its CSRF token, too large, unreadable); the audit entries; parse warnings kept."""

from __future__ import annotations

import tempfile
from pathlib import Path

import httpx
import pytest

from tests.api.test_supervision_e2e import cli, data
from tests.factories import SAMPLE
from tests.servers import DUTYGRAPH, Served, free_port, start_process, stop_serve

PASSWORD = "correct horse battery"
# A plan of three tasks: a lead named, a lead inferred (责任单位: the first is taken), one
# more named; and a numbered item without a clause among them, which the parser warns of.
PLAN = """某县推进老旧小区改造工作方案
一、主要任务
（一）加快改造进度
1.完成20个小区改造。（牵头单位：县住房城乡建设局；配合单位：县财政局）
2.建立长效管理机制。（责任单位：县住房城乡建设局、各镇人民政府）
3.加强宣传引导，营造良好氛围。
二、保障措施
1.落实改造资金。（牵头单位：县财政局）
"""
LIMIT_MB = 0.05  # the server's file budget here: the sample (14 KB) fits, 60 KB does not
DOCS = "{ documents(first: 20) { totalCount edges { node { uid title source warningCount } } } }"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    db = str(tmp_path_factory.mktemp("uploads") / "db")
    cli("user", "add", "root", "--role", "admin", "--password-stdin", "--db", db,
        stdin=PASSWORD + "\n")  # fmt: skip
    cli("user", "add", "office", "--role", "supervisor", "--db", db)
    tokens = {
        login: cli("user", "token", login, "--db", db).strip() for login in ("root", "office")
    }
    aliases = tmp_path_factory.mktemp("aliases") / "简称.csv"
    aliases.write_text("住改办,县住房城乡建设局\n", encoding="utf-8")
    port = free_port()
    args = [str(DUTYGRAPH), "serve", "--db", db, "--port", str(port), "--aliases", str(aliases)]
    served = start_process(args, port, db, env={"DUTYGRAPH_MAX_FILE_MB": str(LIMIT_MB)})
    yield served, tokens
    stop_serve(served.process)


def post(served: Served, path: str, token: str | None, **kwargs) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(f"{served.url}/documents/{path}", headers=headers, timeout=60, **kwargs)


def send(served: Served, path: str, token: str | None, name: str, body: bytes, **form):
    return post(served, path, token, files={"file": (name, body)}, data=form)


def one_line_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    message = response.json()["error"]
    assert message and "\n" not in message and "Traceback" not in message
    return message


def audit(served: Served, token: str) -> list[str]:
    log = data(served.url, "{ auditLog(first: 50) { edges { node { who what } } } }", token=token)
    return [f"{e['node']['who']} {e['node']['what']}" for e in log["auditLog"]["edges"]]


def test_preview_load_replace_unload(server, tmp_path: Path) -> None:
    served, tokens = server
    root = tokens["root"]
    body = PLAN.encode()

    shown = send(served, "preview", root, "改造方案.txt", body)
    assert shown.status_code == 200, shown.text
    preview = shown.json()
    assert preview["title"] == "某县推进老旧小区改造工作方案"
    assert preview["counts"]["tasks"] == 3  # the clause-less item is no task
    assert preview["counts"]["sections"] == 4
    assert preview["counts"]["leadNamed"] + preview["counts"]["leadInferred"] == 3
    assert preview["counts"]["leadInferred"] == 1 and preview["counts"]["leadMissing"] == 0
    assert preview["warningCount"] == 1
    assert preview["warnings"] == [
        {"line": 6, "message": "numbered item has no responsibility clause"}
    ]
    assert preview["replaces"] is None and preview["duplicateOf"] is None
    # a preview writes nothing
    assert data(served.url, DOCS)["documents"]["totalCount"] == 0

    loaded = send(served, "load", root, "改造方案.txt", body)
    assert loaded.status_code == 200, loaded.text
    doc = loaded.json()["loaded"]
    assert doc["tasks"] == 3 and loaded.json()["replaced"] is None
    query = "query($u: ID!) { document(uid: $u) { source warningCount warnings { line message } } }"
    stored = data(served.url, query, {"u": doc["uid"]})["document"]
    assert stored == {"source": "改造方案.txt", "warningCount": 1, "warnings": preview["warnings"]}

    # the sample, loaded, then replaced by the small plan under its name: its uid stays
    sample = send(served, "load", root, SAMPLE.name, SAMPLE.read_bytes()).json()["loaded"]
    assert sample["tasks"] == 47
    edition = PLAN.replace("营造良好氛围", "营造浓厚氛围").encode()
    again = send(served, "preview", root, "第二版.txt", edition, replace=sample["uid"]).json()
    assert again["uid"] == sample["uid"]
    assert again["replaces"]["uid"] == sample["uid"] and again["duplicateOf"] is None
    replaced = send(served, "load", root, "第二版.txt", edition, replace=sample["uid"])
    assert replaced.status_code == 200, replaced.text
    assert replaced.json()["loaded"] == {**replaced.json()["loaded"], "uid": sample["uid"]}
    assert replaced.json()["loaded"]["tasks"] == 3
    docs = {e["node"]["uid"]: e["node"] for e in data(served.url, DOCS)["documents"]["edges"]}
    assert set(docs) == {doc["uid"], sample["uid"]}
    assert docs[sample["uid"]]["source"] == SAMPLE.name  # the replaced document's name

    # the server's alias file applies to uploads too
    abbreviated = PLAN.replace("牵头单位：县住房城乡建设局", "牵头单位：住改办").encode()
    shown = send(served, "preview", root, "简称版.txt", abbreviated).json()
    assert shown["counts"]["units"] == 3 and shown["counts"]["leadNamed"] == 2

    # the same bytes under another name are refused, not loaded as a twin
    twin = send(served, "load", root, "改造方案(1).txt", body)
    assert "same bytes as 改造方案.txt" in one_line_error(twin, 409)

    gone = post(served, "unload", root, json={"uid": sample["uid"]})
    assert gone.status_code == 200 and gone.json() == {"unloaded": sample["uid"]}
    assert data(served.url, DOCS)["documents"]["totalCount"] == 1
    assert "no document" in one_line_error(
        post(served, "unload", root, json={"uid": sample["uid"]}), 404
    )

    entries = audit(served, root)
    assert f"root unloadDocument uid={sample['uid']}" in entries
    assert f"root replaceDocument uid={sample['uid']} file=第二版.txt" in entries
    assert f"root loadDocument uid={doc['uid']} file=改造方案.txt" in entries
    assert not any("preview" in e for e in entries)


def test_refusals(server) -> None:
    served, tokens = server
    body = PLAN.encode()
    message = one_line_error(send(served, "preview", None, "a.txt", body), 401)
    assert message == "not logged in"
    office = one_line_error(send(served, "load", tokens["office"], "a.txt", body), 403)
    assert "only an admin" in office
    unload = post(served, "unload", tokens["office"], json={"uid": "doc:x"})
    assert "only an admin" in one_line_error(unload, 403)
    assert one_line_error(send(served, "preview", "dg_wrong", "a.txt", body), 401)

    # over the budget: the file part (86 KB), and the whole body by its Content-Length
    for times in (200, 400):
        big = send(served, "load", tokens["root"], "big.txt", PLAN.encode() * times)
        assert "DUTYGRAPH_MAX_FILE_MB" in one_line_error(big, 413)
    assert data(served.url, DOCS)["documents"]["totalCount"] == 1

    # unreadable files: one line naming the file as uploaded, never the temporary folder
    for name, bad, expected in [
        ("scan.gif", b"GIF89a" + bytes(200), "unsupported format"),
        ("plan.docx", b"not a zip at all", "not a valid .docx"),
        ("notes.txt", "会议纪要\n大家发言踊跃。\n".encode(), "notes.txt"),
    ]:
        refused = send(served, "preview", tokens["root"], name, bad)
        assert refused.status_code == 422, refused.text
        message = one_line_error(refused, 422)
        assert expected in message and "dutygraph-upload-" not in message
    # a replacement that cannot be read leaves the document as it was
    [kept] = data(served.url, DOCS)["documents"]["edges"]
    bad = send(
        served, "load", tokens["root"], "x.docx", b"PK\x03\x04 cut", replace=kept["node"]["uid"]
    )
    assert one_line_error(bad, 422)
    assert data(served.url, DOCS)["documents"]["edges"] == [kept]
    assert not list(Path(tempfile.gettempdir()).glob("dutygraph-upload-*"))
    assert (
        one_line_error(send(served, "load", tokens["root"], "a.txt", body, replace="doc:none"), 404)
        == "no document 'doc:none' is loaded to replace"
    )
    assert "field `file`" in one_line_error(
        post(served, "load", tokens["root"], data={"x": "1"}, files={"y": ("a", b"")}), 400
    )

    # a browser session writes only with its CSRF token
    with httpx.Client(base_url=served.url, timeout=60) as browser:
        session = browser.post("/auth/login", json={"login": "root", "password": PASSWORD})
        assert session.status_code == 200
        files = {"file": ("改造方案.txt", body)}
        refused = browser.post("/documents/preview", files=files)
        assert "CSRF" in one_line_error(refused, 403)
        csrf = {"X-CSRF-Token": session.json()["csrfToken"]}
        ok = browser.post("/documents/preview", files=files, headers=csrf)
        assert ok.status_code == 200, ok.text
