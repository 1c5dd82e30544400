"""Responsibilities tables pasted as text in every way a copy leaves them: a row a line, a
cell a line, with blank lines or `|` lines between cells, headers spaced out or repeated,
merged and empty cells lost. Each test is a small table written for it."""

from __future__ import annotations

from collections.abc import Callable

from dutygraph.loaders.model import Plan, Task
from dutygraph.loaders.read import read_text

Parse = Callable[..., Plan]


def _lines(text: str) -> list[str]:
    return [line.text for line in read_text(text).lines if line.text]


def _blank(*cells: str) -> str:
    """Cells one a line with a blank line between them."""
    return "\n\n".join(cells) + "\n"


def _units(task: Task) -> list[tuple[str, str | None]]:
    """(printed name, role when stated) in printed order."""
    return [(a.written, None if a.inferred else a.role) for a in task.units]


def test_a_cell_a_line_with_blank_lines_between_cells(parse: Parse):
    text = _blank(
        "序号",
        "工作任务",
        "责任单位",
        "1",
        "修建环城公路。",
        "县交通运输局",
        "2",
        "新建一所中学。",
        "县教育局",
    )
    plan = parse(text)
    assert [(t.text, _units(t)) for t in plan.tasks] == [
        ("修建环城公路。", [("县交通运输局", None)]),
        ("新建一所中学。", [("县教育局", None)]),
    ]


def test_header_letters_spaced_out():
    cell_a_line = "序  号\n\n主  要  任  务\n\n责 任 单 位\n\n1\n\n修路。\n\n县交通运输局\n"
    assert _lines(cell_a_line) == ["1.修路。（责任单位：县交通运输局）"]
    row_a_line = "序 号  主 要 任 务  责 任 单 位\n1  修路。  县交通运输局\n"
    assert _lines(row_a_line) == ["1.修路。（责任单位：县交通运输局）"]
    wider = "序  号    主  要  任  务    责  任  单  位\n1    修路。    县交通运输局\n"
    assert _lines(wider) == ["1.修路。（责任单位：县交通运输局）"]


def test_bar_lines_between_cells_and_runs_of_bars_for_empty_or_merged_cells(parse: Parse):
    text = (
        "序号\n|\n工作任务\n|\n责任领导\n|\n责任单位\n|\n"
        "一、基础设施\n|\n|||\n"
        "1\n|\n修建环城公路。\n|\n张 明\n|\n县交通运输局、县财政局\n|\n"
        "2\n|\n新建污水处理厂。\n|\n|\n县住建局\n|\n||\n"  # an empty leader cell
        "3\n|\n改造老旧小区。\n|\n县住建局\n|\n"  # the leader cell merged with the row above
    )
    plan = parse(text)
    assert [s.title for s in plan.sections] == ["基础设施"]
    assert [(t.text, [u for u, _ in _units(t)]) for t in plan.tasks] == [
        ("修建环城公路。", ["县交通运输局", "县财政局"]),
        ("新建污水处理厂。", ["县住建局"]),
        ("改造老旧小区。", ["县住建局"]),
    ]


def test_a_leader_column_names_people_never_units(parse: Parse):
    text = (
        "序号\n\n重点任务\n\n牵头领导\n\n责任单位\n\n"
        "1\n\n修路。\n\n王 强\n李 明\n\n县交通运输局\n\n"  # two names on two lines of one cell
        "2\n\n建桥。\n\n副县长赵刚\n\n县住建局\n"
    )
    plan = parse(text)
    assert [[u for u, _ in _units(t)] for t in plan.tasks] == [["县交通运输局"], ["县住建局"]]
    people = ("王 强", "王强", "李 明", "李明", "赵刚")
    assert not [u.name for u in plan.units if any(p in u.name for p in people)]


