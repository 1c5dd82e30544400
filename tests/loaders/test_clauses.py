"""One test per responsibility-clause convention, each on a small plan written here."""

from __future__ import annotations

import pytest

from dutygraph.errors import ParseError

HEAD = "某县某某工作方案\n\n一、重点任务\n"


def test_labelled_list_split_on_both_commas(parse, roles) -> None:
    plan = parse(HEAD + "1.建设数据平台。（责任单位：县发展改革局、县财政局，各镇人民政府）\n")
    [task] = plan.tasks
    assert task.text == "建设数据平台。"
    assert roles(task) == [
        ("县发展改革局", "lead", True),
        ("县财政局", "support", True),
        ("各镇人民政府", "support", True),
    ]


def test_lead_and_support_labels(parse, roles) -> None:
    plan = parse(HEAD + "1.建设数据平台。（牵头单位：县财政局；配合单位：县发改局、县教育局）\n")
    assert roles(plan.tasks[0]) == [
        ("县财政局", "lead", False),
        ("县发展改革局", "support", False),
        ("县教育局", "support", False),
    ]


def test_lead_and_support_words_after_units(parse, roles) -> None:
    plan = parse(HEAD + "1.建设数据平台。（县财政局牵头，县水务局、县教育局配合）\n")
    assert roles(plan.tasks[0]) == [
        ("县财政局", "lead", False),
        ("县水务局", "support", False),
        ("县教育局", "support", False),
    ]


@pytest.mark.parametrize(
    "label", ["责任单位及责任人", "责任单位（责任人）", "责任单位和责任领导", "责任单位/负责人"]
)
def test_label_asking_for_people_too_reads_the_units(parse, roles, label) -> None:
    plan = parse(
        HEAD + f"1.建设数据平台。\n{label}：县水务局（张 三）、县财政局（副局长李四）\n"
        "2.完善管理制度。\n责任单位：县教育局（王五）\n"
    )
    assert [roles(task) for task in plan.tasks] == [
        [("县水务局", "lead", True), ("县财政局", "support", True)],
        [("县教育局", "lead", True)],
    ]
    assert not plan.warnings


def test_lead_label_asking_for_people_too(parse, roles) -> None:
    clause = "（牵头单位及负责人：县财政局（张三）；配合单位：县教育局）"
    plan = parse(HEAD + f"1.建设数据平台。{clause}\n")
    assert roles(plan.tasks[0]) == [("县财政局", "lead", False), ("县教育局", "support", False)]


def test_lead_marked_in_brackets_inside_the_list(parse, roles) -> None:
    plan = parse(HEAD + "1.建设数据平台。责任单位：县水务局、县财政局（牵头）、县教育局\n")
    [task] = plan.tasks
    assert task.text == "建设数据平台。"
    assert roles(task) == [
        ("县水务局", "support", False),
        ("县财政局", "lead", False),
        ("县教育局", "support", False),
    ]


def test_units_responsible_by_their_duties(parse, roles) -> None:
    plan = parse(HEAD + "1.建设数据平台。县财政局、县教育局按职责分工负责。\n")
    [task] = plan.tasks
    assert task.text == "建设数据平台。"
    assert roles(task) == [("县财政局", "lead", True), ("县教育局", "support", True)]


def test_units_followed_by_fuze(parse, roles) -> None:
    plan = parse(HEAD + "1.建设数据平台。（县财政局、县教育局负责）\n")
    assert roles(plan.tasks[0]) == [("县财政局", "lead", True), ("县教育局", "support", True)]


def test_unlabelled_units_closing_an_item(parse, roles) -> None:
    plan = parse(HEAD + "1.建设数据平台（一期）。（县财政局、县教育局）\n")
    [task] = plan.tasks
    assert task.text == "建设数据平台（一期）。"
    assert roles(task) == [("县财政局", "lead", True), ("县教育局", "support", True)]


