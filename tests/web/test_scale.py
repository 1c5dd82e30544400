"""The explorer at a county's real volume: the sample and 1,000 synthetic plans (50,000
tasks, `big_server`). Every view asks the API for what it shows, never every task."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import httpx
import openpyxl
import pytest
from playwright.sync_api import expect

from dutygraph.graph.model import unit_uid
from tests.synthetic import UNITS
from tests.web.browser import Tab
from tests.web.conftest import BIG
from tests.web.test_explorer import PLACE, UNIT
from tests.web.test_ledger import LEDGER_HEAD

BUSY = unit_uid(UNITS[0])  # on thousands of the synthetic tasks


def graphql_requests(tab: Tab) -> list[str]:
    return [u for u in tab.requests if u.endswith("/graphql")]


def test_workload_at_1000_plans_asks_at_most_3_requests(big_tab: Tab) -> None:
    page = big_tab.page
    page.goto("/#/workload")
    view = page.get_by_test_id("view-workload")
    expect(view).to_have_attribute("data-state", "ready", timeout=10_000)
    rows = page.get_by_test_id("workload-row")
    expect(rows).to_have_count(20)
    assert rows.first.get_attribute("data-uid") == BUSY
    assert len(graphql_requests(big_tab)) <= 3, graphql_requests(big_tab)
    big_tab.screenshot("workload-1000")
    # the document filter says how many plans it leaves out
    expect(page.get_by_test_id("workload-document")).to_contain_text(f"共 {BIG + 1} 个文件")


def test_document_list_pages_through_all_1001_documents(big_tab: Tab) -> None:
    page = big_tab.page
    page.goto("/#/documents")
    count = page.get_by_test_id("documents-count")
    expect(count).to_have_attribute("data-total", str(BIG + 1))
    seen: list[str] = []
    for _ in range(BIG):
        expect(page.get_by_test_id("view-documents")).to_have_attribute("data-state", "ready")
        seen += [r.get_attribute("data-uid") for r in page.get_by_test_id("document-row").all()]
        more = page.get_by_test_id("documents-next")
        if more.is_disabled():
            break
        shown = count.inner_text()
        more.click()
        expect(count).not_to_have_text(shown)
    assert len(seen) == len(set(seen)) == BIG + 1
    big_tab.screenshot("documents-1000")


def test_busy_unit_page_shows_its_total_and_a_grouped_graph(big_tab: Tab, big_server: str) -> None:
    query = "query($u: ID!) { unit(uid: $u) { workload { total byDocument { title } } } }"
    body = httpx.post(f"{big_server}/graphql", json={"query": query, "variables": {"u": BUSY}})
    truth = body.json()["data"]["unit"]["workload"]
    assert truth["total"] > 1000
    page = big_tab.page
    page.goto(f"/#/unit/{quote(BUSY, safe='')}")
    details = page.get_by_test_id("details-body")
    expect(details).to_have_attribute("data-state", "ready")
    expect(page.get_by_test_id("details-workload")).to_have_attribute(
        "data-total", str(truth["total"])
    )
    expect(page.get_by_test_id("details-unit-more")).to_contain_text(f"共 {truth['total']} 项")
    graph = page.get_by_test_id("graph")
    expect(graph).to_have_attribute("data-folded", str(truth["total"]))
    expect(page.get_by_test_id("graph-stats")).to_contain_text("已按文件折叠")
    kinds = page.evaluate("() => dutygraph.cy.nodes().map((n) => n.data('kind'))")
    assert kinds.count("Unit") == 1 and kinds.count("Group") == 30 and len(kinds) == 31
    big_tab.screenshot("busy-unit")

    # a group opens its tasks in that document
    group = page.evaluate("() => dutygraph.cy.nodes('[kind = \"Group\"]').first().id()")
    page.evaluate("id => dutygraph.graph.activate(id)", group)
    expect(graph).to_have_attribute("data-state", "ready")
    page.wait_for_function(
        "id => dutygraph.cy.getElementById(id).outgoers('node').length > 0", arg=group
    )


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_ledger_finds_the_development_bureau_among_1000_plans(big_tab: Tab, tmp_path: Path) -> None:
    page = big_tab.page
    page.goto("/#/ledger")
    expect(page.get_by_test_id("ledger-count")).to_have_attribute("data-total", str(BIG * 50 + 47))
    page.get_by_test_id("ledger-unit").fill("发改局")
    page.get_by_test_id("ledger-unit").press("Enter")
    expect(page.get_by_test_id("ledger-unit")).to_have_value(f"{UNIT}（{PLACE}）")
    expect(page.get_by_test_id("ledger-count")).to_have_attribute("data-total", "22")
    big_tab.screenshot("ledger-1000")
    # all 22 rows exported among the 1,000 plans' tasks, to a workbook openpyxl reads
    with page.expect_download() as got:
        page.get_by_test_id("ledger-xlsx").click()
    saved = tmp_path / "ledger.xlsx"
    got.value.save_as(saved)
    lines = list(openpyxl.load_workbook(saved).worksheets[0].iter_rows(values_only=True))
    body = lines[LEDGER_HEAD + 2 :]
    assert len(body) == 22 and all(UNIT in (r[4] or "") + (r[5] or "") for r in body)


def test_a_sorted_ledger_at_1000_plans_shows_the_servers_order(
    big_tab: Tab, big_server: str
) -> None:
    query = "{ tasks(sort: UNIT, first: 50) { edges { node { uid } } } }"
    body = httpx.post(f"{big_server}/graphql", json={"query": query}).json()
    truth = [e["node"]["uid"] for e in body["data"]["tasks"]["edges"]]
    page = big_tab.page
    page.goto("/#/ledger?sort=unit")
    expect(page.get_by_test_id("ledger-count")).to_have_attribute("data-total", str(BIG * 50 + 47))
    expect(page.locator('th[data-sort="unit"]')).to_have_attribute("aria-sort", "ascending")
    rows = page.get_by_test_id("ledger-row")
    expect(rows).to_have_count(50)
    assert [r.get_attribute("data-uid") for r in rows.all()] == truth
