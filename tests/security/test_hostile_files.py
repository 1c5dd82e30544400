"""Small files that ask for a lot: each is refused by the reader's own budget, fast.

Each hostile file is parsed by the real `dutygraph parse` in a child process whose CPU
time and peak memory (its resident set, C allocations of lxml and zlib included) are
measured (tests/measured.py): under 5 s and 500 MB, one line on stderr, exit status 1.
CPU time, not wall time: it is the work the file costs, whatever else the machine is doing.
The property tests then feed generated archives and sheets to the same command under small
budgets and accept only a plan or the parser's own error, within the same bounds.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from dataclasses import fields
from pathlib import Path

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutygraph.loaders.budgets import Budgets
from dutygraph.loaders.read import read_file
from tests.measured import run_measured

DUTYGRAPH = Path(sys.executable).parent / "dutygraph"
ITEM = "<w:p><w:r><w:t>1.修缮道路。（责任单位：县交通运输局）</w:t></w:r></w:p>"


def _xlsx(cells: dict[str, str], merge: str | None = None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for ref, value in cells.items():
        sheet[ref] = value
    out = io.BytesIO()
    book.save(out)
    if merge is None:
        return out.getvalue()
    # Written into the XML by hand: openpyxl itself would make an object per merged cell.
    return _rewrite(
        out.getvalue(),
        "xl/worksheets/sheet1.xml",
        lambda xml: xml.replace(
            b"</sheetData>",
            f'</sheetData><mergeCells count="1"><mergeCell ref="{merge}"/></mergeCells>'.encode(),
        ),
    )


def _docx_with_body(paragraphs: int) -> bytes:
    out = io.BytesIO()
    docx.Document().save(out)
    body = ("<w:p><w:r><w:t>一、任务</w:t></w:r></w:p>" + ITEM * paragraphs).encode()
    return _rewrite(
        out.getvalue(),
        "word/document.xml",
        lambda xml: xml.replace(b"<w:body>", b"<w:body>" + body, 1),
    )


def _rewrite(data: bytes, member: str, change) -> bytes:  # type: ignore[no-untyped-def]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == member else content)
    return out.getvalue()


HOSTILE = {
    "far-corner.xlsx": lambda: _xlsx({"A1": "序号", "XFD1048576": "x"}),
    "sparse.xlsx": lambda: _xlsx(
        {
            f"{col}{row * 5000}": "x"
            for row, col in enumerate(["A", "Z", "AZ", "ZZ", "AZZ", "ZZZ", "XFD"], 1)
        }
    ),
    "merge.xlsx": lambda: _xlsx({"A1": "一、任务"}, merge="A1:A200000"),
    "bomb.docx": lambda: _docx_with_body(1_300_000),
    "wide.csv": lambda: b"a," * (25 * 1024 * 1024 - 1) + b"a\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_fails_fast_with_one_line(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(HOSTILE[name]())
    run = run_measured([str(DUTYGRAPH), "parse", str(path)])
    err = run.stderr
    assert run.returncode == 1, err
    assert len(err.strip().splitlines()) == 1, err
    assert "budget" in err and "DUTYGRAPH_MAX_" in err, err
    assert run.cpu_seconds < 5, (name, run.cpu_seconds)
    assert run.peak_mb < 500, (name, run.peak_mb)


def test_file_size_budget_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("一、任务\n1.修缮道路。（责任单位：县交通运输局）\n" * 20_000, "utf-8")
    env = {**os.environ, "DUTYGRAPH_MAX_FILE_MB": "0.5"}
    done = subprocess.run(
        [str(DUTYGRAPH), "parse", str(path)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1
    assert "over the budget of 0.5 MB (raise DUTYGRAPH_MAX_FILE_MB)" in done.stderr
    assert read_file(path, Budgets(paragraphs=100_000)).lines  # the default budget takes it


def test_a_bad_budget_variable_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("一、任务\n1.修缮道路。（责任单位：县交通运输局）\n", "utf-8")
    env = {**os.environ, "DUTYGRAPH_MAX_PAGES": "many"}
    done = subprocess.run(
        [str(DUTYGRAPH), "parse", str(path)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: DUTYGRAPH_MAX_PAGES must be a number; got 'many'"


# --- generated archives and sheets, in-process, under small budgets -----------------------

SMALL = Budgets(unzipped_mb=2, zip_ratio=50, sheet_cells=5_000, merged_cells=500, paragraphs=300)
columns = st.sampled_from(["A", "B", "C", "H", "Z", "AA", "ZZ", "XFD"])


@st.composite
def sheets(draw: st.DrawFn) -> bytes:
    cells = {
        f"{draw(columns)}{draw(st.integers(1, 1_048_576))}": draw(
            st.sampled_from(["序号", "重点任务", "责任单位", "1", "修缮道路", "县财政局", ""])
        )
        for _ in range(draw(st.integers(1, 12)))
    }
    merge = None
    if draw(st.booleans()):
        top = draw(st.integers(1, 1000))
        merge = f"A{top}:{draw(columns)}{top + draw(st.integers(0, 300_000))}"
    return _xlsx(cells, merge)


@st.composite
def archives(draw: st.DrawFn) -> bytes:
    """A .docx whose body repeats an item, padded or not: some inflate past the ratio,
    some hold more paragraphs than the budget, some are fine."""
    out = io.BytesIO()
    docx.Document().save(out)
    items = draw(st.integers(0, 3_000))
    padding = b"<!--" + os.urandom(draw(st.integers(0, 200_000))).hex().encode() + b"-->"
    body = b"<w:p><w:r><w:t>\xe4\xb8\x80\xe3\x80\x81\xe4\xbb\xbb\xe5\x8a\xa1</w:t></w:r></w:p>"
    body += ITEM.encode() * items
    return _rewrite(
        out.getvalue(),
        "word/document.xml",
        lambda xml: xml.replace(b"<w:body>", b"<w:body>" + padding + body, 1),
    )


def _parse_within_budget(tmp_path: Path, name: str, data: bytes) -> None:
    """`dutygraph parse` under the SMALL budgets (set through their variables), measured
    alone: a plan or one line of the parser's own error, within the hostile files' bounds.
    In a child, not in-process: a parse is one CLI process, and in the full suite an
    in-process example once grew the pytest process past the machine's memory."""
    path = tmp_path / name
    path.write_bytes(data)
    budgets = {
        f"DUTYGRAPH_MAX_{f.name.upper()}": str(getattr(SMALL, f.name)) for f in fields(SMALL)
    }
    env = {**os.environ, **budgets}
    run = run_measured([str(DUTYGRAPH), "parse", str(path)], env)
    assert run.returncode in (0, 1), run.stderr
    if run.returncode == 1:
        assert len(run.stderr.strip().splitlines()) == 1, run.stderr
    assert run.cpu_seconds < 5, run.cpu_seconds
    assert run.peak_mb < 500, run.peak_mb


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(sheets())
def test_generated_sheets_give_a_plan_or_the_parsers_error(tmp_path: Path, data: bytes) -> None:
    _parse_within_budget(tmp_path, "sheet.xlsx", data)


@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(archives())
def test_generated_archives_give_a_plan_or_the_parsers_error(tmp_path: Path, data: bytes) -> None:
    _parse_within_budget(tmp_path, "plan.docx", data)
