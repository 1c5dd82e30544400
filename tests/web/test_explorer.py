"""The explorer in a real headless Chromium against `dutygraph serve` on the sample plan."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from typing import Any
from urllib.parse import urlsplit

import httpx
import openpyxl
import pytest
from playwright.sync_api import Locator, expect

from dutygraph.graph.model import unit_uid
from tests.web.browser import Tab

# write-excel-file's workbooks carry no default cell style; openpyxl notes it and reads on.
pytestmark = pytest.mark.filterwarnings("ignore:Workbook contains no default style")

UNIT = "县发展改革局"
PLACE = "陆河县"  # the sample is 陆河县's plan
UNIT_UID = unit_uid(UNIT, PLACE)


def graphql(base: str, query: str, **variables: Any) -> dict[str, Any]:
    """Asks the API directly, to check the page against what the server says."""
    response = httpx.post(f"{base}/graphql", json={"query": query, "variables": variables})
    body = response.json()
    assert "errors" not in body, body
    return body["data"]


def open_unit_by_keyboard(tab: Tab) -> None:
    """Types 发改局 (an alias), walks the results with the arrow keys, opens the unit."""
    page = tab.page
    page.goto("/")
    page.get_by_test_id("search-input").focus()
    page.keyboard.type("发改局")
    result = page.locator(f'[data-testid="search-result"][data-uid="{UNIT_UID}"]')
    expect(result).to_be_visible()
    expect(result.get_by_test_id("search-place")).to_have_text(PLACE)
    page.keyboard.press("ArrowDown")
    for _ in range(page.get_by_test_id("search-result").count()):
        if result.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press("ArrowDown")
    expect(result).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("graph")).to_have_attribute("data-selected", UNIT_UID)
    expect(page.get_by_test_id("graph")).to_have_attribute("data-state", "ready")


def cell(row: Locator, testid: str) -> str:
    return row.get_by_test_id(testid).inner_text()


def task_neighbours(tab: Tab, uid: str) -> list[dict[str, str]]:
    """The task nodes the graph links to `uid` by RESPONSIBLE_FOR, with the edge's role."""
    return tab.page.evaluate(
        """uid => window.dutygraph.cy.getElementById(uid)
              .connectedEdges('[type = "RESPONSIBLE_FOR"]')
              .map(e => ({uid: e.target().id(), kind: e.target().data('kind'),
                          role: e.data('role')}))""",
        uid,
    )


def test_explorer_loads_everything_from_its_own_server(tab: Tab) -> None:
    tab.page.goto("/")
    tab.page.wait_for_load_state("networkidle")
    expect(tab.page.get_by_test_id("search-input")).to_be_visible()
    expect(tab.page.get_by_test_id("tab-explorer")).to_have_text("图谱")  # Chinese by default
    tab.screenshot("explorer-empty")
    assert urlsplit(tab.origin).hostname == "127.0.0.1"
    assert len(tab.requests) >= 2  # the page and its script, at least
    assert tab.foreign_requests() == []


def test_alias_search_opens_the_unit_with_its_22_tasks(tab: Tab) -> None:
    open_unit_by_keyboard(tab)
    tasks = task_neighbours(tab, UNIT_UID)
    assert len({t["uid"] for t in tasks}) == 22
    assert {t["kind"] for t in tasks} == {"Task"}
    page = tab.page
    expect(page.get_by_test_id("details-body")).to_have_attribute("data-state", "ready")
    workload = page.get_by_test_id("details-workload")
    expect(workload).to_have_attribute("data-total", "22")
    expect(page.get_by_test_id("details-place")).to_have_text(PLACE)
    expect(page.get_by_test_id("details-unit-tasks").get_by_test_id("details-task")).to_have_count(
        22
    )
    # Lead and support edges look different: solid red vs dashed blue.
    styles = page.evaluate(
        """uid => Object.fromEntries(['lead', 'support'].map(role => {
              const e = window.dutygraph.cy.getElementById(uid)
                .connectedEdges(`[role = "${role}"]`).first();
              return [role, [e.style('line-style'), e.style('line-color')]];
           }))""",
        UNIT_UID,
    )
    assert styles["lead"][0] == "solid" and styles["support"][0] == "dashed"
    assert styles["lead"][1] != styles["support"][1]
    tab.screenshot("unit-graph")
    assert tab.foreign_requests() == []


