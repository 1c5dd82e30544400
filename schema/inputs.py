"""Filter inputs of the root fields."""

from __future__ import annotations

import datetime
from enum import Enum

import strawberry

from dutygraph.schema.enums import ProgressStatus, Role, UnitKind, UnitLevel


@strawberry.input(description="All given conditions must hold.")
class TaskFilter:
    unit: str | None = strawberry.field(
        default=None,
        description="A unit's canonical name or alias: 县发改局. Takes every unit of that "
        "name, in every place naming it (each county's 县发展改革局), unless place is given.",
    )
    place: str | None = strawberry.field(
        default=None, description="Only the unit of this place (陆河县); needs unit."
    )
    role: Role | None = strawberry.field(default=None, description="The unit's role; needs unit.")
    document: strawberry.ID | None = None
    section: strawberry.ID | None = None
    policy: strawberry.ID | None = None
    project: strawberry.ID | None = None
    text: str | None = strawberry.field(default=None, description="A substring of the task text.")
    status: ProgressStatus | None = strawberry.field(
        default=None,
        description="Tasks with an assignment in this state (unreported counts as "
        "NOT_STARTED); with unit, that unit's assignment.",
    )
    due_after: datetime.date | None = strawberry.field(
        default=None, description="Tasks due on or after this date."
    )
    due_before: datetime.date | None = strawberry.field(
        default=None, description="Tasks due on or before this date."
    )

    @property
    def by_progress(self) -> bool:
        return bool(self.status or self.due_after or self.due_before)


@strawberry.enum(
    description="The order of a task list; equal keys keep plan order. PLAN: document by "
    "document, as printed. DUE: earliest due date first, none last. STATUS: by the newest "
    "report's state (a return included): RETURNED, BLOCKED, NOT_STARTED (no report counts "
    "as NOT_STARTED), IN_PROGRESS, DONE. REPORTED: newest report first, never reported "
    "last. UNIT: by the lead unit's name (the first by name when several lead)."
)
class TaskSort(Enum):
    PLAN = "plan"
    DUE = "due"
    STATUS = "status"
    REPORTED = "reported"
    UNIT = "unit"


@strawberry.input
class UnitFilter:
    text: str | None = strawberry.field(default=None, description="A substring of name or alias.")
    kind: UnitKind | None = None
    level: UnitLevel | None = None
    place: str | None = strawberry.field(
        default=None, description="Only units named relatively to this place (陆河县)."
    )


@strawberry.input
class ProjectFilter:
    text: str | None = None
    kind: str | None = None


@strawberry.input(description="Count only tasks of this document or section.")
class WorkloadFilter:
    document: strawberry.ID | None = None
    section: strawberry.ID | None = None
