"""A responsibility clause printed after a group of items: the whole group's, or the last
item's only, as the layout says."""

from __future__ import annotations

HEAD = "某市某某任务分工方案\n\n一、重点任务\n"


def test_clause_lines_after_a_group_cover_every_item(parse, roles) -> None:
    plan = parse(
        HEAD + "（一）加强乡村基础设施建设。\n"
        "1.推进“四好农村路”建设。\n"
        "2.实施农村供水保障工程。\n"
        "3.加快5G网络向农村延伸。\n"
        "牵头单位：市交通运输局\n"
        "配合单位：市财政局，各区（县、市）人民政府\n"
        "完成时限：2025年底\n"
        "（二）改善农村人居环境。\n"
        "1.推进农村厕所革命。（责任单位：市农业农村局）\n"
    )
    assert [t.path for t in plan.tasks] == [
        ("一", "（一）", "1"),
        ("一", "（一）", "2"),
        ("一", "（一）", "3"),
        ("一", "（二）", "1"),
    ]
    shared = [
        ("市交通运输局", "lead", False),
        ("市财政局", "support", False),
        ("各区（县、市）人民政府", "support", False),
    ]
    assert [roles(t) for t in plan.tasks[:3]] == [shared] * 3
    assert [t.deadline for t in plan.tasks[:3]] == ["2025年底"] * 3
    assert [t.text for t in plan.tasks[:3]] == [
        "推进“四好农村路”建设。",
        "实施农村供水保障工程。",
        "加快5G网络向农村延伸。",
    ]
    # Each assignment points at the clause line it was read from.
    assert [a.span.line for a in plan.tasks[0].units] == [8, 9, 9]
    assert not plan.warnings


def test_bracketed_clause_line_closing_the_plan_covers_the_group(parse, roles) -> None:
    plan = parse(
        HEAD + "（一）提升城市品质。\n1.实施城市更新行动。\n2.建设海绵城市。\n"
        "（市住房城乡建设局牵头，市财政局配合）\n"
    )
    assert [roles(t) for t in plan.tasks] == [
        [("市住房城乡建设局", "lead", False), ("市财政局", "support", False)],
    ] * 2
    # The clause line is inside the last item's span only: spans do not overlap.
    first, last = plan.tasks
    assert first.span.end < last.span.start
    assert plan.text[last.span.start : last.span.end].endswith("市财政局配合）")


def test_clause_inside_the_last_items_paragraph_is_its_own(parse) -> None:
    plan = parse(
        HEAD + "（一）提升城市品质。\n1.实施城市更新行动。\n"
        "2.建设海绵城市。（责任单位：市住房城乡建设局）\n"
    )
    [task] = plan.tasks
    assert task.path == ("一", "（一）", "2")
    assert [w.line for w in plan.warnings] == [5]


def test_clause_line_followed_by_more_of_the_group_is_the_last_items(parse) -> None:
    plan = parse(
        HEAD + "1.实施城市更新行动。\n2.建设海绵城市。\n责任单位：市住房城乡建设局\n"
        "3.改造老旧小区。\n责任单位：市财政局\n"
    )
    assert [(t.path, [a.name for a in t.units]) for t in plan.tasks] == [
        (("一", "2"), ["市住房城乡建设局"]),
        (("一", "3"), ["市财政局"]),
    ]
    assert [w.line for w in plan.warnings] == [4]


def test_clause_line_after_items_with_clauses_is_the_last_items(parse) -> None:
    plan = parse(
        HEAD + "1.实施城市更新行动。（责任单位：市住房城乡建设局）\n2.建设海绵城市。\n"
        "3.改造老旧小区。\n责任单位：市财政局\n二、保障措施\n"
    )
    assert [(t.path, [a.name for a in t.units]) for t in plan.tasks] == [
        (("一", "1"), ["市住房城乡建设局"]),
        (("一", "3"), ["市财政局"]),
    ]
    assert [w.line for w in plan.warnings] == [5]


def test_group_under_a_heading_with_its_own_clause_keeps_inheriting(parse, roles) -> None:
    plan = parse(
        HEAD + "（一）提升城市品质。（责任单位：市住房城乡建设局）\n"
        "1.实施城市更新行动。\n2.建设海绵城市。\n责任单位：市水务局\n"
    )
    assert [[a.name for a in t.units] for t in plan.tasks] == [
        ["市住房城乡建设局"],
        ["市水务局"],
    ]


def test_group_whose_last_item_runs_on_into_a_paragraph(parse) -> None:
    plan = parse(
        HEAD + "（一）深化商事制度改革。\n1、推进企业开办全程网办。\n2、推行经营主体登记确认制。\n"
        "   同步探索个体工商户“智能审批”。\n"
        "【牵头单位】市市场监管局\n【配合单位】市公安局\n（二）优化涉企服务。\n"
    )
    assert [(t.path, t.text.splitlines()) for t in plan.tasks] == [
        (("一", "（一）", "1"), ["推进企业开办全程网办。"]),
        # A short item among items runs on into its paragraph: it is no section.
        (("一", "（一）", "2"), ["推行经营主体登记确认制。", "同步探索个体工商户“智能审批”。"]),
    ]
    assert [[a.name for a in t.units] for t in plan.tasks] == [["市市场监管局", "市公安局"]] * 2
    assert not plan.warnings
