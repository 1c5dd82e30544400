"""Browser fixtures: Debian's Chromium driven by Playwright for Python, headless, against
`live_server` (tests/conftest.py: `dutygraph serve` on the sample, embedded store).

Playwright never downloads a browser here: it launches /usr/bin/chromium (or `chromium`
on PATH, or $CHROMIUM) through `executable_path`. Without one the tests skip, except in
CI (env CI set), where a missing browser is a failure. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from dutygraph.graph.load import load_plan
from dutygraph.graph.store import open_store
from dutygraph.loaders import parse_file
from tests.factories import SAMPLE
from tests.servers import start_serve, stop_serve
from tests.synthetic import load_sample_and_synthetic
from tests.web.browser import Tab
from tests.web.payloads import payload_plan

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "web" / "dist"

# No sandbox (tests may run as root), no GPU, and none of the background traffic Chromium
# starts by itself, so every request the tests see comes from the page.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1366, "height": 768}  # a common laptop screen


def find_chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM"), "/usr/bin/chromium"]
    candidates += [shutil.which(name) for name in ("chromium", "chromium-browser")]
    return next((c for c in candidates if c and os.access(c, os.X_OK)), None)


@pytest.fixture(scope="session")
def chromium() -> str:
    path = find_chromium()
    if path:
        return path
    reason = (
        "no Chromium found (looked at $CHROMIUM, /usr/bin/chromium, chromium on PATH); "
        "scripts/install-system-deps installs Debian's chromium as root"
    )
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(chromium: str) -> Iterator[Browser]:
    if not (DIST / "index.html").is_file():
        pytest.fail(f"{DIST} is not built: run `make setup` (npm ci + vite build in web/)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def open_tab(browser: Browser, base_url: str) -> Iterator[Tab]:
    """A fresh browser context on `base_url`, recording every request; fails on an
    uncaught error in the page."""
    context: BrowserContext = browser.new_context(
        viewport=VIEWPORT, base_url=base_url, locale="zh-CN", accept_downloads=True
    )
    context.set_default_timeout(20_000)
    page = context.new_page()
    opened = Tab(page, base_url.rstrip("/"))
    # The context sees the page's requests and its workers' (GraphiQL's editor workers).
    context.on("request", lambda request: opened.requests.append(request.url))
    context.on("websocket", lambda ws: opened.requests.append(ws.url))
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield opened
    context.close()
    assert not errors, f"uncaught errors in the page: {errors}"
    # offline: whatever a test did, nothing left the server's origin (127.0.0.1)
    assert opened.foreign_requests() == [], opened.foreign_requests()


@pytest.fixture
def tab(browser: Browser, live_server: str) -> Iterator[Tab]:
    with open_tab(browser, live_server) as opened:
        yield opened


@pytest.fixture(scope="session")
def payload_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dutygraph serve` of the payload plan (tests/web/payloads.py), loaded as records
    so that every text reaches the store exactly as written there."""
    db = str(tmp_path_factory.mktemp("payloads") / "db")
    store = open_store(db)
    try:
        load_plan(store, payload_plan())
    finally:
        store.close()
    served = start_serve(db)
    yield served.url
    stop_serve(served.process)


BIG = 1000  # synthetic plans in the store at a county's real volume, with the sample


@pytest.fixture(scope="session")
def big_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dutygraph serve` of the sample and 1,000 synthetic plans (tests/synthetic.py,
    50,000 tasks): 1,001 documents. Loaded once a session, straight from the records
    (about a minute on an idle machine)."""
    db = str(tmp_path_factory.mktemp("big") / "db")
    load_sample_and_synthetic(db, BIG)
    served = start_serve(db)
    yield served.url
    stop_serve(served.process)


@pytest.fixture
def big_tab(browser: Browser, big_server: str) -> Iterator[Tab]:
    with open_tab(browser, big_server) as opened:
        yield opened
