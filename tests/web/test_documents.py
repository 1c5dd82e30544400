"""The documents pages in Chromium: an admin uploads a plan, sees its parse before loading
it, loads, replaces and unloads; parse warnings in the list and on the document page; a
unit's page and a document's page printed to PDF with no text covered and no graph."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from difflib import SequenceMatcher
from pathlib import Path

import pdfplumber
import pytest
from playwright.sync_api import Browser, Page, expect

from tests.api.test_uploads import PLAN
from tests.servers import start_serve, stop_serve
from tests.web.browser import Tab
from tests.web.conftest import open_tab
from tests.web.test_explorer import UNIT, UNIT_UID, graphql
from tests.web.test_ledger import overlapping
from tests.web.test_supervision import PASSWORD, cli, log_in


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """An empty store with an admin account and a supervisor's."""
    db = str(tmp_path_factory.mktemp("admin") / "db")
    for login, role in (("root", "admin"), ("office", "supervisor")):
        cli("user", "add", login, "--role", role, "--password-stdin", "--db", db,
            stdin=PASSWORD + "\n")  # fmt: skip
    served = start_serve(db)
    yield served.url
    stop_serve(served.process)


@pytest.fixture
def admin_tab(browser: Browser, admin_server: str) -> Iterator[Tab]:
    with open_tab(browser, admin_server) as tab:
        yield tab


def choose(page: Page, panel: str, file: Path) -> None:
    page.get_by_test_id(panel).get_by_test_id("upload-file").set_input_files(str(file))


def test_admin_previews_loads_replaces_and_unloads_a_plan(
    admin_tab: Tab, admin_server: str, tmp_path: Path
) -> None:
    page = admin_tab.page
    page.goto("/#/documents")
    expect(page.get_by_test_id("documents-empty")).to_be_visible()
    expect(page.get_by_test_id("upload-panel")).to_have_count(0)  # not logged in
    log_in(page, "root")
    page.goto("/#/documents")
    plan = tmp_path / "改造方案.txt"
    plan.write_text(PLAN, encoding="utf-8")

    # an unreadable file: one line in the page, nothing loaded
    bad = tmp_path / "scan.gif"
    bad.write_bytes(b"GIF89a" + bytes(64))
    choose(page, "documents-list", bad)
    status = page.get_by_test_id("upload-status")
    expect(status).to_have_class(re.compile(r"\berror\b"))
    expect(status).to_contain_text("无法读取这个文件：scan.gif: unsupported format")
    assert "\n" not in status.inner_text()

    choose(page, "documents-list", plan)
    expect(page.get_by_test_id("upload-title")).to_have_text("某县推进老旧小区改造工作方案")
    expect(page.get_by_test_id("upload-counts")).to_contain_text("3 项任务")
    expect(page.get_by_test_id("upload-leads")).to_have_text(
        "牵头单位：写明 2 项，推定 1 项，未写明 0 项"
    )
    expect(page.get_by_test_id("upload-warning-count")).to_have_attribute("data-count", "1")
    expect(page.get_by_test_id("upload-warnings")).to_contain_text("第 6 行：")
    admin_tab.screenshot("upload-preview")
    # the preview wrote nothing
    assert graphql(admin_server, "{ documents { totalCount } }")["documents"]["totalCount"] == 0

    page.get_by_test_id("upload-load").click()
    expect(page.get_by_test_id("upload-open")).to_be_visible()
    row = page.get_by_test_id("document-row")
    expect(row).to_have_count(1)
    cell = row.get_by_test_id("document-warnings")
    expect(cell).to_have_attribute("data-count", "1")
    expect(cell.get_by_test_id("document-warning-list")).to_be_hidden()
    cell.get_by_test_id("document-warnings-open").click()
    expect(cell.get_by_test_id("document-warning-list")).to_contain_text(
        "numbered item has no responsibility clause"
    )

    # the other views offer it at once (the page asked for the documents before the load)
    page.goto("/#/ledger")
    expect(page.get_by_test_id("ledger-document")).to_contain_text("某县推进老旧小区改造工作方案")
    page.go_back()

    # the document page: its warnings, and a new edition loaded in its place
    page.get_by_test_id("document-link").click()
    expect(page.get_by_test_id("document-title")).to_have_text("某县推进老旧小区改造工作方案")
    expect(page.get_by_test_id("document-page-warnings")).to_contain_text("第 6 行：")
    uid = page.get_by_test_id("document-page").get_attribute("data-uid")
    edition = tmp_path / "第二版.txt"
    edition.write_text(PLAN.replace("3.加强宣传引导，营造良好氛围。\n", ""), encoding="utf-8")
    choose(page, "document-admin", edition)
    expect(page.get_by_test_id("upload-replaces")).to_contain_text("改造方案.txt")
    expect(page.get_by_test_id("upload-warning-count")).to_have_attribute("data-count", "0")
    page.get_by_test_id("upload-load").click()
    expect(page.get_by_test_id("document-warning-section")).to_have_attribute("data-count", "0")
    expect(page.get_by_test_id("document-total")).to_have_attribute("data-total", "3")
    docs = graphql(admin_server, "{ documents { edges { node { uid source } } } }")
    assert [e["node"] for e in docs["documents"]["edges"]] == [
        {"uid": uid, "source": "改造方案.txt"}
    ]

    unload = page.get_by_test_id("unload")
    unload.click()
    expect(unload).to_have_text(re.compile("确认卸载"))
    unload.click()
    expect(page.get_by_test_id("documents-empty")).to_be_visible()
    assert graphql(admin_server, "{ documents { totalCount } }")["documents"]["totalCount"] == 0
    assert admin_tab.foreign_requests() == []


