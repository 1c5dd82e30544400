"""Supervision in the browser, on the sample with accounts made by the CLI: a reporter
logs in, reports on its own task and sees it in the ledger, finds no form on another
unit's task; a supervisor sees the state per unit."""

from __future__ import annotations

import datetime
import subprocess
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.factories import SAMPLE
from tests.servers import DUTYGRAPH, start_serve, stop_serve
from tests.web.browser import Tab
from tests.web.conftest import open_tab
from tests.web.test_explorer import PLACE, UNIT, UNIT_UID
from tests.web.test_ledger import ENGLISH_ENUMS

PASSWORD = "correct horse battery"


def cli(*args: str, stdin: str | None = None) -> None:
    done = subprocess.run(
        [str(DUTYGRAPH), *args], input=stdin, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def accounts_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = str(tmp_path_factory.mktemp("supervised") / "db")
    cli("load", str(SAMPLE), "--db", db)
    for login, role, unit in (("ndrc", "reporter", "县发改局"), ("office", "supervisor", None)):
        where = ["--unit", unit, "--place", PLACE] if unit else []
        cli("user", "add", login, "--role", role, *where, "--password-stdin", "--db", db,
            stdin=PASSWORD + "\n")  # fmt: skip
    served = start_serve(db)
    yield served.url
    stop_serve(served.process)


@pytest.fixture
def office_tab(browser: Browser, accounts_server: str) -> Iterator[Tab]:
    with open_tab(browser, accounts_server) as tab:
        yield tab


def log_in(page: Page, login: str) -> None:
    page.goto("/#/supervision")
    page.get_by_test_id("login-name").fill(login)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_test_id("account")).to_have_attribute("data-login", login)
    expect(page.get_by_test_id("view-supervision")).to_have_attribute("data-state", "ready")


def tasks_of(base: str, unit: str) -> set[str]:
    query = (
        "query($u: String!) { tasks(filter: {unit: $u}, first: 100) { edges { node { uid } } } }"
    )
    body = httpx.post(f"{base}/graphql", json={"query": query, "variables": {"u": unit}}).json()
    return {e["node"]["uid"] for e in body["data"]["tasks"]["edges"]}


def test_reporter_reports_on_its_own_task_only(office_tab: Tab, accounts_server: str) -> None:
    page = office_tab.page
    page.goto("/#/supervision")
    expect(page.get_by_test_id("login-form")).to_be_visible()
    office_tab.screenshot("login")
    log_in(page, "ndrc")
    expect(page.get_by_test_id("todo-count")).to_have_attribute("data-total", "22")
    items = page.get_by_test_id("todo-item")
    expect(items).to_have_count(22)
    first = items.first
    uid = first.get_attribute("data-uid")
    first.get_by_test_id("report-status").select_option("IN_PROGRESS")
    first.get_by_test_id("report-percent").fill("40")
    first.get_by_test_id("report-note").fill("已完成前期调研")
    first.get_by_test_id("report-submit").click()
    expect(first.get_by_test_id("report-message")).to_have_text("已报送")
    office_tab.screenshot("reporter-todo")
    assert ENGLISH_ENUMS.findall(page.locator("body").inner_text()) == []

    # the ledger shows it
    page.goto(f"/#/ledger?unit={UNIT}&place={PLACE}")
    row = page.locator(f'[data-testid="ledger-row"][data-uid="{uid}"]')
    expect(row.get_by_test_id("ledger-progress")).to_contain_text("推进中 40%")

    # the form is on its own task and not on another unit's
    mine, others = tasks_of(accounts_server, UNIT), tasks_of(accounts_server, "县财政局")
    other = sorted(others - mine)[0]
    details = page.get_by_test_id("details-body")
    page.goto(f"/#/task/{uid}")
    expect(details).to_have_attribute("data-state", "ready")
    expect(details.get_by_test_id("report-form")).to_have_count(1)
    page.goto(f"/#/task/{other}")
    expect(details).to_have_attribute("data-uid", other)
    expect(details).to_have_attribute("data-state", "ready")
    expect(details.get_by_test_id("details-units")).to_be_visible()
    expect(details.get_by_test_id("report-form")).to_have_count(0)

    page.get_by_test_id("logout").click()
    expect(page.get_by_test_id("login-link")).to_be_visible()
    page.goto(f"/#/task/{uid}")
    page.reload()
    expect(details).to_have_attribute("data-state", "ready")
    expect(details.get_by_test_id("report-form")).to_have_count(0)


