"""read_file: encodings detected from the bytes, and every bad input refused in one line."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dutygraph.errors import InputError
from dutygraph.loaders import parse_file
from dutygraph.loaders.read import read_file, read_text

PLAN = (
    "陆丰市推进老区振兴工作方案\n"
    "\n"
    "一、重点任务\n"
    "1.加快建设青梅产业园。（责任单位：市农业农村局、市财政局）\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b""), ("utf-16", b"")],
)
def test_text_encodings_are_detected_from_the_bytes(tmp_path, encoding, bom):
    data = bom + PLAN.encode(encoding)
    source = read_file(_write(tmp_path, "plan.txt", data))
    assert source.text == PLAN
    assert [line.text for line in source.lines] == [*PLAN.splitlines(), ""]
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert source.format == "txt"


def test_gb18030_is_not_taken_from_the_extension(tmp_path):
    # Same GB18030 bytes under .md: still decoded from the bytes, format from the extension.
    source = read_file(_write(tmp_path, "plan.md", PLAN.encode("gb18030")))
    assert source.lines[3].text == "1.加快建设青梅产业园。（责任单位：市农业农村局、市财政局）"
    assert source.format == "md"


def test_lines_keep_numbers_and_offsets(tmp_path):
    source = read_file(_write(tmp_path, "plan.txt", PLAN.replace("\n", "\r\n").encode()))
    assert [line.number for line in source.lines] == [1, 2, 3, 4, 5]
    for line in source.lines:
        assert source.text[line.start : line.start + len(line.text)] == line.text
    assert source.text == "\n".join(line.text for line in source.lines)


def test_read_text_cleans_like_read_file(tmp_path):
    text = "[bookmark: _GoBack]一、重点任务\n\u3000\u30001.任务\u200b。（责任单位：县财政局）"
    source = read_text(text)
    assert [(line.number, line.text) for line in source.lines] == [
        (1, "一、重点任务"),
        (2, "1.任务。（责任单位：县财政局）"),
    ]
    assert read_file(_write(tmp_path, "p.txt", text.encode())).text == source.text


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"\n  \r\n\t\n", "empty file"),
        ("nul.txt", b"\xe4\xb8\x80\x00\x01\x02abc", "binary file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "corrupt image"),
        ("soup.txt", bytes(range(0x80, 0x100)) * 8 + bytes(range(1, 32)) * 8, "binary"),
        ("plan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "corrupt PDF"),
        # a supported extension on bytes that are not that format: not "unsupported .odt"
        ("plan.odt", "一、任务".encode(), "not a valid .odt file (corrupt, or another format"),
        ("plan.pdf", b"\x00\x01garbage", "not a valid .pdf file"),
        ("plan.xyz", "一、任务".encode(), "unsupported format .xyz; supported: .txt .md .docx"),
        ("anim.gif", b"GIF89a" + bytes(64), "an image (GIF); save it as PNG"),
    ],
)
def test_bad_inputs_raise_one_line_input_errors_naming_the_file(tmp_path, name, data, message):
    path = _write(tmp_path, name, data)
    with pytest.raises(InputError) as caught:
        read_file(path)
    text = str(caught.value)
    assert text.startswith(f"{path}: ")
    assert message in text
    assert "\n" not in text


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_file(tmp_path)


def test_parse_file_on_a_gb18030_plan(tmp_path):
    text = (
        "某县推进老区振兴工作方案\n"
        "一、重点任务\n"
        "1.加快建设青梅产业园。（牵头单位：县农业农村局；配合单位：县财政局、县发改局）\n"
        "2.推进高速公路前期工作。（责任单位：县交通运输局）\n"
    )
    plan = parse_file(_write(tmp_path, "plan.txt", text.encode("gb18030")))
    assert plan.document.title == "某县推进老区振兴工作方案"
    assert [(t.text, [(a.name, a.role, a.inferred) for a in t.units]) for t in plan.tasks] == [
        (
            "加快建设青梅产业园。",
            [
                ("县农业农村局", "lead", False),
                ("县财政局", "support", False),
                ("县发展改革局", "support", False),
            ],
        ),
        ("推进高速公路前期工作。", [("县交通运输局", "lead", True)]),
    ]


# Pieces plans are made of, tables, chrome and notice lines included, for random plans.
_PIECES = [
    "一、",
    "（一）",
    "1.",
    "\t",
    "  ",
    "\u3000",
    "|",
    "\n",
    "\r\n",
    "序号",
    "工作任务",
    "牵头单位",
    "配合单位",
    "责任单位",
    "完成时限",
    "责任领导",
    "类别",
    "县财政局",
    "、",
    "。",
    "：",
    "（",
    "）",
    "2025年底",
    "首页 > ",
    "【打印】",
    "标题：",
    "成文日期：",
    "现将《方案》印发给你们",
    "[bookmark: _GoBack]",
    "\u200b",
    "\u00a0",
    "十二、",
    "一二、",
    "修路",
    "张三",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=80))
def test_any_text_reads_into_consistent_lines(pieces):
    text = "".join(pieces)
    source = read_text(text)
    assert source.text == "\n".join(line.text for line in source.lines)
    total = len(text.replace("\r\n", "\n").split("\n"))
    for line in source.lines:
        assert source.text[line.start : line.start + len(line.text)] == line.text
        assert 1 <= line.number <= total
        assert line.text == line.text.strip()
