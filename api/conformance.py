"""GraphQL over HTTP, as the spec asks, around strawberry's router.

Strawberry answers 200 to a request that fails before execution and plain text to a body
it cannot read; the GraphQL-over-HTTP spec wants, for clients that accept
`application/graphql-response+json`, a 4xx status and a JSON body without `data`. This
ASGI layer on the GraphQL path only:
- refuses a POST whose content type is not JSON (415) or whose body is too big (413),
  a GET without `query` (400) and a request that accepts no JSON at all (406), with a
  GraphQL error body;
- negotiates the response type (application/json unless the client prefers
  application/graphql-response+json);
- turns a request error (errors, no data, no error with a path: parse or validation
  failure) into 400 for graphql-response+json clients, and strawberry's plain-text
  400s into GraphQL error bodies.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qs

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


def negotiate(accept: str | None) -> str | None:
    """The media type to answer with, or None when the client accepts neither JSON type."""
    if not accept:
        return JSON
    best: tuple[float, str] | None = None
    for part in accept.split(","):
        media, _, params = part.strip().partition(";")
        media = media.strip().lower()
        q = _quality(params)
        chosen = {GRAPHQL_RESPONSE: GRAPHQL_RESPONSE, JSON: JSON, "*/*": JSON}.get(media)
        if media == "application/*":
            chosen = JSON
        if chosen and q > 0 and (best is None or q > best[0]):
            best = (q, chosen)
    return best[1] if best else None


def _quality(params: str) -> float:
    for param in params.split(";"):
        key, _, value = param.strip().partition("=")
        if key.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def error_body(message: str) -> bytes:
    return json.dumps({"errors": [{"message": message}]}, ensure_ascii=False).encode()


class GraphQLHTTP:
    def __init__(self, app: ASGIApp, path: str, max_body_bytes: int) -> None:
        self.app = app
        self.path = path
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") != self.path:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        media = negotiate(headers.get("accept"))
        if media is None:
            await _reply(send, 406, JSON, error_body(f"Accept {JSON} or {GRAPHQL_RESPONSE}."))
            return
        refusal = self._refuse_post(headers) if scope["method"] == "POST" else None
        if scope["method"] == "GET" and "query" not in parse_qs(scope["query_string"].decode()):
            # strawberry would answer 404 (no IDE here); say what is missing instead
            refusal = 400, "GET /graphql needs the document in the `query` parameter."
        if refusal:
            await _reply(send, refusal[0], media, error_body(refusal[1]))
            return
        await self._run(scope, self._bounded(receive), send, media)

    def _refuse_post(self, headers: Headers) -> tuple[int, str] | None:
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != JSON:
            given = ctype or "none"
            return 415, f"POST a JSON body with Content-Type: {JSON} (got {given})."
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body_bytes:
            return 413, f"The request body is larger than {self.max_body_bytes} bytes."
        return None

    def _bounded(self, receive: Receive) -> Receive:
        """A receive that stops a body sent without Content-Length at the size limit."""
        seen = 0

        async def bounded() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body_bytes:
                raise _TooLarge
            return message

        return bounded

    async def _run(self, scope: Scope, receive: Receive, send: Send, media: str) -> None:
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            else:
                chunks.append(message.get("body", b""))

        try:
            await self.app(scope, receive, capture)
        except _TooLarge:
            body = error_body(f"The request body is larger than {self.max_body_bytes} bytes.")
            await _reply(send, 413, media, body)
            return
        status, body = _conform(
            start["status"], Headers(raw=start["headers"]), b"".join(chunks), media
        )
        extra = [
            (k, v)
            for k, v in start["headers"]
            if k.lower() not in (b"content-type", b"content-length")
        ]
        await _reply(send, status, media, body, extra)


class _TooLarge(Exception):
    pass


def _conform(status: int, headers: Headers, body: bytes, media: str) -> tuple[int, bytes]:
    ctype = headers.get("content-type", "")
    if not ctype.startswith(JSON):
        if status >= 400:
            # strawberry's own refusals (bad JSON, missing query, GET mutation) are plain text
            return status, error_body(body.decode(errors="replace"))
        return status, body
    if status != 200 or media != GRAPHQL_RESPONSE:
        return status, body
    result: Any = json.loads(body)
    if isinstance(result, dict) and _is_request_error(result):
        result.pop("data", None)
        return 400, json.dumps(result, ensure_ascii=False).encode()
    return status, body


def _is_request_error(result: dict[str, Any]) -> bool:
    errors = result.get("errors")
    return bool(errors) and result.get("data") is None and not any("path" in e for e in errors)


async def _reply(
    send: Send,
    status: int,
    media: str,
    body: bytes,
    headers: list[tuple[bytes, bytes]] | None = None,
) -> None:
    raw = [
        *(headers or []),
        (b"content-type", f"{media}; charset=utf-8".encode()),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
