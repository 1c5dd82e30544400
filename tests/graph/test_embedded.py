"""The embedded FalkorDB: a child process on a Unix socket, persistent, shared, recoverable."""

from __future__ import annotations

import asyncio
import os
import signal
import stat
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from dutygraph.errors import LimitError, StoreBusyError, StoreError
from dutygraph.graph import cells
from dutygraph.graph.embedded import DataDir, EmbeddedStore, _is_server
from dutygraph.graph.load import load_plan, stats
from dutygraph.graph.store import open_store
from tests.factories import ROOT, make_plan


def listening_tcp_ports(pid: int) -> set[int]:
    """TCP ports in LISTEN state owned by process `pid`, from /proc."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def running(pid: int) -> bool:
    """Whether `pid` is a live process (not a zombie)."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat_line.rpartition(")")[2].split()[0] != "Z"


def wait_dead(pid: int) -> None:
    deadline = time.monotonic() + 10
    while running(pid):
        assert time.monotonic() < deadline, f"server {pid} still running"
        time.sleep(0.01)


def test_server_listens_on_its_unix_socket_only(tmp_path: Path) -> None:
    with EmbeddedStore.open(tmp_path / "db") as store:
        assert store.pid is not None
        assert listening_tcp_ports(store.pid) == set()
        mode = store.data.socket.stat().st_mode
        assert stat.S_ISSOCK(mode)
        assert stat.S_IMODE(mode) == 0o700
        assert store.read("RETURN 1 + 1 AS two") == [{"two": 2}]


def test_data_survives_a_clean_stop(tmp_path: Path) -> None:
    db = str(tmp_path / "db")
    store = open_store(db)
    pid = store.pid
    load_plan(store, make_plan())
    before = stats(store)
    store.close()
    wait_dead(pid)
    assert not DataDir.at(Path(db)).socket.exists()

    with open_store(db) as again:
        assert again.pid != pid
        assert stats(again) == before


def test_reads_return_plain_values(tmp_path: Path) -> None:
    with EmbeddedStore.open(tmp_path / "db") as store:
        [row] = store.read(
            "RETURN $s AS s, $n AS n, $f AS f, $b AS b, $l AS l, {k: [1, {m: 'v'}]} AS map, "
            "null AS nothing",
            {"s": '引号"\n\\', "n": 3, "f": 0.5, "b": True, "l": ["甲", "乙"]},
        )
        assert row == {
            "s": '引号"\n\\', "n": 3, "f": 0.5, "b": True, "l": ["甲", "乙"],
            "map": {"k": [1, {"m": "v"}]}, "nothing": None,
        }  # fmt: skip
        assert type(row["map"]) is dict
        rounds = store.round_trips
        store.write("CREATE (:Probe {uid: 'p'})")
        store.read("MATCH (p:Probe) RETURN p.uid AS uid")
        assert store.round_trips == rounds + 2


def test_bad_cypher_is_a_store_error(tmp_path: Path) -> None:
    with EmbeddedStore.open(tmp_path / "db") as store, pytest.raises(StoreError, match="query"):
        store.read("MATCH (n RETURN n")


# --- two processes, crashes, failures ------------------------------------------------------

CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from tests.factories import make_plan
from dutygraph.graph.store import open_store
from dutygraph.graph.load import load_plan
store = open_store({db!r})
print("pid", store.pid, flush=True)
{body}
"""


def child(db: Path, body: str, **kwargs: object) -> subprocess.Popen[str]:
    """A second dutygraph process on `db` that runs `body` with `store` open."""
    code = CHILD.format(root=str(ROOT), db=str(db), body=body)
    return subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, **kwargs,
    )  # fmt: skip


def server_pid(line: str) -> int:
    word, pid = line.split()
    assert word == "pid", line
    return int(pid)


def test_a_second_process_shares_the_server(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with open_store(str(db)) as store:
        other = child(db, "load_plan(store, make_plan('b.txt'))\nstore.close()")
        out, err = other.communicate(timeout=60)
        assert other.returncode == 0, err

        assert server_pid(out) == store.pid  # one server, not two
        assert _is_server(store.pid, store.data.socket)  # the other's close left it for us
        assert stats(store)["nodes"]["Document"] == 1
        pid = store.pid
    wait_dead(pid)  # the last one out stops it


def test_the_server_outlives_the_process_that_started_it(tmp_path: Path) -> None:
    db = tmp_path / "db"
    starter = child(db, "print('ready', flush=True)\nsys.stdin.readline()\nstore.close()",
                    stdin=subprocess.PIPE)  # fmt: skip
    pid = server_pid(starter.stdout.readline())
    assert starter.stdout.readline() == "ready\n"

    with open_store(str(db)) as store:
        assert store.pid == pid
        starter.communicate("\n", timeout=60)
        assert starter.returncode == 0
        assert _is_server(pid, store.data.socket)
        load_plan(store, make_plan())  # still usable
    wait_dead(pid)


def test_processes_starting_together_start_one_server(tmp_path: Path) -> None:
    db = tmp_path / "db"
    body = "print('ready', flush=True)\nsys.stdin.readline()\nstore.close()"
    starters = [child(db, body, stdin=subprocess.PIPE) for _ in range(3)]
    pids = {server_pid(p.stdout.readline()) for p in starters}
    assert len(pids) == 1
    for p in starters:
        p.communicate("\n", timeout=60)
        assert p.returncode == 0, p.stderr
    wait_dead(pids.pop())


def test_stale_files_of_a_killed_server_do_not_block_the_next_start(tmp_path: Path) -> None:
    db = tmp_path / "db"
    store = open_store(str(db))
    load_plan(store, make_plan())
    before = stats(store)
    pid = store.pid
    os.kill(pid, signal.SIGKILL)
    wait_dead(pid)
    data = DataDir.at(db)
    assert data.socket.exists() and data.pidfile.exists()  # what a crash leaves
    with pytest.raises(StoreError):
        store.ping()
    store.close()  # closing a store whose server died is quiet

    with open_store(str(db)) as again:
        assert again.pid != pid
        assert stats(again) == before


def test_kill_9_during_a_load_leaves_each_document_whole_or_absent(tmp_path: Path) -> None:
    db = tmp_path / "db"
    # Two versions of one big document, loaded in turn until the server is killed.
    body = """
units = [f"县单位{i}" for i in range(300)]
def version(n):
    return {
        f"部分{k}": [
            (f"任务{k}-{j}" + "内容" * 20, [units[(k + j) % 300], units[(3 * j) % 300]])
            for j in range(n)
        ]
        for k in range(20)
    }
plans = [make_plan("big.txt", version(150), version="1"),
         make_plan("big.txt", version(100), version="2")]
for i in range(1000):
    print("loading", i, flush=True)
    load_plan(store, plans[i % 2])
