"""The role vocabulary (loaders/vocabulary.py): lead, support and responsible words in every
place a plan prints them, and people who are never units."""

from __future__ import annotations

import pytest


def test_roles_written_after_the_units(parse, roles) -> None:
    plan = parse(
        "某县重点工作分工方案\n一、重点任务\n"
        "1.推进某项工作。（县发改局、县财政局主办，县统计局、县教育局协办）\n"
        "2.开展某项活动。（县水务局负总责，县农业局协同）\n"
    )
    first, second = plan.tasks
    assert roles(first) == [
        ("县发展改革局", "lead", False),
        ("县财政局", "lead", False),
        ("县统计局", "support", False),
        ("县教育局", "support", False),
    ]
    assert roles(second) == [("县水务局", "lead", False), ("县农业局", "support", False)]


@pytest.mark.parametrize(
    "clause",
    [
        "县发改局为主，县财政局、县直相关单位配合",
        "县发改局负责牵头，县财政局、县直相关单位共同参与",
        "县发改局牵头，县财政局、县直相关单位积极配合",
        "主要责任单位：县发改局；次要责任单位：县财政局、县直相关单位",
    ],
)
def test_more_ways_of_saying_who_leads_and_who_helps(parse, roles, clause) -> None:
    plan = parse(f"某县重点工作分工方案\n一、重点任务\n1.推进园区建设。（{clause}）\n")
    assert roles(plan.tasks[0]) == [
        ("县发展改革局", "lead", False),
        ("县财政局", "support", False),
        ("县直相关单位", "support", False),
    ]
    assert not plan.warnings


@pytest.mark.parametrize("word", ["双牵头", "共同牵头", "联合牵头"])
def test_joint_leads_written_after_the_units(parse, roles, word) -> None:
    plan = parse(
        "某县重点工作分工方案\n一、重点任务\n"
        f"1.推进园区建设。（县发改局、县工信局{word}，有关乡镇配合）\n"
    )
    assert roles(plan.tasks[0]) == [
        ("县发展改革局", "lead", False),
        ("县工业和信息化局", "lead", False),
        ("有关乡镇", "support", False),
    ]


def test_labels_of_every_role_word(parse, roles) -> None:
    plan = parse(
        "某市工作方案\n一、重点任务\n"
        "1.推进某项工作。（主办单位：市商务局；协同责任单位：市财政局、市统计局）\n"
        "2.开展某项活动。\n牵头责任单位：市教育局\n参与单位：市科技局\n"
    )
    first, second = plan.tasks
    assert roles(first) == [
        ("市商务局", "lead", False),
        ("市财政局", "support", False),
        ("市统计局", "support", False),
    ]
    assert roles(second) == [("市教育局", "lead", False), ("市科技局", "support", False)]


def test_people_and_data_providers_are_never_units(parse) -> None:
    plan = parse(
        "某省工作方案\n一、重点任务\n"
        "1.推进某项工作。\n牵头领导：张  三\n牵头单位：省商务厅\n数据提供单位：省统计局\n"
        "2.开展某项活动。\n分管省领导：省政府分管领导同志\n责任单位：省教育厅\n"
    )
    assert [[a.name for a in t.units] for t in plan.tasks] == [["省商务厅"], ["省教育厅"]]


@pytest.mark.parametrize(
    "leader",
    [
        "县政府分管领导",
        "张三副县长",
        "县政府副县长李四",
        "分管领导同志",
        "县委常委、常务副县长 张三",
        "县委常委、县委副书记王五",
    ],
)
def test_a_leader_among_the_units_is_dropped_without_a_warning(parse, leader) -> None:
    plan = parse(
        f"某县工作方案\n一、重点任务\n1.新建学校。（责任单位：{leader}，县教育局、县财政局）\n"
    )
    assert [a.name for a in plan.tasks[0].units] == ["县教育局", "县财政局"]
    assert not plan.warnings


