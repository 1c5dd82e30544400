"""The guarded HTTP protocol under a busy event loop: a deadline that passes while the
loop is stuck in other work does not cut a client whose bytes arrived in time."""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn
from starlette.types import Receive, Scope, Send

from dutygraph.api.http import uvicorn_options
from dutygraph.api.settings import HttpLimits
from tests.servers import free_port

HEADER_TIMEOUT = 0.5


async def hello(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] != "http":
        return
    headers = [(b"content-type", b"text/plain"), (b"content-length", b"2")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"ok"})


class Running:
    def __init__(self, server: uvicorn.Server, port: int) -> None:
        self.server = server
        self.port = port
        self.loop: asyncio.AbstractEventLoop | None = None

    def block(self, seconds: float) -> None:
        """Keeps the server's loop busy for `seconds` in a callback of its socket reads, as
        a long step reading other connections would: uvloop then runs the due timers
        before it reads the sockets again."""
        loop = self.loop
        assert loop is not None
        ready, wake = socket.socketpair()

        def busy() -> None:
            loop.remove_reader(ready)
            time.sleep(seconds)
            ready.close()

        loop.call_soon_threadsafe(loop.add_reader, ready, busy)
        time.sleep(0.05)
        wake.send(b"x")
        wake.close()


@pytest.fixture
def running() -> Iterator[Running]:
    port = free_port()
    limits = HttpLimits(header_timeout=HEADER_TIMEOUT, body_timeout=HEADER_TIMEOUT)
    options = uvicorn_options(limits, access_log=False)
    config = uvicorn.Config(hello, host="127.0.0.1", port=port, log_level="error", **options)
    server = uvicorn.Server(config)
    served = Running(server, port)

    def serve() -> None:
        new_loop = config.get_loop_factory() or asyncio.new_event_loop
        loop = new_loop()
        served.loop = loop
        loop.run_until_complete(server.serve())

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.01)
    yield served
    server.should_exit = True
    thread.join(10)


def answer(client: socket.socket) -> bytes:
    client.settimeout(5)
    try:
        return client.recv(1024)
    except ConnectionResetError:
        return b""


def test_headers_sent_in_time_are_read_after_the_loop_was_busy_past_the_deadline(
    running: Running,
) -> None:
    with socket.create_connection(("127.0.0.1", running.port)) as client:
        client.sendall(b"GET / HTTP/1.1\r\nHo")  # the first byte starts the header deadline
        time.sleep(0.1)
        running.block(HEADER_TIMEOUT * 3)
        time.sleep(0.1)
        client.sendall(b"st: 127.0.0.1\r\n\r\n")  # in time, while the loop is busy
        assert answer(client).startswith(b"HTTP/1.1 200")


def test_headers_not_sent_are_still_cut_at_the_deadline(running: Running) -> None:
    with socket.create_connection(("127.0.0.1", running.port)) as client:
        client.sendall(b"GET / HTTP/1.1\r\nHo")
        started = time.monotonic()
        assert answer(client) == b""
        assert HEADER_TIMEOUT <= time.monotonic() - started < HEADER_TIMEOUT + 1