def test_unlabelled_units_after_the_first_need_only_look_like_names(parse) -> None:
    """The first name shows the bracket lists units; a short name after it (团委, 驻村
    工作队) is one more, though alone it would not be read as one."""
    plan = parse(HEAD + "1.加强宣传。（镇宣传办、镇妇联、团委）\n2.建设书屋（一期）。（团委）\n")
    [task] = plan.tasks
    assert [a.name for a in task.units] == ["镇宣传办", "镇妇联", "团委"]
    assert [w.message for w in plan.warnings] == ["numbered item has no responsibility clause"]


def test_brackets_that_name_no_unit_are_text(parse) -> None:
    plan = parse(HEAD + "1.完善第五代移动通信（5G)网络（试行）。（责任单位：县科工信局）\n")
    [task] = plan.tasks
    assert task.text == "完善第五代移动通信（5G)网络（试行）。"
    assert [a.name for a in task.units] == ["县科技工业和信息化局"]


def test_clause_on_its_own_line(parse, roles) -> None:
    plan = parse(
        HEAD + "1.建设数据平台。\n责任单位：县财政局、县教育局\n2.建设水厂。\n责任单位：县水务局\n"
    )
    assert [t.text for t in plan.tasks] == ["建设数据平台。", "建设水厂。"]
    assert roles(plan.tasks[0]) == [("县财政局", "lead", True), ("县教育局", "support", True)]
    assert roles(plan.tasks[1]) == [("县水务局", "lead", True)]
    # The task's span reaches over its clause line.
    assert plan.text[plan.tasks[0].span.start : plan.tasks[0].span.end].endswith("县教育局")


def test_lead_and_support_on_lines_of_their_own(parse, roles) -> None:
    plan = parse(
        HEAD + "1.建设数据平台。\n牵头单位：县财政局\n配合单位：县教育局、县水务局\n"
        "2.建设水厂。\n牵头单位：县水务局\n责任单位：县财政局\n"
    )
    assert roles(plan.tasks[0]) == [
        ("县财政局", "lead", False),
        ("县教育局", "support", False),
        ("县水务局", "support", False),
    ]
    assert roles(plan.tasks[1]) == [("县水务局", "lead", False), ("县财政局", "support", False)]


def test_clause_on_a_heading_is_inherited(parse, roles) -> None:
    plan = parse(
        HEAD + "（一）完善基础设施。（牵头单位：县发改局；配合单位：县财政局）\n"
        "1.建设水厂。\n2.建设道路。\n3.建设学校。（责任单位：县教育局）\n"
    )
    assert [t.path for t in plan.tasks] == [
        ("一", "（一）", "1"),
        ("一", "（一）", "2"),
        ("一", "（一）", "3"),
    ]
    assert roles(plan.tasks[0]) == [("县发展改革局", "lead", False), ("县财政局", "support", False)]
    assert roles(plan.tasks[1]) == roles(plan.tasks[0])
    assert roles(plan.tasks[2]) == [("县教育局", "lead", True)]
    assert [s.title for s in plan.sections] == ["重点任务", "完善基础设施"]


def test_clause_lines_under_a_heading_are_inherited(parse, roles) -> None:
    plan = parse(
        HEAD + "（一）完善基础设施\n牵头单位：县发改局\n配合单位：县财政局\n"
        "1.建设水厂。\n2.建设道路。\n"
    )
    assert len(plan.tasks) == 2
    assert roles(plan.tasks[1]) == [("县发展改革局", "lead", False), ("县财政局", "support", False)]


@pytest.mark.parametrize(
    "clause",
    [
        "【责任单位：县财政局、县教育局】",
        "〔责任单位：县财政局、县教育局〕",
        "【责任单位】县财政局、县教育局",
    ],
)
def test_square_and_tortoise_shell_brackets(parse, clause: str) -> None:
    plan = parse(HEAD + f"1.建设数据平台。{clause}\n")
    [task] = plan.tasks
    assert task.text == "建设数据平台。"
    assert [a.name for a in task.units] == ["县财政局", "县教育局"]