@pytest.mark.parametrize(
    "label", ["县政府分管领导", "县人民政府责任领导", "分管副县长", "县政府领导"]
)
def test_leader_labels_naming_the_body_or_the_office(parse, label) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n"
        f"1.推进某项工作。\n{label}：李四\n牵头单位：县商务局\n责任单位：县财政局\n"
    )
    [task] = plan.tasks
    assert task.text == "推进某项工作。"
    assert [a.name for a in task.units] == ["县商务局", "县财政局"]
    assert not plan.warnings


def test_a_heading_naming_who_leads_the_work_below(parse, roles) -> None:
    plan = parse(
        "某省工作目标责任分解\n一、张某省长负责的工作\n全面负责工作任务的落实。\n"
        "（一）省甲厅牵头的工作\n加强甲项工作。\n协同单位：省乙厅和各市人民政府。\n"
        "（二）省丙办牵头的工作\n1.深化丙项改革。\n2.推进丁项改革。\n协同单位：省戊厅等省直有关部门。\n"
    )
    assert [t.text for t in plan.tasks] == ["加强甲项工作。", "深化丙项改革。", "推进丁项改革。"]
    assert [roles(t) for t in plan.tasks] == [
        [
            ("省甲厅", "lead", False),
            ("省乙厅", "support", False),
            ("各市人民政府", "support", False),
        ],
        [("省丙办", "lead", False)],
        [
            ("省丙办", "lead", False),
            ("省戊厅", "support", False),
            ("省直有关部门", "support", False),
        ],
    ]
    assert [s.title for s in plan.sections][:2] == ["张某省长负责的工作", "省甲厅牵头的工作"]


def test_jointly_with_inside_a_clause_and_a_clause_before_the_task(parse, roles) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n1.推进甲项工作。（县甲局会同县乙局负责）\n"
        "2.（县丙局牵头）推进乙项工作。\n"
    )
    first, second = plan.tasks
    assert roles(first) == [("县甲局", "lead", False), ("县乙局", "support", False)]
    assert (second.text, roles(second)) == ("推进乙项工作。", [("县丙局", "lead", False)])


def test_a_bare_noun_after_deng_adds_no_unit(parse) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n"
        "1.推进甲项工作。（县甲局牵头，县乙局、县丙局等部门按职责分工负责）\n"
        "2.推进乙项工作。（县甲局、县乙局等有关部门按职责分工负责）\n"
    )
    assert [[a.name for a in t.units] for t in plan.tasks] == [
        ["县甲局", "县乙局", "县丙局"],
        ["县甲局", "县乙局", "有关部门"],
    ]


def test_a_unit_named_again_with_its_role(parse, roles) -> None:
    plan = parse(
        "某市工作方案\n一、重点任务\n"
        "1.推进甲项工作。（市甲局、市乙局按职责分工负责，市甲局牵头）\n"
        "2.推进乙项工作。\n牵头单位：市丙局\n责任单位：市丙局、市丁局\n"
    )
    first, second = plan.tasks
    assert roles(first) == [("市甲局", "lead", False), ("市乙局", "support", False)]
    assert roles(second) == [("市丙局", "lead", False), ("市丁局", "support", False)]


def test_a_lead_heading_with_a_count(parse, roles) -> None:
    plan = parse(
        "某省工作方案\n一、张某省长负责的工作（2项）\n（一）省甲厅牵头的工作（2项）\n"
        "1.推进甲项工作。\n2.推进乙项工作。\n协同单位：省乙厅\n"
    )
    assert [roles(t) for t in plan.tasks] == [
        [("省甲厅", "lead", False)],
        [("省甲厅", "lead", False), ("省乙厅", "support", False)],
    ]


def test_role_labels_naming_the_level_they_apply_to(parse, roles) -> None:
    plan = parse(
        "某省工作方案\n一、重点任务\n"
        "1.推进某项工作。（省级牵头单位：省商务厅；省级配合单位：省财政厅；"
        "市县责任单位：各市县人民政府）\n"
        "2.开展某项活动。\n市级牵头单位：市教育局\n县级责任单位：各县教育局\n"
    )
    first, second = plan.tasks
    assert [(name, role == "lead") for name, role, _ in roles(first)] == [
        ("省商务厅", True),
        ("省财政厅", False),
        ("各市县人民政府", False),
    ]
    assert [name for name, _, _ in roles(second)] == ["市教育局", "各县教育局"]


