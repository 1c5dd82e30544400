"""The ledger sorted by a column head, in Chromium on the sample (`live_server`): the
server's order, in the address, through reload and paging, and in the export."""

from __future__ import annotations

import csv
import io

from playwright.sync_api import Page, expect

from tests.web.browser import Tab
from tests.web.test_explorer import graphql
from tests.web.test_ledger import LEDGER_HEAD

ORDER = """query ($sort: TaskSort!, $reverse: Boolean!) {
  tasks(sort: $sort, reverse: $reverse, first: 100) { totalCount edges { node { uid code } } } }"""


def truth(base: str, sort: str, reverse: bool = False) -> list[str]:
    """Every task's uid in the API's order for `sort` (turned round)."""
    tasks = graphql(base, ORDER, sort=sort, reverse=reverse)["tasks"]
    assert tasks["totalCount"] == len(tasks["edges"])  # the sample's 47 in one answer
    return [e["node"]["uid"] for e in tasks["edges"]]


def shown(page: Page) -> list[str]:
    return [r.get_attribute("data-uid") for r in page.get_by_test_id("ledger-row").all()]


def ready(page: Page) -> None:
    expect(page.get_by_test_id("view-ledger")).to_have_attribute("data-state", "ready")


def test_a_column_head_sorts_by_the_server_and_the_address_keeps_it(
    tab: Tab, live_server: str
) -> None:
    page = tab.page
    by_unit, in_plan = truth(live_server, "UNIT"), truth(live_server, "PLAN")
    assert by_unit != in_plan and sorted(by_unit) == sorted(in_plan)
    page.goto("/#/ledger")
    ready(page)
    page.get_by_test_id("ledger-first").select_option("20")
    ready(page)
    assert shown(page) == in_plan[:20]

    page.get_by_test_id("ledger-sort-unit").click()
    expect(page.locator('th[data-sort="unit"]')).to_have_attribute("aria-sort", "ascending")
    page.wait_for_function("() => location.hash.includes('sort=unit')")
    ready(page)
    assert shown(page) == by_unit[:20]
    page.get_by_test_id("ledger-next").click()  # the sorted cursor pages its own sort
    expect(page.get_by_test_id("ledger-count")).to_contain_text("第 21–40 条")
    ready(page)
    assert shown(page) == by_unit[20:40]
    tab.screenshot("ledger-sorted")

    # a colleague's link (or a reload) shows the same order (50 a page: all 47)
    page.reload()
    ready(page)
    expect(page.locator('th[data-sort="unit"]')).to_have_attribute("aria-sort", "ascending")
    assert shown(page) == by_unit

    # the export holds every row, in the order shown
    with page.expect_download() as got:
        page.get_by_test_id("ledger-csv").click()
    table = list(csv.reader(io.StringIO(got.value.path().read_bytes().decode("utf-8-sig"))))
    assert "牵头单位" in table[1][0]  # the head says the order
    edges = graphql(live_server, ORDER, sort="UNIT", reverse=False)["tasks"]["edges"]
    codes = {e["node"]["uid"]: e["node"]["code"] for e in edges}
    assert [r[0] for r in table[LEDGER_HEAD + 2 :]] == [codes[uid] for uid in by_unit]

    # the number column is plan order again, and the address drops the sort
    page.get_by_test_id("ledger-sort-plan").click()
    page.wait_for_function("() => !location.hash.includes('sort=')")
    ready(page)
    assert shown(page) == in_plan
    expect(page.locator('th[data-sort="plan"]')).to_have_attribute("aria-sort", "ascending")
    expect(page.locator('th[data-sort="unit"]')).not_to_have_attribute("aria-sort", "ascending")
    assert tab.foreign_requests() == []


def test_each_sortable_head_asks_for_its_sort(tab: Tab, live_server: str) -> None:
    page = tab.page
    page.goto("/#/ledger")
    ready(page)
    for sort in ("due", "status", "reported"):
        page.get_by_test_id(f"ledger-sort-{sort}").click()
        page.wait_for_function(f"() => location.hash.includes('sort={sort}')")
        ready(page)
        assert shown(page) == truth(live_server, sort.upper())  # 47 tasks: one page of 50


def test_a_second_click_turns_the_sort_round_and_the_address_keeps_it(
    tab: Tab, live_server: str
) -> None:
    page = tab.page
    reversed_units = truth(live_server, "UNIT", reverse=True)  # the sample has no due dates
    assert reversed_units != truth(live_server, "UNIT")
    page.goto("/#/ledger")
    ready(page)
    head = page.locator('th[data-sort="unit"]')
    page.get_by_test_id("ledger-sort-unit").click()
    expect(head).to_have_attribute("aria-sort", "ascending")
    ready(page)
    page.get_by_test_id("ledger-sort-unit").click()
    expect(head).to_have_attribute("aria-sort", "descending")
    page.wait_for_function("() => location.hash.includes('reverse=1')")
    ready(page)
    assert shown(page) == reversed_units
    page.reload()  # a link keeps the direction
    ready(page)
    expect(head).to_have_attribute("aria-sort", "descending")
    assert shown(page) == reversed_units
    # another column starts the right way round again; plan order has one way only
    page.get_by_test_id("ledger-sort-reported").click()
    page.wait_for_function("() => !location.hash.includes('reverse=')")
    ready(page)
    expect(page.locator('th[data-sort="reported"]')).to_have_attribute("aria-sort", "descending")
    assert shown(page) == truth(live_server, "REPORTED")
    page.get_by_test_id("ledger-sort-plan").click()
    page.get_by_test_id("ledger-sort-plan").click()
    page.wait_for_function("() => !location.hash.includes('sort=')")
    ready(page)
    assert shown(page) == truth(live_server, "PLAN")
