"""The sample plan against its hand-checked gold file: every expectation read from the gold."""

from __future__ import annotations

import re
from pathlib import Path

from dutygraph.loaders.model import Plan

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "luhe-old-area-plan.txt"


def _normal(name: str) -> str:
    """How gold project names are compared: quotes, 等 and spaces do not count, and a gold
    name may be part of a longer printed name (“菜篮子”基地 in 粤港澳大湾区“菜篮子”基地)."""
    return re.sub(r"[“”\"\s等]", "", name)


def _programme(name: str) -> str:
    """The gold names a funded programme with a note and a counter: 国省道建设（迎国检）,
    改扩建一所幼儿园或中小学 -> 国省道建设, 改扩建幼儿园或中小学."""
    return re.sub(r"（[^（）]*）|一所|一个|一批", "", name)


def _annotation_free(written: str) -> str:
    """The gold notes where a spelling was seen: `《…》 (preamble)` -> `《…》`."""
    return re.sub(r"\s*\([^()]*\)$", "", written)


def test_document(sample_plan: Plan, gold: dict) -> None:
    assert sample_plan.document.title == gold["document"]["title"]
    parts = [f"{s.number}、{s.title}" for s in sample_plan.sections if s.level == 1]
    assert parts == gold["document"]["parts"]
    assert gold["document"]["annex_mentioned"] in sample_plan.document.annex


def test_every_task_in_order(sample_plan: Plan, gold: dict) -> None:
    assert len(sample_plan.tasks) == gold["task_count"] == len(gold["tasks"])
    for task, expected in zip(sample_plan.tasks, gold["tasks"], strict=True):
        assert list(task.path) == expected["path"]
        assert task.span.line == expected["line"]
        assert task.text == expected["text"]
        assert [a.name for a in task.units] == expected["units"], task.path


def test_assignments(sample_plan: Plan, gold: dict) -> None:
    assert sum(len(t.units) for t in sample_plan.tasks) == gold["assignment_count"]
    sections = {s.id: s for s in sample_plan.sections}
    for task, expected in zip(sample_plan.tasks, gold["tasks"], strict=True):
        assert sections[task.section].title == expected["section_title"]
        # No clause of the sample says who leads: the first listed unit is taken.
        assert [(a.rank, a.role) for a in task.units] == [
            (i, "lead" if i == 1 else "support") for i in range(1, len(task.units) + 1)
        ]
        assert task.units[0].inferred
        text = sample_plan.text
        for a in task.units:
            assert text[a.span.start : a.span.end] == a.written


def test_task_spans_cover_the_printed_item(sample_plan: Plan) -> None:
    lines = SAMPLE.read_text("utf-8").splitlines()
    for task in sample_plan.tasks:
        printed = sample_plan.text[task.span.start : task.span.end]
        assert task.text.split("\n")[0] in printed
        assert printed in lines[task.span.line - 1]


def test_cited_policies(sample_plan: Plan, gold: dict) -> None:
    documents = [p for p in sample_plan.policies if p.kind == "document"]
    assert len(documents) == len(gold["policies_cited"])
    for expected in gold["policies_cited"]:
        [policy] = [p for p in documents if p.doc_number == expected["doc_number"]]
        assert policy.issuer == expected["issuer"]
        assert policy.year == expected["year"]
        assert policy.title == expected["title"]
        for written in map(_annotation_free, expected["written_as"]):
            assert any(written in seen for seen in policy.written_as), written


def test_unit_aliases(sample_plan: Plan, gold: dict) -> None:
    units = {u.name: u for u in sample_plan.units}
    for alias, name in gold["unit_aliases"].items():
        assert alias in units[name].aliases


def test_units_outside_assignments(sample_plan: Plan, gold: dict) -> None:
    assigned = {a.name for t in sample_plan.tasks for a in t.units}
    for expected in gold["units_outside_assignments"]:
        # The gold names a unit as printed; a canonical name keeps that spelling as alias.
        [unit] = [
            u
            for u in sample_plan.units
            if expected["name"] == u.name or expected["name"] in u.aliases
        ]
        assert unit.name not in assigned
        assert unit.duties, unit.name
        if "short" in expected:
            assert expected["short"] in unit.aliases
        if "hosted_by" in expected:
            assert unit.hosted_by == expected["hosted_by"]


def test_goals(sample_plan: Plan, gold: dict) -> None:
    goals = {g.year: g for g in sample_plan.goals}
    assert sorted(goals) == sorted(g["year"] for g in gold["goals"])
    for expected in gold["goals"]:
        goal = goals[expected["year"]]
        assert expected["headline"] in goal.text
        assert goal.headline == expected["headline"]


def test_funding_policies(sample_plan: Plan, gold: dict) -> None:
    task_ids = {"".join(t.path): t.id for t in sample_plan.tasks}
    funding = [p for p in sample_plan.policies if p.kind == "funding"]
    for expected in gold["funding_policies"]:
        task = task_ids[expected["task"]]
        [policy] = [p for p in funding if task in p.tasks]
        if "amount" in expected:
            assert policy.amount == expected["amount"]
        if "ratio" in expected:
            assert policy.ratio == expected["ratio"]
        if "project" in expected:
            assert any(
                policy.id in p.policies and _programme(expected["project"]) in p.name
                for p in sample_plan.projects
            ), expected["project"]
        if "also_in_task" in expected:
            # One project, named by both tasks, tied to this funding measure.
            other = task_ids[expected["also_in_task"]]
            assert any(
                policy.id in p.policies and {task, other} <= set(p.tasks)
                for p in sample_plan.projects
            )


def test_named_projects(sample_plan: Plan, gold: dict) -> None:
    names = [_normal(p.name) for p in sample_plan.projects]
    for expected in gold["named_projects_min"]:
        assert any(_normal(expected) in name for name in names), expected


def test_sample_in_traditional_and_half_width_gives_the_same_units(gold: dict) -> None:
    from hanziconv import HanziConv

    from dutygraph.loaders.plan import build_plan
    from dutygraph.loaders.read import read_text

    text = SAMPLE.read_text("utf-8")
    half = text.translate(str.maketrans("（）：，；", "():,;"))
    for variant in (HanziConv.toTraditional(text), half):
        plan = build_plan(read_text(variant), aliases=None)
        assert [[a.name for a in t.units] for t in plan.tasks] == [
            t["units"] for t in gold["tasks"]
        ]


def test_every_entity_points_at_its_text(sample_plan: Plan) -> None:
    from dutygraph.loaders.fold import fold

    text = sample_plan.text
    lines = SAMPLE.read_text("utf-8").splitlines()
    for unit in sample_plan.units:
        for span in unit.spans:
            assert fold(text[span.start : span.end]) in {unit.name, *unit.aliases}
            assert text[span.start : span.end] in lines[span.line - 1]
        for duty in unit.duties:
            assert text[duty.span.start : duty.span.end] in duty.text
    for policy in sample_plan.policies:
        for span in policy.spans:
            assert re.sub(r"\s*\n\s*", "", text[span.start : span.end]) in policy.written_as
    for project in sample_plan.projects:
        for span in project.spans:
            assert text[span.start : span.end] in project.written_as
    for goal in sample_plan.goals:
        assert text[goal.span.start : goal.span.end] == goal.text
    for section in sample_plan.sections:
        assert section.title in text[section.span.start : section.span.end]
