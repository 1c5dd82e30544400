"""Supervision types: progress reports, comments, an assignment's state and due date,
per-unit summaries, the caller's account and the audit log."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any, Protocol

import strawberry

from dutygraph.graph import supervision as sv
from dutygraph.graph.accounts import User as Account
from dutygraph.graph.unit_progress import UnitCounts
from dutygraph.loaders.deadlines import Due as DueRecord
from dutygraph.schema.connection import PageInfo, decode_cursor, encode_cursor
from dutygraph.schema.context import Context
from dutygraph.schema.enums import AccountRole, ProgressStatus, Recurrence, ReportKind, Role
from dutygraph.schema.limits import check_first
from dutygraph.schema.unit import Unit, unit_of

if TYPE_CHECKING:
    from dutygraph.schema.task import Task

Info = strawberry.Info[Context, None]


class _OnTask(Protocol):
    @property
    def task_uid(self) -> str: ...


# The one resolver of every `task` field that follows a task's uid (an assignment's, its
# progress's, a report's). Here, not in schema/task.py, which imports this module for the
# progress fields of Task: Task is imported when first called.
async def task_of(
    root: _OnTask, info: Info
) -> Annotated[Task, strawberry.lazy("dutygraph.schema.task")] | None:
    from dutygraph.schema.task import Task

    row = await info.context.loaders.tasks.load(root.task_uid)
    return Task.from_row(row) if row else None


@strawberry.type(description="A deadline as printed and as read: a date, a cycle, or neither.")
class Due:
    text: str = strawberry.field(description="As printed: 2025年底, 6月底前, 长期坚持, 每季度.")
    date: datetime.date | None = strawberry.field(description="Null for standing duties.")
    recurrence: Recurrence | None

    @classmethod
    def from_record(cls, due: DueRecord | None) -> Due | None:
        if due is None:
            return None
        return cls(
            text=due.text,
            date=due.date,
            recurrence=due.recurrence,
        )


@strawberry.type(description="A supervisor's comment on a report.")
class Comment:
    uid: strawberry.ID
    text: str
    at: datetime.datetime
    author: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Comment:
        return cls(
            uid=strawberry.ID(row["uid"]),
            text=row["text"],
            at=datetime.datetime.fromisoformat(row["at"]),
            author=row["by"],
        )


@strawberry.type(description="One report on a (task, unit) assignment; reports are append-only.")
class ProgressReport:
    uid: strawberry.ID
    kind: ReportKind
    status: ProgressStatus
    percent: int | None
    note: str | None = strawberry.field(description="The progress note, or the return's reason.")
    as_of: datetime.date | None = strawberry.field(description="The date the report refers to.")
    at: datetime.datetime = strawberry.field(description="When it was written (server time).")
    author: str = strawberry.field(description="The login of the account that wrote it.")
    unit_name: str
    code: str | None = strawberry.field(description="The task's code when it was last seen.")
    orphaned: bool = strawberry.field(
        description="True when its task is in no loaded edition of the plan any more."
    )
    returns: strawberry.ID | None = strawberry.field(description="The report sent back.")
    task_uid: strawberry.Private[str]
    unit_uid: strawberry.Private[str]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ProgressReport:
        return cls(
            uid=strawberry.ID(row["uid"]),
            kind=ReportKind(row["kind"]),
            status=ProgressStatus(row["status"]),
            percent=row.get("percent"),
            note=row.get("note"),
            as_of=datetime.date.fromisoformat(row["as_of"]) if row.get("as_of") else None,
            at=datetime.datetime.fromisoformat(row["at"]),
            author=row["by"],
            unit_name=row["unit_name"],
            code=row.get("code"),
            orphaned=bool(row.get("orphaned")),
            returns=strawberry.ID(row["returns"]) if row.get("returns") else None,
            task_uid=row["task"],
            unit_uid=row["unit"],
        )

    @strawberry.field(description="The task it is on; null when orphaned.")
    async def task(
        self, info: Info
    ) -> Annotated[Task, strawberry.lazy("dutygraph.schema.task")] | None:
        return None if self.orphaned else await task_of(self, info)

    unit = strawberry.field(
        resolver=unit_of,
        graphql_type=Unit | None,
        description="The unit reported for; null when no plan names it now.",
    )

    @strawberry.field(description="Supervisors' comments, oldest first (at most 1000).")
    async def comments(self, info: Info) -> list[Comment]:
        loader = info.context.loaders.with_args(sv.comments_of_reports, key="report")
        return [Comment.from_row(r) for r in await loader.load(str(self.uid))]


@strawberry.type(description="An assignment's current state: due date, latest report, lateness.")
class AssignmentProgress:
    role: Role
    due: Due | None
    due_date: datetime.date | None
    status: ProgressStatus | None = strawberry.field(
        description="The latest report's status; null when the unit has not reported."
    )
    report: ProgressReport | None = strawberry.field(description="The latest report.")
    overdue: bool = strawberry.field(description="Its due date has passed and it is not DONE.")
    due_soon: bool = strawberry.field(description="Due within the server's due-soon window.")
    task_uid: strawberry.Private[str]
    unit_uid: strawberry.Private[str]

    @classmethod
    def from_state(cls, state: sv.AssignmentState, info: Info) -> AssignmentProgress:
        caller = info.context.caller
        today = caller.today()
        return cls(
            role=Role(state.row["role"]),
            due=Due.from_record(state.due),
            due_date=state.due_date,
            status=ProgressStatus(state.status) if state.status else None,
            report=ProgressReport.from_row(state.latest) if state.latest else None,
            overdue=state.overdue(today),
            due_soon=state.due_soon(today, caller.due_soon_days),
            task_uid=state.row["task"],
            unit_uid=state.row["unit"],
        )

    task = strawberry.field(resolver=task_of)
    unit = strawberry.field(resolver=unit_of, graphql_type=Unit | None)


@strawberry.type
class AssignmentProgressEdge:
    cursor: str
    node: AssignmentProgress


@strawberry.type
class AssignmentProgressConnection:
    edges: list[AssignmentProgressEdge]
    page_info: PageInfo
    total_count: int


def progress_page(
    nodes: list[AssignmentProgress], offset: int, total: int
) -> AssignmentProgressConnection:
    edges = [
        AssignmentProgressEdge(cursor=encode_cursor(offset + i), node=n)
        for i, n in enumerate(nodes)
    ]
    return AssignmentProgressConnection(
        edges=edges, page_info=_page_info(edges, offset, total), total_count=total
    )


@strawberry.type(description="One unit's assignments counted by current status.")
class UnitProgress:
    total: int
    unreported: int = strawberry.field(description="Assignments with no report yet.")
    not_started: int
    in_progress: int
    done: int
    blocked: int
    returned: int
    overdue: int
    due_soon: int
    last_report: datetime.date | None = strawberry.field(
        description="The day (server time, as a report's `at`) of the unit's newest report "
        "of its own on these assignments (a supervisor's return is none); null: never."
    )
    unit_uid: strawberry.Private[str]

    unit = strawberry.field(resolver=unit_of, graphql_type=Unit | None)


@strawberry.type
class UnitProgressEdge:
    cursor: str
    node: UnitProgress


@strawberry.type
class UnitProgressConnection:
    edges: list[UnitProgressEdge]
    page_info: PageInfo
    total_count: int


def unit_progress_page(
    nodes: list[UnitProgress], offset: int, total: int
) -> UnitProgressConnection:
    edges = [
        UnitProgressEdge(cursor=encode_cursor(offset + i), node=n) for i, n in enumerate(nodes)
    ]
    return UnitProgressConnection(
        edges=edges, page_info=_page_info(edges, offset, total), total_count=total
    )


def summarize(counted: list[UnitCounts]) -> list[UnitProgress]:
    """graph/unit_progress's counts as the API's rows, in their order."""
    return [
        UnitProgress(
            total=c.total,
            unreported=c.unreported,
            not_started=c.statuses[sv.ProgressStatus.NOT_STARTED],
            in_progress=c.statuses[sv.ProgressStatus.IN_PROGRESS],
            done=c.statuses[sv.ProgressStatus.DONE],
            blocked=c.statuses[sv.ProgressStatus.BLOCKED],
            returned=c.statuses[sv.ProgressStatus.RETURNED],
            overdue=c.overdue,
            due_soon=c.due_soon,
            last_report=_day(c.last_report),
            unit_uid=c.unit,
        )
        for c in counted
    ]


def _day(at: str | None) -> datetime.date | None:
    return datetime.datetime.fromisoformat(at).date() if at else None


@strawberry.type(description="The account a request comes with.")
class Me:
    login: str
    role: AccountRole
    unit_name: str | None = strawberry.field(description="A reporter's unit.")
    place: str | None
    document: strawberry.ID | None = strawberry.field(
        description="The one document a supervisor is bound to; null: all."
    )
    unit_uid: strawberry.Private[str | None]

    @classmethod
    def from_account(cls, user: Account) -> Me:
        return cls(
            login=user.login,
            role=AccountRole(user.role),
            unit_name=user.unit_name,
            place=user.place,
            document=strawberry.ID(user.document) if user.document else None,
            unit_uid=user.unit,
        )

    unit = strawberry.field(resolver=unit_of, graphql_type=Unit | None)


@strawberry.type(description="One write: who made it, when, what, from which address.")
class AuditEntry:
    at: datetime.datetime
    who: str
    what: str
    address: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> AuditEntry:
        return cls(
            at=datetime.datetime.fromisoformat(row["at"]),
            who=row["who"],
            what=row["what"],
            address=row.get("ip"),
        )


@strawberry.type
class AuditEdge:
    cursor: str
    node: AuditEntry


@strawberry.type
class AuditConnection:
    edges: list[AuditEdge]
    page_info: PageInfo
    total_count: int


def audit_page(rows: list[dict[str, Any]], offset: int, total: int) -> AuditConnection:
    edges = [
        AuditEdge(cursor=encode_cursor(offset + i), node=AuditEntry.from_row(r))
        for i, r in enumerate(rows)
    ]
    return AuditConnection(
        edges=edges, page_info=_page_info(edges, offset, total), total_count=total
    )


def _page_info(edges: list[Any], offset: int, total: int) -> PageInfo:
    return PageInfo(
        has_next_page=offset + len(edges) < total,
        has_previous_page=offset > 0,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )


# --- fields of Task and Assignment (declared in schema/task.py with these resolvers) ------


async def task_progress(root: Any, info: Info) -> list[AssignmentProgress]:
    states = await info.context.loaders.assignment_states.load(str(root.uid))
    return [AssignmentProgress.from_state(s, info) for s in states]


async def task_reports(
    root: Any, info: Info, first: int = 20, after: str | None = None
) -> list[ProgressReport]:
    check_first(first, info.context.limits.max_first)
    loader = info.context.loaders.with_args(
        sv.reports_of_tasks, key="task", limit=first, offset=decode_cursor(after)
    )
    return [ProgressReport.from_row(r) for r in await loader.load(str(root.uid))]


async def _state(root: Any, info: Info) -> sv.AssignmentState | None:
    states = await info.context.loaders.assignment_states.load(root.task_uid)
    return next((s for s in states if s.row["unit"] == str(root.unit.uid)), None)


async def assignment_progress(root: Any, info: Info) -> ProgressReport | None:
    state = await _state(root, info)
    return ProgressReport.from_row(state.latest) if state and state.latest else None


async def assignment_due_date(root: Any, info: Info) -> datetime.date | None:
    state = await _state(root, info)
    return state.due_date if state else None
