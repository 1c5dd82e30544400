"""What every answer of the app shows a browser: the Host it accepts and the headers it sets.

- Host allow-list, against DNS rebinding (a page whose name an attacker points at
  127.0.0.1 reaches the server with its own name in Host): IP literals, `localhost` and
  the configured names pass; any other Host is a 400 with a JSON body.
- On every answer: a Content-Security-Policy with `default-src 'self'`, no inline script
  and `frame-ancestors 'none'` (the GraphQL IDE's editor inserts its styles at run time,
  and its icon font are data, so its page alone allows inline style and data: fonts
  and images), `X-Content-Type-Options: nosniff` and
  `Referrer-Policy: no-referrer`.
"""

from __future__ import annotations

import functools
import ipaddress
import json

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

ALWAYS_ALLOWED = frozenset({"localhost"})
_POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
_IDE_POLICY = (
    _POLICY + "; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:"
    "; worker-src 'self' blob:"
)


@functools.lru_cache(maxsize=256)  # clients send the same Host with every request
def host_allowed(host: str, names: frozenset[str]) -> bool:
    """Whether a Host header (with or without its port) names this server."""
    name = host.strip().lower()
    if name.startswith("["):  # [::1]:8000
        name = name[1 : name.find("]")] if "]" in name else name
    elif name.count(":") == 1:
        name = name.rpartition(":")[0]
    name = name.rstrip(".")
    if name in ALWAYS_ALLOWED or name in names or name.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True  # a rebinding page reaches the server by a name, never by an address


def _headers(policy: str) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-security-policy", policy.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
    ]


_HEADERS, _IDE_HEADERS = _headers(_POLICY), _headers(_IDE_POLICY)  # made once: every answer


class Exposure:
    def __init__(self, app: ASGIApp, allowed_hosts: frozenset[str], ide_path: str) -> None:
        self.app = app
        self.allowed_hosts = frozenset(h.lower() for h in allowed_hosts)
        self.ide_path = ide_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        at_ide = scope["path"].rstrip("/") == self.ide_path

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                html = at_ide and Headers(raw=headers).get("content-type", "").startswith(
                    "text/html"
                )
                extra = _IDE_HEADERS if html else _HEADERS
                message = {**message, "headers": [*headers, *extra]}
            await send(message)

        host = Headers(scope=scope).get("host", "")
        if not host_allowed(host, self.allowed_hosts):
            body = json.dumps(
                {"errors": [{"message": "This server does not answer to that Host name."}]}
            ).encode()
            await with_headers(
                {
                    "type": "http.response.start",
                    "status": 400,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await with_headers({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, with_headers)
