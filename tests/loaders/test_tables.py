"""Responsibilities tables -> plan lines, from rows and from tables pasted into text."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from dutygraph.loaders import parse_file
from dutygraph.loaders.read import read_text
from dutygraph.loaders.tables import header_kind, rows_to_lines

LEAD_SUPPORT = "1.任务（牵头单位：A；配合单位：B、C；完成时限：2025年底）"


def _lines(text: str) -> list[tuple[int, str]]:
    return [(line.number, line.text) for line in read_text(text).lines if line.text]


def test_header_kinds():
    assert header_kind("序号") == "number"
    assert [header_kind(h) for h in ("工作任务", "重点任务", "主要任务", "任务")] == ["task"] * 4
    assert header_kind("责任单位") == "units"
    assert header_kind("牵头单位") == "lead"
    assert [header_kind(h) for h in ("配合单位", "协办单位", "参与单位")] == ["support"] * 3
    assert [header_kind(h) for h in ("完成时限", "时间节点")] == ["deadline"] * 2
    assert [header_kind(h) for h in ("责任领导", "牵头领导")] == ["leader"] * 2
    assert header_kind("责 任\n单 位") == "units"
    assert header_kind("加快建设青梅、茶叶等现代农业产业园区的各项工作任务") is None
    assert [header_kind(h) for h in ("进展情况", "完成情况")] == ["progress"] * 2
    assert [header_kind(h) for h in ("数据提供单位", "监测单位", "督办", "督查")] == ["other"] * 4
    # where a task comes from is a note on it, not a second task column
    assert [header_kind(h) for h in ("任务来源", "政策依据", "备注")] == ["remark"] * 3
    assert [header_kind(h) for h in ("主办单位", "协办单位", "内容与要求")] == [
        "lead",
        "support",
        "task",
    ]
    assert header_kind("責(zé)任單位") == "units"
    # a units column that asks for the people too keeps its role
    headers = ("责任单位及责任人", "牵头单位及责任人", "配合单位和联系人")
    assert [header_kind(h) for h in headers] == [
        "units",
        "lead",
        "support",
    ]  # Traditional, pinyin after characters


def test_lead_and_support_row_and_leader_dropped():
    rows = [
        (1, ["序号", "重点任务", "牵头单位", "配合单位", "完成时限", "责任领导"]),
        (2, ["1", "任务", "A", "B、C", "2025年底", "张三"]),
    ]
    assert rows_to_lines(rows) == [(2, LEAD_SUPPORT)]


def test_units_only_row_and_multi_paragraph_cells():
    rows = [
        (5, ["序号", "工作任务", "责任单位"]),
        (6, ["1", "任务", "A\nB"]),
        (7, ["", "", ""]),
        (8, ["2", "第一句。\n第二句", "C。"]),
    ]
    assert rows_to_lines(rows) == [
        (6, "1.任务（责任单位：A、B）"),
        (8, "2.第一句。第二句（责任单位：C）"),
    ]


def test_heading_rows_and_title_rows():
    rows = [
        (1, ["附件：某县任务分工表", "附件：某县任务分工表", "附件：某县任务分工表"]),
        (2, ["序号", "任务", "责任单位"]),
        (3, ["一、基础设施", "一、基础设施", "一、基础设施"]),  # merged across the row
        (4, ["1", "修路", "县交通运输局"]),
        (5, ["", "产业发展", ""]),  # an unnumbered heading gets the next number
        (6, ["三", "民生", ""]),  # a Chinese number in 序号: a heading too
        (7, ["1", "建医院", "县卫健局"]),
    ]
    assert rows_to_lines(rows) == [
        (1, "附件：某县任务分工表"),
        (3, "一、基础设施"),
        (4, "1.修路（责任单位：县交通运输局）"),
        (5, "二、产业发展"),
        (6, "三、民生"),
        (7, "1.建医院（责任单位：县卫健局）"),
    ]


def test_category_column_changes_start_headings():
    rows = [
        (1, ["领域", "序号", "工作任务", "牵头单位", "配合单位"]),
        (2, ["基础设施", "1", "修路", "县交通运输局", ""]),
        (3, ["", "2", "修桥", "县交通运输局", "县财政局"]),  # merged cell read as empty
        (4, ["基础设施", "3", "修渠", "县水务局", ""]),  # merged cell repeated
        (5, ["民生", "4", "建医院", "县卫健局", ""]),
    ]
    assert rows_to_lines(rows) == [
        (2, "一、基础设施"),
        (2, "1.修路（牵头单位：县交通运输局）"),
        (3, "2.修桥（牵头单位：县交通运输局；配合单位：县财政局）"),
        (4, "3.修渠（牵头单位：县水务局）"),
        (5, "二、民生"),
        (5, "4.建医院（牵头单位：县卫健局）"),
    ]


def test_a_table_inside_a_section_numbers_its_headings_one_level_down():
    rows = [(1, ["类别", "任务", "责任单位"]), (2, ["民生", "建医院", "县卫健局"])]
    assert rows_to_lines(rows, depth=1) == [
        (2, "（一）民生"),
        (2, "1.建医院（责任单位：县卫健局）"),
    ]
    pasted = "一、重点任务\n类别\t任务\t责任单位\n民生\t建医院\t县卫健局\n"
    assert _lines(pasted) == [
        (1, "一、重点任务"),
        (3, "（一）民生"),
        (3, "1.建医院（责任单位：县卫健局）"),
    ]


def test_two_header_rows_under_a_merged_heading():
    rows = [
        (1, ["序号", "工作任务", "责任单位", "责任单位", "完成时限"]),
        (2, ["序号", "工作任务", "牵头单位", "配合单位", "完成时限"]),
        (3, ["1", "任务", "A", "B、C", "2025年底"]),
    ]
    assert rows_to_lines(rows) == [(3, LEAD_SUPPORT)]


def test_unknown_columns_are_kept_in_the_task_text():
    rows = [(1, ["工作任务", "责任单位", "工作目标"]), (2, ["修路", "县交通运输局", "通车"])]
    assert rows_to_lines(rows) == [(2, "1.修路。工作目标：通车（责任单位：县交通运输局）")]


def test_a_table_without_a_responsibilities_header_is_not_one():
    assert rows_to_lines([(1, ["姓名", "电话"]), (2, ["张三", "123"])]) is None


def test_pasted_row_a_line_with_tabs_spaces_and_bars():
    tabs = (
        "一、重点任务\n"
        "序号\t工作任务\t牵头单位\t配合单位\t完成时限\t责任领导\n"
        "1\t任务\tA\tB、C\t2025年底\t张三\n"
    )
    assert _lines(tabs) == [(1, "一、重点任务"), (3, LEAD_SUPPORT)]
    spaces = (
        "序号  工作任务  牵头单位  配合单位  完成时限\n"
        "1  任务  A  B、C  2025年底\n"
        "2  另一任务  D  2026年6月底\n"  # the empty 配合单位 cell is lost in the spaces
        "表后的文字，不属于表格。\n"
    )
    assert _lines(spaces) == [
        (2, LEAD_SUPPORT),
        (3, "2.另一任务（牵头单位：D；完成时限：2026年6月底）"),
        (4, "表后的文字，不属于表格。"),
    ]
    bars = (
        "| 序号 | 任务 | 责任单位 |\n|---|---|---|\n"
        "| 一、民生 | | |\n| 1 | 建医院 | 县卫健局、县财政局 |\n"
    )
    assert _lines(bars) == [(3, "一、民生"), (4, "1.建医院（责任单位：县卫健局、县财政局）")]


def test_pasted_cell_a_line():
    text = (
        "序号\n工作任务\n牵头单位\n配合单位\n完成时限\n"
        "1\n任务\nA\nB、C\n2025年底\n"
        "二、民生\n"
        "2\n另一任务。\nD\n2026年\n"
        "各单位要加强组织领导，确保各项任务落到实处，这段话很长，不是表格里的单元格。\n"
    )
    assert _lines(text) == [
        (6, LEAD_SUPPORT),
        (11, "二、民生"),
        (12, "2.另一任务。（牵头单位：D；完成时限：2026年）"),
        (16, "各单位要加强组织领导，确保各项任务落到实处，这段话很长，不是表格里的单元格。"),
    ]


def test_prose_with_wide_spaces_is_not_a_table():
    text = "一、任务  与  责任单位\n1.修路。（责任单位：县交通运输局）\n"
    assert _lines(text) == [
        (1, "一、任务  与  责任单位"),
        (2, "1.修路。（责任单位：县交通运输局）"),
    ]
    # A header line with no rows under it stays a line.
    assert _lines("工作任务  责任单位\n正文。\n") == [(1, "工作任务  责任单位"), (2, "正文。")]


def test_a_table_of_more_headings_than_ninety_nine_numbers_them_all():
    """A sheet whose rows each start a category (300,000 rows crashed chinese_number)."""
    rows = [(1, ["类别", "任务", "责任单位"])]
    rows += [(n, [f"类别{n}", f"任务{n}", "县财政局"]) for n in range(2, 152)]
    lines = rows_to_lines(rows) or []
    headings = [text for _, text in lines if "、类别" in text]
    assert len(headings) == 150
    assert headings[99] == "一百、类别101" and headings[-1] == "一百五十、类别151"


def test_a_second_header_row_refines_only_the_merged_unit_column():
    """A role word under the task column is no second header row (it took the task
    column's place and the row's task was lost)."""
    rows = [(1, ["工作任务", "责任单位"]), (2, ["牵头单位"]), (3, ["修路", "县交通运输局"])]
    assert (3, "1.修路（责任单位：县交通运输局）") in (rows_to_lines(rows) or [])


def test_unit_columns_keep_the_order_they_are_printed_in():
    # a 牵头单位 column before the 责任单位 one: the lead is the row's first unit
    lead_first = [
        (1, ["序号", "工作任务", "牵头单位", "责任单位"]),
        (2, ["1", "任务", "A", "B、C"]),
    ]
    assert rows_to_lines(lead_first) == [(2, "1.任务（牵头单位：A；责任单位：B、C）")]
    # after it, and naming a unit the list does not: the lead comes after the list
    lead_after = [
        (1, ["序号", "工作任务", "责任单位", "牵头单位"]),
        (2, ["1", "任务", "B、C", "A"]),
    ]
    assert rows_to_lines(lead_after) == [(2, "1.任务（责任单位：B、C；牵头单位：A）")]
    # repeating one of the list's units: marked where the list names it
    repeated = [
        (1, ["序号", "工作任务", "责任单位", "牵头单位"]),
        (2, ["1", "任务", "B、A", "A"]),
    ]
    assert rows_to_lines(repeated) == [(2, "1.任务（责任单位：B、A（牵头））")]


def test_a_measures_cell_numbering_its_own_points_stays_the_rows_task(parse):
    """Its numbers are the points of one row, not items under the 重点任务 as a heading."""
    rows = [
        ("1", "优化营商环境", "（1）压减审批时限；（2）推行承诺制。", "县市场监管局"),
        ("2", "稳定就业", "1.开展技能培训；2.落实就业补贴。", "县人社局"),
        ("3", "推进乡村振兴", "①建设高标准农田；②发展特色产业。", "县农业农村局"),
    ]
    text = "某县工作方案\n序号\t重点任务\t具体措施\t牵头单位\n"
    plan = parse(text + "".join("\t".join(row) + "\n" for row in rows))
    assert [(t.path, t.text, [a.name for a in t.units]) for t in plan.tasks] == [
        (("1",), "优化营商环境：（1）压减审批时限；（2）推行承诺制。", ["县市场监管局"]),
        (("2",), "稳定就业：1.开展技能培训；2.落实就业补贴。", ["县人力资源社会保障局"]),
        (("3",), "推进乡村振兴：①建设高标准农田；②发展特色产业。", ["县农业农村局"]),
    ]


def test_a_tables_title_above_its_cells_is_no_column_name(parse):
    """A title naming a table (…分工表, …清单) is short and names a column word (任务), but
    is none: taken as the first column it shifted every cell one column on."""
    cells = ["序号", "工作任务", "牵头单位", "配合单位", "1", "新建学校", "县教育局", "县财政局"]
    cells += ["2", "改造道路", "县交通运输局", "各乡镇人民政府"]
    for title in ("某县重点工作任务分工表", "某县重点任务清单"):
        plan = parse(f"{title}\n\n" + "\n\n".join(cells) + "\n")
        assert [(t.text, [a.name for a in t.units]) for t in plan.tasks] == [
            ("新建学校", ["县教育局", "县财政局"]),
            ("改造道路", ["县交通运输局", "各乡镇人民政府"]),
        ]


def test_a_task_cell_counting_its_points_keeps_the_rows_number(parse):
    """`1.…2.…` alone in the task cell counts the row's points; a cell holding one number
    carries the task's own (the 序号 column then numbers groups)."""
    text = "某县工作方案\n序号\t工作任务\t牵头单位\n"
    text += "3\t1.开展技能培训；2.落实就业补贴。\t县人社局\n1\t4.建设学校。\t县教育局\n"
    plan = parse(text)
    assert [(t.path, t.text) for t in plan.tasks] == [
        (("3",), "1.开展技能培训；2.落实就业补贴。"),
        (("4",), "建设学校。"),
    ]


