"""The ledger's sorts (`tasks(sort:)`) over the API, on a real store: each order, paging
through it by cursor, a cursor of one sort refused by another, a sort with a progress
filter. Reports are written through the API on days set by the app's clock."""

from __future__ import annotations

import datetime

import pytest
from fastapi.testclient import TestClient

from dutygraph.api.app import create_app
from dutygraph.api.settings import Settings
from dutygraph.graph import accounts
from dutygraph.graph.load import load_plan
from dutygraph.graph.model import unit_uid
from dutygraph.graph.task_sort import SORTS
from dutygraph.loaders import parse_file
from dutygraph.schema.inputs import TaskSort

# Task n is "n." below: due 2025-12-31, 2025-06-30, none, 2025-09-30, 2026-06-30.
PLAN = """某县2025年重点工作方案
一、重点任务
1.建设县城污水管网。（牵头单位：县住房城乡建设局；配合单位：县财政局；完成时限：2025年底）
2.推进乡村道路硬化。（责任单位：县交通运输局；完成时限：6月底前）
3.开展河湖巡查。（责任单位：县水务局；完成时限：长期坚持）
4.完善农村供水设施。（牵头单位：县水务局；完成时限：2025年9月底前）
5.改造老旧小区。（牵头单位：县住房城乡建设局；完成时限：2026年6月底前）
"""
REPORTERS = {"housing": "县住房城乡建设局", "water": "县水务局", "roads": "县交通运输局"}
PAGE = """query ($sort: TaskSort!, $first: Int!, $after: String, $f: TaskFilter) {
  tasks(sort: $sort, first: $first, after: $after, filter: $f) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ordinal } } } }"""


def on(store, day: int) -> TestClient:
    """The app as on the `day`th of January 2026, 09:00 UTC."""
    when = datetime.datetime(2026, 1, day, 9, tzinfo=datetime.UTC)
    app = create_app(Settings(), store, clock=lambda: when)
    return TestClient(app, base_url="http://127.0.0.1")


def post(client: TestClient, query: str, token: str | None = None, **variables) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    return body.json()


def ok(client: TestClient, query: str, token: str | None = None, **variables) -> dict:
    body = post(client, query, token, **variables)
    assert "errors" not in body, body["errors"]
    return body["data"]


def report(store, day: int, login: str, tokens: dict, task: int, status: str) -> str:
    client = on(store, day)
    uid = uids(client)[task]
    done = ok(
        client,
        "mutation ($t: ID!, $s: ProgressStatus!) { reportProgress(task: $t, status: $s) { uid } }",
        tokens[login],
        t=uid,
        s=status,
    )
    return done["reportProgress"]["uid"]


def uids(client: TestClient) -> dict[int, str]:
    """Each task's uid by its position in the plan (task n is "n." there)."""
    query = "{ tasks(first: 10) { edges { node { ordinal uid } } } }"
    return {e["node"]["ordinal"]: e["node"]["uid"] for e in ok(client, query)["tasks"]["edges"]}


@pytest.fixture
def reported(store, tmp_path):
    """The plan with reports: 1 IN_PROGRESS (day 1), 3 BLOCKED (day 2), 4 IN_PROGRESS
    (day 3) sent back by a supervisor (day 5), 2 DONE (day 4); 5 never reported."""
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    load_plan(store, parse_file(path))
    tokens = {}
    for login, unit in REPORTERS.items():
        accounts.add_user(store, accounts.User(login, "reporter", unit_uid(unit), unit), None)
        tokens[login] = accounts.new_token(store, login)
    accounts.add_user(store, accounts.User("office", "supervisor"), None)
    tokens["office"] = accounts.new_token(store, "office")
    report(store, 1, "housing", tokens, 1, "IN_PROGRESS")
    report(store, 2, "water", tokens, 3, "BLOCKED")
    sent = report(store, 3, "water", tokens, 4, "IN_PROGRESS")
    report(store, 4, "roads", tokens, 2, "DONE")
    back = 'mutation ($r: ID!) { returnProgress(report: $r, reason: "数据不全") { uid } }'
    ok(on(store, 5), back, tokens["office"], r=sent)
    return store


def order(client: TestClient, sort: str, first: int = 10, **filters) -> list[str]:
    data = ok(client, PAGE, sort=sort, first=first, f=filters or None)["tasks"]
    return [str(e["node"]["ordinal"]) for e in data["edges"]]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("PLAN", "12345"),
        ("DUE", "24153"),  # 06-30, 09-30, 12-31, 2026-06-30, none last
        ("STATUS", "43512"),  # RETURNED, BLOCKED, no report, IN_PROGRESS, DONE
        ("REPORTED", "42315"),  # newest report first (the return on day 5), never last
        ("UNIT", "21534"),  # 县交通运输局, 县住房城乡建设局 ×2, 县水务局 ×2, in plan order
    ],
)
def test_each_sort_orders_the_ledger(reported, sort, expected):
    assert "".join(order(on(reported, 6), sort)) == expected


