"""A plan of another genre (a provincial 任务分工方案), written here: the parser is built for
the genre, not for the sample."""

from __future__ import annotations

PLAN = (
    "广东省推进数字政府建设重点任务分工方案\n"
    "\n"
    "　　为贯彻落实《国务院关于加强数字政府建设的指导意见》（国发〔2"
    "022〕14号），制定本方案。（列第一位者为牵头单位，下同）\n"
    "一、构建协同高效的政府数字化履职能力体系\n"
    "　　（一）强化经济运行大数据监测分析。\n"
    "　　1．加强经济数据整合、汇聚、治理，建设省经济运行监测平台。（省发"
    "展改革委、省统计局、省政务服务数据管理局，各地级以上市人民政府）\n"
    "　　2．提升经济调节能力。（省发展改革委、省财政厅按职责分工负责）\n"
    "　　（二）大力推行智慧监管。\n"
    "　　3．推进“互联网+监管”系统建设。\n"
    "　　牵头单位：省政务服务数据管理局\n"
    "　　配合单位：省市场监管局等省有关部门\n"
    "　　完成时限：2023年底\n"
    "　　4．建设全省统一的信用信息平台，到2025年实现全覆盖。（省"
    "发展改革委牵头，人民银行广州分行、省市场监管局配合；持续推进）\n"
    "二、保障措施\n"
    "　　（一）加强组织领导。省数字政府建设领导小组负责统筹推进，"
    "领导小组办公室设在省政务服务数据管理局。\n"
    "附件：1.重点项目清单\n"
    "　　　2.任务进度表\n"
    "\n"
)


def test_provincial_division_of_tasks(parse) -> None:
    plan = parse(PLAN)
    assert plan.document.title == "广东省推进数字政府建设重点任务分工方案"
    assert plan.document.annex == ("重点项目清单", "任务进度表")
    assert [t.path for t in plan.tasks] == [
        ("一", "（一）", "1"),
        ("一", "（一）", "2"),
        ("一", "（二）", "3"),
        ("一", "（二）", "4"),
    ]
    # The preamble's rule note: the first listed unit leads, as written, not inferred.
    assert [(t.units[0].name, t.units[0].role, t.units[0].inferred) for t in plan.tasks] == [
        ("省发展改革委", "lead", False),
        ("省发展改革委", "lead", False),
        ("省政务服务数据管理局", "lead", False),
        ("省发展改革委", "lead", False),
    ]
    assert [a.name for a in plan.tasks[2].units] == [
        "省政务服务数据管理局",
        "省市场监管局",
        "省有关部门",
    ]
    assert [t.deadline for t in plan.tasks] == [None, None, "2023年底", "持续推进"]
    assert plan.tasks[3].text == "建设全省统一的信用信息平台，到2025年实现全覆盖。"
    assert plan.goals == ()  # 到2025年 inside a task is the task's
    [policy] = plan.policies
    assert (policy.doc_number, policy.issuer, policy.implemented) == (
        "国发〔2022〕14号",
        "国务院",
        True,
    )
    units = {u.name: u for u in plan.units}
    assert units["省数字政府建设领导小组办公室"].hosted_by == "省政务服务数据管理局"
    assert units["人民银行广州分行"].kind == "institution"
    assert units["省有关部门"].kind == "collective"
    assert not plan.warnings
