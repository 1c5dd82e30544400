"""Layouts real plans come in: items run together, clauses wrapped, assignments in prose."""

from __future__ import annotations

import pytest


def test_items_run_together_each_closing_with_its_clause(parse, roles) -> None:
    plan = parse(
        "某市目标分工\n一、主要指标\n"
        "粮食产量稳定在100万吨。（市农业局牵头）森林覆盖率提高到30%。（市林业局、市水务局牵头）"
        "空气质量优良天数比例达到90%。\n"
        "（市环保局牵头）新建公园十个。（市园林局牵头）\n"
    )
    assert [t.text for t in plan.tasks] == [
        "粮食产量稳定在100万吨。",
        "森林覆盖率提高到30%。",
        "空气质量优良天数比例达到90%。",
        "新建公园十个。",
    ]
    assert [[a.name for a in t.units] for t in plan.tasks] == [
        ["市农业局"],
        ["市林业局", "市水务局"],
        ["市环保局"],
        ["市园林局"],
    ]
    assert roles(plan.tasks[1])[1] == ("市水务局", "lead", False)


def test_points_counted_in_one_item_each_closing_with_its_clause(parse) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n"
        "（一）发展产业。一是升级工业（县工信局）二是提质农业（县农业农村局）三是发展商贸（县商务局）。\n"
        "（二）发展社会事业。\n"
        "1.发展教育。一是建设学校（责任单位：县教育局）；二是培训教师，三是改善条件"
        "（责任单位：县人社局）。\n"
        "2.发展卫生。一是建设医院（县卫健局），三是培训医生（县人社局）。\n"
    )
    assert [(t.path, t.text, [a.name for a in t.units]) for t in plan.tasks] == [
        (("一", "（一）"), "发展产业。一是升级工业", ["县工业和信息化局"]),
        (("一", "（一）"), "二是提质农业", ["县农业农村局"]),
        (("一", "（一）"), "三是发展商贸", ["县商务局"]),
        (("一", "（二）", "1"), "发展教育。一是建设学校", ["县教育局"]),
        (("一", "（二）", "1"), "二是培训教师，三是改善条件", ["县人力资源社会保障局"]),
        # 三是 does not follow 一是: one task, its text keeps the first bracket
        (
            ("一", "（二）", "2"),
            "发展卫生。一是建设医院（县卫健局），三是培训医生",
            ["县人力资源社会保障局"],
        ),
    ]
    assert [t.section for t in plan.tasks] == ["s1", "s1", "s1", "s1.2", "s1.2", "s1.2"]


@pytest.mark.parametrize(
    ("first", "second"), [("其一，", "其二，"), ("第一，", "第二，"), ("首先，", "其次，")]
)
def test_points_counted_in_other_words(parse, first, second) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n"
        f"（一）保护生态。{first}治理河道（县水利局）；{second}修复山体（县自然资源局）。\n"
    )
    assert [(t.text, [a.name for a in t.units]) for t in plan.tasks] == [
        (f"保护生态。{first}治理河道", ["县水利局"]),
        (f"{second}修复山体", ["县自然资源局"]),
    ]


def test_an_item_opening_with_its_units_jointly(parse, roles) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n"
        "1.县市场监管局会同县公安局制定专项整治方案。\n"
        "2.县教育局要会同县卫健局、县委组织部加强学校卫生工作。\n"
        "3.加强培训。县委宣传部会同县委组织部推进理论学习，年底前完成。\n"
        "4.加强协调，各部门要会同有关方面做好工作。\n"
        "5.县司法局开展普法宣传（责任单位：县司法局）\n"
        "二、工作成效\n县政府会同县直有关部门研究出台了系列政策。\n"
    )
    assert [t.text for t in plan.tasks[:3]] == [
        "县市场监管局会同县公安局制定专项整治方案。",
        "县教育局要会同县卫健局、县委组织部加强学校卫生工作。",
        "加强培训。县委宣传部会同县委组织部推进理论学习，年底前完成。",
    ]
    assert [roles(t) for t in plan.tasks[:3]] == [
        [("县市场监管局", "lead", False), ("县公安局", "support", False)],
        [
            ("县教育局", "lead", False),
            ("县卫生健康局", "support", False),
            ("县委组织部", "support", False),
        ],
        [("县委宣传部", "lead", False), ("县委组织部", "support", False)],
    ]
    # a call on every unit, and an account of work done, are no assignments
    assert len(plan.tasks) == 4