def test_half_width_punctuation(parse, roles) -> None:
    plan = parse(HEAD + "1.建设数据平台.(牵头单位:县财政局;配合单位:县教育局,县水务局)\n")
    assert roles(plan.tasks[0]) == [
        ("县财政局", "lead", False),
        ("县教育局", "support", False),
        ("县水务局", "support", False),
    ]
    assert plan.tasks[0].units[1].written == "县教育局"


def test_traditional_characters(parse) -> None:
    plan = parse("某縣工作方案\n\n一、重點任務\n1.建設數據平臺。（責任單位：縣發改局、縣財政局）\n")
    [task] = plan.tasks
    assert task.text == "建設數據平臺。"
    assert [a.name for a in task.units] == ["县发展改革局", "县财政局"]
    assert [a.written for a in task.units] == ["縣發改局", "縣財政局"]


def test_leaders_are_not_units(parse, roles) -> None:
    plan = parse(
        HEAD + "1.建设数据平台。（牵头单位：县财政局；责任领导：张三副县长；配合单位：县教育局）\n"
        "2.建设水厂。\n牵头领导：李四\n责任单位：县水务局\n"
    )
    assert roles(plan.tasks[0]) == [("县财政局", "lead", False), ("县教育局", "support", False)]
    assert roles(plan.tasks[1]) == [("县水务局", "lead", True)]


def test_deadlines_are_kept_not_units(parse) -> None:
    plan = parse(
        HEAD + "1.建设数据平台。（责任单位：县财政局；完成时限：2025年底）\n"
        "2.建设水厂。（县水务局牵头，6月底完成）\n"
        "3.建设道路。（责任单位：县交通运输局，长期坚持）\n"
    )
    assert [t.deadline for t in plan.tasks] == ["2025年底", "6月底完成", "长期坚持"]
    assert [[a.name for a in t.units] for t in plan.tasks] == [
        ["县财政局"],
        ["县水务局"],
        ["县交通运输局"],
    ]


@pytest.mark.parametrize("label", ["时间", "截止时间", "完成节点", "办结时限", "办理期限"])
def test_deadline_labels_of_any_qualifier(parse, label) -> None:
    plan = parse(HEAD + f"1.建设数据平台。（责任单位：县财政局；{label}：2025年6月底前）\n")
    [task] = plan.tasks
    assert (task.deadline, [a.name for a in task.units]) == ("2025年6月底前", ["县财政局"])
    assert not plan.warnings


def test_rule_note_first_listed_leads(parse, roles) -> None:
    plan = parse(
        "某县工作方案\n\n一、重点任务（列第一位者为牵头单位，下同）\n"
        "1.建设数据平台。（县财政局、县教育局）\n2.建设水厂。（责任单位：县水务局、县财政局）\n"
    )
    assert plan.sections[0].title == "重点任务"
    assert roles(plan.tasks[0]) == [("县财政局", "lead", False), ("县教育局", "support", False)]
    assert roles(plan.tasks[1]) == [("县水务局", "lead", False), ("县财政局", "support", False)]


def test_rule_note_inside_a_clause(parse, roles) -> None:
    plan = parse(HEAD + "1.建设数据平台。（责任单位：县财政局、县教育局，列第一位者为牵头单位）\n")
    assert roles(plan.tasks[0]) == [("县财政局", "lead", False), ("县教育局", "support", False)]


def test_bracket_inside_a_unit_name(parse) -> None:
    plan = parse(HEAD + "1.建设数据平台。（责任单位：市发展改革委，各区（县、市）政府）\n")
    assert [a.name for a in plan.tasks[0].units] == ["市发展改革委", "各区（县、市）政府"]