def test_main_responsible_leads_and_clause_parts_split_by_wide_spaces(parse, roles) -> None:
    plan = parse(
        "某市工作方案\n一、重点任务\n"
        "1.推进某项工作。（主要责任单位：市教育局；协同单位：市统计局）\n"
        "2.开展某项活动。（牵头：市商务局　配合：市财政局、市统计局）\n"
        "3.加强某项管理。（市教育局、市财政局按照职责分工负责）\n"
    )
    stated = [[(n, r == "lead" and not guess) for n, r, guess in roles(t)] for t in plan.tasks]
    assert stated == [
        [("市教育局", True), ("市统计局", False)],
        [("市商务局", True), ("市财政局", False), ("市统计局", False)],
        [("市教育局", False), ("市财政局", False)],
    ]


def test_role_labels_naming_offices_inside_one_body_or_a_bracketed_noun(parse, roles) -> None:
    plan = parse(
        "某局工作方案\n一、重点任务\n"
        "1.推进某项改革。（牵头处室：规划处；配合处室：财务处、法规处）\n"
        "2.完善某项制度。（牵头单位（部门）：市统计局；协办部门：市财政局）\n"
    )
    stated = [[(n, r == "lead" and not guess) for n, r, guess in roles(t)] for t in plan.tasks]
    assert stated == [
        [("规划处", True), ("财务处", False), ("法规处", False)],
        [("市统计局", True), ("市财政局", False)],
    ]


def test_a_lead_who_takes_charge_and_bare_support_words_as_labels(parse, roles) -> None:
    plan = parse(
        "某县重点工作分工方案\n一、重点任务\n"
        "1.推进道路建设。县交通局主抓，县财政局协助。\n"
        "2.推进水利建设。\n牵头单位：县水利局\n协同：县财政局、县自然资源局\n"
        "3.推进电网改造。\n牵头单位：县发改局\n协助：县供电公司\n"
        "4.推进通信建设。\n牵头单位：县工信局\n参与：各镇人民政府\n"
    )
    assert [roles(t) for t in plan.tasks] == [
        [("县交通运输局", "lead", False), ("县财政局", "support", False)],
        [
            ("县水利局", "lead", False),
            ("县财政局", "support", False),
            ("县自然资源局", "support", False),
        ],
        [("县发展改革局", "lead", False), ("县供电公司", "support", False)],
        [("县工业和信息化局", "lead", False), ("各镇人民政府", "support", False)],
    ]
    assert not plan.warnings


@pytest.mark.parametrize("word", ["配合", "协同", "参与"])
def test_a_bare_role_word_before_prose_is_no_label(parse, word) -> None:
    plan = parse(
        "某县重点工作分工方案\n一、重点任务\n"
        "1.推进道路建设。（责任单位：县交通局）\n"
        f"{word}：做好与周边县市的衔接，加强后续管理。\n"
    )
    assert [a.name for a in plan.tasks[0].units] == ["县交通运输局"]
    assert not plan.warnings


@pytest.mark.parametrize(
    "layout",
    ["推进养老服务。县民政局（牵头单位）、县卫健局", "推进养老服务。\n县民政局（牵头）、县卫健局"],
)
def test_units_marked_in_brackets_of_their_own_without_a_label(parse, roles, layout) -> None:
    plan = parse(
        f"某县重点工作分工方案\n一、重点任务\n1.{layout}\n2.推进托育服务。（县卫健局负责）\n"
    )
    assert [t.text for t in plan.tasks] == ["推进养老服务。", "推进托育服务。"]
    assert roles(plan.tasks[0]) == [("县民政局", "lead", False), ("县卫生健康局", "support", False)]
    assert not plan.warnings