def test_a_row_naming_only_more_units_of_the_task_above_is_that_task():
    """A task's cells merged over rows that list its units one a row: Word and Excel repeat
    the merged cells, a table that came as text leaves them empty."""
    rows = [
        (1, ["序号", "工作任务", "牵头单位", "责任单位", "完成时限"]),
        (2, ["1", "修路", "县交通运输局", "县财政局", "2025年底"]),
        (3, ["1", "修路", "县交通运输局", "县自然资源局", "2025年底"]),
        (4, ["", "", "", "县林业局", ""]),
        (5, ["2", "修桥", "县交通运输局", "县财政局", "2025年底"]),
        (6, ["2", "修桥", "县交通运输局", "县水务局", "2025年6月"]),  # a deadline of its own
    ]
    assert rows_to_lines(rows) == [
        (
            2,
            "1.修路（牵头单位：县交通运输局；责任单位：县财政局、县自然资源局、县林业局；完成时限：2025年底）",
        ),
        (5, "2.修桥（牵头单位：县交通运输局；责任单位：县财政局；完成时限：2025年底）"),
        (6, "2.修桥（牵头单位：县交通运输局；责任单位：县水务局；完成时限：2025年6月）"),
    ]


@pytest.mark.parametrize("suffix", [".txt", ".csv"])
def test_a_units_row_of_a_table_as_text_joins_the_task_above(tmp_path, suffix):
    cut = "\t" if suffix == ".txt" else ","
    rows = [["序号", "工作任务", "责任单位"], ["1", "修路", "县交通运输局"], ["", "", "县财政局"]]
    rows.append(["2", "修桥", "县水务局"])
    path = tmp_path / f"plan{suffix}"
    path.write_text("".join(cut.join(r) + "\n" for r in rows), "utf-8")
    assert [[a.written for a in t.units] for t in parse_file(path).tasks] == [
        ["县交通运输局", "县财政局"],
        ["县水务局"],
    ]


