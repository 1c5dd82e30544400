"""Rule notes (`首位单位为牵头单位`, `列第一位为牵头或汇总单位，下同`) applied from where
printed."""

from __future__ import annotations

import pytest


def test_a_note_riding_on_a_unit_applies_from_there_on(parse, roles) -> None:
    plan = parse(
        "某市工作分解\n一、重点工作\n"
        "1.推进甲项工作。\n责任单位：市商务局、市统计局\n"
        "2.推进乙项工作。\n责任单位：市发改委(首位单位为牵头单位,下同)、市财政局\n"
        "3.推进丙项工作。\n责任单位：市教育局、市科技局\n"
        "4.推进丁项工作。\n责任单位：市人社局、市农业局分别牵头，市财政局\n"
    )
    first, second, third, fourth = plan.tasks
    assert roles(first)[0] == ("市商务局", "lead", True)  # before the note: only a guess
    assert roles(second) == [("市发展改革委", "lead", False), ("市财政局", "support", False)]
    assert roles(third)[0] == ("市教育局", "lead", False)
    assert [r for _, r, _ in roles(fourth)] == ["lead", "lead", "support"]


def test_a_note_after_a_name_with_brackets_of_its_own(parse) -> None:
    plan = parse(
        "某市工作分解\n一、重点工作\n1.推进甲项工作。\n"
        "责任单位：市政府办公室、各区县政府(含某某新区管委会)(列第一位的为牵头单位,下同)\n"
        "2.推进乙项工作。\n责任单位：发改局(服务业发展局)、市财政局（张三）\n"
    )
    first, second = plan.tasks
    assert [a.written for a in first.units] == ["市政府办公室", "各区县政府(含某某新区管委会)"]
    assert (first.units[0].role, first.units[0].inferred) == ("lead", False)
    assert [a.written for a in second.units] == ["发改局(服务业发展局)", "市财政局"]


@pytest.mark.parametrize(
    "note",
    [
        "注：列第一位的为牵头单位。",
        "（各项任务所列单位中，排名第一的为牵头单位，其他为配合单位）",
        "各项任务的责任单位中，排在首位的为牵头单位。",
        "现将任务分解如下（列在首位的为牵头单位）：",
        "注：责任单位中排在最前面的为牵头单位。",
    ],
)
def test_a_note_printed_before_the_tasks_holds_for_all_of_them(parse, roles, note) -> None:
    plan = parse(
        f"某县工作方案\n{note}\n一、重点任务\n1.推进甲项工作。（责任单位：县甲局、县乙局）\n"
        "2.推进乙项工作。（责任单位：县丙局）\n"
    )
    assert [roles(t) for t in plan.tasks] == [
        [("县甲局", "lead", False), ("县乙局", "support", False)],
        [("县丙局", "lead", False)],
    ]
    assert plan.document.title == "某县工作方案"


@pytest.mark.parametrize(
    "note", ["注：各项任务的第一责任单位为牵头单位。", "备注：排在首位的为牵头单位"]
)
def test_a_note_printed_after_the_last_task_holds_for_all_of_them(parse, roles, note) -> None:
    """Printed under the plan (or under its table) the note is a legend for every task."""
    plan = parse(
        "某县工作方案\n一、重点任务\n1.推进甲项工作。（责任单位：县甲局、县乙局）\n"
        f"2.推进乙项工作。（责任单位：县丙局）\n{note}\n"
    )
    assert [roles(t) for t in plan.tasks] == [
        [("县甲局", "lead", False), ("县乙局", "support", False)],
        [("县丙局", "lead", False)],
    ]
    assert not plan.warnings


def test_a_note_between_tasks_still_holds_only_from_there_on(parse, roles) -> None:
    plan = parse(
        "某县工作方案\n一、重点任务\n1.推进甲项工作。（责任单位：县甲局、县乙局）\n"
        "注：以下各项排在首位的为牵头单位。\n2.推进乙项工作。（责任单位：县丙局、县丁局）\n"
    )
    assert [roles(t)[0] for t in plan.tasks] == [
        ("县甲局", "lead", True),
        ("县丙局", "lead", False),
    ]