def test_units_closing_a_sentence_after_a_comma(parse, roles) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n"
        "1.推进企业服务，县工商联、县市场监管局负责。\n"
        "2.推进园区建设，县经开区管委会负责，2026年底前完成。\n"
        "3.推进数字建设（县数据局，县委网信办配合）\n"
        "4.强化指导，组织各镇落实。\n"
        "5.加强监管，督促企业落实主体责任。\n"
        "6.强化指导。组织各镇落实。\n"
    )
    assert [(t.text, t.deadline) for t in plan.tasks] == [
        ("推进企业服务", None),
        ("推进园区建设", "2026年底前完成"),
        ("推进数字建设", None),
    ]
    assert [roles(t) for t in plan.tasks] == [
        [("县工商联", "lead", True), ("县市场监管局", "support", True)],
        [("县经开区管委会", "lead", True)],
        # 配合 marks the units since the last comma only
        [("县数据局", "lead", True), ("县委网信办", "support", False)],
    ]


def test_a_clause_inside_a_sentence_is_not_a_cut(parse) -> None:
    plan = parse("某县工作方案\n一、重点任务\n1.建设某某中心（责任单位：县发改局），并做好运营。\n")
    assert [t.text for t in plan.tasks] == ["建设某某中心，并做好运营。"]


def test_assignment_in_prose(parse, roles) -> None:
    plan = parse(
        "某部门关于落实若干政策措施分工的通知\n一、工作分工\n"
        "（一）关于“扩大有效投资”的问题，由计划部、金融局研究提出意见。\n"
        "（二）关于“稳定就业”的问题，由人力部牵头，会同财政部、教育部等部门落实。\n"
        "（三）关于“保护耕地”的问题，由土地局会同农业部负责落实。\n"
    )
    assert [t.text for t in plan.tasks] == [
        "关于“扩大有效投资”的问题",
        "关于“稳定就业”的问题",
        "关于“保护耕地”的问题",
    ]
    first, second, third = plan.tasks
    assert [inferred for _, _, inferred in roles(first)] == [True, True]  # nobody said who leads
    assert roles(second) == [
        ("人力部", "lead", False),
        ("财政部", "support", False),
        ("教育部", "support", False),
    ]
    assert roles(third) == [("土地局", "lead", False), ("农业部", "support", False)]


def test_assignment_in_a_sentence_of_its_own_after_a_short_subject(parse, roles) -> None:
    plan = parse(
        "某县工作方案\n一、主要任务\n"
        "1.实施校舍改造。此项工作由县教育局牵头，县财政局、县住建局配合。\n"
        "2.做好招生入学。具体由县教育局、县公安局负责。\n"
        "3.加强教师培训。由县教育局牵头负责。\n"
    )
    assert [t.text for t in plan.tasks] == ["实施校舍改造。", "做好招生入学。", "加强教师培训。"]
    assert [roles(t) for t in plan.tasks] == [
        [
            ("县教育局", "lead", False),
            ("县财政局", "support", False),
            ("县住房城乡建设局", "support", False),
        ],
        [("县教育局", "lead", True), ("县公安局", "support", True)],
        [("县教育局", "lead", False)],
    ]
    assert not plan.warnings


def test_a_whole_page_on_one_line(parse) -> None:
    plan = parse(
        "某县重点工作责任分解 一、张某县长牵头重点工作 1.推进某项工作,确保完成目标。 "
        "责任单位:县发改局、县财政局 2.开展某项活动。 责任单位:县教育局 "
        "二、李某副县长牵头重点工作 1.建设某某工程。 责任单位:县水务局\n"
    )
    assert [(t.path, [a.name for a in t.units]) for t in plan.tasks] == [
        (("一", "1"), ["县发展改革局", "县财政局"]),
        (("一", "2"), ["县教育局"]),
        (("二", "1"), ["县水务局"]),
    ]