CATEGORY_ROWS = [
    ["序号", "重点任务", "牵头单位", "配合单位"],
    ["一", "基础设施", "", ""],
    ["1", "修路", "县交通运输局", "县财政局"],
    ["2", "修桥", "县公安局", "县城管局"],
    ["（一）", "农村公路", "", ""],
    ["3", "硬化村道", "县交通运输局", "各镇人民政府"],
    ["二", "公共服务", "", ""],
    ["4", "改善办学条件", "县教育局", ""],
]


def _table_file(path: Path, rows: list[list[str]], note: str = "") -> Path:
    """The rows as a Word table, an Excel sheet, a web page's table or a table as text
    (cells between tabs), with a note printed under the table."""
    if path.suffix == ".docx":
        document = docx.Document()
        document.add_paragraph("某县重点任务分工方案")
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                table.cell(r, c).text = value
        if note:
            document.add_paragraph(note)
        document.save(path)
    elif path.suffix == ".xlsx":
        book = openpyxl.Workbook()
        for cells in [*rows, *([[note]] if note else [])]:
            book.active.append(cells)
        book.save(path)
    elif path.suffix == ".html":
        table = "".join(
            "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>" for cells in rows
        )
        path.write_text(
            f"<html><body><h1>某县重点任务分工方案</h1><table>{table}</table>"
            f"<p>{note}</p></body></html>",
            "utf-8",
        )
    else:
        lines = ["\t".join(cells) for cells in rows] + ([note] if note else [])
        path.write_text("".join(line + "\n" for line in lines), "utf-8")
    return path


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".txt"])
def test_a_category_row_after_the_first_tasks_is_a_section(tmp_path, suffix):
    # 一 → 1. → （一）: the （一） row heads a section of 一 (not one inside task 2), and
    # takes no units from the rows above it.
    plan = parse_file(_table_file(tmp_path / f"plan{suffix}", CATEGORY_ROWS))
    assert [(s.number, s.title, s.parent) for s in plan.sections] == [
        ("一", "基础设施", None),
        ("（一）", "农村公路", "s1"),
        ("二", "公共服务", None),
    ]
    assert [(t.path, t.text, [a.written for a in t.units]) for t in plan.tasks] == [
        (("一", "1"), "修路", ["县交通运输局", "县财政局"]),
        (("一", "2"), "修桥", ["县公安局", "县城管局"]),
        (("一", "（一）", "3"), "硬化村道", ["县交通运输局", "各镇人民政府"]),
        (("二", "4"), "改善办学条件", ["县教育局"]),
    ]


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".html", ".txt"])
def test_a_marks_legend_outside_the_table_holds_in_every_format(tmp_path, suffix):
    rows = [["序号", "工作任务", "责任单位"], ["1", "修路", "县财政局、★县交通运输局"]]
    rows.append(["2", "建医院", "★县卫生健康局、县财政局"])
    path = _table_file(tmp_path / f"plan{suffix}", rows, note="注：带“★”的为牵头单位。")
    assert [[(a.written, a.role, a.inferred) for a in t.units] for t in parse_file(path).tasks] == [
        [("县财政局", "support", False), ("县交通运输局", "lead", False)],
        [("县卫生健康局", "lead", False), ("县财政局", "support", False)],
    ]


def test_a_task_source_column_is_a_note_on_the_task():
    rows = [
        (1, ["序号", "工作任务", "任务来源", "牵头单位"]),
        (2, ["1", "修路", "省政府工作报告", "县交通运输局"]),
    ]
    assert rows_to_lines(rows) == [
        (2, "1.修路。任务来源：省政府工作报告（牵头单位：县交通运输局）")
    ]