def test_the_header_repeated_under_each_group_is_skipped():
    row_a_line = (
        "序号\t工作任务\t责任单位\n"
        "一、交通\n1\t修路\t县交通运输局\n"
        "序号\t工作任务\t责任单位\n"
        "二、教育\n2\t建校\t县教育局\n"
    )
    assert _lines(row_a_line) == [
        "一、交通",
        "1.修路（责任单位：县交通运输局）",
        "二、教育",
        "2.建校（责任单位：县教育局）",
    ]
    cell_a_line = (
        "序号\n工作任务\n责任单位\n一、交通\n1\n修路\n县交通运输局\n"
        "序号\n工作任务\n责任单位\n二、教育\n2\n建校\n县教育局\n"
    )
    assert _lines(cell_a_line) == _lines(row_a_line)


def test_a_merged_unit_cell_covers_the_rows_below_it():
    row_a_line = "序号\t工作任务\t责任单位\n1\t修路\t县交通运输局\n2\t修桥\n3\t修渠\t县水务局\n"
    assert _lines(row_a_line) == [
        "1.修路（责任单位：县交通运输局）",
        "2.修桥（责任单位：县交通运输局）",
        "3.修渠（责任单位：县水务局）",
    ]
    cell_a_line = _blank(
        "序号",
        "工作任务",
        "责任单位",
        "1",
        "修路",
        "县交通运输局",
        "2",
        "修桥",
        "3",
        "修渠",
        "县水务局",
    )
    assert _lines(cell_a_line) == _lines(row_a_line)


def test_a_merged_lead_cell_covers_the_task_rows_below_it():
    # Copied with tabs, the 牵头单位 merged over tasks 1-3 is printed on row 1 only; the
    # empty cells between tabs keep the others in their columns.
    text = (
        "序号\t工作任务\t牵头单位\t配合单位\t完成时限\n"
        "1\t修路\t县交通运输局\t县财政局\t2025年底\n"
        "2\t修桥\t\t各镇人民政府\t2025年底\n"
        "\t\t\t县自然资源局\n"  # more units of task 2: its other cells merged, trailing ones cut
        "3\t修渠\t县水务局\t\t2026年底\n"
    )
    assert _lines(text) == [
        "1.修路（牵头单位：县交通运输局；配合单位：县财政局；完成时限：2025年底）",
        "2.修桥（牵头单位：县交通运输局；配合单位：各镇人民政府、县自然资源局；完成时限：2025年底）",
        "3.修渠（牵头单位：县水务局；完成时限：2026年底）",
    ]


def test_category_cells_only_on_a_groups_first_row():
    cell_a_line = (
        "类别\n\n序号\n\n工作任务\n\n责任单位\n\n"
        "交通建设\n\n1\n\n修路。\n\n县交通运输局\n\n2\n\n修桥。\n\n县交通运输局\n\n"
        "教育发展\n\n3\n\n建校。\n\n县教育局\n"
    )
    assert _lines(cell_a_line) == [
        "一、交通建设",
        "1.修路。（责任单位：县交通运输局）",
        "2.修桥。（责任单位：县交通运输局）",
        "二、教育发展",
        "3.建校。（责任单位：县教育局）",
    ]
    row_a_line = (
        "类别\t序号\t工作任务\t责任单位\n交通建设\t1\t修路。\t县交通运输局\n"
        "2\t修桥。\t县交通运输局\n教育发展\t3\t建校。\t县教育局\n"
    )
    assert _lines(row_a_line) == _lines(cell_a_line)


def test_a_progress_column_between_task_and_units_is_not_the_task():
    text = (
        "序号\n\n工作内容\n\n进展情况\n\n责任单位\n\n"
        "1\n\n完成老旧小区改造20个。\n\n目前已开工12个，完成投资3000万元，其余小区正在设计。\n\n县住建局\n"
    )
    assert _lines(text) == ["1.完成老旧小区改造20个。（责任单位：县住建局）"]


