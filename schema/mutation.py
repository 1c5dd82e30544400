"""The root Mutation: progress reports, comments and returns, each checked and audited.

Who may write what is decided here from the caller's account alone (schema/access.py);
no argument can widen it: the author, time, kind and status RETURNED are never taken
from the request, and a reporter's unit is its account's.
"""

from __future__ import annotations

import datetime

import strawberry

from dutygraph.errors import AccessError, ArgumentError, NotFoundError
from dutygraph.graph import nodes
from dutygraph.graph import supervision as sv
from dutygraph.graph.accounts import User
from dutygraph.graph.audit import audit_row
from dutygraph.graph.store import Store
from dutygraph.schema.access import Caller
from dutygraph.schema.context import Context
from dutygraph.schema.enums import ProgressStatus, ReportKind
from dutygraph.schema.progress import Comment, ProgressReport

Info = strawberry.Info[Context, None]
MAX_NOTE = 2000  # characters of a note, reason or comment


def _text(value: str | None, name: str, required: bool = False) -> str | None:
    value = (value or "").strip() or None
    if required and value is None:
        raise ArgumentError(f"`{name}` must not be empty")
    if value is not None and len(value) > MAX_NOTE:
        raise ArgumentError(f"`{name}` is {len(value)} characters; the limit is {MAX_NOTE}")
    return value


def _report(
    store: Store,
    caller: Caller,
    task: str,
    unit: str | None,
    status: ProgressStatus,
    percent: int | None,
    note: str | None,
    as_of: datetime.date | None,
) -> dict:
    user = caller.writer()
    if user.role != "reporter":
        raise AccessError(f"{user.login} is a {user.role}: only a reporter reports progress")
    if status is ProgressStatus.RETURNED:
        raise AccessError("RETURNED is set by a supervisor, through returnProgress")
    if percent is not None and not 0 <= percent <= 100:
        raise ArgumentError(f"`percent` must be between 0 and 100; got {percent}")
    note = _text(note, "note")
    row = sv.task_row(store, task)
    if row is None:
        raise NotFoundError(f"no task {task!r}")
    own = user.unit or ""
    if unit is not None and unit != own:
        other = nodes.units_by_uid(store, [unit])
        owner = other[0]["name"] if other else unit
        raise AccessError(f"{user.unit_name} may not report on {owner}'s assignment")
    if sv.assignment(store, task, own) is None:
        raise AccessError(f"{user.unit_name} is not assigned to task {row['code']}")
    now = caller.clock()
    report = sv.report_props(
        uid=sv.new_uid("report"),
        kind=ReportKind.PROGRESS,
        task=task,
        unit=own,
        unit_name=user.unit_name,
        document=row["document"],
        section_path=list(row["path"] or [])[:-1],
        task_text=row["text"],
        code=row["code"],
        status=status,
        percent=percent,
        note=note,
        as_of=(as_of or now.date()).isoformat(),
        at=now.isoformat(),
        seq=sv.sequence(),
        by=user.login,
        orphaned=False,
    )
    what = f"reportProgress task={task} unit={own} status={status.value}"
    sv.add_report(store, report, audit_row(user.login, what, caller.address, now))
    return report


def _supervised(store: Store, user: User, report: str, verb: str) -> dict:
    """The report a supervisor (or admin) may act on, else AccessError/NotFoundError."""
    if user.role not in ("supervisor", "admin"):
        raise AccessError(f"{user.login} is a {user.role}: only a supervisor {verb}")
    row = sv.report_by_uid(store, report)
    if row is None:
        raise NotFoundError(f"no report {report!r}")
    if user.document and row["document"] != user.document:
        raise AccessError(f"{user.login} supervises another document")
    return row


def _return(store: Store, caller: Caller, report: str, reason: str) -> dict:
    user = caller.writer()
    row = _supervised(store, user, report, "returns reports")
    reason_text = _text(reason, "reason", required=True)
    if row["kind"] != ReportKind.PROGRESS:
        raise ArgumentError("only a progress report can be returned")
    current = sv.latest_reports(store, [row["task"]]).get((row["task"], row["unit"]))
    if current is None or current["uid"] != row["uid"]:
        raise ArgumentError("only the latest report of an assignment can be returned")
    task = sv.task_row(store, row["task"])
    now = caller.clock()
    back = sv.report_props(
        uid=sv.new_uid("report"),
        kind=ReportKind.RETURN,
        task=row["task"],
        unit=row["unit"],
        unit_name=row["unit_name"],
        document=row["document"],
        section_path=list(task["path"] or [])[:-1] if task else None,
        task_text=task["text"] if task else None,
        code=row.get("code"),
        status=ProgressStatus.RETURNED,
        percent=row.get("percent"),
        note=reason_text,
        as_of=now.date().isoformat(),
        at=now.isoformat(),
        seq=sv.sequence(),
        by=user.login,
        returns=row["uid"],
        orphaned=bool(row.get("orphaned")),
    )
    what = f"returnProgress report={row['uid']}"
    sv.add_report(store, back, audit_row(user.login, what, caller.address, now))
    return back


def _comment(store: Store, caller: Caller, report: str, text: str) -> dict:
    user = caller.writer()
    row = _supervised(store, user, report, "comments on reports")
    now = caller.clock()
    comment = {
        "uid": sv.new_uid("comment"),
        "report": row["uid"],
        "text": _text(text, "text", required=True),
        "at": now.isoformat(),
        "seq": sv.sequence(),
        "by": user.login,
    }
    what = f"commentProgress report={row['uid']}"
    sv.add_comment(store, comment, audit_row(user.login, what, caller.address, now))
    return comment


@strawberry.type
class Mutation:
    @strawberry.mutation(
        description="Report progress on an assignment (reporters only; `unit` defaults to, "
        "and may only be, the reporter's own unit)."
    )
    async def report_progress(
        self,
        info: Info,
        task: strawberry.ID,
        status: ProgressStatus,
        unit: strawberry.ID | None = None,
        percent: int | None = None,
        note: str | None = None,
        as_of: datetime.date | None = None,
    ) -> ProgressReport:
        c = info.context
        row = await c.query(_report, c.caller, task, unit, status, percent, note, as_of)
        return ProgressReport.from_row(row)

    @strawberry.mutation(description="Comment on a report (supervisors and admins).")
    async def comment_progress(self, info: Info, report: strawberry.ID, text: str) -> Comment:
        c = info.context
        return Comment.from_row(await c.query(_comment, c.caller, report, text))

    @strawberry.mutation(
        description="Send an assignment's latest report back with a reason (supervisors "
        "and admins): the assignment's state becomes RETURNED."
    )
    async def return_progress(
        self, info: Info, report: strawberry.ID, reason: str
    ) -> ProgressReport:
        c = info.context
        return ProgressReport.from_row(await c.query(_return, c.caller, report, reason))
