"""A cap on GraphQL requests running at once: past it, a 503 with Retry-After at once.

Without one, 500 concurrent heavy queries all start and all get slow together (p50 13 s);
with it, those past the cap learn at once that they should come back, and the ones
admitted finish within their time limit.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from dutygraph.api.conformance import error_body

BUSY = "The server is busy; retry in a moment."
RETRY_AFTER = b"1"  # seconds


class ExecutionCap:
    def __init__(self, app: ASGIApp, path: str, max_executions: int) -> None:
        self.app = app
        self.path = path
        self.max_executions = max_executions
        self.running = 0  # one event loop: no lock needed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") != self.path:
            await self.app(scope, receive, send)
            return
        if self.running >= self.max_executions:
            body = error_body(BUSY)
            headers = [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", RETRY_AFTER),
            ]
            await send({"type": "http.response.start", "status": 503, "headers": headers})
            await send({"type": "http.response.body", "body": body})
            return
        self.running += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.running -= 1