"""
    loader = child(db, body)
    pid = server_pid(loader.stdout.readline())
    for _ in range(3):  # into the third load: the first ones are complete
        assert loader.stdout.readline().startswith("loading")
    time.sleep(0.05)
    os.kill(pid, signal.SIGKILL)
    loader.communicate(timeout=60)
    assert loader.returncode != 0  # it saw its store die

    with open_store(str(db)) as store:
        counts = stats(store)
        tasks = counts["nodes"].get("Task", 0)
        assert tasks in {20 * 150, 20 * 100}
        assert counts["relationships"]["RESPONSIBLE_FOR"] == 2 * tasks
        assert counts["relationships"]["HAS_TASK"] == tasks
        assert counts["nodes"]["Section"] == 21
        assert counts["nodes"]["Document"] == 1


def test_a_server_that_does_not_answer_is_reported_not_replaced(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with open_store(str(db)) as store:
        os.kill(store.pid, signal.SIGSTOP)
        try:
            with pytest.raises(StoreBusyError, match=rf"pid {store.pid}.* does not answer"):
                EmbeddedStore.open(db)
        finally:
            os.kill(store.pid, signal.SIGCONT)
        assert store.read("RETURN 1 AS one") == [{"one": 1}]


def test_a_server_that_cannot_start_says_why(tmp_path: Path) -> None:
    db = tmp_path / "db"
    with open_store(str(db)) as store:
        load_plan(store, make_plan())
    manifest = next((db / "appendonlydir").glob("*.manifest"))
    manifest.write_text("this is not a manifest\n")
    started = time.monotonic()

    with pytest.raises(StoreError) as caught:
        open_store(str(db))

    message = str(caught.value)
    assert message.startswith("the FalkorDB server exited with status 1 while starting in ")
    assert "manifest" in message.lower()  # the tail of its log says what is wrong
    assert "\n" not in message
    assert time.monotonic() - started < 10


def test_a_data_dir_path_too_long_for_a_socket(tmp_path: Path) -> None:
    db = tmp_path / ("很长的目录名" * 12)
    with open_store(str(db)) as store:
        assert len(str(db).encode()) > 108
        assert store.data.socket.parent.name == f"dutygraph-{os.getuid()}"
        assert store.read("RETURN 1 AS one") == [{"one": 1}]


def test_default_data_dir_is_the_users_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with open_store(None) as store:
        assert store.data.path == tmp_path / "xdg" / "dutygraph"
        assert store.read("RETURN 1 AS one") == [{"one": 1}]


def test_threads_share_one_store(embedded_store: EmbeddedStore) -> None:
    def work(i: int) -> list[int]:
        return [embedded_store.read("RETURN $i AS i", {"i": i})[0]["i"] for _ in range(20)]

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(work, range(8)))
    assert results == [[i] * 20 for i in range(8)]


# --- reads on the event loop (read_cells_async) -----------------------------------------------

PLAIN = (
    "RETURN $s AS s, $n AS n, $b AS b, $l AS l, {k: [1, {m: 'v'}]} AS map, null AS nothing,"
    " 2.5 AS x, false AS no"
)
PLAIN_PARAMS = {"s": '引号"\n\\', "n": 3, "b": True, "l": ["甲", "乙"]}


def decoded(rows: list[dict[str, cells.Cell]]) -> list[dict[str, object]]:
    return [{k: cells.value(cell) for k, cell in row.items()} for row in rows]


def test_an_awaited_read_is_the_same_read(embedded_store: EmbeddedStore) -> None:
    async def together() -> list[list[dict]]:
        # more reads at once than one connection takes: the loop opens more, reuses them
        return await asyncio.gather(
            *(embedded_store.read_cells_async(PLAIN, PLAIN_PARAMS) for _ in range(12))
        )

    rounds = embedded_store.round_trips
    answers = asyncio.run(together())
    assert embedded_store.round_trips == rounds + 12
    plain = embedded_store.read(PLAIN, PLAIN_PARAMS)
    assert [decoded(rows) for rows in answers] == [plain] * 12
    # the cells are those a Neo4j record's values become (Neo4jStore.read_cells_async)
    assert answers[0] == [{k: cells.of_value(v) for k, v in plain[0].items()}]
    # a bigger reply than one read of the socket gives arrives whole
    [row] = asyncio.run(embedded_store.read_cells_async("RETURN [x IN range(1, 200000) | x] AS xs"))
    assert cells.value(row["xs"]) == list(range(1, 200001))


def test_an_awaited_read_fails_as_read_does(tmp_path: Path) -> None:
    async def reads(store: EmbeddedStore) -> None:
        with pytest.raises(StoreError, match="query"):
            await store.read_cells_async("MATCH (n RETURN n")
        # the connection that carried the error answers the next read
        assert decoded(await store.read_cells_async("RETURN 1 AS one")) == [{"one": 1}]
        store.read_timeout = 0.001
        with pytest.raises(LimitError, match="time limit"):
            await store.read_cells_async("UNWIND range(1, 3000000) AS x RETURN sum(x) AS s")
        store.read_timeout = None
        pid = store.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        wait_dead_socket(store)
        with pytest.raises(StoreError):
            await store.read_cells_async("RETURN 1 AS one")

    store = EmbeddedStore.open(tmp_path / "db")
    try:
        asyncio.run(reads(store))
    finally:
        store.close()


def test_a_pending_read_is_the_same_read(embedded_store: EmbeddedStore) -> None:
    rounds = embedded_store.round_trips
    with embedded_store.read_pending(PLAIN, PLAIN_PARAMS) as rows:
        # other calls while the reply waits get their own answers
        assert embedded_store.read("RETURN 2 AS two") == [{"two": 2}]
        pending = rows()
    assert embedded_store.round_trips == rounds + 2
    assert pending == embedded_store.read(PLAIN, PLAIN_PARAMS)


def test_a_pending_read_nobody_takes_leaves_the_next_read_its_own_reply(
    embedded_store: EmbeddedStore,
) -> None:
    for cypher in ("RETURN 3 AS three", "MATCH (n RETURN n"):
        with pytest.raises(KeyError), embedded_store.read_pending(cypher):
            raise KeyError("the caller failed before taking the rows")
        assert embedded_store.read("RETURN 1 AS one") == [{"one": 1}]
    with (
        embedded_store.read_pending("MATCH (n RETURN n") as rows,
        pytest.raises(StoreError, match="query"),
    ):
        rows()
    assert embedded_store.read("RETURN 1 AS one") == [{"one": 1}]


def wait_dead_socket(store: EmbeddedStore) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            store.ping()
        except StoreError:
            return
        time.sleep(0.05)
