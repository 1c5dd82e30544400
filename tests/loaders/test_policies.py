"""Policies: cited documents resolved across spellings; funding and land measures."""

from __future__ import annotations

import pytest

from dutygraph.loaders.policies import canonical_number

TASK = "1.建设。（责任单位：县财政局）\n"


@pytest.mark.parametrize(
    "written",
    ["国发〔2021〕3号", "国发[2021]3号", "国发［2021］3号", "国发(2021)3号", "国发（2021）3号"],
)
def test_number_in_every_bracket_style(written: str) -> None:
    assert canonical_number(written) == "国发〔2021〕3号"


def test_spellings_of_one_document_are_one_policy(parse) -> None:
    plan = parse(
        "某县贯彻落实《某省人民政府关于支持山区发展的\n实施意见》的工作方案\n\n"
        "为贯彻落实《某省人民政府关于支持山区县发展的实施意见》（某府〔2022〕8号），制定本方案。\n"
        "一、重点任务\n" + TASK + "二、保障措施\n"
        "认真贯彻《某省人民政府关于支持山区发展的实施意见》和《国务院关于推动山区发展的意见》"
        "（国发[2021]3号）。\n"
    )
    documents = [p for p in plan.policies if p.kind == "document"]
    assert len(documents) == 2
    province, state = documents
    assert province.doc_number == "某府〔2022〕8号"
    assert province.title == "某省人民政府关于支持山区县发展的实施意见"
    assert province.issuer == "某省人民政府"
    assert province.year == 2022
    assert len(province.written_as) == 2  # the title's spelling, cut by a line, recurs in 二
    assert len(province.spans) == 3
    assert province.implemented
    assert province.id == "policy:某府〔2022〕8号"
    assert state.doc_number == "国发〔2021〕3号"
    assert state.issuer == "国务院"
    assert not state.implemented
    for span in province.spans:
        assert plan.text[span.start] == "《"


def test_different_issuers_stay_apart(parse) -> None:
    plan = parse(
        "方案\n\n根据《甲省人民政府关于乡村振兴的意见》和《乙省人民政府关于乡村振兴的意见》，制定本方案。\n"
        "一、重点任务\n" + TASK
    )
    assert len([p for p in plan.policies if p.kind == "document"]) == 2


def test_a_number_cited_alone(parse) -> None:
    plan = parse("方案\n\n根据粤府办〔2020〕12号文件精神，制定本方案。\n一、重点任务\n" + TASK)
    [policy] = [p for p in plan.policies if p.kind == "document"]
    assert policy.doc_number == "粤府办〔2020〕12号"
    assert policy.issuer == "广东省人民政府办公厅"
    assert policy.title is None


def test_funding_measures(parse) -> None:
    plan = parse(
        "方案\n\n一、重点任务\n"
        "1.用好专项财力补助，补助标准提高至每县每年5000 万元。（责任单位：县财政局）\n"
        "2.争取省一次性安排1.5亿元支持道路建设。（责任单位：县交通运输局）\n"
        "3.按中央和省1:1比例出资。（责任单位：县财政局）\n"
        "4.设立信贷风险补偿基金。（责任单位：县金融局）\n"
    )
    funding = {p.tasks[0]: p for p in plan.policies if p.kind == "funding"}
    assert sorted(funding) == ["t1.1", "t1.2", "t1.3", "t1.4"]
    assert funding["t1.1"].name == "专项财力补助"
    assert funding["t1.1"].amount == "每县每年5000万元"
    assert funding["t1.1"].amount_value == 5e7
    assert funding["t1.2"].amount == "1.5亿元"
    assert funding["t1.2"].amount_value == 1.5e8
    assert funding["t1.3"].ratio == "1:1"
    assert funding["t1.4"].amount is None
    for policy in funding.values():
        span = policy.spans[0]
        assert plan.text[span.start : span.end] == policy.written_as[0]