def test_the_label_of_who_takes_charge_and_an_unknown_label_opening_the_last_sentence(
    parse, roles
) -> None:
    plan = parse(
        "某县重点工作分工方案\n一、重点任务\n"
        "1.推进招商引资。\n主抓领导：县委常委、副县长 王五\n主抓单位：县投资促进中心\n"
        "2.推进公共服务。包保单位：县行政审批服务局、县数据局\n"
    )
    assert [t.text for t in plan.tasks] == ["推进招商引资。", "推进公共服务。"]
    assert [roles(t) for t in plan.tasks] == [
        [("县投资促进中心", "lead", False)],
        [("县行政审批服务局", "lead", True), ("县数据局", "support", True)],
    ]
    assert [w.message for w in plan.warnings] == [
        "role label not known, read as 责任单位: 包保单位"
    ]


def test_enterprises_among_the_units(parse, roles) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n"
        "1.推进招商引资。（县投资促进中心牵头，县属国有企业、县城投集团、某银行某县支行配合）\n"
    )
    assert [a.name for a in plan.tasks[0].units] == [
        "县投资促进中心",
        "县属国有企业",
        "县城投集团",
        "某银行某县支行",
    ]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("（责任单位：县发改局等5个部门）", [("县发展改革局", "lead", True)]),
        (
            "县住建局牵头负责，县自然资源局、县财政局协同推进。",
            [
                ("县住房城乡建设局", "lead", False),
                ("县自然资源局", "support", False),
                ("县财政局", "support", False),
            ],
        ),
        (
            "（县农业农村局牵头，各镇人民政府具体实施）",
            [("县农业农村局", "lead", False), ("各镇人民政府", "support", False)],
        ),
    ],
)
def test_a_count_after_deng_and_what_the_units_help_do(parse, roles, clause, expected) -> None:
    plan = parse(f"某县工作方案\n一、重点任务\n1.推进城市更新。{clause}\n")
    assert roles(plan.tasks[0]) == expected
    assert not plan.warnings


def test_a_leader_label_opening_the_clause_and_a_deadline_bracket_after_a_sentence(
    parse, roles
) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n"
        "1.全年地区生产总值增长6%左右。牵头领导：张三；牵头单位：县发改局；责任单位：县统计局\n"
        "2.加强学校建设。县教育局牵头，县财政局配合。（2026年9月底前完成）\n"
    )
    assert [(t.text, t.deadline) for t in plan.tasks] == [
        ("全年地区生产总值增长6%左右。", None),
        ("加强学校建设。", "2026年9月底前完成"),
    ]
    assert [roles(t) for t in plan.tasks] == [
        [("县发展改革局", "lead", False), ("县统计局", "support", False)],
        [("县教育局", "lead", False), ("县财政局", "support", False)],
    ]
    assert not plan.warnings


def test_units_acting_by_their_duties_in_other_wordings(parse, roles) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n"
        "1.培育新型农业经营主体。县农业农村局、县市场监管局按职能分工抓好落实。\n"
        "2.推进农村电商发展。县商务局、县邮政分公司按照各自职责组织实施。\n"
        "3.规范涉企收费。（县发改局、县财政局根据职责分工推进落实）\n"
    )
    assert [[name for name, _, _ in roles(t)] for t in plan.tasks] == [
        ["县农业农村局", "县市场监管局"],
        ["县商务局", "县邮政分公司"],
        ["县发展改革局", "县财政局"],
    ]
    assert [t.text for t in plan.tasks] == [
        "培育新型农业经营主体。",
        "推进农村电商发展。",
        "规范涉企收费。",
    ]
    assert not plan.warnings


def test_units_carrying_the_work_out_in_detail_support_the_lead(parse, roles) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n1.开展改厕。县农业农村局牵头，各镇政府具体组织实施。\n"
    )
    assert roles(plan.tasks[0]) == [("县农业农村局", "lead", False), ("各镇政府", "support", False)]
