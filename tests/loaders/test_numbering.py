"""Numbering variants: dot forms, numbers printed as one character, long runs, numerals
of any size, top-level numerals for the tasks themselves."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("1﹒", "2﹒"),
        ("⑴", "⑵"),
        ("⒈", "⒉"),
        ("（二十四）", "（二十五）"),
        ("1 .", "2 ."),
        ("( 三 )", "( 四 )"),
    ],
)
def test_each_numbering_style_makes_items(parse, first, second) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n"
        f"{first}推进甲项工作。（责任单位：县发改局）\n"
        f"{second}推进乙项工作。（责任单位：县财政局）\n"
    )
    assert [t.text for t in plan.tasks] == ["推进甲项工作。", "推进乙项工作。"]
    assert [t.path[-1] for t in plan.tasks] == [first.strip(" .﹒"), second.strip(" .﹒")]


def test_items_past_999_keep_their_own_numbers(parse) -> None:
    items = "".join(f"{n}.推进第{n}项工作。（责任单位：县发改局）\n" for n in range(998, 1003))
    plan = parse("某县工作方案\n一、重点任务\n" + items)
    assert [t.path[-1] for t in plan.tasks] == ["998", "999", "1000", "1001", "1002"]


def test_top_level_numerals_as_the_tasks(parse, roles) -> None:
    plan = parse(
        "某省分工方案\n一、推进甲项工作。（省甲厅牵头，省乙厅配合）\n二、推进乙项工作。（省丙厅牵头）\n"
    )
    assert [t.path for t in plan.tasks] == [("一",), ("二",)]
    assert roles(plan.tasks[0]) == [("省甲厅", "lead", False), ("省乙厅", "support", False)]


def test_numbering_restarting_per_group_and_running_on(parse) -> None:
    plan = parse(
        "某县工作方案\n一、甲类工作\n1.推进甲项工作。（责任单位：县发改局）\n"
        "2.推进乙项工作。（责任单位：县财政局）\n二、乙类工作\n3.推进丙项工作。（责任单位：县教育局）\n"
        "三、丙类工作\n1.推进丁项工作。（责任单位：县水务局）\n"
    )
    assert [t.path for t in plan.tasks] == [("一", "1"), ("一", "2"), ("二", "3"), ("三", "1")]


def test_marks_before_items_and_units_are_no_part_of_them(parse) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n★1.推进甲项工作。（责任单位：★县甲局、县乙局）\n"
        "▲2.推进乙项工作。（责任单位：县丙局）\n"
    )
    assert [(t.path, [a.written for a in t.units]) for t in plan.tasks] == [
        (("一", "1"), ["县甲局", "县乙局"]),
        (("一", "2"), ["县丙局"]),
    ]


def test_a_new_numbering_not_at_its_first_number_after_tasks_sits_outside_them(parse) -> None:
    # 二、 after items that close with their own clause: the 一、 part is not printed (a
    # table, an excerpt), so 二、 and its （一） are no items of the last task.
    plan = parse(
        "1.推进甲项工作。（牵头单位：县发改局）\n"
        "2.推进乙项工作。（县财政局负责）\n"
        "二、保障措施\n"
        "（一）加强组织领导。各单位要高度重视。\n"
    )
    assert [(t.text, [a.written for a in t.units]) for t in plan.tasks] == [
        ("推进甲项工作。", ["县发改局"]),
        ("推进乙项工作。", ["县财政局"]),
    ]


def test_a_higher_numbering_after_a_task_with_its_clause_sits_beside_it(parse) -> None:
    # 一、 → 1. → （一）: a task closing with its clause has no sections, so （一） is a
    # section of 一、 (a category row of a table after its first tasks), not part of task 2.
    plan = parse(
        "一、基础设施\n"
        "1.推进甲项工作。（牵头单位：县交通局）\n"
        "2.推进乙项工作。（牵头单位：县水利局）\n"
        "（一）农村公路\n"
        "3.推进丙项工作。（牵头单位：县交通局）\n"
    )
    assert [(s.number, s.parent) for s in plan.sections] == [("一", None), ("（一）", "s1")]
    assert [(t.path, [a.written for a in t.units]) for t in plan.tasks] == [
        (("一", "1"), ["县交通局"]),
        (("一", "2"), ["县水利局"]),
        (("一", "（一）", "3"), ["县交通局"]),
    ]


def test_a_heading_clause_with_items_numbered_on_still_covers_them(parse) -> None:
    plan = parse(
        "（一）甲类工作\n1.推进甲项工作。（县发改局负责）\n"
        "（二）乙类工作（牵头单位：县财政局）\n3.推进乙项工作。\n4.推进丙项工作。\n"
    )
    assert [(t.text, [a.written for a in t.units]) for t in plan.tasks] == [
        ("推进甲项工作。", ["县发改局"]),
        ("推进乙项工作。", ["县财政局"]),
        ("推进丙项工作。", ["县财政局"]),
    ]
