"""A browser tab on the live server, as the explorer's tests see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Page

from tests.factories import ROOT

ARTIFACTS = ROOT / "test-artifacts"


@dataclass
class Tab:
    """A page on the live server, and every URL the browser asked for while it was open."""

    page: Page
    origin: str
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests that would leave the server's origin (data: and blob: stay in the page)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob")
            and not (url == self.origin or url.startswith(self.origin + "/"))
        ]

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"web-{name}.png"
        self.page.screenshot(path=str(path))
        return path