def test_supervisor_sees_no_upload(admin_tab: Tab) -> None:
    page = admin_tab.page
    log_in(page, "office")
    page.goto("/#/documents")
    expect(page.get_by_test_id("view-documents")).to_have_attribute("data-state", "ready")
    expect(page.get_by_test_id("upload-panel")).to_have_count(0)


def printed(page: Page, pdf: Path) -> str:
    """The page printed on A4; fails on text over text or any picture (the graph)."""
    page.pdf(path=str(pdf), format="A4", print_background=True)
    with pdfplumber.open(pdf) as doc:
        for p in doc.pages:
            assert not overlapping(p.chars), f"text over text on page {p.page_number}"
            assert not p.images, f"a picture (the graph's canvas) on page {p.page_number}"
        text = "".join(p.extract_text() or "" for p in doc.pages)
    # NFKC: the PDF's CJK font maps some characters to Kangxi radical forms (⽇ for 日)
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def missing_from(paper: str, element_text: str) -> list[str]:
    """The lines of an element's text (of 6 characters or more) not found on the paper.

    A line is found by a run of 5 of its first 12 characters: the PDF's font maps a few
    characters to CJK radicals that NFKC does not fold back (⺠ for 民, ⻓ for 长)."""
    lines = [
        re.sub(r"\s", "", unicodedata.normalize("NFKC", line)) for line in element_text.splitlines()
    ]
    missing = []
    for line in (line for line in lines if len(line) >= 6):
        run = SequenceMatcher(None, line[:12], paper, autojunk=False).find_longest_match()
        if run.size < 5:
            missing.append(line)
    return missing


def test_printed_unit_page_has_its_tasks_and_no_graph(tab: Tab, tmp_path: Path) -> None:
    page = tab.page
    page.goto(f"/#/unit/{UNIT_UID.replace('/', '%2F')}")
    expect(page.get_by_test_id("details-body")).to_have_attribute("data-state", "ready")
    expect(page.get_by_test_id("graph")).not_to_have_attribute("data-nodes", "0")
    text = printed(page, tmp_path / "unit.pdf")
    assert UNIT in text and "打印日期" in text
    shown = page.get_by_test_id("details-body").inner_text()
    assert len(shown.splitlines()) >= 30  # its 22 tasks, its partners …
    missing = missing_from(text, shown)
    assert not missing, f"not on the paper: {missing[:3]}"
    assert "适应窗口" not in text and "导出PNG" not in text  # the graph's toolbar


def test_printed_document_page_has_its_outline_and_units(
    tab: Tab, live_server: str, tmp_path: Path
) -> None:
    page = tab.page
    doc = graphql(live_server, "{ documents(first: 1) { edges { node { uid title } } } }")
    node = doc["documents"]["edges"][0]["node"]
    page.goto(f"/#/document/{node['uid']}")
    expect(page.get_by_test_id("document-title")).to_have_text(node["title"])
    expect(page.get_by_test_id("view-documents")).to_have_attribute("data-state", "ready")
    text = printed(page, tmp_path / "document.pdf")
    assert "打印日期" in text
    shown = page.get_by_test_id("document-page").inner_text()
    assert len(shown.splitlines()) >= 30  # the outline, goals, units, policies
    missing = missing_from(text, shown)
    assert not missing, f"not on the paper: {missing[:3]}"