def test_clicking_a_task_shows_its_units_and_source(tab: Tab, live_server: str) -> None:
    open_unit_by_keyboard(tab)
    page = tab.page
    task_uid = task_neighbours(tab, UNIT_UID)[0]["uid"]
    # A real mouse click on the node where cytoscape drew it.
    box = page.get_by_test_id("graph").bounding_box()
    assert box
    spot = page.evaluate(
        """uid => { const n = window.dutygraph.cy.getElementById(uid);
                    window.dutygraph.cy.center(n); return n.renderedPosition(); }""",
        task_uid,
    )
    page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
    details = page.get_by_test_id("details-body")
    expect(details).to_have_attribute("data-uid", task_uid)
    expect(details).to_have_attribute("data-state", "ready")

    truth = graphql(
        live_server,
        """query($uid: ID!) { task(uid: $uid) { text source { line start end text }
              assignments { role unit { name } } } }""",
        uid=task_uid,
    )["task"]
    expect(page.get_by_test_id("details-task-text")).to_have_text(truth["text"])
    source = page.get_by_test_id("details-source")
    expect(source).to_contain_text(f"第 {truth['source']['line']} 行")
    # the passage as printed: numbering, text and its responsibility clause
    expect(page.get_by_test_id("details-passage")).to_have_text(truth["source"]["text"])
    assert truth["text"] in truth["source"]["text"] and "责任单位" in truth["source"]["text"]
    units = page.get_by_test_id("details-units").locator("li")
    expect(units).to_have_count(len(truth["assignments"]))
    shown = {
        (li.get_attribute("data-role"), li.get_by_test_id("details-unit").inner_text())
        for li in units.all()
    }
    assert shown == {(a["role"], a["unit"]["name"]) for a in truth["assignments"]}
    assert ("LEAD", UNIT) in shown or ("SUPPORT", UNIT) in shown
    tab.screenshot("task-details")


def test_workload_ranks_towns_then_the_development_bureau(tab: Tab, tmp_path) -> None:
    page = tab.page
    page.goto("/")
    page.get_by_test_id("tab-workload").click()
    rows = page.get_by_test_id("workload-row")
    expect(rows.first).to_be_visible()
    expect(page.get_by_test_id("view-workload")).to_have_attribute("data-state", "ready")
    top = [(cell(r, "workload-unit"), cell(r, "workload-total")) for r in rows.all()[:2]]
    assert top == [("各镇人民政府", "24"), (UNIT, "22")]
    assert [cell(r, "workload-place") for r in rows.all()[:2]] == [PLACE, PLACE]
    tab.screenshot("workload")

    with page.expect_download() as got:
        page.get_by_test_id("workload-csv").click()
    text = got.value.path().read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[1][1:3] == ["各镇人民政府", "24"] and table[2][1:3] == [UNIT, "22"]
    assert table[0][5] == "地方" and table[1][5] == PLACE
    assert len(table) == rows.count() + 1

    with page.expect_download() as got:
        page.get_by_test_id("workload-xlsx").click()
    saved = tmp_path / "workload.xlsx"
    got.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).worksheets[0]
    values = [list(r) for r in sheet.iter_rows(min_row=2, max_row=3, values_only=True)]
    assert [v[1:3] for v in values] == [["各镇人民政府", 24], [UNIT, 22]]
    assert tab.foreign_requests() == []


