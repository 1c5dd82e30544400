"""Accounts and writes under attack, on each store (embedded, and the Neo4j code path over
FalkorDB's Bolt endpoint): nothing secret in clear, no session fixation, CSRF refused,
failed logins throttled, no escalation through any mutation argument, --require-login.

The app runs in-process (Starlette's TestClient) over the real store."""

from __future__ import annotations

import datetime
import logging
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from dutygraph.api.app import create_app
from dutygraph.api.auth import SESSION_COOKIE
from dutygraph.api.settings import Settings
from dutygraph.graph import accounts
from dutygraph.graph.load import load_plan
from dutygraph.graph.model import document_uid, unit_uid
from tests.factories import make_plan

PASSWORD = "s3cret-horse-battery"
NDRC = unit_uid("县发展改革局")
FARM = unit_uid("县农业农村局")
DOC_A, DOC_B = document_uid("plans/a.txt"), document_uid("plans/b.txt")
SHARED_TASK = f"{DOC_A}/t1.1.2"  # 县发展改革局 leads, 县委组织部 supports
FARM_TASK = f"{DOC_A}/t1.1.1"  # 县农业农村局's, not 县发展改革局's
REPORT = """mutation ($task: ID!, $unit: ID, $status: ProgressStatus! = IN_PROGRESS) {
  reportProgress(task: $task, unit: $unit, status: $status, note: "进展") { uid author } }"""


@pytest.fixture
def world(store):
    """Two plans, a reporter of 县发展改革局 with a password and a token, a supervisor of
    plan a only, and an app over the store."""
    load_plan(store, make_plan("plans/a.txt"))
    load_plan(store, make_plan("plans/b.txt"))
    accounts.add_user(
        store, accounts.User("ndrc", "reporter", NDRC, "县发展改革局"), PASSWORD
    )  # fmt: skip
    accounts.add_user(store, accounts.User("office", "supervisor", document=DOC_A), PASSWORD)
    tokens = {login: accounts.new_token(store, login) for login in ("ndrc", "office")}
    return store, tokens


def app_client(store, **settings) -> TestClient:
    clock = lambda: datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)  # noqa: E731
    return TestClient(
        create_app(replace(Settings(), **settings), store, clock=clock), base_url="http://127.0.0.1"
    )


def gql(client: TestClient, query: str, variables=None, headers=None) -> dict:
    response = client.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers or {}
    )
    return response.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def login(client: TestClient, name: str = "ndrc", password: str = PASSWORD):
    return client.post("/auth/login", json={"login": name, "password": password})


def error(body: dict) -> str:
    assert body.get("errors"), body
    return body["errors"][0]["message"]


def reports(store) -> int:
    return store.read("MATCH (r:Report) RETURN count(r) AS n")[0]["n"]


def test_passwords_and_tokens_are_never_stored_or_logged_in_clear(world, caplog):
    store, tokens = world
    caplog.set_level(logging.DEBUG)
    client = app_client(store)
    assert login(client).status_code == 200
    assert login(client, password="wrong-" + PASSWORD).status_code == 401
    body = gql(client, REPORT, {"task": SHARED_TASK}, bearer(tokens["ndrc"]))
    assert body["data"]["reportProgress"]["author"] == "ndrc"
    values = store.read("MATCH (n) RETURN [k IN keys(n) | n[k]] AS values")
    stored = repr([r["values"] for r in values])
    for secret in (PASSWORD, tokens["ndrc"], tokens["office"]):
        assert secret not in stored
        assert secret not in caplog.text
    hashes = store.read("MATCH (u:User {login: 'ndrc'}) RETURN u.password_hash AS h")
    assert hashes[0]["h"].startswith("$argon2id$")
    data = getattr(store, "data", None)  # the embedded store's files, its AOF included
    if data is not None:
        for file in data.path.rglob("*"):
            if file.is_file():
                content = file.read_bytes()
                assert PASSWORD.encode() not in content
                assert tokens["ndrc"].encode() not in content


def test_a_login_makes_a_new_session_and_ends_the_one_it_came_with(world):
    store, _ = world
    client = app_client(store)
    # a session id chosen by someone else is no session
    client.cookies.set(SESSION_COOKIE, "planted-by-an-attacker")
    assert client.get("/auth/session").status_code == 401
    first = login(client)
    assert first.status_code == 200
    old = first.cookies[SESSION_COOKIE]
    assert old != "planted-by-an-attacker"
    header = first.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=strict" in header
    second = login(client)
    new = second.cookies[SESSION_COOKIE]
    assert new != old
    stale = TestClient(client.app, base_url="http://127.0.0.1")
    stale.cookies.set(SESSION_COOKIE, old)
    assert stale.get("/auth/session").status_code == 401
    assert client.get("/auth/session").json()["login"] == "ndrc"


