"""The outline: title, the section tree in every numbering style, headings that run on."""

from __future__ import annotations

CLAUSE = "（责任单位：县财政局）"


def test_title_joined_across_lines(parse) -> None:
    plan = parse(
        f"某县贯彻落实《关于某事的\n意见》的\n工作方案\n\n一、重点任务\n1.建设。{CLAUSE}\n"
    )
    assert plan.document.title == "某县贯彻落实《关于某事的意见》的工作方案"


def test_every_numbering_style_nests(parse) -> None:
    plan = parse(
        "方案\n\n第一章 总则\n一、重点任务\n（一）基础设施\n1.道路\n（1）国道\n①建设国道一期。"
        f"{CLAUSE}\n②建设国道二期。{CLAUSE}\n"
    )
    assert [(s.number, s.title, s.level) for s in plan.sections] == [
        ("第一章", "总则", 1),
        ("一", "重点任务", 2),
        ("（一）", "基础设施", 3),
        ("1", "道路", 4),
        ("（1）", "国道", 5),
    ]
    assert [t.path for t in plan.tasks] == [
        ("第一章", "一", "（一）", "1", "（1）", "①"),
        ("第一章", "一", "（一）", "1", "（1）", "②"),
    ]
    assert plan.tasks[0].text == "建设国道一期。"


def test_articles_numbered_under_chapters(parse) -> None:
    plan = parse(
        "某市若干措施\n\n第一章 总则\n第一条 为支持发展，制定本措施。\n第二章 支持措施\n"
        f"第二条 对新投产企业给予奖励。{CLAUSE}\n第3条 支持企业技术改造。{CLAUSE}\n"
    )
    assert [(t.path, t.text) for t in plan.tasks] == [
        (("第二章", "第二条"), "对新投产企业给予奖励。"),
        (("第二章", "第3条"), "支持企业技术改造。"),
    ]


def test_full_and_half_width_numbers_are_one_style(parse) -> None:
    plan = parse(
        "方案\n\n一、任务\n(一)道路\n1．建设国道。"
        + CLAUSE
        + "\n2、建设省道。"
        + CLAUSE
        + "\n（二）水利\n(1)建设水库。"
        + CLAUSE
        + "\n"
    )
    assert [s.number for s in plan.sections] == ["一", "(一)", "（二）"]
    assert [t.path for t in plan.tasks] == [
        ("一", "(一)", "1"),
        ("一", "(一)", "2"),
        ("一", "（二）", "(1)"),
    ]
    assert [s.parent for s in plan.sections] == [None, "s1", "s1"]


def test_heading_running_into_its_body(parse) -> None:
    plan = parse(
        "方案\n\n一、总体要求\n（一）指导思想。以人民为中心，推动高质量发展。\n"
        "（二）强化组织协调，明确工作任务。各单位要加强协调。\n二、重点任务\n"
        f"1.建设道路。{CLAUSE}\n"
    )
    titles = [s.title for s in plan.sections]
    assert titles == ["总体要求", "指导思想", "强化组织协调，明确工作任务", "重点任务"]


def test_parts_without_tasks_are_sections(parse) -> None:
    plan = parse(
        f"方案\n\n一、总体要求\n坚持稳中求进。\n二、重点任务\n1.建设道路。{CLAUSE}\n"
        "三、保障措施\n（一）加强组织领导。各单位要高度重视。\n"
    )
    assert [(s.id, s.title) for s in plan.sections] == [
        ("s1", "总体要求"),
        ("s2", "重点任务"),
        ("s3", "保障措施"),
        ("s3.1", "加强组织领导"),
    ]
    assert [(t.id, t.section) for t in plan.tasks] == [("t2.1", "s2")]
    assert not plan.warnings


def test_annex_line(parse) -> None:
    plan = parse(f"方案\n\n一、任务\n1.建设道路。{CLAUSE}\n附件：重点工作目标任务表\n")
    assert plan.document.annex == ("重点工作目标任务表",)
    assert [s.title for s in plan.sections] == ["任务"]