def test_the_unit_written_before_the_task(parse) -> None:
    plan = parse(
        "某市工作方案\n一、重点任务\n1、市文广局：推进甲项工作，完成某目标。\n"
        "2、市财政局、市统计局：推进乙项工作。\n3、工作要求：按时完成。\n"
    )
    assert [(t.text, [a.name for a in t.units]) for t in plan.tasks] == [
        ("推进甲项工作，完成某目标。", ["市文广局"]),
        ("推进乙项工作。", ["市财政局", "市统计局"]),
    ]


def test_paragraphs_under_a_heading_each_opened_by_its_unit(parse) -> None:
    plan = parse(
        "某县工作方案\n各乡镇人民政府：现将方案印发给你们。\n一、重点任务\n（一）加强生态保护。\n"
        "县生态环境局：开展大气污染防治。\n县水利局、县林业局：推进河湖治理。\n"
        "各乡镇：做好属地管理。\n工作要求：按时完成。\n"
    )
    assert [(t.path, t.text, [a.name for a in t.units]) for t in plan.tasks] == [
        (("一", "（一）"), "开展大气污染防治。", ["县生态环境局"]),
        (("一", "（一）"), "推进河湖治理。", ["县水利局", "县林业局"]),
        (("一", "（一）"), "做好属地管理。", ["各乡镇"]),
    ]
    assert not plan.warnings


def test_pinyin_a_mirror_printed_after_characters(parse) -> None:
    plan = parse(
        "某區方案\n一、重點任務\n1.推進甲項工作。（責任單位：區(qū)發(fā)改局、統(tǒng)計(jì)局）\n"
    )
    (task,) = plan.tasks
    assert [(a.name, a.written) for a in task.units] == [
        ("区发展改革局", "區(qū)發(fā)改局"),
        ("区统计局", "統(tǒng)計(jì)局"),
    ]


def test_a_shared_prefix_elided_from_later_names(parse) -> None:
    plan = parse(
        "某两市合作方案\n一、重点任务\n1.推进甲项工作。（责任单位：两市文化和旅游局、退役军人局，"
        "省财政厅、发展改革委）\n"
    )
    assert [a.name for a in plan.tasks[0].units] == [
        "两市文化和旅游局",
        "两市退役军人事务局",
        "省财政厅",
        "省发展改革委",
    ]


def test_a_clause_wrapped_over_lines_and_a_number_alone_on_its_line(parse, roles) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n1.推进甲项工作。（县甲局牵头，县乙局、\n县丙局配合）\n"
        "2.推进乙项工作。\n（牵头单位：县丁局；\n配合单位：县戊局）\n"
        "3.\n推进丙项工作。（责任单位：县己局）\n"
        "4.推进丁项工作——县庚局牵头，县辛局配合。\n"
    )
    assert [(t.path[-1], t.text) for t in plan.tasks] == [
        ("1", "推进甲项工作。"),
        ("2", "推进乙项工作。"),
        ("3", "推进丙项工作。"),
        ("4", "推进丁项工作"),
    ]
    assert [[(n, r) for n, r, _ in roles(t)] for t in plan.tasks] == [
        [("县甲局", "lead"), ("县乙局", "support"), ("县丙局", "support")],
        [("县丁局", "lead"), ("县戊局", "support")],
        [("县己局", "lead")],
        [("县庚局", "lead"), ("县辛局", "support")],
    ]


def test_a_whole_place_before_a_colon_is_no_unit(parse) -> None:
    plan = parse("某区目标\n一、主要目标\n1.全区：生产总值增长6%。\n2.区统计局：按月监测。\n")
    assert [(t.text, [a.name for a in t.units]) for t in plan.tasks] == [
        ("按月监测。", ["区统计局"]),
    ]


def test_an_addressee_line_is_no_unit_before_a_task(parse) -> None:
    plan = parse(
        "某县工作方案\n各镇人民政府、县直各单位：现将方案印发给你们，请认真贯彻执行。\n"
        "一、重点任务\n1.推进甲项工作。（责任单位：县发改局）\n"
    )
    assert [t.text for t in plan.tasks] == ["推进甲项工作。"]
