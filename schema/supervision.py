"""The root fields of supervision: me, overdue, progressSummary, orphanedReports,
auditLog (Query inherits them)."""

from __future__ import annotations

import asyncio
import datetime
from typing import Any

import strawberry

from dutygraph.errors import AccessError, ArgumentError, NotFoundError
from dutygraph.graph import audit, nodes, state_filter, task_sort, unit_progress
from dutygraph.graph import supervision as sv
from dutygraph.graph.overdue import overdue_page
from dutygraph.schema.connection import decode_cursor
from dutygraph.schema.context import Context
from dutygraph.schema.inputs import TaskFilter
from dutygraph.schema.limits import check_first
from dutygraph.schema.progress import (
    AssignmentProgress,
    AssignmentProgressConnection,
    AuditConnection,
    Me,
    ProgressReport,
    UnitProgress,
    UnitProgressConnection,
    audit_page,
    progress_page,
    summarize,
    unit_progress_page,
)

Info = strawberry.Info[Context, None]


@strawberry.input(description="Only assignments of this document, section, unit or place.")
class ProgressFilter:
    document: strawberry.ID | None = None
    section: strawberry.ID | None = None
    unit: str | None = strawberry.field(
        default=None,
        description="A unit's canonical name or alias (every place's, unless place is given).",
    )
    place: str | None = None


async def _scope(info: Info, f: ProgressFilter | None) -> dict[str, Any]:
    """The filter as graph/supervision's scope arguments, its unit resolved to uids."""
    f = f or ProgressFilter()
    units = None
    if f.unit:
        rows = await info.context.query(nodes.units_by_name, f.unit, f.place)
        if not rows:
            raise NotFoundError(f"No unit is named {f.unit!r} (canonical name or alias)")
        units = [r["uid"] for r in rows]
    return {"document": f.document, "section": f.section, "units": units, "place": f.place}


async def counts_for(info: Info, f: ProgressFilter | None) -> list[UnitProgress]:
    """Each unit of the filter's assignments counted by state, in plan order; counted
    once a request (progressSummary and silentUnits of one dashboard ask the same)."""
    scope = await _scope(info, f)
    caller = info.context.caller
    key = ("unit_counts", *(repr(scope[k]) for k in sorted(scope)))
    shared = info.context.shared
    if key not in shared:
        shared[key] = asyncio.ensure_future(
            info.context.query(
                unit_progress.unit_counts,
                today=caller.today(),
                soon_days=caller.due_soon_days,
                **scope,
            )
        )
    return summarize(await shared[key])


async def tasks_by_progress(
    info: Info,
    f: TaskFilter,
    units: list[str] | None,
    first: int,
    offset: int,
    sort: str = task_sort.PLAN,
    reverse: bool = False,
) -> tuple[list[dict], int]:
    """`tasks(filter:)` when it asks for a status or a due range: a page of task rows in
    plan order (or `sort`'s) and the total (graph/state_filter)."""
    if f.policy or f.project or f.text:
        raise ArgumentError(
            "status, dueAfter and dueBefore combine with unit, place, role, document and "
            "section, not with policy, project or text"
        )
    return await info.context.query(
        state_filter.tasks_by_state,
        status=f.status.value if f.status else None,
        units=units,
        role=f.role.value if f.role else None,
        place=f.place,
        document=f.document,
        section=f.section,
        due_after=f.due_after,
        due_before=f.due_before,
        sort=sort,
        reverse=reverse,
        first=first,
        offset=offset,
    )


@strawberry.type
class SupervisionQuery:
    @strawberry.field(description="The account this request comes with; null: anonymous.")
    def me(self, info: Info) -> Me | None:
        user = info.context.caller.user
        return Me.from_account(user) if user else None

    @strawberry.field(
        description="Assignments past their due date and not DONE, most overdue first."
    )
    async def overdue(
        self,
        info: Info,
        first: int = 20,
        after: str | None = None,
        filter: ProgressFilter | None = None,
    ) -> AssignmentProgressConnection:
        check_first(first, info.context.limits.max_first)
        offset = decode_cursor(after)
        scope = await _scope(info, filter)
        today = info.context.caller.today()
        late, total = await info.context.query(
            overdue_page, today=today, first=first, offset=offset, **scope
        )
        page = [AssignmentProgress.from_state(s, info) for s in late]
        return progress_page(page, offset, total)

    @strawberry.field(description="Assignments counted by current status, per unit.")
    async def progress_summary(
        self, info: Info, filter: ProgressFilter | None = None, first: int = 100
    ) -> list[UnitProgress]:
        check_first(first, info.context.limits.max_first)
        return (await counts_for(info, filter))[:first]

    @strawberry.field(
        description="Units that have not reported on the filter's assignments since `since` "
        "(their newest own report is older, or there is none): never reported first, then "
        "the longest silent; equal ones in plan order."
    )
    async def silent_units(
        self,
        info: Info,
        since: datetime.date,
        filter: ProgressFilter | None = None,
        first: int = 20,
        after: str | None = None,
    ) -> UnitProgressConnection:
        check_first(first, info.context.limits.max_first)
        offset = decode_cursor(after)
        units = await counts_for(info, filter)
        silent = [u for u in units if u.last_report is None or u.last_report < since]
        silent.sort(key=lambda u: (u.last_report is not None, u.last_report or since))
        return unit_progress_page(silent[offset : offset + first], offset, len(silent))

    @strawberry.field(description="Reports whose task no loaded edition of the plan holds.")
    async def orphaned_reports(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> list[ProgressReport]:
        check_first(first, info.context.limits.max_first)
        rows = await info.context.query(sv.orphaned_reports, first, decode_cursor(after))
        return [ProgressReport.from_row(r) for r in rows]

    @strawberry.field(description="Every write, newest first (admins and supervisors).")
    async def audit_log(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> AuditConnection:
        user = info.context.caller.user
        if user is None:
            raise AccessError("not logged in")
        if user.role not in ("admin", "supervisor"):
            raise AccessError(
                f"{user.login} is a {user.role}: the audit log is for admins and supervisors"
            )
        check_first(first, info.context.limits.max_first)
        offset = decode_cursor(after)
        rows, total = await info.context.query(audit.entries, first, offset)
        return audit_page(rows, offset, total)