def test_a_lead_column_after_the_responsible_column_marks_the_lead_once(parse: Parse):
    text = (
        "序号\n\n事项\n\n责任单位\n\n牵头单位\n\n"
        "1\n\n招商引资。\n\n县商务局、县发改局、县财政局\n\n县发改局\n\n"
        "2\n\n稳定就业。\n\n县人社局\n\n县人社局\n"
    )
    plan = parse(text)
    assert [_units(t) for t in plan.tasks] == [
        [("县商务局", "support"), ("县发改局", "lead"), ("县财政局", "support")],
        [("县人社局", "lead")],
    ]


def test_marks_mean_a_role_only_with_their_legend(parse: Parse):
    table = "序号\t工作任务\t责任单位\n1\t修路\t★县交通运输局、县财政局\n"
    without = parse(table).tasks[0]
    assert _units(without) == [("县交通运输局", None), ("县财政局", None)]
    with_legend = parse(table + "注：标★的为牵头单位。\n").tasks[0]
    assert _units(with_legend) == [("县交通运输局", "lead"), ("县财政局", "support")]


def test_unit_cells_run_together_split_at_unit_boundaries():
    text = "序号\t工作任务\t责任单位\n1\t统计调查\t区发改局区统计局\n"
    assert _lines(text) == ["1.统计调查（责任单位：区发改局、区统计局）"]
    one_name = "序号\t工作任务\t责任单位\n1\t建设\t县城市管理局\n"  # no second unit in it
    assert _lines(one_name) == ["1.建设（责任单位：县城市管理局）"]
    spaced = "序号\t工作任务\t责任单位\n1\t统计调查\t县发改局 县统计局\n"
    assert _lines(spaced) == ["1.统计调查（责任单位：县发改局、县统计局）"]


def test_one_space_between_cells_when_the_last_cells_list_units():
    text = "序号 工作任务 责任单位\n1 修建 环城公路 县交通运输局、县财政局\n2 新建学校 县教育局\n"
    assert _lines(text) == [
        "1.修建 环城公路（责任单位：县交通运输局、县财政局）",
        "2.新建学校（责任单位：县教育局）",
    ]


def test_columns_that_are_not_responsibility_only_when_the_header_says_so(parse: Parse):
    text = "序号\t工作任务\t责任单位\t数据提供单位\n1\t地区生产总值增长6%\t县发改局\t县统计局\n"
    plan = parse(text)
    assert [u for u, _ in _units(plan.tasks[0])] == ["县发改局"]
    unlabelled = "序号\t工作任务\t责任单位\t配合单位\n1\t地区生产总值增长6%\t县发改局\t县统计局\n"
    assert [u for u, _ in _units(parse(unlabelled).tasks[0])] == ["县发改局", "县统计局"]


def test_a_group_column_and_task_numbers_of_their_own():
    """项目 beside the task column names the group; task cells carry their own numbers and
    the 序号 column restarts per group while they run on."""
    text = (
        "序号\n|\n项目\n|\n工作任务\n|\n责任单位\n|\n"
        "1\n|\n交通\n|\n1.修路。\n|\n县交通运输局\n|\n2.修桥。\n|\n县交通运输局\n|\n"
        "1\n|\n教育\n|\n3.建校。\n|\n县教育局\n|\n"
    )
    assert _lines(text) == [
        "一、交通",
        "1.修路。（责任单位：县交通运输局）",
        "2.修桥。（责任单位：县交通运输局）",
        "二、教育",
        "3.建校。（责任单位：县教育局）",
    ]


def test_a_table_the_text_ends_in_loses_its_cut_row():
    text = (
        "序号\n\n工作任务\n\n责任单位\n\n牵头单位\n\n"
        "1\n\n修路。\n\n县交通运输局、县财政局\n\n县交通运输局\n\n"
        "2\n\n建校。\n\n县教育局"  # the file stops before this row's lead cell
    )
    assert _lines(text) == ["1.修路。（责任单位：县交通运输局（牵头）、县财政局）"]