def test_a_session_write_without_its_csrf_token_is_refused(world):
    store, _ = world
    client = app_client(store)
    csrf = login(client).json()["csrfToken"]
    # reads need no token
    assert gql(client, "{ me { login } }")["data"]["me"] == {"login": "ndrc"}
    assert "CSRF" in error(gql(client, REPORT, {"task": SHARED_TASK}))
    assert "CSRF" in error(gql(client, REPORT, {"task": SHARED_TASK}, {"X-CSRF-Token": "x"}))
    assert reports(store) == 0
    done = gql(client, REPORT, {"task": SHARED_TASK}, {"X-CSRF-Token": csrf})
    assert done["data"]["reportProgress"]["author"] == "ndrc"
    assert client.post("/auth/logout").status_code == 403
    assert client.post("/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert gql(client, "{ me { login } }")["data"]["me"] is None


def test_twenty_failed_logins_are_throttled_even_for_the_right_password(world):
    store, _ = world
    client = app_client(store)
    codes = [login(client, password=f"guess-{n}").status_code for n in range(20)]
    assert codes[:5] == [401] * 5
    assert set(codes[5:]) == {429}
    locked = login(client)
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0
    # another login from the same address is held back too
    assert login(client, "office").status_code == 429


def test_a_reporter_cannot_escalate_through_any_argument(world):
    store, tokens = world
    client = app_client(store)
    me = bearer(tokens["ndrc"])
    # another unit's assignment, another unit's task, a status only supervisors set
    assert error(gql(client, REPORT, {"task": SHARED_TASK, "unit": FARM}, me)) == (
        "县发展改革局 may not report on 县农业农村局's assignment"
    )
    assert "is not assigned" in error(gql(client, REPORT, {"task": FARM_TASK}, me))
    assert "RETURNED" in error(gql(client, REPORT, {"task": SHARED_TASK, "status": "RETURNED"}, me))
    # the author, time and kind are not arguments at all
    forged = 'mutation { reportProgress(task: "%s", status: DONE, author: "office") { uid } }'
    assert "author" in error(gql(client, forged % SHARED_TASK, None, me))
    assert reports(store) == 0
    report = gql(client, REPORT, {"task": SHARED_TASK}, me)["data"]["reportProgress"]
    assert report["author"] == "ndrc"
    # supervisors' mutations and the audit log
    ret = 'mutation ($r: ID!) { returnProgress(report: $r, reason: "x") { uid } }'
    com = 'mutation ($r: ID!) { commentProgress(report: $r, text: "x") { uid } }'
    assert "only a supervisor" in error(gql(client, ret, {"r": report["uid"]}, me))
    assert "only a supervisor" in error(gql(client, com, {"r": report["uid"]}, me))
    assert "audit log" in error(gql(client, "{ auditLog { totalCount } }", None, me))
    # a supervisor of plan a cannot act on plan b's reports
    other = gql(client, REPORT, {"task": f"{DOC_B}/t1.1.2"}, me)["data"]["reportProgress"]
    office = bearer(tokens["office"])
    assert "another document" in error(gql(client, ret, {"r": other["uid"]}, office))
    assert "only a reporter" in error(gql(client, REPORT, {"task": SHARED_TASK}, office))
    log = gql(client, "{ auditLog(first: 50) { edges { node { who what address } } } }",
              None, office)["data"]["auditLog"]["edges"]  # fmt: skip
    assert [e["node"]["who"] for e in log] == ["ndrc", "ndrc"]


def test_no_account_no_write_and_with_require_login_no_read(world):
    store, tokens = world
    open_client = app_client(store)
    assert error(gql(open_client, REPORT, {"task": SHARED_TASK})) == "not logged in"
    count = "{ documents { totalCount } }"
    assert gql(open_client, count)["data"]["documents"]["totalCount"] == 2
    assert open_client.post("/graphql", json={"query": "{ me { login } }"},
                            headers=bearer("dg_not-a-token")).status_code == 401  # fmt: skip
    closed = app_client(store, require_login=True)
    assert closed.post("/graphql", json={"query": count}).status_code == 401
    assert closed.get("/report", params={"document": DOC_A}).status_code == 401
    ok = gql(closed, count, None, bearer(tokens["office"]))
    assert ok["data"]["documents"]["totalCount"] == 2
    accounts.remove_user(store, "office")
    assert closed.post("/graphql", json={"query": count},
                       headers=bearer(tokens["office"])).status_code == 401  # fmt: skip


def test_a_mutation_over_get_is_refused(world):
    store, tokens = world
    client = app_client(store)
    write = f'mutation {{ reportProgress(task: "{SHARED_TASK}", status: DONE) {{ uid }} }}'
    response = client.get("/graphql", params={"query": write}, headers=bearer(tokens["ndrc"]))
    assert response.status_code in (400, 405)
    assert reports(store) == 0
