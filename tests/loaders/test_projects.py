"""Projects: named works in task text, one project across tasks, tied to funding."""

from __future__ import annotations


def _plan(parse):
    return parse(
        "方案\n\n一、重点任务\n"
        "1.推进甲乙高速公路前期工作，争取将某某抽水蓄能电站列入国家规划。（责任单位：县发改局）\n"
        "2.配合推进东江水资源配置等工程前期工作。（责任单位：县水务局）\n"
        "3.加快建设青梅、茶叶等现代农业产业园和“四好农村路”。（责任单位：县农业农村局）\n"
        "4.争取省对我县改扩建幼儿园或中小学校给予定额补助。（责任单位：县教育局）\n"
        "5.争取省一次性安排1000万元，改扩建一所幼儿园或中小学。（责任单位：县财政局）\n"
        "6.进一步提升工业园软硬实力。（责任单位：县科工信局）\n"
    )


def test_named_works(parse) -> None:
    names = {p.name: p for p in _plan(parse).projects}
    assert names["甲乙高速公路"].kind == "transport"
    assert names["某某抽水蓄能电站"].kind == "energy"
    assert names["东江水资源配置工程"].written_as == ("东江水资源配置等工程",)
    assert names["现代农业产业园"].tasks == ("t1.3",)
    assert "四好农村路" in names
    # A bare word for a work names no project.
    assert "工业园" not in names


def test_one_project_across_tasks_tied_to_funding(parse) -> None:
    plan = _plan(parse)
    [school] = [p for p in plan.projects if p.kind == "education"]
    assert school.name == "改扩建幼儿园或中小学"
    assert school.tasks == ("t1.4", "t1.5")
    funding = {p.id: p for p in plan.policies if p.kind == "funding"}
    same_tasks = {p for p, f in funding.items() if set(f.tasks) & {"t1.4", "t1.5"}}
    assert set(school.policies) == same_tasks
    assert any(funding[p].amount == "1000万元" for p in school.policies)
    for span in school.spans:
        assert plan.text[span.start : span.start + 3] == "改扩建"


def test_projects_are_not_read_from_clauses(parse) -> None:
    plan = parse("方案\n\n一、重点任务\n1.开展调研。（责任单位：县产业转移工业园管委会）\n")
    assert plan.projects == ()


def test_a_class_of_works_is_no_project(parse) -> None:
    plan = parse(
        "方案\n\n一、重点任务\n"
        "1.争取珠三角地区高水平医院对我县医院实施帮扶，推动三甲医院与县人民医院合作。"
        "（责任单位：县卫健局）\n"
        "2.争取建设高水平医院示范基地，建设县人民医院。（责任单位：县卫健局）\n"
    )
    assert [p.name for p in plan.projects] == ["县人民医院", "高水平医院示范基地"]


def test_a_work_named_inside_a_longer_name_is_part_of_it(parse) -> None:
    plan = parse(
        "方案\n\n一、重点任务\n1.推进清凉山水库扩建工程。（责任单位：县水务局）\n"
    )
    assert [p.name for p in plan.projects] == ["清凉山水库扩建工程"]
