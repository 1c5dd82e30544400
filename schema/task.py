"""Task, its source span, and Assignment (a unit's role on a task)."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from dutygraph.graph.columns import ALL_UNIT_PROPS
from dutygraph.schema.context import Context
from dutygraph.schema.document import document_of, section_of
from dutygraph.schema.enums import Role
from dutygraph.schema.loaders import now_or_later
from dutygraph.schema.progress import (
    AssignmentProgress,
    ProgressReport,
    assignment_due_date,
    assignment_progress,
    task_of,
    task_progress,
    task_reports,
)
from dutygraph.schema.selection import selected

if TYPE_CHECKING:
    from dutygraph.schema.policy import Policy, Project
    from dutygraph.schema.unit import Unit

Info = strawberry.Info[Context, None]


def assignment_props(info: Info, *node: str) -> frozenset[str] | None:
    """The unit columns that the tasks at path `node` below a list field read through
    `assignments { unit {…} }` and `units {…}`, or None when they ask for neither. A list
    of tasks that asks loads the assignments of the whole list at once, with only those
    columns."""
    if not selected(info, *node) & {"assignments", "units"}:
        return None
    from dutygraph.schema.unit import unit_props

    return unit_props(selected(info, *node, "assignments", "unit") | selected(info, *node, "units"))


@strawberry.type(description="Where a task is printed: characters of the plan text, and the line.")
class SourceSpan:
    start: int
    end: int
    line: int = strawberry.field(description="1-based line (paragraph, table row) of the file.")
    text: str | None = strawberry.field(
        description="The passage as printed, numbering and responsibility clause included."
    )


@strawberry.type(description="One numbered task of a plan.")
class Task:
    uid: strawberry.ID
    code: str = strawberry.field(description='Section and task numbers joined: "二（一）1".')
    path: list[str]
    text: str
    deadline: str | None
    ordinal: int = strawberry.field(description="Position among all tasks of its plan.")
    source: SourceSpan
    document_uid: strawberry.Private[str]
    section_uid: strawberry.Private[str]
    # the unit columns its assignments are fetched with (see assignment_props)
    unit_props: strawberry.Private[frozenset[str]] = ALL_UNIT_PROPS

    @classmethod
    def from_row(cls, row: dict[str, Any], unit_props: frozenset[str] | None = None) -> Task:
        return cls(
            uid=strawberry.ID(row["uid"]),
            code=row["code"],
            path=list(row.get("path") or []),
            text=row["text"],
            deadline=row.get("deadline"),
            ordinal=row["ordinal"],
            source=SourceSpan(
                start=row["start"], end=row["end"], line=row["line"], text=row.get("passage")
            ),
            document_uid=row["document"],
            section_uid=row["section"],
            unit_props=ALL_UNIT_PROPS if unit_props is None else unit_props,
        )

    document = strawberry.field(resolver=document_of)
    section = strawberry.field(resolver=section_of)

    # Sync resolvers: a list of tasks loads its assignments ahead (assignment_props), and
    # then these answer without being awaited.
    @strawberry.field(
        description="The units on this task in printed order, lead first.",
        graphql_type=list[Annotated["Assignment", strawberry.lazy("dutygraph.schema.task")]],
    )
    def assignments(
        self, info: Info, role: Role | None = None
    ) -> list[Assignment] | Awaitable[list[Assignment]]:
        rows = info.context.loaders.assignments_of_tasks(self.unit_props).load(str(self.uid))
        return now_or_later(rows, partial(_assignments, role=role))

    @strawberry.field(
        description="The units on this task, in printed order.",
        graphql_type=list[Annotated["Unit", strawberry.lazy("dutygraph.schema.unit")]],
    )
    def units(self, info: Info, role: Role | None = None) -> list[Unit] | Awaitable[list[Unit]]:
        rows = info.context.loaders.assignments_of_tasks(self.unit_props).load(str(self.uid))
        return now_or_later(rows, lambda rows: [a.unit for a in _assignments(rows, role)])

    progress: list[AssignmentProgress] = strawberry.field(
        resolver=task_progress,
        description="The current state of each of its assignments (supervision).",
    )
    reports: list[ProgressReport] = strawberry.field(
        resolver=task_reports, description="Its progress reports and returns, newest first."
    )

    @strawberry.field
    async def policies(
        self, info: Info
    ) -> list[Annotated[Policy, strawberry.lazy("dutygraph.schema.policy")]]:
        from dutygraph.schema.policy import Policy

        rows = await info.context.loaders.policies_of_tasks.load(str(self.uid))
        return [Policy.from_row(row) for row in rows]

    @strawberry.field
    async def projects(
        self, info: Info
    ) -> list[Annotated[Project, strawberry.lazy("dutygraph.schema.policy")]]:
        from dutygraph.schema.policy import Project

        rows = await info.context.loaders.projects_of_tasks.load(str(self.uid))
        return [Project.from_row(row) for row in rows]


@strawberry.type(description="A unit's part in a task (RESPONSIBLE_FOR).")
class Assignment:
    unit: Annotated[Unit, strawberry.lazy("dutygraph.schema.unit")]
    role: Role
    rank: int = strawberry.field(description="1-based position in the printed list of units.")
    inferred: bool = strawberry.field(
        description="True when the text did not say who leads and the first unit was taken."
    )
    written: str | None = strawberry.field(description="The unit as printed, e.g. 县发改局.")
    task_uid: strawberry.Private[str]
    progress: ProgressReport | None = strawberry.field(
        resolver=assignment_progress, description="The latest report on this assignment."
    )
    due_date: datetime.date | None = strawberry.field(
        resolver=assignment_due_date, description="The task's deadline read as a date."
    )

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Assignment:
        """From a row of graph/relations.assignments_of_tasks (with the unit's columns)."""
        from dutygraph.schema.unit import Unit

        return cls(
            unit=Unit.from_row(row),
            role=Role(row["role"]),
            rank=row["rank"],
            inferred=bool(row.get("inferred")),
            written=row.get("written"),
            task_uid=row["task"],
        )

    task = strawberry.field(resolver=task_of)


def _assignments(rows: list[dict[str, Any]], role: Role | None) -> list[Assignment]:
    found = [Assignment.from_row(row) for row in rows]
    return [a for a in found if role is None or a.role == role]