def test_text_after_a_cell_a_line_table_stays_text():
    heading_after = _blank(
        "序号", "工作任务", "责任单位", "1", "修路。", "县交通运输局", "二、保障措施", "加强督查。"
    )
    assert _lines(heading_after) == [
        "1.修路。（责任单位：县交通运输局）",
        "二、保障措施",
        "加强督查。",
    ]
    text = (
        "序号\n\n工作任务\n\n责任单位\n\n1\n\n修路。\n\n县交通运输局\n\n"
        "各单位要加强组织领导，确保各项任务落到实处。\n\n二、保障措施\n\n加强督查。\n"
    )
    assert _lines(text) == [
        "1.修路。（责任单位：县交通运输局）",
        "各单位要加强组织领导，确保各项任务落到实处。",
        "二、保障措施",
        "加强督查。",
    ]


def test_traditional_headers_with_pinyin_after_characters():
    text = "序號(hào)\n|\n工作任務(wù)\n|\n責(zé)任單位\n|\n1\n|\n修路。\n|\n縣交通運輸局\n"
    assert _lines(text) == ["1.修路。（责任单位：縣交通運輸局）"]


def test_a_unit_header_saying_the_first_unit_leads(parse: Parse):
    text = "序号\t工作任务\t责任单位（排第一位的为牵头单位）\n1\t修路\t县交通运输局、县财政局\n"
    assert _units(parse(text).tasks[0]) == [("县交通运输局", "lead"), ("县财政局", "support")]


def test_a_unit_cell_naming_roles_itself(parse: Parse):
    text = _blank(
        "序号", "工作任务", "责任单位", "1", "修路。", "牵头单位：县交通运输局\n配合单位：县财政局"
    )
    assert _units(parse(text).tasks[0]) == [("县交通运输局", "lead"), ("县财政局", "support")]


def test_remark_and_target_columns_are_kept_in_the_task_text():
    text = _blank(
        "序号",
        "工作任务",
        "工作目标",
        "责任单位",
        "备注",
        "1",
        "修路",
        "年底通车",
        "县交通运输局",
        "跨年度",
    )
    assert _lines(text) == ["1.修路。工作目标：年底通车。备注：跨年度（责任单位：县交通运输局）"]


def test_a_legend_can_mark_supporting_units(parse: Parse):
    text = "序号\t工作任务\t责任单位\n1\t修路\t县交通运输局、▲县财政局\n注：带▲的为配合单位\n"
    assert _units(parse(text).tasks[0]) == [("县交通运输局", None), ("县财政局", "support")]


def test_categories_nest_under_heading_rows():
    text = (
        "类别\t序号\t工作任务\t责任单位\n一、基础设施\n交通\t1\t修路\t县交通运输局\n"
        "水利\t2\t修渠\t县水务局\n二、社会事业\n教育\t3\t建校\t县教育局\n"
    )
    assert [line for line in _lines(text) if not line[0].isdigit()] == [
        "一、基础设施",
        "（一）交通",
        "（二）水利",
        "二、社会事业",
        "（一）教育",
    ]


def test_an_unnumbered_group_title_between_numbered_rows():
    text = _blank(
        "序号",
        "工作任务",
        "责任科室",
        "交通建设",
        "1",
        "修路。",
        "交通运输局",
        "社会事业",
        "2",
        "建校。",
        "教育局",
    )
    assert _lines(text) == [
        "一、交通建设",
        "1.修路。（责任单位：交通运输局）",
        "二、社会事业",
        "2.建校。（责任单位：教育局）",
    ]


def test_leader_cells_of_long_names_and_titles_with_names(parse: Parse):
    text = (
        "序号\t工作任务\t责任领导\t责任单位\n"
        "1\t修路\t欧阳明华\t县交通运输局\n"
        "2\t建桥\t常务副县长 张明\t县住建局\n"
    )
    plan = parse(text)
    assert [[u for u, _ in _units(t)] for t in plan.tasks] == [["县交通运输局"], ["县住建局"]]


