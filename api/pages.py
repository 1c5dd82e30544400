"""The browser pages: the explorer at /, the GraphQL IDE at /graphql, both from web/dist.

Both pages are built by web/ (npm) and load nothing from the internet. When web/dist
has not been built, the answer is a short page that says how to build it, never a
blank one.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import parse_qs

from starlette.datastructures import Headers
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

BUILD_HINT = "npm ci --prefix web && npm run build --prefix web"

_NOT_BUILT = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>dutygraph</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>dutygraph</h1>
<p>The {what} is not built yet: <code>{missing}</code> is missing.</p>
<p>Build it from the project folder with <code>{hint}</code>
(<code>make setup</code> does this), then reload this page.</p>
<p>The GraphQL API works without it: POST a query to <code>/graphql</code>, e.g.<br>
<code>curl -H 'Content-Type: application/json' -d '{{"query": "{{ documents {{ totalCount }} }}"}}'
http://HOST:PORT/graphql</code></p>
</body></html>
"""


def page(path: Path, what: str) -> Response:
    """The built page at `path`, or the page saying how to build it (503)."""
    if path.is_file():
        return FileResponse(path, media_type="text/html; charset=utf-8")
    body = _NOT_BUILT.format(what=what, missing=html.escape(str(path)), hint=BUILD_HINT)
    return HTMLResponse(body, status_code=503)


class GraphQLIde:
    """Answers a browser's GET of the GraphQL path (HTML accepted, no query) with the IDE."""

    def __init__(self, app: ASGIApp, path: str, ide_file: Path) -> None:
        self.app = app
        self.path = path
        self.ide_file = ide_file

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._wants_ide(scope):
            await page(self.ide_file, "GraphQL IDE (GraphiQL)")(scope, receive, send)
            return
        await self.app(scope, receive, send)

    def _wants_ide(self, scope: Scope) -> bool:
        if scope["type"] != "http" or scope["method"] != "GET":
            return False
        if scope["path"].rstrip("/") != self.path:
            return False
        if "query" in parse_qs(scope["query_string"].decode(errors="replace")):
            return False
        return "text/html" in Headers(scope=scope).get("accept", "")