def test_units_then_a_collective(parse) -> None:
    plan = parse(HEAD + "1.建设数据平台。（责任单位：市财政局、市教育局等市级有关部门）\n")
    units = plan.tasks[0].units
    assert [a.name for a in units] == ["市财政局", "市教育局", "市级有关部门"]
    assert {u.name: u.kind for u in plan.units}["市级有关部门"] == "collective"


def test_unnumbered_paragraph_with_clause_is_a_task(parse) -> None:
    plan = parse(
        HEAD + "（一）建立对口支援机制。\n"
        "建立省直机关对口支援机制，开展对口支援。（责任单位：县发改局）\n"
    )
    [task] = plan.tasks
    assert task.path == ("一", "（一）")
    assert task.text == "建立省直机关对口支援机制，开展对口支援。"
    assert task.id == "t1.1.1"


def test_unreadable_clause_warns_and_the_rest_parses(parse) -> None:
    plan = parse(HEAD + "1.建设数据平台。（责任单位：）\n2.建设水厂。（责任单位：县水务局）\n")
    assert [w.line for w in plan.warnings] == [4]
    assert "names no unit" in plan.warnings[0].message
    assert [a.name for a in plan.tasks[-1].units] == ["县水务局"]


def test_unclosed_bracket_warns_and_still_reads(parse) -> None:
    plan = parse(HEAD + "1.建设数据平台。（责任单位：县财政局、县教育局\n")
    assert [a.name for a in plan.tasks[0].units] == ["县财政局", "县教育局"]
    assert plan.tasks[0].text == "建设数据平台。"
    assert [w.line for w in plan.warnings] == [4]


def test_item_without_clause_among_tasks_warns(parse) -> None:
    plan = parse(HEAD + "1.建设数据平台。（责任单位：县财政局）\n2.建设水厂。\n")
    assert len(plan.tasks) == 1
    assert [(w.line, w.message) for w in plan.warnings] == [
        (5, "numbered item has no responsibility clause")
    ]


def test_a_heading_of_the_body_is_no_sibling_of_the_annex_tables_tasks(parse) -> None:
    plan = parse(
        "某县工作方案\n一、工作目标\n到年底完成十件实事。\n二、重点任务\n"
        "1.新建学校。（责任单位：县教育局）\n附件：重点任务分工表\n"
        "序号\t工作任务\t牵头单位\n1\t新建公园\t县住建局\n2\t改造小区\t县住建局\n"
    )
    assert [t.text for t in plan.tasks] == ["新建学校。", "新建公园", "改造小区"]
    assert not plan.warnings


def test_plan_without_tasks_is_an_error(parse) -> None:
    with pytest.raises(ParseError, match=r"^<test>: no tasks found"):
        parse("某县工作方案\n\n一、总体要求\n（一）指导思想。以人民为中心。\n")


def test_national_ministries_with_role_words(parse, roles) -> None:
    plan = parse(HEAD + "1.完善财政体制。（财政部牵头，国家发展改革委、教育部按职责分工负责）\n")
    assert roles(plan.tasks[0]) == [
        ("财政部", "lead", False),
        ("国家发展改革委", "support", False),
        ("教育部", "support", False),
    ]


def test_units_separated_by_spaces(parse) -> None:
    plan = parse(HEAD + "1.建设数据平台。\n责任单位：县财政局 县教育局  县水务局\n")
    assert [a.name for a in plan.tasks[0].units] == ["县财政局", "县教育局", "县水务局"]


def test_a_sentence_ending_in_fuze_is_not_a_clause(parse) -> None:
    plan = parse(
        HEAD + "1.建设数据平台。（责任单位：县财政局）\n"
        "二、保障措施\n（一）加强领导。具体工作由县发改局负责。\n"
    )
    assert len(plan.tasks) == 1
    assert [s.title for s in plan.sections] == ["重点任务", "保障措施", "加强领导"]


