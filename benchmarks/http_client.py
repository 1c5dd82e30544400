"""A lean HTTP/1.1 keep-alive client for the benchmarks: asyncio streams, POST only.

httpx costs several hundred µs of CPU a request, on the same two cores as the server it
measures; this costs a few tens. It reads what uvicorn sends (a Content-Length body) and
nothing else: a measuring tool, not a general client (api_bench checks with httpx that
both get the same answers).
"""

from __future__ import annotations

import asyncio
from urllib.parse import urlsplit


class LeanClient:
    """One keep-alive connection to `url`'s host; `post` one request at a time."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.path = parts.path or "/"
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    async def post(self, body: bytes) -> tuple[int, bytes]:
        """POSTs a JSON body; the status and the response body."""
        if self._writer is None:
            self._reader, self._writer = await asyncio.open_connection(self.host, self.port)
        assert self._reader is not None
        head = (
            f"POST {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        self._writer.write(head.encode() + body)
        response = await self._reader.readuntil(b"\r\n\r\n")
        status = int(response[9:12])
        length = None
        for line in response.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            raise RuntimeError("the response has no Content-Length")
        return status, await self._reader.readexactly(length)

    async def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            await self._writer.wait_closed()
            self._writer = None