def test_land_measures(parse) -> None:
    plan = parse(
        "方案\n\n一、重点任务\n1.允许城乡建设用地增减挂钩结余指标在省内流转。（责任单位：县自然资源局）\n"
        "2.增加定向培养招生指标。（责任单位：县教育局）\n"
        "3.争取加大用林专项指标支持。（责任单位：县林业局）\n"
    )
    assert [(p.kind, p.tasks) for p in plan.policies] == [("land", ("t1.1",)), ("land", ("t1.3",))]


def test_every_document_the_preamble_implements(parse) -> None:
    plan = parse(
        "方案\n\n为贯彻落实《国务院关于甲事的意见》（国发〔2021〕3号）和《某省人民政府关于乙事的"
        "通知》，制定本方案。\n一、重点任务\n"
        + TASK
        + "二、保障措施\n参照《某市关于丙事的办法》执行。\n"
    )
    implemented = {p.title: p.implemented for p in plan.policies if p.kind == "document"}
    assert implemented == {
        "国务院关于甲事的意见": True,
        "某省人民政府关于乙事的通知": True,
        "某市关于丙事的办法": False,
    }


def test_other_policies_a_task_names(parse) -> None:
    plan = parse(
        "方案\n\n一、重点任务\n1.探索实施上下游横向生态保护补偿政策。（责任单位：县财政局）\n"
        "2.落实降费奖补政策。（责任单位：县财政局）\n"
    )
    assert [(p.kind, p.name, p.tasks) for p in plan.policies] == [
        ("other", "上下游横向生态保护补偿政策", ("t1.1",)),
        ("funding", "降费奖补政策", ("t1.2",)),
    ]


def test_funds_are_a_measure_only_when_given_or_earmarked(parse) -> None:
    plan = parse(
        "方案\n\n一、重点任务\n"
        "1.加快产业园建设，充分发挥资金的杠杆作用，吸引社会资本投入。（责任单位：县财政局）\n"
        "2.强化财政资金引导作用。（责任单位：县财政局）\n"
        "3.争取省革命遗址修复保护项目资金向我县倾斜。（责任单位：县委宣传部）\n"
        "4.加大对公共文化场馆免费开放的资金扶持力度。（责任单位：县文化广电旅游体育局）\n"
        "5.统筹整合涉农资金用于产业发展。（责任单位：县农业农村局）\n"
        "6.落实专项资金。（责任单位：县财政局）\n"
    )
    funding = {p.tasks[0]: p.name for p in plan.policies if p.kind == "funding"}
    assert funding == {
        "t1.3": "省革命遗址修复保护项目资金向我县倾斜",
        "t1.4": "对公共文化场馆免费开放的资金扶持力度",
        "t1.5": "统筹整合涉农资金用于产业发展",
        "t1.6": "专项资金",
    }


def test_each_funding_measure_of_a_task_has_its_own_amount(parse) -> None:
    plan = parse(
        "方案\n\n一、重点任务\n"
        "1.建立政府性融资担保体系，设立风险补偿资金池5000万元，对小微企业贷款给予贴息。"
        "（责任单位：市财政局、市金融局）\n"
        "2.对新认定的高新技术企业给予一次性奖励30万元。设立产业发展引导基金，规模10亿元。"
        "（责任单位：市科技局）\n"
        "3.积极争取省级专项资金支持。市财政每年安排500万元用于乡村振兴。（责任单位：市财政局）\n"
        "4.设立乡村振兴基金，市、县按1:1比例分担。（责任单位：市财政局）\n"
    )
    funding = [(p.tasks, p.name, p.amount, p.ratio) for p in plan.policies if p.kind == "funding"]
    assert funding == [
        (("t1.1",), "政府性融资担保体系", None, None),
        (("t1.1",), "风险补偿资金池5000万元", "5000万元", None),
        (("t1.1",), "对小微企业贷款给予贴息", None, None),
        (("t1.2",), "对新认定的高新技术企业给予一次性奖励30万元", "30万元", None),
        (("t1.2",), "产业发展引导基金", "10亿元", None),
        (("t1.3",), "省级专项资金支持", None, None),
        (("t1.3",), "市财政每年安排500万元用于乡村振兴", "500万元", None),
        (("t1.4",), "乡村振兴基金", None, "1:1"),
    ]


