"""Units: canonical names, level and kind, alias files, units named outside assignments."""

from __future__ import annotations

import pytest

from dutygraph.errors import AliasFileError
from dutygraph.loaders.units import expand, kind_of, level_of, looks_like_unit

HEAD = "某县工作方案\n\n一、重点任务\n"


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("县发改局", "县发展改革局"),
        ("县发展和改革局", "县发展改革局"),
        ("县人社局", "县人力资源社会保障局"),
        ("县科工信局", "县科技工业和信息化局"),
        ("县卫健局", "县卫生健康局"),
        ("县文广旅体局", "县文化广电旅游体育局"),
        ("市住建局", "市住房城乡建设局"),
        ("县府办", "县政府办公室"),
        ("县委办", "县委办公室"),
        ("县委编办", "县委编办"),
        ("县城管局", "县城市管理局"),
        ("县教体局", "县教育和体育局"),
        ("县自规局", "县自然资源和规划局"),
        ("县财政局", "县财政局"),
    ],
)
def test_abbreviations(written: str, canonical: str) -> None:
    assert expand(written) == canonical


@pytest.mark.parametrize(
    ("name", "level", "kind"),
    [
        ("县委组织部", "县", "party"),
        ("县财政局", "县", "government"),
        ("县投促中心", "县", "institution"),
        ("县产业转移工业园", "县", "park"),
        ("河田镇人民政府", "镇", "town"),
        ("各镇人民政府", "镇", "collective"),
        ("各有关单位", None, "collective"),
        ("市生态环境局陆河分局", "市", "branch"),
        ("陆河县革命老区振兴发展领导小组办公室", "县", "group"),
        ("省发展改革委", "省", "government"),
        ("国家开发银行", "国家", "institution"),
        ("各区（县、市）人民政府", "县", "collective"),
        ("各地级以上市人民政府", "市", "collective"),
        ("市直有关部门", "市", "collective"),
    ],
)
def test_level_and_kind(name: str, level: str | None, kind: str) -> None:
    assert level_of(name) == level
    assert kind_of(name) == kind


def test_spellings_of_one_unit_are_one_unit(parse) -> None:
    plan = parse(HEAD + "1.建设。（责任单位：县发改局）\n2.建设。（责任单位：县发展改革局）\n")
    [unit] = [u for u in plan.units if u.name == "县发展改革局"]
    assert unit.aliases == ("县发改局",)
    assert len(unit.spans) == 2
    assert [t.units[0].written for t in plan.tasks] == ["县发改局", "县发展改革局"]


def test_json_alias_file(parse, tmp_path) -> None:
    aliases = tmp_path / "aliases.json"
    aliases.write_text('{"县数据局": "县政务服务数据管理局"}', "utf-8")
    plan = parse(HEAD + "1.建设。（责任单位：县数据局、县财政局）\n", aliases=aliases)
    assert [a.name for a in plan.tasks[0].units] == ["县政务服务数据管理局", "县财政局"]
    [unit] = [u for u in plan.units if u.name == "县政务服务数据管理局"]
    assert "县数据局" in unit.aliases