def test_a_trailing_free_text_column_does_not_take_the_next_rows_task():
    text = (
        "序号\n|\n工作任务\n|\n责任单位\n|\n备注\n|\n"
        "1\n|\n1.修路。\n|\n县交通运输局\n|\n"  # 序号 merged over both rows, no remark
        "2.建校。\n|\n县教育局\n|\n新建\n|\n"
    )
    assert _lines(text) == [
        "1.修路。（责任单位：县交通运输局）",
        "2.建校。备注：新建（责任单位：县教育局）",
    ]


def test_a_second_header_row_under_a_merged_unit_column(parse: Parse):
    """牵头单位 and 配合单位 printed under a merged 责任单位: pasted text keeps no empty
    cells, so they come after the header's last column, or on the next line."""
    cell_a_line = _blank(
        "序号",
        "重点任务",
        "责任单位",
        "完成时限",
        "牵头单位",
        "配合单位",
        "1",
        "修路。",
        "县交通运输局",
        "县财政局",
        "2025年底",
    )
    row_a_line = (
        "序号  重点任务  责任单位  完成时限\n牵头单位  配合单位\n"
        "1  修路。  县交通运输局  县财政局  2025年底\n"
    )
    expected = "1.修路。（牵头单位：县交通运输局；配合单位：县财政局；完成时限：2025年底）"
    for text in (cell_a_line, row_a_line):
        assert _lines(text) == [expected]


def test_blank_lines_between_header_cells_and_between_rows_only():
    rows = ("1\n修路。\n县交通运输局\n全年", "2\n建校。\n县教育局\n年底前")
    text = _blank("序号", "工作任务", "责任单位", "完成时限", *rows)
    assert _lines(text) == [
        "1.修路。（责任单位：县交通运输局；完成时限：全年）",
        "2.建校。（责任单位：县教育局；完成时限：年底前）",
    ]


def test_a_cell_a_line_list_cell_over_several_lines(parse: Parse):
    """Two leaders, or two units, each on a line of its own, are one cell."""
    text = "序号\n重点任务\n牵头领导\n责任单位\n1\n修路。\n王 强\n李 明\n县交通运输局\n县财政局\n"
    plan = parse(text)
    assert [[u for u, _ in _units(t)] for t in plan.tasks] == [["县交通运输局", "县财政局"]]


def test_a_task_cell_of_several_paragraphs_a_line_each():
    text = (
        "序号\n工作任务\n责任单位\n"
        "1\n加快重点项目建设，\n确保完成年度投资计划。\n县发改局\n2\n建校。\n县教育局\n"
    )
    assert _lines(text) == [
        "1.加快重点项目建设，确保完成年度投资计划。（责任单位：县发改局）",
        "2.建校。（责任单位：县教育局）",
    ]


def test_a_row_a_line_broken_by_a_cells_paragraphs():
    header, after = "序号\t工作任务\t责任单位\n", "\n2\t建校。\t县教育局\n"
    word = header + "1\t加快重点项目建设，\n确保完成年度投资。\t县发改局" + after
    excel = header + '1\t"加快重点项目建设，\n确保完成年度投资。"\t县发改局' + after
    for text in (word, excel):
        assert _lines(text) == [
            "1.加快重点项目建设，确保完成年度投资。（责任单位：县发改局）",
            "2.建校。（责任单位：县教育局）",
        ]


def test_pinyin_a_mirror_printed_after_a_units_last_character(parse: Parse):
    """The written form keeps the pinyin (as printed); a bracket of it is no annotation."""
    text = "序號(hào)\t工作任務(wù)\t責(zé)任單位\n1\t修路\t縣交通局、吳江海關(guān)\n"
    assert _units(parse(text).tasks[0]) == [("縣交通局", None), ("吳江海關(guān)", None)]