def test_heading_clause_no_item_takes_up_is_a_task(parse) -> None:
    plan = parse(
        HEAD + "（一）统筹推进基础设施建设。（牵头单位：县发改局）\n"
        "1.建设水厂。（责任单位：县水务局）\n2.建设道路。（责任单位：县交通运输局）\n"
    )
    assert [(t.path, t.units[0].name) for t in plan.tasks] == [
        (("一", "（一）"), "县发展改革局"),
        (("一", "（一）", "1"), "县水务局"),
        (("一", "（一）", "2"), "县交通运输局"),
    ]
    assert "统筹推进基础设施建设" in [s.title for s in plan.sections]


def test_units_joined_by_he_and_ji(parse) -> None:
    plan = parse(
        HEAD + "1.建设数据平台。"
        "（牵头单位为县财政局和县教育局；配合单位：县科技工业和信息化局及县水务局）\n"
    )
    assert [(a.name, a.role) for a in plan.tasks[0].units] == [
        ("县财政局", "lead"),
        ("县教育局", "lead"),
        ("县科技工业和信息化局", "support"),
        ("县水务局", "support"),
    ]


@pytest.mark.parametrize("slash", ["／", "/"])
def test_units_split_by_a_slash(parse, roles, slash) -> None:
    plan = parse(HEAD + f"1.建设数据平台。（责任单位：县财政局{slash}县教育局）\n")
    assert roles(plan.tasks[0]) == [("县财政局", "lead", True), ("县教育局", "support", True)]


@pytest.mark.parametrize("separator", ["、", "，"])
def test_a_clause_line_wrapped_after_a_separator(parse, roles, separator) -> None:
    plan = parse(
        HEAD + "1.建设数据平台。\n"
        f"责任单位：县财政局（牵头）、县教育局{separator}\n县水务局、县林业局\n"
        f"2.完善管理制度。\n牵头单位：县司法局\n配合单位：县财政局{separator}\n县教育局\n"
    )
    assert [roles(task) for task in plan.tasks] == [
        [
            ("县财政局", "lead", False),
            ("县教育局", "support", False),
            ("县水务局", "support", False),
            ("县林业局", "support", False),
        ],
        [
            ("县司法局", "lead", False),
            ("县财政局", "support", False),
            ("县教育局", "support", False),
        ],
    ]
    assert not plan.warnings


@pytest.mark.parametrize("colon", ["：", ":"])
def test_a_label_alone_on_its_line_names_the_units_on_the_next(parse, roles, colon) -> None:
    plan = parse(
        HEAD + f"1.建设数据平台。\n责任单位{colon}\n县财政局、县教育局\n"
        f"2.完善管理制度。\n牵头单位{colon}\n县司法局\n配合单位{colon}\n县财政局\n"
        "3.加强队伍建设。\n"
    )
    assert [roles(task) for task in plan.tasks] == [
        [("县财政局", "lead", True), ("县教育局", "support", True)],
        [("县司法局", "lead", False), ("县财政局", "support", False)],
    ]
    assert [t.text for t in plan.tasks] == ["建设数据平台。", "完善管理制度。"]
    # the next item is not joined to the units of the item before it
    assert [w.message for w in plan.warnings] == ["numbered item has no responsibility clause"]


@pytest.mark.parametrize("mark", ["▲", "*", "★", "＊"])
def test_a_mark_beside_a_unit_in_a_clause_means_what_its_legend_says(parse, roles, mark) -> None:
    items = (
        f"1.建设数据平台。（责任单位：县财政局、县教育局{mark}）\n"
        f"2.完善管理制度。（责任单位：{mark}县司法局、县财政局）\n"
    )
    without = parse(HEAD + items)
    assert [roles(task) for task in without.tasks] == [
        [("县财政局", "lead", True), ("县教育局", "support", True)],
        [("县司法局", "lead", True), ("县财政局", "support", True)],
    ]
    assert not without.warnings
    with_legend = parse(HEAD + items + f"注：标{mark}的为牵头单位。\n")
    assert [roles(task) for task in with_legend.tasks] == [
        [("县财政局", "support", False), ("县教育局", "lead", False)],
        [("县司法局", "lead", False), ("县财政局", "support", False)],
    ]
    assert [a.written for a in with_legend.tasks[0].units] == ["县财政局", "县教育局"]