def test_a_clause_returning_to_a_measure_is_part_of_it(parse) -> None:
    plan = parse(
        "方案\n\n一、重点任务\n"
        "1.用好用活专项财力补助。省级提高专项财力补助标准，重点老区补助标准提高至每县每年5000万元。"
        "（责任单位：县财政局）\n"
        "2.落实贷款贴息政策，贴息资金由市财政安排。（责任单位：市财政局）\n"
    )
    funding = [(p.tasks, p.name, p.amount) for p in plan.policies if p.kind == "funding"]
    assert funding == [
        (("t1.1",), "专项财力补助", "每县每年5000万元"),
        (("t1.2",), "贷款贴息政策", None),
    ]


def test_a_measure_takes_the_amount_nearest_its_funding_word(parse) -> None:
    plan = parse(
        "方案\n\n一、重点任务\n"
        "1.对固定资产投资超10亿元的项目给予一次性奖励200万元。（责任单位：市工业和信息化局）\n"
    )
    [policy] = [p for p in plan.policies if p.kind == "funding"]
    assert (policy.amount, policy.amount_value) == ("200万元", 2e6)


def _cited(parse, titles: list[str]) -> list:
    preamble = "根据" + "、".join(f"《{t}》" for t in titles) + "，制定本方案。\n"
    plan = parse("方案\n\n" + preamble + "一、重点任务\n" + TASK)
    return [p for p in plan.policies if p.kind == "document"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("国务院关于支持山区发展的意见", "国务院关于支持林区发展的意见"),  # one word changed
        ("国务院关于推进工业发展的意见", "国务院关于促进工业发展的意见"),  # its verb changed
        ("国务院关于支持山区发展的意见", "国务院关于支持山区发展的实施意见"),  # another kind
        ("国务院关于支持山区发展的意见", "国务院关于新时代支持山区发展的意见"),  # a new first word
        ("国务院关于支持山区发展的意见", "国务院关于支持山区建设的意见"),  # a new last word
        ("国务院关于加快乡村产业发展的意见", "国务院关于加快乡村产业和数字经济发展的意见"),
    ],
)
def test_titles_that_differ_in_their_subject_stay_apart(parse, first, second) -> None:
    assert len(_cited(parse, [first, second])) == 2


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("某省人民政府关于支持山区县发展的实施意见", "某省人民政府关于支持山区发展的实施意见"),
        (
            "甲市委、甲市人民政府关于支持老区和苏区振兴发展的意见",
            "甲市委 甲市人民政府关于支持老区振兴发展的意见",
        ),
    ],
)
def test_a_title_shortened_by_one_run_of_words_is_the_same_document(parse, full, short) -> None:
    [policy] = _cited(parse, [full, short])
    assert policy.title == full


def test_thousands_of_titles_a_few_characters_apart_stay_apart(parse) -> None:
    # The frame 国务院关于…的意见 is most of each title; the subjects differ in 2-4 characters.
    words = "山林水田城乡路港园区企业人才金融科技"
    subjects = [a + b + c for a in words for b in words for c in words if a != b != c][:3000]
    titles = [f"国务院关于推进{s}高质量发展的意见" for s in subjects]
    assert len(_cited(parse, titles)) == 3000


def test_a_task_whose_units_come_before_or_inside_its_words_keeps_its_measures(parse) -> None:
    plan = parse(
        "方案\n\n一、重点任务\n"
        "1.县财政局：设立风险补偿资金池5000万元。\n"
        "2.县水利局会同县财政局建设某某水库扩建工程，安排专项资金3000万元。\n"
        "二、县水利局牵头的工作\n"
        "1.建设某某电站，给予补助500万元。（配合单位：县财政局）\n"
    )
    funding = {p.tasks[0]: p.amount for p in plan.policies if p.kind == "funding"}
    assert funding == {"t1.1": "5000万元", "t1.2": "3000万元", "t2.1": "500万元"}
    assert {p.name: p.tasks for p in plan.projects} == {
        "某某水库扩建工程": ("t1.2",),
        "某某电站": ("t2.1",),
    }
