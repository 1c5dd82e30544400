"""A full disk under the embedded store: every document reported loaded is there after a
restart, and the loads the store could not save are reported as not loaded (exit 1)."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from dutygraph.api.cli import cli
from dutygraph.errors import StoreError
from dutygraph.graph.store import open_store
from tests.factories import SAMPLE

LOADED = re.compile(r"^loaded (\S+) ", re.MULTILINE)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, mounted for this test (needs root)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=True)


def test_a_full_disk_loses_nothing_reported_loaded(small_disk: Path, tmp_path: Path) -> None:
    db = small_disk / "db"
    reported: set[str] = set()
    failures = []
    for batch in range(40):
        files = []
        for n in range(3):
            copy = tmp_path / f"plan-{batch:02}-{n}.txt"
            # bytes apart, or load would note each as a copy of the first and skip it
            copy.write_bytes(SAMPLE.read_bytes() + b"\n" * (batch * 3 + n + 1))
            files.append(str(copy))
        result = CliRunner().invoke(cli, ["load", *files, "--db", str(db)])
        reported |= set(LOADED.findall(result.stdout))
        if result.exit_code != 0:
            assert "Traceback" not in result.output
            assert "not loaded" in result.stderr or "Error:" in result.stderr
            failures.append(result.stderr)
            if len(failures) == 3:  # the disk stays full: the next loads fail too
                break
    assert failures, "the disk never filled up: the test tested nothing"
    assert "No space left on device" in failures[0], failures[0]
    assert reported, "nothing loaded before the disk filled up"

    # A restart on the full disk may fail (the server writes its AOF manifest as it
    # starts), and then says so in words; with space again, everything reported is there.
    try:
        with open_store(str(db)):
            pass
    except StoreError as exc:
        assert "is full" in str(exc) and "free some space" in str(exc), exc
    remounted = subprocess.run(["mount", "-o", "remount,size=8m", str(small_disk)])
    assert remounted.returncode == 0
    with open_store(str(db)) as store:  # a restart: a new server reads the AOF
        there = {r["uid"] for r in store.read("MATCH (d:Document) RETURN d.uid AS uid")}
    assert reported <= there
