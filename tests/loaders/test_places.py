"""The place issuing a plan, and the units its plan names relatively to that place."""

from __future__ import annotations

import pytest

from dutygraph.loaders.places import document_place, leading_place, unit_place


@pytest.mark.parametrize(
    ("title", "place"),
    [
        ("陆河县贯彻落实《中共广东省委 广东省人民政府关于…》的工作方案", "陆河县"),
        ("汕尾市推进革命老区振兴发展实施方案", "汕尾市"),
        ("潮南区乡村振兴工作方案", "潮南区"),
        ("河口镇人居环境整治方案", "河口镇"),
        ("广东省推进数字政府建设重点任务分工方案", "广东省"),
        ("连南瑶族自治县工作方案", "连南瑶族自治县"),
        ("中共陆河县委 陆河县人民政府关于加强基层治理的实施方案", "陆河县"),
        ("深圳市坪山区对口帮扶工作方案", "坪山区"),  # the last of a chain of places
        ("陆河县推进乡村振兴工作方案", "陆河县"),  # 推进乡 is no town
        ("海丰县2023年工作要点", "海丰县"),
        ("海丰县革命老区振兴发展工作方案", "海丰县"),  # 革命老区 is no district
        ("广东省汕尾市陆河县人民政府", "陆河县"),
        # Not places: a one-character stem, a phrase, a word going on past the suffix.
        ("某县工作方案", None),
        ("全市工作方案", None),
        ("推进城市更新行动实施方案", None),
        ("新型城镇化建设实施方案", None),
        ("乡村振兴示范镇建设方案", None),
        ("关于进一步加强安全生产的方案", None),
    ],
)
def test_leading_place_of_a_title(title: str, place: str | None) -> None:
    assert leading_place(title) == place


def test_the_issuer_gives_the_place_when_the_title_does_not() -> None:
    assert document_place("关于进一步加强安全生产的方案", "陆河县人民政府办公室") == "陆河县"
    assert document_place("关于进一步加强安全生产的方案", "中共汕尾市委办公室") == "汕尾市"
    assert document_place("海丰县工作方案", "陆河县人民政府办公室") == "海丰县"
    assert document_place("关于进一步加强安全生产的方案", None) is None


@pytest.mark.parametrize(
    ("name", "place", "expected"),
    [
        # The plan's own level, and the level below it addressed as a whole.
        ("县发展改革局", "陆河县", "陆河县"),
        ("县委组织部", "陆河县", "陆河县"),
        ("团县委", "陆河县", "陆河县"),
        ("各镇人民政府", "陆河县", "陆河县"),
        ("镇人民政府", "陆河县", "陆河县"),
        ("市发展改革局", "汕尾市", "汕尾市"),
        ("各区（县、市）人民政府", "汕尾市", "汕尾市"),
        ("区教育局", "潮南区", "潮南区"),
        ("各街道办事处", "潮南区", "潮南区"),
        ("省发展改革委", "广东省", "广东省"),
        ("各地级以上市人民政府", "广东省", "广东省"),
        ("镇人民政府", "河口镇", "河口镇"),
        # The parent city of a county plan: the text does not name it.
        ("市生态环境局陆河分局", "陆河县", None),
        ("市发展改革局", "潮南区", None),
        # Names that carry their place, or no level at all.
        ("汕尾市生态环境局陆河分局", "陆河县", None),
        ("陆河县人民政府", "陆河县", None),
        ("中共陆河县委", "陆河县", None),
        ("镇江市发展改革委", "陆河县", None),  # 镇 is part of a name here
        ("各有关单位", "陆河县", None),
        # A plan of no known place places nothing.
        ("县发展改革局", None, None),
    ],
)
def test_unit_place(name: str, place: str | None, expected: str | None) -> None:
    assert unit_place(name, place) == expected


HAIFENG = """海丰县革命老区振兴发展工作方案
一、重点任务
1.争取对口帮扶。（责任单位：县发改局、县委组织部，各镇人民政府）
2.加强生态环境保护。（责任单位：汕尾市生态环境局海丰分局、市生态环境局海丰分局）
"""


def test_a_county_plan_places_its_relative_units(parse) -> None:
    plan = parse(HAIFENG)
    assert plan.document.place == "海丰县"
    places = {u.name: u.place for u in plan.units}
    assert places == {
        "县发展改革局": "海丰县",  # named 县发改局, canonical as before
        "县委组织部": "海丰县",
        "各镇人民政府": "海丰县",
        "汕尾市生态环境局海丰分局": None,
        "市生态环境局海丰分局": None,
    }
    assert plan.tasks[0].units[0].name == "县发展改革局"


def test_a_plan_of_no_place_places_no_unit(parse) -> None:
    plan = parse(HAIFENG.replace("海丰县革命老区", "关于革命老区"))
    assert plan.document.place is None
    assert {u.place for u in plan.units} == {None}


def test_the_sample_is_lu_he_countys(sample_plan) -> None:
    assert sample_plan.document.place == "陆河县"
    places = {u.name: u.place for u in sample_plan.units}
    assert places["县发展改革局"] == places["各镇人民政府"] == "陆河县"
    assert places["市生态环境局陆河分局"] is None
    assert places["陆河县革命老区振兴发展领导小组"] is None