def test_clause_bracket_closed_on_the_next_line(parse, roles) -> None:
    plan = parse(HEAD + "1.建设数据平台。（牵头单位：县财政局；\n配合单位：县教育局、县水务局）\n")
    assert roles(plan.tasks[0]) == [
        ("县财政局", "lead", False),
        ("县教育局", "support", False),
        ("县水务局", "support", False),
    ]
    assert not plan.warnings


def test_a_place_s_party_committee_and_government_are_one_name(parse) -> None:
    clause = "（责任单位：各县（市、区）党委和政府、县纪委监委机关、县财政局和县教育局）"
    plan = parse(HEAD + f"1.整治人居环境。{clause}\n")
    assert [a.written for a in plan.tasks[0].units] == [
        "各县（市、区）党委和政府",
        "县纪委监委机关",
        "县财政局",
        "县教育局",
    ]
    assert not plan.warnings


def test_notes_after_a_unit_are_not_part_of_it(parse) -> None:
    plan = parse(HEAD + "1.建设数据平台。（牵头单位：县财政局（李四）；配合单位：县教育局）\n")
    assert [a.written for a in plan.tasks[0].units] == ["县财政局", "县教育局"]


def test_a_bracket_of_other_levels_is_part_of_a_collective(parse) -> None:
    clause = "（责任单位：各县（市、区）、各乡镇（街道）、各镇（场）、各村（居）、各村（社区））"
    plan = parse(HEAD + f"1.整治人居环境。{clause}\n")
    assert [a.written for a in plan.tasks[0].units] == [
        "各县（市、区）",
        "各乡镇（街道）",
        "各镇（场）",
        "各村（居）",
        "各村（社区）",
    ]


def test_item_running_on_into_a_paragraph_with_the_clause(parse, roles) -> None:
    plan = parse(
        HEAD + "1.推进数据共享，建设统一平台，完善数据目录，加强数据治理和质量管控。"
        "（2025年底前）\n"
        "同步推进安全防护体系建设。（责任单位：县政务服务数据管理局）\n"
    )
    [task] = plan.tasks
    assert task.path == ("一", "1")
    assert task.text.splitlines() == [
        "推进数据共享，建设统一平台，完善数据目录，加强数据治理和质量管控。",
        "同步推进安全防护体系建设。",
    ]
    assert task.deadline == "2025年底前"
    assert roles(task) == [("县政务服务数据管理局", "lead", True)]


def test_clause_inside_the_item(parse, roles) -> None:
    plan = parse(HEAD + "1.建设数据平台（责任单位：县财政局、县教育局），并做好运行维护。\n")
    [task] = plan.tasks
    assert task.text == "建设数据平台，并做好运行维护。"
    assert roles(task) == [("县财政局", "lead", True), ("县教育局", "support", True)]
    assert not plan.warnings


def test_a_sentence_with_qiantou_among_other_words_is_not_a_clause(parse) -> None:
    plan = parse(
        HEAD + "1.建设数据平台。（责任单位：县财政局）\n"
        "二、保障措施\n（一）加强协调。建立联席会议制度，由县发改局牵头。\n"
    )
    assert len(plan.tasks) == 1
    assert not plan.warnings


def test_a_division_of_work_after_a_comma_opening_with_you(parse, roles) -> None:
    plan = parse(
        HEAD + "1.健全村级组织体系，由县委组织部牵头，县民政局、各镇人民政府配合，"
        "2026年底前完成。\n"
        "2.完善议事规则，由县民政局牵头，县司法局配合。\n"
    )
    assert [t.text for t in plan.tasks] == ["健全村级组织体系", "完善议事规则"]
    assert [roles(t) for t in plan.tasks] == [
        [("县委组织部", "lead", False), ("县民政局", "support", False),
         ("各镇人民政府", "support", False)],
        [("县民政局", "lead", False), ("县司法局", "support", False)],
    ]  # fmt: skip
    assert plan.tasks[0].deadline == "2026年底前完成"
    assert not plan.warnings


