"""The explorer's views in Chromium against `dutygraph serve` of the sample alone and of the
sample with 1,000 synthetic plans (tests/synthetic.py, 50,000 tasks).

    .venv/bin/python benchmarks/explorer_bench.py [--plans 1000] [--runs 7]

For each view: from the address being opened to the view saying it is ready (its
data-state), median of the runs in milliseconds, the GraphQL requests it sent, and the
ratio against the sample alone (the baseline, measured in the same run). Needs Chromium
(/usr/bin/chromium or $CHROMIUM) and a built web/dist.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # tests.*: the servers, the synthetic plans, the browser's flags

from playwright.sync_api import Page, sync_playwright  # noqa: E402

from dutygraph.graph import accounts  # noqa: E402
from dutygraph.graph.model import unit_uid  # noqa: E402
from dutygraph.graph.store import open_store  # noqa: E402
from tests.servers import start_serve, stop_serve  # noqa: E402
from tests.synthetic import UNITS, load_sample_and_synthetic  # noqa: E402
from tests.web.conftest import CHROMIUM_ARGS, VIEWPORT, find_chromium  # noqa: E402

BUSY = unit_uid(UNITS[0])
SAMPLE_UNIT = unit_uid("县发展改革局", "陆河县")

# (name, address, the element whose data-state says the view is drawn)
VIEWS = [
    ("workload", "/#/workload", "view-workload"),
    ("ledger", "/#/ledger", "view-ledger"),
    ("ledger sorted by due date", "/#/ledger?sort=due", "view-ledger"),
    ("ledger sorted by state", "/#/ledger?sort=status", "view-ledger"),
    ("ledger sorted by lead unit", "/#/ledger?sort=unit", "view-ledger"),
    ("documents", "/#/documents", "view-documents"),
    ("heaviest unit's page", "/#/unit/{unit}", "details-body"),
    # logged in as a supervisor of every plan: the units' counts, the silent units and the
    # overdue list in one request
    ("supervisor's dashboard", "/#/supervision", "view-supervision"),
]
SUPERVISOR, PASSWORD = "office", "bench-password"


def time_view(page: Page, base: str, address: str, ready: str) -> tuple[float, int]:
    """Milliseconds from a fresh page's navigation to `ready` being ready, and the
    GraphQL requests sent meanwhile."""
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/graphql") else None)
    page.goto(f"{base}/#/blank")  # the page itself loaded, no view of interest yet
    page.wait_for_load_state("networkidle")
    sent.clear()
    start = time.perf_counter()
    page.goto(f"{base}{address}")
    page.wait_for_function(
        'id => { const el = document.querySelector(`[data-testid="${id}"]`);'
        " return el && el.dataset.state === 'ready' && !el.closest('[hidden]'); }",
        arg=ready,
        timeout=60_000,
    )
    return (time.perf_counter() - start) * 1000, len(sent)


def measure(base: str, unit: str, runs: int) -> dict[str, tuple[float, int]]:
    chromium = find_chromium()
    if not chromium:
        sys.exit("Error: no Chromium (install Debian's chromium or set $CHROMIUM)")
    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        for name, address, ready in VIEWS:
            times, requests = [], 0
            for _ in range(runs):
                page = browser.new_page(viewport=VIEWPORT)
                if address == "/#/supervision":
                    login = {"login": SUPERVISOR, "password": PASSWORD}
                    answer = page.request.post(f"{base}/auth/login", data=login)
                    if not answer.ok:
                        sys.exit(f"Error: the supervisor's login failed: {answer.status}")
                target = address.format(unit=quote(unit, safe=""))
                took, requests = time_view(page, base, target, ready)
                times.append(took)
                page.close()
            results[name] = (statistics.median(times), requests)
        browser.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000, help="synthetic plans with the sample")
    parser.add_argument("--runs", type=int, default=7, help="runs of each view")
    args = parser.parse_args()
    figures = {}
    with tempfile.TemporaryDirectory() as tmp:
        stores = (("sample", 0, SAMPLE_UNIT), (f"+{args.plans}", args.plans, BUSY))
        for label, plans, unit in stores:
            db = str(Path(tmp) / label / "db")
            started = time.perf_counter()
            load_sample_and_synthetic(db, plans)
            store = open_store(db)
            try:
                accounts.add_user(store, accounts.User(SUPERVISOR, "supervisor"), PASSWORD)
            finally:
                store.close()
            print(f"{label}: store built in {time.perf_counter() - started:.1f} s", flush=True)
            served = start_serve(db)
            try:
                figures[label] = measure(served.url, unit, args.runs)
            finally:
                stop_serve(served.process)
    base, big = figures["sample"], figures[f"+{args.plans}"]
    print(f"\n| view | sample ms | sample + {args.plans} plans ms | ratio | GraphQL requests |")
    print("|---|---:|---:|---:|---:|")
    for name, _, _ in VIEWS:
        (b, _), (m, n) = base[name], big[name]
        print(f"| {name} | {b:.0f} | {m:.0f} | {m / b:.1f}x | {n} |")


if __name__ == "__main__":
    main()
