"""Connections to the embedded FalkorDB server that the running event loop reads itself.

The API's compiled request is one statement; sent from a worker thread (the synchronous
client), the thread's wake-up and then the loop's cost about as long as a small statement
(measured: 0.08 ms of 0.42 and 0.08 ms of CPU on the sample's unit query), and
redis.asyncio's client and falkordb's coroutine-per-value parser cost more than that. So
the loop writes the command (RESP) and hiredis reads the reply as it arrives; falkordb's
own synchronous parser then reads the result set, as for `EmbeddedStore.read`.

Connections are unnamed on purpose: the store's own named connection is what keeps the
server running while the store is open (graph/embedded.py), these must not keep it up.
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

import hiredis
import redis


class _Reply(asyncio.Protocol):
    """One connection: a command at a time, its reply parsed by hiredis."""

    def __init__(self) -> None:
        self._reader = hiredis.Reader(encoding="utf-8", replyError=redis.ResponseError)
        self._waiting: asyncio.Future[Any] | None = None
        self.transport: asyncio.Transport | None = None
        self.lost: Exception | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is no subclass

    def data_received(self, data: bytes) -> None:
        self._reader.feed(data)
        reply = self._reader.gets()
        if reply is not False and self._waiting is not None and not self._waiting.done():
            self._waiting.set_result(reply)

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = redis.ConnectionError(f"the connection to the store closed: {exc or 'EOF'}")
        if self._waiting is not None and not self._waiting.done():
            self._waiting.set_exception(self.lost)

    async def call(self, args: tuple[str, ...]) -> Any:
        assert self.transport is not None
        if self.lost is not None:
            raise self.lost
        self._waiting = asyncio.get_running_loop().create_future()
        self.transport.write(_encode(args))
        reply = await self._waiting
        if isinstance(reply, redis.ResponseError):
            raise reply
        return reply


def _encode(args: tuple[str, ...]) -> bytes:
    parts = [b"*%d\r\n" % len(args)]
    for arg in args:
        data = arg.encode()
        parts.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(parts)


class LoopConnections:
    """The idle connections of one event loop to the server's socket; one is opened when
    none is idle (a request at a time uses each)."""

    def __init__(self, socket: str) -> None:
        self._socket = socket
        self._idle: list[_Reply] = []

    async def command(self, *args: str) -> Any:
        """The reply to one command; redis.ResponseError for an error reply,
        redis.ConnectionError when the server cannot be reached."""
        conn = self._idle.pop() if self._idle else await self._open()
        try:
            reply = await conn.call(args)
        except redis.ResponseError:
            self._idle.append(conn)  # the connection is fine; the command was not
            raise
        except BaseException:
            # cancelled or broken mid-reply: the connection's next bytes are not ours
            self._close(conn)
            raise
        self._idle.append(conn)
        return reply

    async def _open(self) -> _Reply:
        loop = asyncio.get_running_loop()
        try:
            _, conn = await asyncio.wait_for(
                loop.create_unix_connection(_Reply, self._socket), timeout=5
            )
        except (OSError, TimeoutError) as exc:
            raise redis.ConnectionError(f"cannot connect to {self._socket}: {exc}") from exc
        return conn

    def close(self) -> None:
        """Closes the idle connections; call on the loop's thread."""
        idle, self._idle = self._idle, []
        for conn in idle:
            self._close(conn)

    @staticmethod
    def _close(conn: _Reply) -> None:
        if conn.transport is not None:
            conn.transport.close()
