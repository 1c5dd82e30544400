"""What a parsed plan holds, in counts: what an admin checks before loading it."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Plan


@dataclass(frozen=True, slots=True)
class Summary:
    sections: int
    tasks: int
    assignments: int
    units: int
    policies: int
    projects: int
    goals: int
    # Lead coverage: tasks whose lead the plan names, tasks whose lead was inferred (the
    # first listed unit taken), and tasks with no lead (no unit, or supporting ones only).
    lead_named: int
    lead_inferred: int
    lead_missing: int


def summarize(plan: Plan) -> Summary:
    named = inferred = missing = 0
    for task in plan.tasks:
        leads = [a for a in task.units if a.role == "lead"]
        if not leads:
            missing += 1
        elif all(a.inferred for a in leads):
            inferred += 1
        else:
            named += 1
    return Summary(
        sections=len(plan.sections),
        tasks=len(plan.tasks),
        assignments=sum(len(t.units) for t in plan.tasks),
        units=len(plan.units),
        policies=len(plan.policies),
        projects=len(plan.projects),
        goals=len(plan.goals),
        lead_named=named,
        lead_inferred=inferred,
        lead_missing=missing,
    )