def test_csv_alias_file_wins_over_built_in_rules(parse, tmp_path) -> None:
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("alias,canonical\n县发改局,陆河县发展和改革局\n", "utf-8")
    plan = parse(HEAD + "1.建设。（责任单位：县发改局）\n", aliases=aliases)
    assert plan.tasks[0].units[0].name == "陆河县发展和改革局"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.json", '{"县数据局": 3}', "expected a JSON object"),
        ("bad.json", '{"县数据局": ', "line 1: not valid JSON"),
        ("bad.csv", "县数据局\n", "line 1: expected two columns"),
    ],
)
def test_bad_alias_file(parse, tmp_path, name: str, content: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(AliasFileError, match=message) as caught:
        parse(HEAD + "1.建设。（责任单位：县财政局）\n", aliases=path)
    assert str(path) in str(caught.value)


def test_missing_alias_file(parse, tmp_path) -> None:
    with pytest.raises(AliasFileError, match="cannot read"):
        parse(HEAD + "1.建设。（责任单位：县财政局）\n", aliases=tmp_path / "none.json")


def test_units_named_outside_assignments(parse) -> None:
    plan = parse(
        HEAD + "1.建设。（责任单位：县发改局）\n二、保障措施\n"
        "（一）加强领导。某县乡村振兴领导小组负责统筹协调，日常工作由某县乡村振兴领导小组办公室负责"
        "（简称县振兴办，设在县农业农村局），县振兴办要定期通报进展。同时，联合县委办、县府办做好督查工作。\n"
    )
    units = {u.name: u for u in plan.units}
    office = units["某县乡村振兴领导小组办公室"]
    assert office.aliases == ("县振兴办",)
    assert office.hosted_by == "县农业农村局"
    assert office.kind == "group"
    assert "县振兴办要定期通报进展" in [d.text for d in office.duties]
    group = units["某县乡村振兴领导小组"]
    assert [d.text for d in group.duties] == ["某县乡村振兴领导小组负责统筹协调"]
    for name, written in (("县委办公室", "县委办"), ("县政府办公室", "县府办")):
        assert written in units[name].aliases
        assert [d.text for d in units[name].duties] == ["联合县委办、县府办做好督查工作"]
        span = units[name].spans[0]
        assert plan.text[span.start : span.end] == written


def test_group_office_hosted_outside_a_bracket(parse) -> None:
    plan = parse(
        HEAD + "1.建设。（责任单位：县发改局）\n二、保障措施\n"
        "（一）加强领导。某县数字政府建设领导小组负责统筹推进，领导小组办公室设在县政务服务数据管理局。"
        "全县各级干部要提高认识。\n"
    )
    units = {u.name: u for u in plan.units}
    office = units["某县数字政府建设领导小组办公室"]
    assert office.hosted_by == "县政务服务数据管理局"
    assert plan.text[office.spans[0].start : office.spans[0].end] == "领导小组办公室"
    assert "全县各级干部" not in units


def test_names_a_list_leaves_to_complete(parse) -> None:
    plan = parse(
        HEAD + "1.健全监测帮扶机制。（责任单位：县乡村振兴局、民政局、人社局，各镇人民政府）\n"
        "2.加强党建引领。（责任单位：县委组织部、宣传部、财政局）\n"
        "3.建设特色小镇。（市发展改革局，潮南区、濠江区人民政府）\n"
        "4.建设水厂。（牵头单位：县水务局；配合单位：发改局）\n"
    )
    assert [[(a.name, a.written) for a in t.units] for t in plan.tasks] == [
        [
            ("县乡村振兴局", "县乡村振兴局"),
            ("县民政局", "民政局"),
            ("县人力资源社会保障局", "人社局"),
            ("各镇人民政府", "各镇人民政府"),
        ],
        [("县委组织部", "县委组织部"), ("县委宣传部", "宣传部"), ("县财政局", "财政局")],
        [
            ("市发展改革局", "市发展改革局"),
            ("潮南区人民政府", "潮南区"),
            ("濠江区人民政府", "濠江区人民政府"),
        ],
        [("县水务局", "县水务局"), ("县发展改革局", "发改局")],
    ]


def test_lists_completed_only_where_a_level_is_missing(parse) -> None:
    plan = parse(
        HEAD + "1.建设。（发展改革委、财政部、自然资源部按职责分工负责）\n"
        "2.建设电网。（责任单位：县发改局、陆河供电局）\n"
    )
    assert [[a.name for a in t.units] for t in plan.tasks] == [
        ["发展改革委", "财政部", "自然资源部"],
        ["县发展改革局", "陆河供电局"],
    ]


def test_a_group_set_up_in_the_text_is_named_without_the_verb(parse) -> None:
    plan = parse(
        HEAD + "1.建设。（责任单位：市发改局）\n二、保障措施\n"
        "（一）加强组织领导。成立市制造业发展领导小组，负责统筹协调。\n"
    )
    assert "市制造业发展领导小组" in {u.name for u in plan.units}


def test_lists_with_stray_spaces_and_levels_in_brackets(parse) -> None:
    plan = parse(
        "某省政策措施\n一、推动产业升级\n"
        "1.支持企业改造。给予补助。 〔省甲厅、省乙厅, 各市 (地) 、县 (市) 政府 (行署) 〕\n"
        "2.支持企业创新。（省丙厅  省丁厅）\n"
    )
    first, second = plan.tasks
    assert [a.written for a in first.units] == [
        "省甲厅",
        "省乙厅",
        "各市 (地) 、县 (市) 政府 (行署)",
    ]
    assert [a.written for a in second.units] == ["省丙厅", "省丁厅"]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("各地", True),
        ("有关方面", True),
        ("各县（市、区）", True),
        ("各区县（自治县）", True),
        ("全面落实证明事项告知承诺制", False),
        ("各项工作", False),
        ("全力推进项目建设", False),
    ],
)
def test_a_collective_without_a_units_ending_is_short_or_closes_its_parenthesis(
    text: str, unit: bool
) -> None:
    # A task that merely starts like a collective (全面…, 各项…) is no unit.
    assert looks_like_unit(text) is unit
