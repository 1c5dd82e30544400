"""Random and mutated plans: the parser returns a Plan or raises its own error, nothing else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutygraph.errors import DutygraphError
from dutygraph.loaders.model import Plan
from dutygraph.loaders.plan import build_plan
from dutygraph.loaders.read import read_text

SAMPLE = (Path(__file__).resolve().parents[2] / "samples" / "luhe-old-area-plan.txt").read_text(
    "utf-8"
)
# Pieces plans are made of, so random text reaches the parser's branches.
PIECES = [
    "一、",
    "（一）",
    "(二)",
    "1.",
    "2、",
    "（1）",
    "①",
    "第一章",
    "附件：",
    "\n",
    "\n\n",
    "。",
    "，",
    "、",
    "；",
    "：",
    "（",
    "）",
    "(",
    ")",
    "【",
    "】",
    "〔",
    "〕",
    "[",
    "]",
    "《",
    "》",
    "“",
    "”",
    "责任单位：",
    "牵头单位：",
    "配合单位：",
    "责任领导：",
    "完成时限：",
    "牵头",
    "配合",
    "负责",
    "按职责分工负责",
    "县发改局",
    "县财政局",
    "各镇人民政府",
    "各区（县、市）政府",
    "等市级有关部门",
    "列第一位者为牵头单位，下同",
    "2025年底",
    "长期坚持",
    "到2025年",
    "国发〔2021〕3号",
    "简称县老区办",
    "设在县发改局",
    "每县每年5000万元",
    "1:1",
    "建设",
    "高速公路",
    "工程",
    "電站",
    "責任單位",
    " ",
    "\t",
    "\u3000",
    "\ufeff",
    "\x00",
    "𠀀",
    "a",
    "0",
]

plans = st.lists(st.sampled_from(PIECES) | st.text(max_size=5), max_size=60).map("".join)


def _check(text: str) -> None:
    try:
        plan = build_plan(read_text(text, path="<random>"), aliases=None)
    except DutygraphError:
        return
    assert isinstance(plan, Plan)
    assert plan.tasks
    for task in plan.tasks:
        assert 0 <= task.span.start <= task.span.end <= len(plan.text)
        for a in task.units:
            assert plan.text[a.span.start : a.span.end] == a.written
    plan.to_json()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans)
def test_random_plans(text: str) -> None:
    _check(text)


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = SAMPLE
    for _ in range(draw(st.integers(1, 6))):
        a = draw(st.integers(0, len(text)))
        b = draw(st.integers(a, min(len(text), a + 80)))
        replacement = draw(st.sampled_from(PIECES) | st.text(max_size=8))
        text = text[:a] + replacement + text[b:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_sample(text: str) -> None:
    _check(text)


def test_hostile_clauses_read_right(parse) -> None:
    """A long run of spaces inside a list still separates two units, and a sentence full
    of 由 gives the assignment closing it (both are read in one pass: shape_bench)."""
    plan = parse("某县方案\n一、任务\n1.任务。（县甲局" + " " * 50_000 + "县乙局）\n")
    assert [a.name for a in plan.tasks[0].units] == ["县甲局", "县乙局"]
    plan = parse("某县方案\n一、任务\n1.任务" + "，由县甲局" * 5_000 + "，由县乙局负责。\n")
    assert [a.name for a in plan.tasks[0].units] == ["县乙局"]
