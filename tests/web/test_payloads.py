"""The explorer on a plan of attacks (tests/web/payloads.py), under the strict CSP the
server sends (api/exposure.py): every text shows as text in every view and export, no
script of the plan runs, nothing the policy refuses is tried, and the page asks its server
for nothing but its own assets, /graphql and its session."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl
import pytest
from playwright.sync_api import Browser, Download, Page, expect

from tests.web.browser import Tab
from tests.web.conftest import open_tab
from tests.web.payloads import FORMULAS, LONG, UNITS

pytestmark = pytest.mark.filterwarnings("ignore:Workbook contains no default style")

# Recorded before any of the page's scripts run (an init script is not subject to CSP).
WATCH = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
"""

# Elements and attributes no view of the explorer makes: if one is in the page, a plan's
# text was parsed as HTML.
INJECTED = """() => [...document.querySelectorAll('*')].flatMap((el) => {
  const tag = el.tagName.toLowerCase();
  const own = tag === 'script' && el.src && new URL(el.src).pathname.startsWith('/assets/');
  const bad = ['img', 'script', 'svg', 'iframe', 'object', 'embed'].includes(tag) && !own;
  const handlers = [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name);
  const links = [...el.attributes]
    .filter((a) => /^\\s*javascript:/i.test(a.value)).map((a) => a.name);
  return bad || handlers.length || links.length ? [`${tag} ${handlers} ${links}`] : [];
})"""

ALLOWED_PATHS = ("/", "/graphql", "/auth/session")  # the session: is anyone logged in?


@pytest.fixture
def hostile(browser: Browser, payload_server: str) -> Iterator[Tab]:
    with open_tab(browser, payload_server) as tab:
        dialogs: list[str] = []
        tab.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.page.add_init_script(WATCH)
        yield tab
        assert dialogs == [], f"the plan's script ran: {dialogs}"
        unexpected = [
            u
            for u in tab.requests
            if urlsplit(u).scheme not in ("data", "blob")
            and not (urlsplit(u).path in ALLOWED_PATHS or urlsplit(u).path.startswith("/assets/"))
        ]
        assert unexpected == [], f"requests the explorer does not make: {unexpected}"


def test_the_explorer_is_served_with_a_strict_policy(hostile: Tab) -> None:
    response = hostile.page.goto("/")
    assert response is not None
    policy = {
        d.strip().split(" ")[0]: d.strip()
        for d in response.headers["content-security-policy"].split(";")
    }
    # no inline script or style, nothing from elsewhere, not framed
    assert policy["default-src"] == "default-src 'self'"
    assert {"script-src", "style-src", "img-src"}.isdisjoint(policy)
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"


def check_page(page: Page) -> None:
    assert page.evaluate(INJECTED) == []
    assert page.evaluate("() => window.__violations") == []


def download(page: Page, testid: str) -> Download:
    with page.expect_download() as got:
        page.get_by_test_id(testid).click()
    return got.value


def test_payload_plan_runs_no_script_in_the_graph_and_details(hostile: Tab) -> None:
    page = hostile.page
    page.goto("/")
    search = page.get_by_test_id("search-input")
    search.fill("alert")
    hits = page.get_by_test_id("search-result")
    expect(hits.first).to_be_visible()
    kinds = {h.get_attribute("data-kind") for h in hits.all()}
    assert {"Unit", "Task", "Section", "Policy", "Project"} <= kinds
    for i in range(hits.count()):
        hits.nth(i).click()
        expect(page.get_by_test_id("graph")).to_have_attribute("data-state", "ready")
        expect(page.get_by_test_id("details-body")).to_have_attribute("data-state", "ready")
    # Every node the graph now holds, the document's included, in the details panel.
    for uid in page.evaluate("() => dutygraph.cy.nodes().map((n) => n.id())"):
        page.evaluate("uid => dutygraph.graph.select(uid)", uid)
        expect(page.get_by_test_id("details-body")).to_have_attribute("data-uid", uid)
        expect(page.get_by_test_id("details-body")).to_have_attribute("data-state", "ready")
    details = page.get_by_test_id("details-body").inner_text()
    assert details.strip()
    hostile.screenshot("payloads-details")
    # the names are shown, as text
    search.fill("img")
    expect(page.get_by_test_id("search-results")).to_contain_text(UNITS[0])
    for testid in ("export-png", "export-graphml", "export-json"):
        assert download(page, testid).path().stat().st_size > 0
    check_page(page)


def test_payload_plan_runs_no_script_in_the_workload_view(hostile: Tab) -> None:
    page = hostile.page
    page.goto("/#workload")
    view = page.get_by_test_id("view-workload")
    expect(view).to_have_attribute("data-state", "ready")
    rows = page.get_by_test_id("workload-row")
    expect(rows).to_have_count(len(UNITS))
    expect(page.get_by_test_id("workload-table")).to_contain_text(UNITS[0])
    # Every tooltip of both charts, as a mouse over each bar and cell would show it.
    tips = page.evaluate(
        """() => {
          const shown = [];
          for (const chart of [dutygraph.workload.chart, dutygraph.workload.heatmap]) {
            const n = chart.getOption().series[0].data.length;
            for (let i = 0; i < n; i++) {
              chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i });
              shown.push(chart.getDom().innerText);
            }
          }
          return shown;
        }"""
    )
    assert any(UNITS[0] in tip for tip in tips)
    hostile.screenshot("payloads-workload")
    assert download(page, "workload-csv").path().stat().st_size > 0
    assert download(page, "workload-xlsx").path().stat().st_size > 0
    check_page(page)


def neutralised(name: str) -> str:
    return f"'{name}"


def test_exports_neutralise_formula_looking_cells(hostile: Tab, tmp_path: Path) -> None:
    page = hostile.page
    page.goto("/#workload")
    expect(page.get_by_test_id("view-workload")).to_have_attribute("data-state", "ready")

    text = download(page, "workload-csv").path().read_bytes().decode("utf-8-sig")
    names = {row[1] for row in csv.reader(io.StringIO(text, newline=""))}
    assert {neutralised(f) for f in FORMULAS} <= names
    assert not any(n.startswith(("=", "+", "-", "@", "\t", "\r")) for n in names)
    assert LONG in names  # whole, not clipped

    saved = tmp_path / "workload.xlsx"
    download(page, "workload-xlsx").save_as(saved)
    with zipfile.ZipFile(saved) as xlsx:
        sheets = [n for n in xlsx.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in xlsx.read(n) or b"<f " in xlsx.read(n) for n in sheets)
    book = openpyxl.load_workbook(saved)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert {c.data_type for c in cells if c.value is not None} <= {"s", "n"}
    values = {c.value for c in cells}
    # (XML reads a CR in text as a line feed: the cell still starts with the quote)
    assert {neutralised(f).replace("\r", "\n") for f in FORMULAS} <= values
