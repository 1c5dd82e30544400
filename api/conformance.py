"""GraphQL over HTTP, as the spec asks, around strawberry's router.

Strawberry answers 200 to a request that fails before execution and plain text to a body
it cannot read; the GraphQL-over-HTTP spec wants, for clients that accept
`application/graphql-response+json`, a 4xx status and a JSON body without `data`. This
ASGI layer on the GraphQL path only:
- refuses a POST whose content type is not JSON (415), whose body is too big (413) or
  is not a JSON object in UTF-8 (400), a GET without `query` (400), a GET that neither
  names a GraphQL media type in Accept nor carries a custom header (400: an image or a
  link on another site must not run queries in a visitor's browser) and a request that
  accepts no JSON at all (406), with a GraphQL error body;
- negotiates the response type (application/json unless the client prefers
  application/graphql-response+json);
- turns a request error (errors, no data, no error with a path: parse or validation
  failure) into 400 for graphql-response+json clients, and strawberry's plain-text
  400s into GraphQL error bodies.

A POST's body, read and parsed here anyway, is first offered to `answer` (the compiled
path, api/app.py), which answers most requests without strawberry's router and FastAPI's
routing (their per-request work cost more than a small compiled query, measured); what
it does not answer goes on to the router as before.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Awaitable, Callable
from typing import Any, NamedTuple
from urllib.parse import parse_qs

import orjson
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# A header a page on another site cannot add to a GET without the browser asking first.
CUSTOM_HEADER = "x-graphql-client"


@functools.lru_cache(maxsize=256)  # a client sends the same Accept with every request
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


# The JSON body of a request (`query`, `variables`, …) -> the answer's body, or None for
# the router to answer.
Answer = Callable[[Scope, dict[str, Any]], Awaitable[bytes | None]]


class Refusal(NamedTuple):
    status: int
    message: str


def error_body(message: str) -> bytes:
    return json.dumps({"errors": [{"message": message}]}, ensure_ascii=False).encode()


class GraphQLHTTP:
    def __init__(
        self, app: ASGIApp, path: str, max_body_bytes: int, answer: Answer | None = None
    ) -> None:
        self.app = app
        self.path = path
        self.max_body_bytes = max_body_bytes
        self.answer = answer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].rstrip("/") != self.path:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        media = negotiate(headers.get("accept"))
        if media is None:
            await _reply(send, 406, JSON, error_body(f"Accept {JSON} or {GRAPHQL_RESPONSE}."))
            return
        if scope["method"] == "POST":
            refusal = self._refuse_post(headers)
        else:
            refusal = _refuse_get(scope, headers) if scope["method"] == "GET" else None
        if refusal:
            await _reply(send, refusal[0], media, error_body(refusal[1]))
            return
        if scope["method"] == "POST":
            read = await self._read_body(receive)
            if isinstance(read, Refusal):
                await _reply(send, read.status, media, error_body(read.message))
                return
            body, parsed = read
            if self.answer is not None and isinstance(parsed, dict):
                answered = await self.answer(scope, parsed)
                if answered is not None:
                    status, answered = _conform(200, _JSON_HEADERS, answered, media)
                    await _reply(send, status, media, answered)
                    return
            receive = _replay(body, receive)
        await self._run(scope, receive, send, media)

    def _refuse_post(self, headers: Headers) -> tuple[int, str] | None:
        ctype = headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != JSON:
            given = ctype or "none"
            return 415, f"POST a JSON body with Content-Type: {JSON} (got {given})."
        length = headers.get("content-length")
        if length and length.isdigit() and int(length) > self.max_body_bytes:
            return 413, f"The request body is larger than {self.max_body_bytes} bytes."
        return None

    async def _read_body(self, receive: Receive) -> tuple[bytes, Any] | Refusal:
        """The whole body and its JSON, or the refusal of one too big or not a JSON
        object in UTF-8.

        Strawberry answers a body of `1` or `"x"`, or bytes that are not UTF-8, with a
        plain-text 500, and passes lone surrogates on to a codec error in the answer.
        """
        chunks, seen, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return Refusal(400, "The client went away before sending the whole body.")
            chunk = message.get("body", b"")
            seen += len(chunk)
            if seen > self.max_body_bytes:
                return Refusal(413, f"The request body is larger than {self.max_body_bytes} bytes.")
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        try:
            parsed = orjson.loads(body)  # strict: UTF-8 only, no lone surrogates
        except orjson.JSONDecodeError:
            return Refusal(400, "The request body is not JSON in UTF-8.")
        if not isinstance(parsed, dict | list):
            return Refusal(
                400, "The request body must be a JSON object: {query, variables, operationName}."
            )
        if isinstance(parsed, dict) and not isinstance(parsed.get("operationName"), str | None):
            return Refusal(400, "`operationName` must be a string or null.")
        return body, parsed

    async def _run(self, scope: Scope, receive: Receive, send: Send, media: str) -> None:
        start: Message = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            else:
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        status, body = _conform(
            start["status"], Headers(raw=start["headers"]), b"".join(chunks), media
        )
        extra = [
            (k, v)
            for k, v in start["headers"]
            if k.lower() not in (b"content-type", b"content-length")
        ]
        await _reply(send, status, media, body, extra)


def _refuse_get(scope: Scope, headers: Headers) -> tuple[int, str] | None:
    if "query" not in parse_qs(scope["query_string"].decode(errors="replace")):
        # strawberry would answer 404 (no IDE here); say what is missing instead
        return 400, "GET /graphql needs the document in the `query` parameter."
    accept = headers.get("accept", "").lower()
    if GRAPHQL_RESPONSE in accept or JSON in accept or CUSTOM_HEADER in headers:
        return None
    return 400, (
        f"A GET query needs Accept: {GRAPHQL_RESPONSE} (or {JSON}) or an "
        f"{CUSTOM_HEADER} header, so that an image or a link cannot run one."
    )


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive that hands the body already read to the app, then the client's messages."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


_JSON_HEADERS = Headers(raw=[(b"content-type", JSON.encode())])


def _conform(status: int, headers: Headers, body: bytes, media: str) -> tuple[int, bytes]:
    ctype = headers.get("content-type", "")
    if not ctype.startswith(JSON):
        if status >= 400:
            # strawberry's own refusals (bad JSON, missing query, GET mutation) are plain text
            return status, error_body(body.decode(errors="replace"))
        return status, body
    # An answer with no "errors" key (escaped quotes cannot spell it inside a string) is
    # passed on unread: most answers, and the biggest.
    if status != 200 or media != GRAPHQL_RESPONSE or b'"errors":' not in body:
        return status, body
    result: Any = orjson.loads(body)
    if isinstance(result, dict) and _is_request_error(result):
        result.pop("data", None)
        return 400, orjson.dumps(result)
    return status, body


def _is_request_error(result: dict[str, Any]) -> bool:
    errors = result.get("errors") or []
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
