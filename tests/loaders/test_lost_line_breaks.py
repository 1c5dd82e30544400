"""Several items on one line, as when a .docx or a web page lost its line breaks."""

from __future__ import annotations

HEAD = "某县某某工作方案\n\n一、重点任务\n"


def test_two_tasks_on_one_line(parse, roles) -> None:
    plan = parse(
        HEAD + "1.建设数据平台。（责任单位：县财政局）2．建设水厂。（县水务局牵头，县财政局配合）\n"
        "3.建设学校。（责任单位：县教育局）\n"
    )
    assert [(t.path, t.text) for t in plan.tasks] == [
        (("一", "1"), "建设数据平台。"),
        (("一", "2"), "建设水厂。"),
        (("一", "3"), "建设学校。"),
    ]
    assert roles(plan.tasks[1]) == [("县水务局", "lead", False), ("县财政局", "support", False)]
    first, second, _ = plan.tasks
    assert first.span.line == second.span.line == 4
    assert plan.text[first.span.start : first.span.end] == "1.建设数据平台。（责任单位：县财政局）"
    assert plan.text[second.span.start : second.span.end].startswith("2．建设水厂")
    assert not plan.warnings


def test_heading_and_its_items_on_one_line(parse) -> None:
    plan = parse(
        HEAD + "（一）完善基础设施。1.建设水厂（责任单位：县水务局）；"
        "2.建设道路（责任单位：县交通运输局）（二）提升公共服务。1.建设学校（责任单位：县教育局）\n"
    )
    assert [s.title for s in plan.sections] == ["重点任务", "完善基础设施", "提升公共服务"]
    assert [(t.path, [a.name for a in t.units]) for t in plan.tasks] == [
        (("一", "（一）", "1"), ["县水务局"]),
        (("一", "（一）", "2"), ["县交通运输局"]),
        (("一", "（二）", "1"), ["县教育局"]),
    ]


def test_a_sentence_counting_its_points_stays_one_task(parse) -> None:
    plan = parse(
        HEAD + "1.完善制度：1.建立工作台账；2.定期通报进展。（责任单位：县发改局）\n"
        "2.建设水厂，每年3.5亿元。（责任单位：县水务局）\n"
    )
    assert [t.text for t in plan.tasks] == [
        "完善制度：1.建立工作台账；2.定期通报进展。",
        "建设水厂，每年3.5亿元。",
    ]


def test_a_number_out_of_sequence_is_text(parse) -> None:
    plan = parse(HEAD + "1.建设数据平台（责任单位：县财政局）5.建设水厂。\n")
    [task] = plan.tasks
    assert task.text == "建设数据平台5.建设水厂。"


def test_a_long_line_of_items_without_clauses_ends_in_the_one_with_a_clause(parse) -> None:
    body = "".join(f"{n}.推进第{n}项。" for n in range(1, 3000)) + "3000.收尾。（责任单位：县甲局）"
    plan = parse("某县工作方案\n一、重点任务\n" + body + "\n")
    (task,) = plan.tasks
    assert task.text.startswith("推进第1项。") and task.text.endswith("3000.收尾。")
    assert [a.name for a in task.units] == ["县甲局"]
