"""The task ledger, the documents pages and the explorer's addresses, in Chromium on the
sample plan (`live_server`)."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from playwright.sync_api import Page, expect

from tests.servers import start_serve, stop_serve
from tests.web.browser import Tab
from tests.web.conftest import open_tab
from tests.web.test_explorer import PLACE, UNIT, UNIT_UID, graphql

pytestmark = pytest.mark.filterwarnings("ignore:Workbook contains no default style")

LEDGER_HEAD = 4  # title, filters, date, total (then a blank row, then the header)


def ledger_for(page: Page, typed: str) -> None:
    page.goto("/#/ledger")
    expect(page.get_by_test_id("view-ledger")).to_have_attribute("data-state", "ready")
    page.get_by_test_id("ledger-unit").fill(typed)
    page.get_by_test_id("ledger-unit").press("Enter")
    expect(page.get_by_test_id("ledger-unit")).to_have_value(f"{UNIT}（{PLACE}）")
    expect(page.get_by_test_id("view-ledger")).to_have_attribute("data-state", "ready")


def test_ledger_takes_an_abbreviation_and_exports_all_its_rows(
    tab: Tab, live_server: str, tmp_path: Path
) -> None:
    page = tab.page
    ledger_for(page, "发改局")
    truth = graphql(
        live_server,
        """query($u: String!, $p: String) { tasks(filter: {unit: $u, place: $p}, first: 100) {
              totalCount edges { node { uid code text } } } }""",
        u=UNIT,
        p=PLACE,
    )["tasks"]
    assert truth["totalCount"] == 22
    expect(page.get_by_test_id("ledger-count")).to_have_attribute("data-total", "22")
    rows = page.get_by_test_id("ledger-row")
    expect(rows).to_have_count(22)
    assert [r.get_attribute("data-uid") for r in rows.all()] == [
        e["node"]["uid"] for e in truth["edges"]
    ]
    # the address holds the filter: a colleague's link shows the same ledger
    assert "unit=" in page.url and "place=" in page.url
    tab.screenshot("ledger")

    with page.expect_download() as got:
        page.get_by_test_id("ledger-xlsx").click()
    saved = tmp_path / "ledger.xlsx"
    got.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).worksheets[0]
    lines = [r for r in sheet.iter_rows(values_only=True)]
    assert lines[0][0] == "任务台账"
    assert UNIT in lines[1][0] and PLACE in lines[1][0]
    assert re.search(r"\d{4}-\d{2}-\d{2}", lines[2][0])
    header, body = lines[LEDGER_HEAD + 1], lines[LEDGER_HEAD + 2 :]
    assert header[:4] == ("编号", "文件", "章节", "任务内容")
    assert [r[3] for r in body] == [e["node"]["text"] for e in truth["edges"]]
    assert all(UNIT in (r[4] or "") + (r[5] or "") for r in body)

    with page.expect_download() as got:
        page.get_by_test_id("ledger-csv").click()
    table = list(csv.reader(io.StringIO(got.value.path().read_bytes().decode("utf-8-sig"))))
    assert table[0] == ["任务台账"]
    assert [r[0] for r in table[LEDGER_HEAD + 2 :]] == [e["node"]["code"] for e in truth["edges"]]
    assert tab.foreign_requests() == []


def test_ledger_pages_from_the_server_with_the_total(tab: Tab, live_server: str) -> None:
    page = tab.page
    page.goto("/#/ledger")
    total = graphql(live_server, "{ tasks(first: 0) { totalCount } }")["tasks"]["totalCount"]
    assert 40 < total < 60  # three pages of 20
    count = page.get_by_test_id("ledger-count")
    expect(count).to_have_attribute("data-total", str(total))
    page.get_by_test_id("ledger-first").select_option("20")
    rows = page.get_by_test_id("ledger-row")
    expect(count).to_contain_text("第 1–20 条")
    first_page = [r.get_attribute("data-uid") for r in rows.all()]
    page.get_by_test_id("ledger-next").click()
    expect(count).to_contain_text("第 21–40 条")
    page.get_by_test_id("ledger-next").click()
    expect(count).to_contain_text(f"第 41–{total} 条")
    expect(rows).to_have_count(total - 40)
    assert not set(first_page) & {r.get_attribute("data-uid") for r in rows.all()}
    expect(page.get_by_test_id("ledger-next")).to_be_disabled()
    page.get_by_test_id("ledger-prev").click()
    expect(count).to_contain_text("第 21–40 条")
    page.get_by_test_id("ledger-prev").click()
    expect(count).to_contain_text("第 1–20 条")
    assert [r.get_attribute("data-uid") for r in rows.all()] == first_page


def test_addresses_survive_reload_back_and_forward(tab: Tab) -> None:
    page = tab.page
    ledger_for(page, "县发改局")
    ledger_url = page.url
    page.get_by_test_id("ledger-row-unit").first.click()  # a unit's link in the first row
    details = page.get_by_test_id("details-body")
    expect(details).to_have_attribute("data-state", "ready")
    expect(details).to_have_attribute("data-kind", "Unit")
    opened = details.get_attribute("data-uid")
    assert "#/unit/" in page.url
    page.go_back()
    expect(page.get_by_test_id("view-ledger")).to_be_visible()
    expect(page.get_by_test_id("ledger-count")).to_have_attribute("data-total", "22")
    assert page.url == ledger_url
    page.go_forward()
    expect(details).to_have_attribute("data-uid", opened)

    # a bookmark of a unit's address, opened afresh, shows that unit
    page.goto(f"/#/unit/{UNIT_UID.replace('/', '%2F')}")
    page.reload()
    expect(details).to_have_attribute("data-uid", UNIT_UID)
    expect(details).to_have_attribute("data-state", "ready")
    expect(page.get_by_test_id("graph")).to_have_attribute("data-selected", UNIT_UID)
    expect(page.get_by_test_id("details-workload")).to_have_attribute("data-total", "22")


def test_documents_list_and_page(tab: Tab, live_server: str) -> None:
    page = tab.page
    page.goto("/#/documents")
    doc = graphql(
        live_server,
        "{ documents(first: 1) { totalCount edges { node { uid title goals { text } } } } }",
    )["documents"]
    node = doc["edges"][0]["node"]
    expect(page.get_by_test_id("documents-count")).to_have_attribute(
        "data-total", str(doc["totalCount"])
    )
    link = page.get_by_test_id("document-link").first
    expect(link).to_have_text(node["title"])
    link.click()
    expect(page.get_by_test_id("document-title")).to_have_text(node["title"])
    expect(page.get_by_test_id("document-goals")).to_contain_text(node["goals"][0]["text"])
    expect(page.get_by_test_id("document-units")).to_contain_text(UNIT)
    tab.screenshot("document-page")
    page.reload()
    expect(page.get_by_test_id("document-title")).to_have_text(node["title"])


def test_printed_ledger_has_no_text_over_text(tab: Tab, tmp_path: Path) -> None:
    page = tab.page
    ledger_for(page, "发改局")
    pdf = tmp_path / "ledger.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) >= 2  # 22 tasks do not fit one A4 page
        # NFKC: the PDF's CJK font maps some characters to Kangxi radical forms (⽇ for 日);
        # a few (⻓ for 长) have no mapping, so a row is found by a run of its first words
        text = unicodedata.normalize("NFKC", "".join(p.extract_text() or "" for p in doc.pages))
        for p in doc.pages:
            assert not overlapping(p.chars), f"text over text on page {p.page_number}"
    assert "任务台账" in text and "打印日期" in text
    squeezed = re.sub(r"\s", "", text)
    assert "完成时限" in squeezed  # the last column is on the paper, not cut off
    for shown in page.get_by_test_id("ledger-text").all():
        start = unicodedata.normalize("NFKC", re.sub(r"\s", "", shown.inner_text()))[:12]
        run = SequenceMatcher(None, start, squeezed, autojunk=False).find_longest_match()
        assert run.size >= 5, f"{start} is not on the paper"
    assert "适应窗口" not in text  # the graph's toolbar is not printed


def overlapping(chars: list[dict]) -> list[tuple[str, str]]:
    """Pairs of printed characters whose boxes overlap by more than a third of either."""
    found = []
    boxes = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b["top"] >= a["bottom"]:
                break
            w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            hgt = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if w > 0 and hgt > 0:
                smaller = min(a["x1"] - a["x0"], b["x1"] - b["x0"]) or 1
                if w > smaller / 3 and a["text"].strip() and b["text"].strip():
                    found.append((a["text"], b["text"]))
    return found


ENGLISH_ENUMS = re.compile(
    r"\b(LEAD|SUPPORT|FUNDING|DOCUMENT|LAND|OTHER|PARTY|GOVERNMENT|INSTITUTION|PARK|TOWN|"
    r"BRANCH|COLLECTIVE|GROUP|NATIONAL|PROVINCE|CITY|COUNTY|energy|transport|water|health|"
    r"education|ecology|culture|industry|lead|support|funding)\b"
)


def test_chinese_ui_shows_no_english_enum_values(tab: Tab, live_server: str) -> None:
    page = tab.page
    seen: list[str] = []
    policy = graphql(live_server, "{ policies(kind: FUNDING, first: 1) { uid } }")["policies"]
    project = graphql(live_server, "{ projects(first: 1) { uid kind } }")["projects"]
    addresses = [
        "/#/ledger",
        "/#/documents",
        "/#/workload",
        f"/#/unit/{UNIT_UID.replace('/', '%2F')}",
    ]
    addresses += [f"/#/policy/{p['uid']}" for p in policy]
    addresses += [f"/#/project/{p['uid']}" for p in project if p["kind"]]
    assert len(addresses) == 6, "the sample has a funding measure and a project of a kind"
    for address in addresses:
        page.goto(address)
        page.wait_for_load_state("networkidle")
        expect(page.locator("main:not([hidden])")).not_to_have_attribute("data-state", "loading")
        if "policy" in address or "project" in address or "unit" in address:
            expect(page.get_by_test_id("details-body")).to_have_attribute("data-state", "ready")
        seen += ENGLISH_ENUMS.findall(page.locator("body").inner_text())
    assert seen == []


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("人社局", "县人力资源社会保障局"),
        ("科工信局", "县科技工业和信息化局"),
        ("財政局", "县财政局"),
    ],
)
def test_search_resolves_names_as_the_api_does(tab: Tab, typed: str, unit: str) -> None:
    page = tab.page
    page.goto("/")
    page.get_by_test_id("search-input").fill(typed)
    hit = page.locator('[data-testid="search-result"][data-kind="Unit"]').first
    expect(hit).to_contain_text(unit)
    expect(hit.get_by_test_id("search-place")).to_have_text(PLACE)


def test_following_a_link_in_the_details_keeps_the_keyboard_there(tab: Tab) -> None:
    page = tab.page
    page.goto(f"/#/unit/{UNIT_UID.replace('/', '%2F')}")
    details = page.get_by_test_id("details-body")
    expect(details).to_have_attribute("data-state", "ready")
    link = details.get_by_test_id("details-task").first
    uid = link.get_attribute("data-uid")
    link.focus()
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("data-uid", uid)
    expect(details).to_have_attribute("data-state", "ready")
    assert page.evaluate(
        "() => document.getElementById('details-body').contains(document.activeElement)"
    )


def test_an_empty_store_says_how_to_load_a_plan(browser, tmp_path: Path) -> None:
    served = start_serve(str(tmp_path / "db"))
    try:
        with open_tab(browser, served.url) as empty:
            empty.page.goto("/")
            expect(empty.page.get_by_test_id("graph-empty")).to_contain_text("dutygraph load")
            empty.page.goto("/#/documents")
            expect(empty.page.get_by_test_id("documents-empty")).to_contain_text("dutygraph load")
            empty.screenshot("empty-store")
    finally:
        stop_serve(served.process)