def test_space_aligned_cells_wrapped_onto_lines_under_their_column(parse: Parse):
    # Aligned in monospaced columns (a CJK letter two wide), as a PDF's text layout does.
    text = (
        "序号  工作任务              牵头单位    配合单位\n"
        "1     修建环城公路，完成    县交通局    县财政局、\n"
        "      路基工程                          县自然资源局\n"
        "2     新建一所中学          县教育局    县财政局\n"
        "    二、保障措施\n"
    )
    plan = parse(text)
    assert [(t.text, _units(t)) for t in plan.tasks] == [
        (
            "修建环城公路，完成路基工程",
            [("县交通局", "lead"), ("县财政局", "support"), ("县自然资源局", "support")],
        ),
        ("新建一所中学", [("县教育局", "lead"), ("县财政局", "support")]),
    ]


def test_wrapped_parts_counted_in_characters_and_not_under_a_cell():
    # The same wrap counted one column a character; an indented line off every cell's start
    # is no part of the row.
    text = (
        "序号  工作任务        责任单位\n"
        "1     修建环城公路，  县交通局、\n"
        "      完成路基工程    县财政局\n"
        "2     新建一所中学    县教育局\n"
        "  各单位要抓好落实。\n"
    )
    lines = _lines(text)
    assert (
        lines[0]
        == _lines(
            "序号  工作任务        责任单位\n1     修建环城公路，完成路基工程  县交通局、县财政局\n"
        )[0]
    )
    assert lines[-1] == "各单位要抓好落实。"


def test_the_plan_goes_on_after_a_row_a_line_table(parse: Parse):
    text = (
        "一、重点任务\n序号\t工作任务\t责任单位\n1\t修路。\t县交通运输局\n"
        "二、保障措施\n（一）加强组织领导。各单位要高度重视。（责任单位：县政府办）\n"
    )
    plan = parse(text)
    assert [(t.text, [u for u, _ in _units(t)]) for t in plan.tasks] == [
        ("修路。", ["县交通运输局"]),
        ("加强组织领导。各单位要高度重视。", ["县政府办"]),
    ]


def test_a_body_cell_naming_a_column_word_is_no_repeated_header(parse: Parse):
    # 事项 names a task column and （牵头） a lead column, but a sentence and a list of units
    # are cells of a row, not the header printed again.
    text = _blank(
        "序号",
        "工作任务",
        "责任单位",
        "1",
        "修建环城公路。",
        "县交通运输局",
        "2",
        "落实办理事项告知承诺制。",
        "县司法局（牵头）、县直有关部门",
    )
    plan = parse(text)
    assert [(t.text, _units(t)) for t in plan.tasks] == [
        ("修建环城公路。", [("县交通运输局", None)]),
        ("落实办理事项告知承诺制。", [("县司法局", "lead"), ("县直有关部门", "support")]),
    ]


def test_a_second_header_row_under_a_merged_unit_column_with_its_empty_cells_kept(parse: Parse):
    # Copied from a spreadsheet, the row under 责任单位 keeps the empty cells before it.
    text = (
        "序号\t工作任务\t责任单位\t\n\t\t牵头单位\t配合单位\n"
        "1\t修建环城公路。\t县交通运输局\t县财政局、县自然资源局\n"
    )
    (task,) = parse(text).tasks
    assert (task.text, _units(task)) == (
        "修建环城公路。",
        [("县交通运输局", "lead"), ("县财政局", "support"), ("县自然资源局", "support")],
    )


def test_one_space_between_cells_when_a_date_follows_the_unit_list(parse: Parse):
    text = (
        "序号 工作任务 责任单位 完成时限\n"
        "1 修建环城公路 县交通运输局、县财政局 2025年6月\n"
        "2 新建一所中学 县教育局 年底前\n"
    )
    plan = parse(text)
    assert [(t.text, [u for u, _ in _units(t)]) for t in plan.tasks] == [
        ("修建环城公路", ["县交通运输局", "县财政局"]),
        ("新建一所中学", ["县教育局"]),
    ]
