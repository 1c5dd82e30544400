"""Synthetic plans shaped like real ones, for the load benchmark and the explorer's
1,000-plan browser tests: 3 parts, the second split into 5 subsections, 50 tasks, 1-5
units a task (3 on average) drawn with a skew from 300 shared units (县第000局 is on
thousands of tasks at 1,000 plans), 3 policies and 2 projects from shared pools."""

from __future__ import annotations

import hashlib
import random

from dutygraph.graph.load import load_plan
from dutygraph.graph.store import open_store
from dutygraph.loaders import parse_file
from dutygraph.loaders.model import (
    Assignment,
    Document,
    Goal,
    Plan,
    Policy,
    PolicyKind,
    Project,
    Role,
    Section,
    Span,
    Task,
    Unit,
    UnitKind,
    UnitLevel,
)
from tests.factories import SAMPLE

UNITS = [f"县第{i:03d}局" for i in range(280)] + [f"第{i:02d}镇人民政府" for i in range(20)]
TOPICS = ["产业园", "抽水蓄能", "高速公路", "乡村振兴", "生态保护", "职业教育", "医疗卫生"]
SPAN = Span(0, 0, 1)


def load_sample_and_synthetic(db: str, plans: int) -> None:
    """Into the store at `db`: the sample plan, then `plans` synthetic ones (always the
    same, seed 7), loaded straight from the records."""
    store = open_store(db)
    try:
        load_plan(store, parse_file(SAMPLE))
        rng = random.Random(7)
        for i in range(plans):
            load_plan(store, synthetic_plan(i, rng))
    finally:
        store.close()


def synthetic_plan(i: int, rng: random.Random) -> Plan:
    sections = [Section("s1", "一", "总体要求", 1, None, 1, SPAN)]
    sections.append(Section("s2", "二", "责任分工", 1, None, 2, SPAN))
    sections += [
        Section(f"s2.{k}", f"（{k}）", f"第{k}项工作", 2, "s2", k, SPAN) for k in range(1, 6)
    ]
    sections.append(Section("s3", "三", "保障措施", 1, None, 3, SPAN))
    policies = rng.sample(range(200), 3)
    projects = rng.sample(range(300), 2)
    tasks = []
    for n in range(50):
        k, j = n // 10 + 1, n % 10 + 1
        names = _units(rng)
        tasks.append(
            Task(
                id=f"t2.{k}.{j}",
                section=f"s2.{k}",
                path=("二", f"（{k}）", str(j)),
                text=f"推进{rng.choice(TOPICS)}建设，落实第{n}项任务，完善工作机制。",
                units=tuple(
                    Assignment(u, Role.LEAD if r == 1 else Role.SUPPORT, r, i % 2 == 0, u, SPAN)
                    for r, u in enumerate(names, start=1)
                ),
                deadline="2025年底" if n % 3 == 0 else None,
                span=SPAN,
                ordinal=n + 1,
            )
        )
    named = dict.fromkeys(a.name for t in tasks for a in t.units)
    return Plan(
        document=Document(
            title=f"合成工作方案{i:04d}",
            source=f"synthetic/plan-{i:04d}.txt",
            sha256=hashlib.sha256(str(i).encode()).hexdigest(),
            format="txt",
        ),
        sections=tuple(sections),
        tasks=tuple(tasks),
        units=tuple(Unit(u, (), UnitLevel.COUNTY, UnitKind.GOVERNMENT) for u in named),
        policies=tuple(
            Policy(
                id=f"policy:funding:补助{p}",
                name=f"补助{p}",
                title=None,
                doc_number=None,
                issuer=None,
                year=2021,
                kind=PolicyKind.FUNDING,
                amount=f"{p}万元",
                amount_value=p * 1e4,
                ratio=None,
                written_as=(),
                tasks=(tasks[p % 50].id,),
                implemented=False,
                spans=(),
            )
            for p in policies
        ),
        projects=tuple(
            Project(
                id=f"project:项目{p}",
                name=f"项目{p}",
                kind="industry",
                written_as=(),
                tasks=(tasks[(p * 7) % 50].id,),
                policies=(f"policy:funding:补助{policies[0]}",),
                spans=(),
            )
            for p in projects
        ),
        goals=(Goal(2025, "到2025年，取得明显进展。", "取得明显进展", SPAN),),
        warnings=(),
        text="",
    )


def _units(rng: random.Random) -> list[str]:
    """1-5 distinct units, 3 on average, the low-numbered ones far more often."""
    count = rng.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 2, 1])[0]
    picked: dict[str, None] = {}
    while len(picked) < count:
        picked[UNITS[min(int(rng.paretovariate(1.2)) - 1, len(UNITS) - 1)]] = None
    return list(picked)
