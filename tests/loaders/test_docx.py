"""Word .docx: paragraphs and tables in document order, bad files refused."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from dutygraph.errors import InputError
from dutygraph.loaders import parse_file
from dutygraph.loaders.read import read_file


def _plan_docx(path: Path) -> Path:
    """Title, an intro, a responsibilities table with merged heading rows and one lead
    unit merged down two rows, then paragraphs after the table."""
    document = docx.Document()
    document.add_paragraph("某县推进老区振兴任务分工方案")  # 1
    document.add_paragraph("")  # 2
    document.add_paragraph("一、重点任务")  # 3
    rows = [
        ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "责任领导"],  # 4
        ["（一）交通能源", "", "", "", "", ""],  # 5, merged across the row
        ["1", "修建陆河至惠来高速公路", "县交通运输局", "县发改局、县财政局", "2025年底", "张三"],
        ["2", "推进抽水蓄能电站", "", "", "长期坚持", "李四"],  # 7, lead merged from above
        ["民生", "", "", "", "", ""],  # 8, an unnumbered heading merged across the row
        ["3", "建设县人民医院", "县卫生健康局", "县财政局\n县自然资源局", "", ""],  # 9
    ]
    table = document.add_table(rows=len(rows), cols=6)
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    for r in (1, 4):
        text = rows[r][0]
        table.cell(r, 0).merge(table.cell(r, 5)).text = text
    table.cell(2, 2).merge(table.cell(3, 2)).text = "县交通运输局"
    document.add_paragraph("二、保障措施")  # 10
    run = document.add_paragraph("各单位要加强组织领导。").add_run()  # 11
    run.add_break()
    run.add_text("（县委办、县府办督查）")
    document.add_paragraph("抓好落实", style="List Number")  # 12
    document.save(path)
    return path


def test_paragraphs_and_table_rows_in_document_order(tmp_path):
    source = read_file(_plan_docx(tmp_path / "plan.docx"))
    assert source.format == "docx"
    assert [(line.number, line.text) for line in source.lines] == [
        (1, "某县推进老区振兴任务分工方案"),
        (2, ""),
        (3, "一、重点任务"),
        (5, "（一）交通能源"),
        (
            6,
            "1.修建陆河至惠来高速公路（牵头单位：县交通运输局；配合单位：县发改局、县财政局；"
            "完成时限：2025年底）",
        ),
        (7, "2.推进抽水蓄能电站（牵头单位：县交通运输局；完成时限：长期坚持）"),
        (8, "（二）民生"),  # one level down: the table sits inside 一、重点任务
        (9, "3.建设县人民医院（牵头单位：县卫生健康局；配合单位：县财政局、县自然资源局）"),
        (10, "二、保障措施"),
        (11, "各单位要加强组织领导。"),
        (11, "（县委办、县府办督查）"),
        (12, "抓好落实"),  # Word numbers this paragraph itself; its text is kept as is
    ]
    for line in source.lines:
        assert source.text[line.start : line.start + len(line.text)] == line.text


def test_layout_table_gives_its_paragraphs(tmp_path):
    document = docx.Document()
    document.add_paragraph("前言")
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell.text = "一、总体要求"
    cell.add_paragraph("1.修路。（责任单位：县交通运输局）")
    document.add_paragraph("结语")
    document.save(tmp_path / "layout.docx")
    source = read_file(tmp_path / "layout.docx")
    assert [(line.number, line.text) for line in source.lines] == [
        (1, "前言"),
        (2, "一、总体要求"),
        (3, "1.修路。（责任单位：县交通运输局）"),
        (4, "结语"),
    ]


def test_docx_renamed_txt_is_read_as_word(tmp_path):
    path = _plan_docx(tmp_path / "plan.docx").rename(tmp_path / "plan.txt")
    assert read_file(path).lines[0].text == "某县推进老区振兴任务分工方案"


def test_truncated_docx(tmp_path):
    data = _plan_docx(tmp_path / "plan.docx").read_bytes()
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"truncated\.docx: truncated or corrupt \.docx"):
        read_file(truncated)


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("一、任务", encoding="utf-8")
    with pytest.raises(InputError, match=r"not a valid \.docx"):
        read_file(path)


def test_docx_without_text(tmp_path):
    docx.Document().save(tmp_path / "blank.docx")
    with pytest.raises(InputError, match="no text"):
        read_file(tmp_path / "blank.docx")


def _units(task):
    return [(a.name, a.role, a.rank, a.inferred) for a in task.units]


def test_parse_file_on_the_docx_plan(tmp_path):
    plan = parse_file(_plan_docx(tmp_path / "plan.docx"))
    assert plan.document.title == "某县推进老区振兴任务分工方案"
    assert [s.title for s in plan.sections] == ["重点任务", "交通能源", "民生", "保障措施"]
    assert [(t.path, t.text, t.deadline, t.span.line) for t in plan.tasks] == [
        (("一", "（一）", "1"), "修建陆河至惠来高速公路", "2025年底", 6),
        (("一", "（一）", "2"), "推进抽水蓄能电站", "长期坚持", 7),
        (("一", "（二）", "3"), "建设县人民医院", None, 9),
    ]
    first, second, third = plan.tasks
    assert _units(first) == [
        ("县交通运输局", "lead", 1, False),
        ("县发展改革局", "support", 2, False),  # written 县发改局
        ("县财政局", "support", 3, False),
    ]
    assert _units(second) == [("县交通运输局", "lead", 1, False)]  # from the merged cell
    assert _units(third) == [
        ("县卫生健康局", "lead", 1, False),
        ("县财政局", "support", 2, False),
        ("县自然资源局", "support", 3, False),
    ]
    assert not {"张三", "李四"} & {u.name for u in plan.units}  # 责任领导 is no unit


def test_a_headerless_table_after_a_page_break_continues_the_one_before(tmp_path):
    document = docx.Document()
    first = document.add_table(rows=2, cols=3)  # rows 1-2
    for c, value in enumerate(["序号", "工作任务", "责任单位"]):
        first.cell(0, c).text = value
    for c, value in enumerate(["1", "修路", "县交通运输局"]):
        first.cell(1, c).text = value
    document.add_paragraph("续表")  # 3
    second = document.add_table(rows=1, cols=3)  # row 4
    for c, value in enumerate(["2", "建医院", "县卫生健康局"]):
        second.cell(0, c).text = value
    document.add_paragraph("附：说明")  # 5: text ends the run of tables
    third = document.add_table(rows=1, cols=3)  # a table of its own: its cells are lines
    for c, value in enumerate(["甲", "乙", "丙"]):
        third.cell(0, c).text = value
    document.save(tmp_path / "continued.docx")
    source = read_file(tmp_path / "continued.docx")
    assert [(line.number, line.text) for line in source.lines] == [
        (2, "1.修路（责任单位：县交通运输局）"),
        (3, "续表"),
        (4, "2.建医院（责任单位：县卫生健康局）"),
        (5, "附：说明"),
        (6, "甲"),
        (7, "乙"),
        (8, "丙"),
    ]


LEAD_LEGEND = [
    [("县财政局", "support", False), ("县交通运输局", "lead", False)],
    [("县卫生健康局", "lead", False), ("县财政局", "support", False)],
]
SUPPORT_LEGEND = [
    [("县财政局", "lead", True), ("县交通运输局", "support", False)],
    [("县卫生健康局", "support", False), ("县财政局", "lead", True)],
]
NO_LEGEND = [
    [("县财政局", "lead", True), ("县交通运输局", "support", True)],
    [("县卫生健康局", "lead", True), ("县财政局", "support", True)],
]


@pytest.mark.parametrize(
    ("legend", "expected"),
    [
        ("注：带“★”的为牵头单位。", LEAD_LEGEND),
        ("注：标★的为配合单位。", SUPPORT_LEGEND),
        (None, NO_LEGEND),
    ],
)
def test_a_marks_legend_under_a_word_table_holds_for_its_rows(tmp_path, legend, expected):
    document = docx.Document()
    document.add_paragraph("某县重点工作任务分工方案")
    table = document.add_table(rows=3, cols=3)
    rows = [["序号", "工作任务", "责任单位"], ["1", "修路", "县财政局、县交通运输局★"]]
    rows.append(["2", "建医院", "★县卫生健康局、县财政局"])
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    if legend:
        document.add_paragraph(legend)
    document.save(tmp_path / "marks.docx")
    plan = parse_file(tmp_path / "marks.docx")
    assert [[(a.written, a.role, a.inferred) for a in t.units] for t in plan.tasks] == expected
    assert not plan.warnings