def test_graph_is_navigable_by_keyboard(tab: Tab) -> None:
    open_unit_by_keyboard(tab)
    page = tab.page
    graph = page.get_by_test_id("graph")
    expect(graph).to_be_focused()
    before = page.evaluate("() => dutygraph.cy.nodes().length")
    page.keyboard.press("ArrowRight")
    moved = graph.get_attribute("data-selected")
    assert moved and moved != UNIT_UID
    expect(page.get_by_test_id("details-body")).to_have_attribute("data-uid", moved)
    page.keyboard.press("Enter")  # expands the selected node
    expect(graph).to_have_attribute("data-state", "ready")
    page.wait_for_function("n => dutygraph.cy.nodes().length > n", arg=before)


def test_workload_filters_by_section_and_exports_the_matrix(
    tab: Tab, live_server: str, tmp_path
) -> None:
    page = tab.page
    page.goto("/#workload")
    view = page.get_by_test_id("view-workload")
    expect(view).to_have_attribute("data-state", "ready")
    # sections are offered once a document is chosen (at 1,000 plans, all would be too many)
    document = page.get_by_test_id("workload-document")
    document.select_option(index=1)
    expect(view).to_have_attribute("data-state", "ready")
    section = page.get_by_test_id("workload-section")
    option = section.locator("option", has_text="加快推进基础设施建设")
    uid = option.get_attribute("value")
    section.select_option(uid)
    expect(view).to_have_attribute("data-state", "ready")
    truth = graphql(
        live_server,
        "query($s: ID!) { workload(first: 20, filter: {section: $s}) { total unit { name } } }",
        s=uid,
    )["workload"]
    rows = page.get_by_test_id("workload-row")
    expect(rows).to_have_count(len(truth))
    shown = [(cell(r, "workload-unit"), int(cell(r, "workload-total"))) for r in rows.all()]
    assert shown == [(w["unit"]["name"], w["total"]) for w in truth]
    assert shown[0][1] < 22  # a part of the plan, not the whole

    # The matrix sheet: shared tasks of the top two units, counted here from the API.
    with page.expect_download() as got:
        page.get_by_test_id("workload-xlsx").click()
    saved = tmp_path / "workload.xlsx"
    got.value.save_as(saved)
    matrix = openpyxl.load_workbook(saved).worksheets[1]
    header = [c.value for c in matrix[1]]
    a, b = header[1], header[2]
    tasks = graphql(
        live_server,
        """query($u: String!, $s: ID!) { tasks(filter: {unit: $u, section: $s}, first: 100) {
              edges { node { units { name } } } } }""",
        u=a,
        s=uid,
    )["tasks"]["edges"]
    shared = sum(1 for e in tasks if b in {u["name"] for u in e["node"]["units"]})
    assert matrix.cell(row=2, column=3).value == shared
    assert matrix.cell(row=3, column=2).value == shared
    tab.screenshot("workload-section")


def test_funding_policy_leads_to_its_project_and_tasks(tab: Tab, live_server: str) -> None:
    page = tab.page
    page.goto("/")
    page.get_by_test_id("search-input").fill("1000万元")
    hit = page.locator('[data-testid="search-result"][data-kind="Policy"]').first
    expect(hit).to_be_visible()
    uid = hit.get_attribute("data-uid")
    hit.click()
    details = page.get_by_test_id("details-body")
    expect(details).to_have_attribute("data-uid", uid)
    expect(details).to_have_attribute("data-state", "ready")
    truth = graphql(
        live_server,
        "query($uid: ID!) { policy(uid: $uid) { projects { uid name } tasks { uid } } }",
        uid=uid,
    )["policy"]
    assert truth["projects"], "the 1000万元 measure funds a project in the sample"
    projects = page.get_by_test_id("details-projects").get_by_test_id("details-project")
    expect(projects).to_have_text([p["name"] for p in truth["projects"]])
    tasks = page.get_by_test_id("details-tasks").get_by_test_id("details-task")
    assert [t.get_attribute("data-uid") for t in tasks.all()] == [t["uid"] for t in truth["tasks"]]

    # Following the project link shows the project, its tasks, and puts it in the graph.
    project = truth["projects"][0]
    projects.first.click()
    expect(details).to_have_attribute("data-uid", project["uid"])
    expect(details).to_have_attribute("data-state", "ready")
    expect(page.get_by_test_id("graph")).to_have_attribute("data-selected", project["uid"])
    project_tasks = graphql(
        live_server, "query($uid: ID!) { project(uid: $uid) { tasks { uid } } }", uid=project["uid"]
    )["project"]["tasks"]
    shown = page.get_by_test_id("details-tasks").get_by_test_id("details-task")
    assert [t.get_attribute("data-uid") for t in shown.all()] == [t["uid"] for t in project_tasks]
    tab.screenshot("project-details")


