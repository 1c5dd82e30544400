"""The embedded FalkorDB: a child process on a Unix socket, persistent, shared, recoverable."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from conftest import make_plan

from dutygraph.errors import StoreError
from dutygraph.graph.embedded import DataDir, EmbeddedStore, _is_server
from dutygraph.graph.load import load_plan, stats
from dutygraph.graph.store import open_store


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


def wait_dead(pid: int) -> None:
    deadline = time.monotonic() + 10
    while _is_server(pid):
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