def test_annex_list(parse) -> None:
    plan = parse(f"方案\n\n一、任务\n1.建设道路。{CLAUSE}\n附件：\n1.任务分工表\n2.项目清单\n")
    assert plan.document.annex == ("任务分工表", "项目清单")
    assert len(plan.tasks) == 1


def test_conversion_noise_and_markdown_marks(parse) -> None:
    plan = parse(
        "# 某县工作方案\n\n## 一、重点任务\n[bookmark: _GoBack]1.建设道路。" + CLAUSE + "\n"
        "- **2.建设桥梁。**" + CLAUSE + "\n"
    )
    assert [t.path for t in plan.tasks] == [("一", "1"), ("一", "2")]
    assert plan.document.title == "某县工作方案"
    assert plan.sections[0].title == "重点任务"
    assert plan.tasks[0].text == "建设道路。"
    start = plan.tasks[0].span.start
    assert plan.text[start:].startswith("1.建设道路")


def test_decimal_numbers_are_not_items(parse) -> None:
    plan = parse(f"方案\n\n一、任务\n1.建设道路。{CLAUSE}\n1.5亿元用于道路维护。\n")
    assert len(plan.tasks) == 1
    assert not plan.warnings


def test_ids_follow_positions(parse) -> None:
    plan = parse(
        f"方案\n\n一、甲\n（一）乙\n1.建设道路。{CLAUSE}\n2.建设桥梁。{CLAUSE}\n（二）丙\n"
        f"1.建设水库。{CLAUSE}\n"
    )
    assert [t.id for t in plan.tasks] == ["t1.1.1", "t1.1.2", "t1.2.1"]
    assert [t.ordinal for t in plan.tasks] == [1, 2, 3]
    assert [(s.id, s.ordinal) for s in plan.sections] == [("s1", 1), ("s1.1", 1), ("s1.2", 2)]


def test_annex_table_rows_start_a_tree_of_their_own(parse) -> None:
    plan = parse(
        "方案\n\n一、总体要求\n坚持稳中求进。\n二、保障措施\n（一）加强领导。各单位要重视。\n"
        "附件：\n重点任务分工表\n一、基础设施\n1.建设道路（牵头单位：县交通运输局；完成时限：2025年底）\n"
    )
    assert plan.document.annex == ("重点任务分工表",)
    [task] = plan.tasks
    assert task.path == ("一", "1")
    assert task.deadline == "2025年底"
    assert [s.title for s in plan.sections if s.level == 1] == ["总体要求", "保障措施", "基础设施"]


def test_annex_list_on_the_annex_line(parse) -> None:
    plan = parse(
        f"方案\n\n一、任务\n1.建设道路。{CLAUSE}\n附件：1.重点项目清单\n      2.任务进度表\n"
    )
    assert plan.document.annex == ("重点项目清单", "任务进度表")
    assert [s.title for s in plan.sections] == ["任务"]


def test_plan_attached_to_a_notice_opens_with_annex(parse) -> None:
    plan = parse(
        f"附件1\n\n陆政办〔2022〕3号\n（2022年3月1日）\n\n某县重点任务分工方案\n\n一、任务\n"
        f"1.建设道路。{CLAUSE}\n"
    )
    assert plan.document.title == "某县重点任务分工方案"
    assert plan.document.annex == ()
    assert plan.document.doc_number == "陆政办〔2022〕3号"
    assert plan.policies == ()  # the plan's own number is not a cited document


def test_decimal_outline_numbers(parse) -> None:
    plan = parse(
        f"方案\n\n1 总体要求\n1.1 建设道路。{CLAUSE}\n1.2 桥梁\n1.2.1 建设甲桥。{CLAUSE}\n"
        "2.5亿元用于维护。\n"
    )
    assert [t.path for t in plan.tasks] == [("1.1",), ("1.2", "1.2.1")]
    assert plan.tasks[0].text == "建设道路。"
