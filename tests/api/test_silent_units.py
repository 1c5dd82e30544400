"""Units that have not reported since a date (`silentUnits`) and each unit's last report
day on the dashboard's rows (`progressSummary { lastReport }`), over the API on a real
store, with the reports of tests/api/test_ledger_sort.py's plan."""

from __future__ import annotations

from tests.api.test_ledger_sort import ok, on, post, reported  # noqa: F401 (a fixture)

SILENT = """query ($since: Date!, $first: Int!, $after: String, $f: ProgressFilter) {
  silentUnits(since: $since, first: $first, after: $after, filter: $f) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { lastReport total unreported unit { name } } } } }"""


def silent(client, since: str, first: int = 20, **filters) -> list[tuple[str, str | None]]:
    data = ok(client, SILENT, since=since, first=first, f=filters or None)["silentUnits"]
    assert data["totalCount"] == len(data["edges"]) or first < data["totalCount"]
    return [(e["node"]["unit"]["name"], e["node"]["lastReport"]) for e in data["edges"]]


def test_each_unit_row_has_its_last_report_day(reported):  # noqa: F811
    rows = ok(on(reported, 6), "{ progressSummary { lastReport unit { name } } }")
    last = {r["unit"]["name"]: r["lastReport"] for r in rows["progressSummary"]}
    # 县水务局's report of day 3 was sent back on day 5: a return is not the unit reporting
    assert last == {
        "县住房城乡建设局": "2026-01-01", "县财政局": None, "县交通运输局": "2026-01-04",
        "县水务局": "2026-01-03",
    }  # fmt: skip


def test_silent_units_never_reported_first_then_the_longest_silent(reported):  # noqa: F811
    client = on(reported, 6)
    assert silent(client, "2026-01-04") == [
        ("县财政局", None), ("县住房城乡建设局", "2026-01-01"), ("县水务局", "2026-01-03"),
    ]  # fmt: skip
    # a report on the day itself counts as reported since then
    assert silent(client, "2026-01-03") == [("县财政局", None), ("县住房城乡建设局", "2026-01-01")]
    assert silent(client, "2026-01-01") == [("县财政局", None)]
    assert silent(client, "2026-01-04", unit="县水务局") == [("县水务局", "2026-01-03")]


def test_silent_units_page_by_cursor_and_are_bounded(reported):  # noqa: F811
    client = on(reported, 6)
    everything = silent(client, "2026-01-04")
    seen, after = [], None
    while True:
        page = ok(client, SILENT, since="2026-01-04", first=1, after=after)["silentUnits"]
        seen += [(e["node"]["unit"]["name"], e["node"]["lastReport"]) for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == everything
    (error,) = post(client, SILENT, since="2026-01-04", first=100_000)["errors"]
    assert "first" in error["message"]


def test_one_request_counts_the_units_once_for_both_fields(reported):  # noqa: F811
    client = on(reported, 6)

    def trips(query: str) -> int:
        before = reported.round_trips
        ok(client, query)
        return reported.round_trips - before

    summary = "progressSummary { total }"
    silent = 'silentUnits(since: "2026-01-04") { totalCount }'
    assert (
        trips(f"{{ {summary} {silent} }}") == trips(f"{{ {summary} }}") == trips(f"{{ {silent} }}")
    )
