"""Random and mutated plans: the parser returns a Plan or raises its own error, nothing else.

DUTYGRAPH_FUZZ_EXAMPLES sets how many mutated plans test_mutated_plans tries (150 by default,
for every CI run); benchmarks/fuzz_plans.py runs it with 10,000 and times every case."""

from __future__ import annotations

import os
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


# Small plans of the usual shapes (written for these tests), so that a mutation of a short
# plan reaches the branches a long one buries.
SMALL_PLANS = [
    "某县道路建设工作方案\n一、主要任务\n（一）推进道路建设。\n"
    "1.完成乡道改造。（责任单位：县交通局，配合单位：各镇人民政府）\n"
    "2.建设污水管网。\n牵头单位：县水务局\n完成时限：2025年底\n",
    "某市监管实施方案\n一、重点工作\n1.加强市场监管。（市市场监管局牵头，市公安局配合，长期坚持）\n"
    "2.开展专项检查。（市商务局负责）\n二、保障措施\n（一）加强组织领导。\n",
    "任务分工方案\n第一章 总体要求\n一、完善机制\n①建立台账。责任单位：县发改局、县财政局\n"
    "②定期通报。责任单位：县政府办\n附件：任务清单\n",
]


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


@st.composite
def mutated_lines(draw: st.DrawFn) -> str:
    """The sample or a small plan with lines deleted, duplicated or swapped, and brackets,
    numbering, clause labels or random Unicode inserted into lines."""
    lines = draw(st.sampled_from([SAMPLE, *SMALL_PLANS])).split("\n")
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "swap", "piece", "unicode"]))
        if op == "delete":
            if len(lines) > 1:
                del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            inserted = st.sampled_from(PIECES) if op == "piece" else st.text(min_size=1, max_size=8)
            piece = draw(inserted)
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + piece + lines[i][at:]
    return "\n".join(lines)


@settings(
    max_examples=int(os.environ.get("DUTYGRAPH_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(mutated() | mutated_lines())
def test_mutated_plans(text: str) -> None:
    _check(text)


def test_hostile_clauses_read_right(parse) -> None:
    """A long run of spaces inside a list still separates two units, and a sentence full
    of 由 gives the assignment closing it (both are read in one pass: shape_bench)."""
    plan = parse("某县方案\n一、任务\n1.任务。（县甲局" + " " * 50_000 + "县乙局）\n")
    assert [a.name for a in plan.tasks[0].units] == ["县甲局", "县乙局"]
    plan = parse("某县方案\n一、任务\n1.任务" + "，由县甲局" * 5_000 + "，由县乙局负责。\n")
    assert [a.name for a in plan.tasks[0].units] == ["县乙局"]