def test_supervisor_sees_the_state_of_each_unit(office_tab: Tab) -> None:
    page = office_tab.page
    log_in(page, "office")
    rows = page.get_by_test_id("dashboard-row")
    expect(rows.first).to_be_visible()
    names = page.get_by_test_id("dashboard-units").inner_text()
    assert UNIT in names
    expect(page.get_by_test_id("report-xlsx")).to_be_visible()
    office_tab.screenshot("supervisor-dashboard")
    assert page.get_by_test_id("todo-list").count() == 0


def test_supervisor_finds_the_units_silent_since_a_day(
    office_tab: Tab, accounts_server: str
) -> None:
    # 县发展改革局 reports today, through a session of its own
    mine = sorted(tasks_of(accounts_server, UNIT))[0]
    report = "mutation ($t: ID!) { reportProgress(task: $t, status: IN_PROGRESS) { at } }"
    with httpx.Client(base_url=accounts_server) as reporter:
        login = {"login": "ndrc", "password": PASSWORD}
        csrf = reporter.post("/auth/login", json=login).json()["csrfToken"]
        body = {"query": report, "variables": {"t": mine}}
        done = reporter.post("/graphql", json=body, headers={"X-CSRF-Token": csrf}).json()
    today = done["data"]["reportProgress"]["at"][:10]

    page = office_tab.page
    log_in(page, "office")
    row = page.locator(f'[data-testid="dashboard-row"][data-uid="{UNIT_UID}"]')
    expect(row.get_by_test_id("dashboard-last-report")).to_have_text(today)
    section = page.get_by_test_id("silent-units")
    expect(section).to_have_attribute("data-state", "ready")
    since = page.get_by_test_id("silent-since").input_value()
    assert since < today
    assert silent_names(page) == silent_truth(accounts_server, since)
    assert UNIT not in " ".join(silent_names(page))
    assert "从未报送" in section.inner_text()

    tomorrow = (datetime.date.fromisoformat(today) + datetime.timedelta(days=1)).isoformat()
    page.get_by_test_id("silent-since").fill(tomorrow)
    expect(page.get_by_test_id("silent-head")).to_contain_text(tomorrow)
    expect(section).to_have_attribute("data-state", "ready")
    truth = silent_truth(accounts_server, tomorrow)
    assert silent_names(page) == truth and any(UNIT in name for name in truth)
    expect(page.get_by_test_id("silent-head")).to_contain_text(f"共 {len(truth)} 个")
    office_tab.screenshot("supervisor-silent-units")
    assert ENGLISH_ENUMS.findall(page.locator("body").inner_text()) == []

    # a row opens the ledger of that unit
    section.locator(f'[data-testid="silent-row"][data-uid="{UNIT_UID}"]').get_by_test_id(
        "silent-unit"
    ).click()
    expect(page.get_by_test_id("view-ledger")).to_have_attribute("data-state", "ready")
    expect(page.get_by_test_id("ledger-count")).to_have_attribute("data-total", "22")


def silent_names(page: Page) -> list[str]:
    return [r.inner_text() for r in page.get_by_test_id("silent-unit").all()]


def silent_truth(base: str, since: str) -> list[str]:
    """The silent units' labels as the page writes them (name（place）), from the API."""
    query = """query ($s: Date!) { silentUnits(since: $s, first: 100) {
      edges { node { unit { name place } } } } }"""
    body = httpx.post(f"{base}/graphql", json={"query": query, "variables": {"s": since}})
    edges = body.json()["data"]["silentUnits"]["edges"]
    units = [e["node"]["unit"] for e in edges]
    return [f"{u['name']}（{u['place']}）" if u["place"] else u["name"] for u in units]
