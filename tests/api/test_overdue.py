"""Overdue and due soon judged by the app's clock, set here (no sleeps): a task due
`2025年底` with no DONE report is overdue on 2026-01-01 and not on 2025-12-30."""

from __future__ import annotations

import datetime

import pytest
from fastapi.testclient import TestClient

from dutygraph.api.app import create_app
from dutygraph.api.settings import Settings
from dutygraph.graph import accounts
from dutygraph.graph.load import load_plan
from dutygraph.graph.model import unit_uid
from dutygraph.loaders import parse_file

PLAN = """某县2025年重点工作方案
一、重点任务
1.建设县城污水管网。（责任单位：县住房城乡建设局；完成时限：2025年底）
2.推进乡村道路硬化。（责任单位：县交通运输局；完成时限：6月底前）
3.开展河湖巡查。（责任单位：县水务局；完成时限：长期坚持）
4.报送工作进展。（责任单位：县水务局；完成时限：每季度）
"""
OVERDUE = """{ overdue(first: 10) { totalCount edges { node {
  dueDate status overdue due { text date recurrence } task { text } unit { name } } } } }"""


@pytest.fixture
def plan_store(store, tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    load_plan(store, parse_file(path))
    housing = "县住房城乡建设局"
    accounts.add_user(store, accounts.User("housing", "reporter", unit_uid(housing), housing), None)
    return store, accounts.new_token(store, "housing")


def on(store, day: datetime.date) -> TestClient:
    clock = lambda: datetime.datetime.combine(day, datetime.time(9), datetime.UTC)  # noqa: E731
    return TestClient(create_app(Settings(), store, clock=clock), base_url="http://127.0.0.1")


def query(client: TestClient, text: str, token: str | None = None) -> dict:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    body = client.post("/graphql", json={"query": text}, headers=headers).json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def late(client: TestClient) -> list[tuple[str, str]]:
    edges = query(client, OVERDUE)["overdue"]["edges"]
    return [(e["node"]["unit"]["name"], e["node"]["dueDate"]) for e in edges]


def test_overdue_the_day_after_its_due_date_and_not_before(plan_store):
    store, _ = plan_store
    assert late(on(store, datetime.date(2025, 12, 30))) == [("县交通运输局", "2025-06-30")]
    assert late(on(store, datetime.date(2026, 1, 1))) == [
        ("县交通运输局", "2025-06-30"), ("县住房城乡建设局", "2025-12-31"),
    ]  # fmt: skip


def test_a_done_report_ends_lateness_and_counts_in_the_summary(plan_store):
    store, token = plan_store
    client = on(store, datetime.date(2026, 1, 1))
    task = query(client, '{ tasks(filter: {text: "污水"}) { edges { node { uid } } } }')
    uid = task["tasks"]["edges"][0]["node"]["uid"]
    done = f'mutation {{ reportProgress(task: "{uid}", status: DONE) {{ status }} }}'
    assert query(client, done, token)["reportProgress"]["status"] == "DONE"
    assert late(client) == [("县交通运输局", "2025-06-30")]
    summary = query(client, "{ progressSummary { unit { name } total done unreported overdue } }")
    rows = {r["unit"]["name"]: r for r in summary["progressSummary"]}
    assert rows["县住房城乡建设局"] | {"unit": None} == {
        "unit": None, "total": 1, "done": 1, "unreported": 0, "overdue": 0}  # fmt: skip
    assert rows["县交通运输局"]["overdue"] == 1


def test_due_dates_standing_and_recurring_deadlines(plan_store):
    store, _ = plan_store
    client = on(store, datetime.date(2025, 6, 20))
    data = query(client, "{ tasks(first: 10) { edges { node { text assignments { dueDate } "
                 "progress { dueSoon due { text date recurrence } } } } } }")  # fmt: skip
    dues = {e["node"]["text"][:4]: e["node"]["progress"][0] for e in data["tasks"]["edges"]}
    assert dues["推进乡村"]["due"] == {"text": "6月底前", "date": "2025-06-30", "recurrence": None}
    assert dues["推进乡村"]["dueSoon"] is True  # within the default 14 days
    assert dues["开展河湖"]["due"] == {"text": "长期坚持", "date": None, "recurrence": None}
    assert dues["报送工作"]["due"]["recurrence"] == "QUARTERLY"
    window = query(client, '{ tasks(filter: {dueAfter: "2025-07-01", dueBefore: "2025-12-31"}) '
                   "{ totalCount edges { node { text } } } }")["tasks"]  # fmt: skip
    assert [e["node"]["text"][:4] for e in window["edges"]] == ["建设县城"]
    started = query(client, "{ tasks(filter: {status: NOT_STARTED}) { totalCount } }")
    assert started["tasks"]["totalCount"] == 4  # nothing reported yet
