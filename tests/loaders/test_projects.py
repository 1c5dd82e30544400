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
    plan = parse("方案\n\n一、重点任务\n1.推进清凉山水库扩建工程。（责任单位：县水务局）\n")
    assert [p.name for p in plan.projects] == ["清凉山水库扩建工程"]


def test_parks_ports_and_projects_need_a_proper_name(parse) -> None:
    plan = parse(
        "汕头市贯彻落实革命老区振兴发展的实施方案\n\n一、重点任务\n"
        "1.加快推进华能汕头海上风电项目、汕头化工园区建设。"
        "（责任单位：市发展改革局、市工业和信息化局）\n"
        "2.配合推进茂名港博贺新港区建设，推动广州港南沙港区四期工程。（责任单位：市交通运输局）\n"
        "3.探索建设智慧园区、农业科技园区和新能源产业园区，谋划一批重大基础设施项目。"
        "（责任单位：市科技局）\n"
        "4.积极争取将某某抽水蓄能电站项目列入国家规划，推进“菜篮子”园区建设。"
        "（责任单位：市发展改革局）\n"
        "5.推进城镇老旧小区改造项目、特色小镇项目、美丽乡村项目、中心渔港升级改造项目和"
        "国际物流港项目。（责任单位：市住房城乡建设局）\n"
        "6.谋划汕头市2024年重大项目和汕头市民生项目。（责任单位：市发展改革局）\n"
        "7.加强与深圳市坪山区智慧园区的交流合作。（责任单位：市科技局）\n"
    )
    assert [(p.name, p.kind, p.tasks) for p in plan.projects] == [
        ("华能汕头海上风电项目", "energy", ("t1.1",)),
        ("汕头化工园区", "industry", ("t1.1",)),
        ("茂名港博贺新港区", "transport", ("t1.2",)),
        ("广州港南沙港区四期工程", "transport", ("t1.2",)),
        ("某某抽水蓄能电站", "energy", ("t1.4",)),
        ("“菜篮子”园区", "industry", ("t1.4",)),
        ("深圳市坪山区智慧园区", "industry", ("t1.7",)),
    ]


def test_a_place_named_by_the_plan_s_units_starts_a_proper_name(parse) -> None:
    plan = parse(
        "关于推进海洋经济发展的工作方案\n\n一、重点任务\n"
        "1.支持湛江钢铁项目和临港石化园区建设。（责任单位：湛江市发展改革局）\n"
    )
    assert [p.name for p in plan.projects] == ["湛江钢铁项目"]