def test_a_support_word_after_a_labelled_list_marks_the_units_since_the_comma(parse, roles) -> None:
    plan = parse(HEAD + "1.开展村庄清洁行动。（责任单位：县农业农村局，县住建局配合）\n")
    assert roles(plan.tasks[0]) == [
        ("县农业农村局", "lead", True),
        ("县住房城乡建设局", "support", False),
    ]


def test_heading_with_an_introduction_over_several_clause_paragraphs(parse) -> None:
    plan = parse(
        HEAD + "（一）加强基础设施建设。加快推进交通、能源、水利等重大项目建设，补齐短板弱项。\n"
        "建设县城至高速公路连接线。（责任单位：县交通运输局）\n"
        "建设城区供水管网。（责任单位：县水务局）\n"
    )
    assert [(t.path, t.text) for t in plan.tasks] == [
        (("一", "（一）"), "建设县城至高速公路连接线。"),
        (("一", "（一）"), "建设城区供水管网。"),
    ]
    assert plan.sections[-1].title == "加强基础设施建设"


def test_units_followed_by_luoshi(parse, roles) -> None:
    plan = parse(
        HEAD + "1.建设海绵城市。（县住建局牵头，县财政局配合，各镇人民政府落实）\n"
        "2.改造老旧小区。（各镇人民政府负责落实）\n"
    )
    assert roles(plan.tasks[0]) == [
        ("县住房城乡建设局", "lead", False),
        ("县财政局", "support", False),
        ("各镇人民政府", "support", False),
    ]
    assert roles(plan.tasks[1]) == [("各镇人民政府", "lead", True)]


@pytest.mark.parametrize("duty", ["落实属地责任", "履行属地管理责任", "承担主体责任"])
def test_units_followed_by_the_duty_they_carry(parse, roles, duty) -> None:
    plan = parse(HEAD + f"1.做好防汛工作。（县水利局、县应急局按职责分工负责，各镇{duty}）\n")
    assert roles(plan.tasks[0]) == [
        ("县水利局", "lead", True),
        ("县应急管理局", "support", True),
        ("各镇", "support", True),
    ]
    assert not plan.warnings


def test_supervising_units_are_not_responsible(parse) -> None:
    plan = parse(HEAD + "1.推进城市管理。（责任单位：县城管局；督导单位：县委督查室）\n")
    assert [a.name for a in plan.tasks[0].units] == ["县城市管理局"]
    assert not plan.warnings


@pytest.mark.parametrize(
    "clause", ["挂点单位：县水务局、县财政局", "（包联部门：县水务局、县财政局）"]
)
def test_a_label_not_in_the_vocabulary_is_read_as_responsible_with_a_warning(
    parse, roles, clause
) -> None:
    plan = parse(HEAD + f"1.建设数据平台。\n{clause}\n2.完善管理制度。\n责任单位：县教育局\n")
    assert [roles(task) for task in plan.tasks] == [
        [("县水务局", "lead", True), ("县财政局", "support", True)],
        [("县教育局", "lead", True)],
    ]
    assert [w.message for w in plan.warnings] == [
        f"role label not known, read as 责任单位: {clause.strip('（）')[:4]}"
    ]


@pytest.mark.parametrize("line", ["县直各单位：", "各成员单位：县水务局", "示范单位：要加强管理"])
def test_an_address_or_a_sentence_is_not_an_unknown_label(parse, line) -> None:
    plan = parse(HEAD + f"1.建设数据平台（责任单位：县教育局）。\n{line}\n")
    assert not any("not known" in w.message for w in plan.warnings)
    assert all(u.name != "县水务局" for task in plan.tasks for u in task.units)
