"""The embedded store's files and processes: private to the user, never a stranger signalled,
no server left behind by a loader killed with -9."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
from pathlib import Path

from dutygraph.graph.embedded import DataDir, EmbeddedStore
from dutygraph.graph.load import load_plan
from tests.factories import make_plan
from tests.graph.test_embedded import child, running, server_pid, wait_dead


def test_the_data_directory_and_its_files_are_private(tmp_path: Path) -> None:
    db = tmp_path / "db"
    db.mkdir(mode=0o755)  # made by hand, or by an earlier version
    with EmbeddedStore.open(db) as store:
        load_plan(store, make_plan())
        store.compact()
    modes = {p.relative_to(db): stat.S_IMODE(p.lstat().st_mode) for p in db.rglob("*")}
    assert stat.S_IMODE(db.stat().st_mode) == 0o700
    assert any(p.suffix == ".aof" for p in modes), modes  # the data was there to check
    for path, mode in modes.items():
        assert mode == (0o700 if (db / path).is_dir() else 0o600), (path, oct(mode))


def a_stranger() -> subprocess.Popen[bytes]:
    """A process that is no store server but whose name says redis-server."""
    return subprocess.Popen(["bash", "-c", "exec -a redis-server sleep 60"])


def test_a_stale_pid_file_never_gets_a_stranger_signalled(tmp_path: Path) -> None:
    db = tmp_path / "db"
    starter = EmbeddedStore.open(db)
    adopter = EmbeddedStore.open(db)  # finds the server running: it did not start it
    stranger = a_stranger()
    try:
        pid = starter.pid
        starter.close()  # the adopter still holds the server
        DataDir.at(db).pidfile.write_text(f"{stranger.pid}\n")
        adopter.close()  # the last one out stops the server answering on the socket
        wait_dead(pid)
        assert stranger.poll() is None, "the stranger named by the pid file was signalled"
    finally:
        stranger.kill()
        stranger.wait()


def test_the_pid_file_of_a_dead_server_naming_a_stranger(tmp_path: Path) -> None:
    db = tmp_path / "db"
    first = EmbeddedStore.open(db)
    adopter = EmbeddedStore.open(db)
    stranger = a_stranger()
    try:
        os.kill(first.pid, signal.SIGKILL)
        wait_dead(first.pid)
        DataDir.at(db).pidfile.write_text(f"{stranger.pid}\n")
        adopter.close()
        first.close()
        with EmbeddedStore.open(db) as again:  # not refused: the pid is no server of ours
            assert again.pid != stranger.pid
        assert stranger.poll() is None
    finally:
        stranger.kill()
        stranger.wait()


def test_a_server_whose_loader_was_killed_is_adopted_and_stopped(tmp_path: Path) -> None:
    db = tmp_path / "db"
    loader = child(db, "load_plan(store, make_plan())\nprint('ready', flush=True)\ntime.sleep(60)")
    pid = server_pid(loader.stdout.readline())
    assert loader.stdout.readline() == "ready\n"
    loader.kill()  # kill -9: no close, the server is left running
    loader.communicate(timeout=10)
    assert running(pid)

    with EmbeddedStore.open(db) as store:
        assert store.pid == pid  # adopted, not a second server
        assert store.read("MATCH (d:Document) RETURN count(d) AS n") == [{"n": 1}]
    wait_dead(pid)  # and stopped when its new user closes
