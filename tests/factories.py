"""Small plans built by hand, for tests of every layer (no parser involved)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from dutygraph.loaders.model import (
    Assignment,
    Document,
    Duty,
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
from dutygraph.loaders.places import unit_place

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "luhe-old-area-plan.txt"

# (task text, units as printed: the first leads), grouped by the 二 subsection they sit in
TaskSpec = tuple[str, Sequence[str]]
DEFAULT_TASKS: dict[str, list[TaskSpec]] = {
    "巩固拓展脱贫攻坚成果": [
        ("加快建设青梅、茶叶等现代农业产业园。", ["县农业农村局", "各镇人民政府"]),
        ("争取对口帮扶单位加大帮扶力度。", ["县发展改革局", "县委组织部", "各镇人民政府"]),
    ],
    "加快推进基础设施建设": [
        ("积极争取将抽水蓄能电站项目列入国家相关规划。", ["县发展改革局", "县水务局"]),
    ],
}
ALIASES = {"县发展改革局": ("县发改局",)}
_SPAN = Span(0, 0, 1)


def make_plan(
    source: str = "plans/a.txt",
    tasks: dict[str, list[TaskSpec]] | None = None,
    *,
    title: str = "某县工作方案",
    place: str | None = None,
    version: str = "1",
    funding: str | None = "专项财力补助",
    project: str | None = "抽水蓄能电站",
) -> Plan:
    """A plan of one part 二 with a subsection per key of `tasks`.

    Units are made up from the task lists (first listed leads; "各…" units are
    collectives), plus 县老区办, hosted by 县发展改革局 and named only for a duty. `place`
    is the document's; units named relatively to it (县…, 各镇…) get it, as the parser
    gives them (loaders/places.py); by default the plan has none, nor do its units.
    `funding` is a policy invoked by the first task, `project` a project of the last task
    funded by it; `version` changes the file's bytes (its sha256), not its identity.
    """
    tasks = DEFAULT_TASKS if tasks is None else tasks
    part = Section("s1", "二", "责任分工", 1, None, 1, _SPAN)
    sections = [part]
    plan_tasks: list[Task] = []
    for k, (heading, specs) in enumerate(tasks.items(), start=1):
        section = Section(f"s1.{k}", f"（{k}）", heading, 2, "s1", k, _SPAN)
        sections.append(section)
        for n, (text, units) in enumerate(specs, start=1):
            plan_tasks.append(
                Task(
                    id=f"t1.{k}.{n}",
                    section=section.id,
                    path=("二", section.number, str(n)),
                    text=text,
                    units=tuple(
                        Assignment(
                            name, Role.LEAD if r == 1 else Role.SUPPORT, r, r == 1, name, _SPAN
                        )
                        for r, name in enumerate(units, start=1)
                    ),
                    deadline=None,
                    span=_SPAN,
                    ordinal=len(plan_tasks) + 1,
                )
            )
    names = dict.fromkeys(a.name for t in plan_tasks for a in t.units)
    units = [
        Unit(
            name,
            ALIASES.get(name, ()),
            UnitLevel.COUNTY,
            UnitKind.COLLECTIVE if name[0] == "各" else UnitKind.GOVERNMENT,
            place=unit_place(name, place),
        )
        for name in names
    ]
    duty = Duty("统筹协调", _SPAN)
    units.append(
        Unit(
            "县老区办",
            (),
            UnitLevel.COUNTY,
            UnitKind.GROUP,
            hosted_by="县发展改革局",
            duties=(duty,),
            place=unit_place("县老区办", place),
        )
    )
    policies = []
    if funding and plan_tasks:
        policies.append(
            Policy(
                id=f"policy:funding:{funding}",
                name=funding,
                title=None,
                doc_number=None,
                issuer=None,
                year=None,
                kind=PolicyKind.FUNDING,
                amount="每年5000万元",
                amount_value=5e7,
                ratio=None,
                written_as=(funding,),
                tasks=(plan_tasks[0].id,),
                implemented=False,
                spans=(),
            )
        )
    projects = []
    if project and plan_tasks:
        projects.append(
            Project(
                id=f"project:{project}",
                name=project,
                kind="energy",
                written_as=(project,),
                tasks=(plan_tasks[-1].id,),
                policies=tuple(p.id for p in policies),
                spans=(),
            )
        )
    sha = hashlib.sha256(f"{source}\n{version}\n{tasks!r}".encode()).hexdigest()
    return Plan(
        document=Document(title=title, source=source, sha256=sha, format="txt", place=place),
        sections=tuple(sections),
        tasks=tuple(plan_tasks),
        units=tuple(units),
        policies=tuple(policies),
        projects=tuple(projects),
        goals=(Goal(2025, "到2025年，取得明显进展。", "取得明显进展", _SPAN),),
        warnings=(),
        text="",
    )