def test_graph_exports_open_as_graphml_and_json(tab: Tab, live_server: str) -> None:
    open_unit_by_keyboard(tab)
    page = tab.page
    counts = page.evaluate("() => [dutygraph.cy.nodes().length, dutygraph.cy.edges().length]")

    with page.expect_download() as got:
        page.get_by_test_id("export-graphml").click()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ET.parse(got.value.path()).getroot()
    assert len(root.findall(".//g:node", ns)) == counts[0]
    assert len(root.findall(".//g:edge", ns)) == counts[1]
    # every task with its whole text, the unit with its place
    nodes = {
        n.get("id"): {d.get("key"): d.text for d in n.findall("g:data", ns)}
        for n in root.findall(".//g:node", ns)
    }
    texts = {
        e["node"]["uid"]: e["node"]["text"]
        for e in graphql(
            live_server,
            """query($u: String!) { tasks(filter: {unit: $u}, first: 100) {
                  edges { node { uid text } } } }""",
            u=UNIT,
        )["tasks"]["edges"]
    }
    tasks = {uid: data for uid, data in nodes.items() if data["kind"] == "Task"}
    assert len(tasks) == 22 and all(data["text"] == texts[uid] for uid, data in tasks.items())
    assert nodes[UNIT_UID]["place"] == PLACE

    with page.expect_download() as got:
        page.get_by_test_id("export-json").click()
    doc = json.loads(got.value.path().read_text(encoding="utf-8"))
    assert [len(doc["elements"]["nodes"]), len(doc["elements"]["edges"])] == counts

    with page.expect_download() as got:
        page.get_by_test_id("export-png").click()
    png = got.value.path().read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    # a title line above the graph and the legend below it: taller than the graph alone
    alone = page.evaluate(
        """async () => (await createImageBitmap(
              dutygraph.cy.png({output: 'blob', full: true, scale: 2}))).height"""
    )
    assert int.from_bytes(png[20:24], "big") > alone > 0


def test_english_switch_relabels_the_page(tab: Tab) -> None:
    page = tab.page
    page.goto("/")
    page.get_by_test_id("lang-switch").click()
    expect(page.get_by_test_id("tab-workload")).to_have_text("Workload")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_test_id("lang-switch").click()
    expect(page.get_by_test_id("tab-workload")).to_have_text("工作量")


def test_graphiql_runs_a_query_from_local_assets(tab: Tab) -> None:
    page = tab.page
    page.goto("/graphql")
    editor = page.locator(".graphiql-query-editor .monaco-editor").first
    expect(editor).to_be_visible()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text('{ unit(name: "县发改局") { name workload { total lead } } }')
    # The editor closes brackets by itself: drop whatever it added after the cursor.
    page.keyboard.press("Shift+Control+End")
    page.keyboard.press("Delete")
    page.locator(".graphiql-execute-button").click()
    result = page.locator(".graphiql-response")
    expect(result).to_contain_text('"name": "县发展改革局"')
    expect(result).to_contain_text('"total": 22')
    expect(page.get_by_test_id("graphiql-home")).to_have_attribute("href", "/")
    tab.screenshot("graphiql")
    assert tab.foreign_requests() == []
