"""Goals: target years with their statements and headline."""

from __future__ import annotations


def test_target_years(parse) -> None:
    plan = parse(
        "方案\n\n一、总体要求\n（一）目标任务。到2025年，全县基础设施明显改善，基本建成示范县。"
        "到2035年，我县基本实现社会主义现代化，人民生活更加美好。\n"
        "二、重点任务\n1.到2030年建成水厂。（责任单位：县水务局）\n"
    )
    goals = {g.year: g for g in plan.goals}
    assert sorted(goals) == [2025, 2035]  # a year inside a task is the task's, not a goal
    assert goals[2025].text == "到2025年，全县基础设施明显改善，基本建成示范县。"
    assert goals[2025].headline == "基本建成示范县"
    assert goals[2035].headline == "基本实现社会主义现代化"
    assert plan.text[goals[2035].span.start : goals[2035].span.end] == goals[2035].text
    assert goals[2035].span.line == 4


def test_headline_falls_back_to_the_last_clause(parse) -> None:
    plan = parse(
        "方案\n\n一、总体要求\n到2027年，产业规模持续扩大，群众收入稳步增长。\n"
        "二、重点任务\n1.建设水厂。（责任单位：县水务局）\n"
    )
    assert plan.goals[0].headline == "群众收入稳步增长"