@pytest.mark.parametrize("sort", ["DUE", "STATUS", "REPORTED", "UNIT"])
def test_cursors_page_through_their_own_sort(reported, sort):
    client = on(reported, 6)
    seen, after = [], None
    while True:
        page = ok(client, PAGE, sort=sort, first=2, after=after)["tasks"]
        assert page["totalCount"] == 5
        seen += [str(e["node"]["ordinal"]) for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == order(client, sort)


def test_a_cursor_of_another_sort_is_refused_in_one_line(reported):
    client = on(reported, 6)
    due = ok(client, PAGE, sort="DUE", first=2)["tasks"]["pageInfo"]["endCursor"]
    plan = ok(client, PAGE, sort="PLAN", first=2)["tasks"]["pageInfo"]["endCursor"]
    (error,) = post(client, PAGE, sort="STATUS", first=2, after=due)["errors"]
    assert error["message"] == (
        "`after` is a cursor of the tasks sorted by due, not sorted by status: "
        "ask for the first page of this sort"
    )
    (error,) = post(client, PAGE, sort="DUE", first=2, after=plan)["errors"]
    assert "in plan order, not sorted by due" in error["message"]
    # the default order still takes the cursors it always gave out
    assert ok(client, PAGE, sort="PLAN", first=2, after=plan)["tasks"]["edges"]


def test_a_sort_keeps_to_a_progress_filter(reported):
    client = on(reported, 6)
    due_2025 = {"dueBefore": "2025-12-31"}  # tasks 1, 2 and 4
    assert order(client, "PLAN", **due_2025) == ["1", "2", "4"]
    assert order(client, "UNIT", **due_2025) == ["2", "1", "4"]
    assert order(client, "REPORTED", **due_2025) == ["4", "2", "1"]
    assert order(client, "UNIT", first=1, **due_2025) == ["2"]
    unit = {"unit": "县水务局"}  # by the store's own filter: tasks 3 and 4
    assert order(client, "STATUS", **unit) == ["4", "3"]


REVERSED = PAGE.replace("$f: TaskFilter)", "$f: TaskFilter, $reverse: Boolean!)").replace(
    "filter: $f)", "filter: $f, reverse: $reverse)"
)


def reversed_order(client: TestClient, sort: str, first: int = 10, **filters) -> str:
    data = ok(client, REVERSED, sort=sort, first=first, f=filters or None, reverse=True)
    return "".join(str(e["node"]["ordinal"]) for e in data["tasks"]["edges"])


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("DUE", "51423"),  # 2026-06-30, 12-31, 09-30, 06-30, none still last
        ("STATUS", "21534"),  # DONE, IN_PROGRESS, no report, BLOCKED, RETURNED
        ("REPORTED", "13245"),  # oldest report first (day 1), never reported still last
        ("UNIT", "34152"),  # 县水务局 ×2, 县住房城乡建设局 ×2 (ties in plan order), 县交通运输局
    ],
)
def test_a_reversed_sort_turns_the_keys_round(reported, sort, expected):
    client = on(reported, 6)
    assert reversed_order(client, sort) == expected
    seen, after = [], None
    while True:  # its cursors page it, and only it
        variables = {"sort": sort, "first": 2, "after": after, "reverse": True}
        page = ok(client, REVERSED, **variables)["tasks"]
        seen += [str(e["node"]["ordinal"]) for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert "".join(seen) == expected
    (error,) = post(client, PAGE, sort=sort, first=2, after=after)["errors"]
    assert f"sorted by {sort.lower()} reversed, not sorted by {sort.lower()}" in error["message"]


def test_a_reversed_sort_keeps_to_a_progress_filter_and_plan_order_is_not_reversed(reported):
    client = on(reported, 6)
    # never reported: 5 (due 2026), and 1's support (县财政局)
    assert reversed_order(client, "DUE", status="NOT_STARTED") == "51"
    assert reversed_order(client, "DUE", unit="县水务局") == "43"
    (error,) = post(client, REVERSED, sort="PLAN", first=2, reverse=True)["errors"]
    assert error["message"] == ("reverse turns a sort round: give a sort other than plan order")


def test_the_api_offers_every_sort_the_store_has():
    assert [s.value for s in TaskSort] == list(SORTS)
