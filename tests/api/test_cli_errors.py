"""`dutygraph parse` on bad input: one line `Error: <file>: …` on stderr, exit 1, no traceback.

Runs the installed console script in a subprocess, as a user would.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest

DUTYGRAPH = Path(sys.executable).with_name("dutygraph")


def _truncated_docx(path: Path) -> None:
    document = docx.Document()
    for n in range(1, 30):
        document.add_paragraph(f"{n}.建设第{n}个项目。（责任单位：县发展改革局）")
    document.save(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


BAD_INPUTS = {
    "empty.txt": lambda p: p.write_bytes(b""),
    "blank.md": lambda p: p.write_bytes(b"\r\n   \n"),
    "binary.txt": lambda p: p.write_bytes(b"\x00\x01\x02\xff" * 64),
    "image.txt": lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
    "truncated.docx": _truncated_docx,
    "plan.pdf": lambda p: p.write_bytes(b"%PDF-1.4\n1 0 obj\n"),
    "plan.doc": lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)),
    "plan.odt": lambda p: p.write_text("一、任务", encoding="utf-8"),
    "no-tasks.txt": lambda p: p.write_text("某县方案\n一、总体要求\n要加强领导。\n", "utf-8"),
}


def _parse(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DUTYGRAPH), "parse", str(path)], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_naming_the_file(tmp_path, name):
    path = tmp_path / name
    BAD_INPUTS[name](path)
    result = _parse(path)
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"Error: {path}: ")
    assert "Traceback" not in result.stderr


def test_missing_file(tmp_path):
    result = _parse(tmp_path / "nowhere.txt")
    assert result.returncode != 0
    assert result.stderr.splitlines() == [f"Error: {tmp_path / 'nowhere.txt'}: no such file"]


def test_a_good_plan_still_parses(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("一、任务\n1.修路。（责任单位：县交通运输局）\n".encode("gb18030"))
    result = _parse(path)
    assert result.returncode == 0, result.stderr
    assert "1 tasks" in result.stdout


@pytest.mark.parametrize(
    ("given", "env"), [(["--port", "99999"], {}), ([], {"DUTYGRAPH_PORT": "0"})]
)
def test_a_port_out_of_range_is_refused_before_serving(tmp_path, given, env):
    # a socket takes 99999 modulo 65,536: the server would listen where it did not say
    result = subprocess.run(
        [str(DUTYGRAPH), "serve", "--db", str(tmp_path / "db"), *given],
        capture_output=True, text=True, timeout=60, env={**os.environ, **env},
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"Error: the port must be between 1 and 65535; got {99999 if given else 0}"
    ]
