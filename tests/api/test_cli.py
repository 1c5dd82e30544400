"""`dutygraph query` runs one GraphQL query in-process; bad input is one line and exit 1."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.servers import DUTYGRAPH, SAMPLE


def dutygraph(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DUTYGRAPH), *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "db")
    done = dutygraph("load", str(SAMPLE), "--db", path)
    assert done.returncode == 0, done.stderr
    return path


def test_query_prints_the_result(db: str):
    done = dutygraph(
        "query",
        "query ($n: String!) { unit(name: $n) { name workload { total lead support } } }",
        "--variables",
        '{"n": "县发改局"}',
        "--db",
        db,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {
        "data": {
            "unit": {"name": "县发展改革局", "workload": {"total": 22, "lead": 9, "support": 13}}
        }
    }


def test_query_with_errors_prints_them_and_exits_1(db: str):
    done = dutygraph("query", "{ nosuchfield }", "--db", db)
    assert done.returncode == 1
    assert "nosuchfield" in json.loads(done.stdout)["errors"][0]["message"]


@pytest.mark.parametrize("variables", ["{not json", "[1, 2]"])
def test_bad_variables_are_one_line(db: str, variables: str):
    done = dutygraph("query", "{ __typename }", "--variables", variables, "--db", db)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "--variables" in lines[0]


def test_serve_refuses_a_missing_file_in_one_line(tmp_path: Path):
    done = dutygraph("serve", str(tmp_path / "nope.txt"), "--db", str(tmp_path / "db"))
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "nope.txt" in lines[0]
