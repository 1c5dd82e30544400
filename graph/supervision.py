"""Supervision (督查督办): progress reports on assignments, comments, returns, and the
state of each assignment they add up to.

(:Report {uid, kind, task, unit, unit_name, document, section_path, task_text, code,
          status, percent, note, as_of, at, seq, by, returns, orphaned})
(:Comment {uid, report, text, at, seq, by})
A report belongs to one (task, unit) assignment; `kind` is "progress" (a reporter's) or
"return" (a supervisor sending the current report back: status RETURNED, the reason as
note). Reports are append-only: the latest (highest `seq`) per assignment is its current
state. They refer to their task and unit by uid, as properties, not edges: a load deletes
and recreates a document's tasks, and with them every edge to them, while a property
survives. After every load `reattach` points each report of the document at the task it
was written for (the same uid or, when tasks were renumbered or reworded, a task of the
same section path with nearly the same text) or marks it orphaned; nothing deletes one.
"""

from __future__ import annotations

import datetime
import difflib
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from dutygraph.graph.audit import CREATE_AUDIT
from dutygraph.graph.columns import Row, read_batched
from dutygraph.graph.store import Store, param_chunks
from dutygraph.graph.task_filter import SECTION_DEPTH
from dutygraph.loaders.deadlines import Due, due, plan_year


class ProgressStatus(StrEnum):
    """Where an assignment stands, as its latest report says."""

    NOT_STARTED = "NOT_STARTED"
    IN_PROGRESS = "IN_PROGRESS"
    DONE = "DONE"
    BLOCKED = "BLOCKED"
    RETURNED = "RETURNED"  # set only by a return


class ReportKind(StrEnum):
    """A reporter's report, or a supervisor sending one back."""

    PROGRESS = "progress"
    RETURN = "return"


STATUSES = tuple(ProgressStatus)
# How alike a task's text must stay across editions to keep its reports (difflib ratio):
# a reworded clause keeps them, another task of the same section does not.
SAME_TASK = 0.75

_REPORT_PROPS = (
    "uid kind task unit unit_name document code status percent note as_of at seq by "
    "returns orphaned"
)
REPORT = ", ".join(f"r.{p} AS {p}" for p in _REPORT_PROPS.split())

_ASSIGNMENT = """MATCH (u:Unit {uid: $unit})-[a:RESPONSIBLE_FOR]->(t:Task {uid: $task})
RETURN u.name AS unit_name, a.role AS role"""
_TASK_UNITS = """MATCH (u:Unit)-[a:RESPONSIBLE_FOR]->(t:Task {uid: $task})
RETURN u.uid AS uid, u.name AS name ORDER BY a.rank"""
_TASK = """MATCH (t:Task {uid: $task})
RETURN t.uid AS uid, t.document AS document, t.code AS code, t.path AS path, t.text AS text"""
_ADD_REPORT = f"CREATE (r:Report) SET r = $report\nWITH count(*) AS _\n{CREATE_AUDIT}"
_ADD_COMMENT = f"CREATE (c:Comment) SET c = $comment\nWITH count(*) AS _\n{CREATE_AUDIT}"
_REPORT_BY_UID = f"MATCH (r:Report {{uid: $uid}}) RETURN {REPORT}"
# Every report of the tasks, unordered: picking each assignment's latest here costs a
# fraction of ORDER BY + collect() in the store (35 against 160-250 ms for 880 reports).
_OF_TASKS = f"""UNWIND $uids AS key MATCH (r:Report {{task: key}}) WHERE NOT r.orphaned
RETURN {REPORT}"""
_COMMENTS = """UNWIND $uids AS key MATCH (c:Comment {report: key})
RETURN c.uid AS uid, c.report AS report, c.text AS text, c.at AS at, c.by AS by, c.seq AS seq"""
_ORPHANED = f"""MATCH (r:Report) WHERE r.orphaned
RETURN {REPORT}, r.task_text AS task_text ORDER BY seq DESC SKIP $offset LIMIT $limit"""
_OF_DOCUMENT = """MATCH (r:Report {document: $document})
RETURN r.uid AS uid, r.task AS task, r.section_path AS section_path, r.task_text AS text,
       r.code AS code, r.orphaned AS orphaned"""
_TASKS_OF_DOCUMENT = """MATCH (t:Task {document: $document})
RETURN t.uid AS uid, t.path AS path, t.text AS text, t.code AS code, t.deadline AS deadline
ORDER BY t.ordinal"""
_MOVE = """UNWIND $moves AS m MATCH (r:Report {uid: m.uid})
SET r.task = m.task, r.orphaned = m.orphaned, r.task_text = m.text, r.code = m.code"""

# The assignments that overdue lists, summaries and 督办清单 are made of: the tasks from the
# most selective condition given (their uids, a section, a document; indexed), then their
# units, narrowed by the unit conditions. Values travel as parameters.
# the units matched after a WITH: in one MATCH with the tasks' FalkorDB 4.16 walks a heavy
# unit's 45,000 edges for each task when a unit is given (5 s against 8 ms for 1,000 tasks)
_FROM_TASKS = "UNWIND $tasks AS key MATCH (t:Task {uid: key}) WITH t"
_FROM_SECTION = (
    f"MATCH (:Section {{uid: $section}})-[:HAS_SECTION*0..{SECTION_DEPTH}]->(:Section)"
    "-[:HAS_TASK]->(t:Task)\nWITH DISTINCT t"
)
_FROM_DOCUMENT = "MATCH (t:Task {document: $document})"
_FROM_UNITS = "MATCH (u:Unit)-[a:RESPONSIBLE_FOR]->(t:Task)"
_UNITS_OF_TASKS = "MATCH (u:Unit)-[a:RESPONSIBLE_FOR]->(t)"
ASSIGNMENT_COLUMNS = """t.uid AS task, t.code AS code, t.text AS text, t.deadline AS deadline,
       t.document AS document, t.ordinal AS ordinal, u.uid AS unit, u.name AS unit_name,
       u.place AS place, a.role AS role, a.rank AS rank, d.date AS doc_date,
       d.title AS doc_title"""
# The document looked up after a WITH: as part of the MATCH before it, FalkorDB 4.16 scans
# every document for each assignment (840 against 150 ms for 9,900 assignments).
_ASSIGNMENT_ROWS = f"""WITH t, u, a MATCH (d:Document) WHERE d.uid = t.document
RETURN {ASSIGNMENT_COLUMNS}
ORDER BY document, ordinal, rank"""


# Tasks due in a range: by the due date stored at load, and every task with a deadline
# loaded before due dates were stored (no `due`), whose date the caller reads from the text.
# Never a bare range on t.due: FalkorDB 4.16 answers it from the Task.due index, which
# (here, after a graph was emptied and loaded again) ignored the upper bound; behind the
# OR the store tests each task.
_DUE_BOUNDS = (("t.due >= $due_from", "due_from"), ("t.due <= $due_to", "due_to"))
_DUE = "(t.due IS NULL AND t.deadline IS NOT NULL OR t.due <> '' AND {})"


def due_condition(due_from: bool, due_to: bool) -> str | None:
    """The condition on t for a due range ($due_from, $due_to: those given), or None."""
    given = {"due_from": due_from, "due_to": due_to}
    bounds = [bound for bound, name in _DUE_BOUNDS if given[name]]
    return _DUE.format(" AND ".join(bounds)) if bounds else None


# Is there a task with a deadline and no stored due date (its date read from the text)?
UNSTORED_DUE = "MATCH (t:Task) WHERE t.due IS NULL AND t.deadline IS NOT NULL RETURN 1 LIMIT 1"


def assignments_query(
    tasks: bool, section: bool, document: bool, units: bool, place: bool,
    due_from: bool = False, due_to: bool = False, tail: str = _ASSIGNMENT_ROWS,
    role: bool = False,
) -> str:  # fmt: skip
    """The statement for the conditions given (True: given): the scope's assignments
    (u, a, t bound) and then `tail` (a row per assignment, by default)."""
    start = (
        _FROM_TASKS if tasks else _FROM_SECTION if section else _FROM_DOCUMENT if document
        else None
    )  # fmt: skip
    # from the units' side when no task condition is given: the store walks the edges out
    # of 300 units faster than into 50,000 tasks (0.25 s against 1 s at 1,000 plans)
    lines = [_FROM_UNITS] if start is None else [start, _UNITS_OF_TASKS]
    conditions = [
        condition
        for condition, given in (
            ("u.uid IN $units", units),
            ("t.document = $document", document and start != _FROM_DOCUMENT),
            ("u.place = $place", place),
            ("a.role = $role", role),
        )
        if given
    ]
    due = due_condition(due_from, due_to)
    if due:
        conditions.insert(0, due)
    if conditions:
        lines.append("WHERE " + " AND ".join(conditions))
    return "\n".join([*lines, tail])


@dataclass(frozen=True, slots=True)
class AssignmentState:
    """One (task, unit) assignment with its due date and current report (None: none yet)."""

    row: Row  # a row of _ASSIGNMENT_ROWS
    due: Due | None
    latest: Row | None
    # when the unit last reported on it itself (`at`); a supervisor's return is no report
    reported_at: str | None = None

    @property
    def status(self) -> str | None:
        return self.latest["status"] if self.latest else None

    @property
    def due_date(self) -> datetime.date | None:
        return self.due.date if self.due else None

    def overdue(self, today: datetime.date) -> bool:
        """Its due date has passed and it is not DONE."""
        return (
            self.due_date is not None
            and self.due_date < today
            and self.status != ProgressStatus.DONE
        )

    def due_soon(self, today: datetime.date, days: int) -> bool:
        """Due within `days` from today (today included) and not DONE."""
        return (
            self.due_date is not None
            and today <= self.due_date <= today + datetime.timedelta(days=days)
            and self.status != ProgressStatus.DONE
        )


def new_uid(kind: str) -> str:
    return f"{kind}:{uuid.uuid4().hex}"


def sequence() -> int:
    """Orders reports and comments by when they were written, whatever clock `at` used."""
    return time.time_ns()


def task_row(store: Store, task: str) -> Row | None:
    rows = store.read(_TASK, {"task": task})
    return rows[0] if rows else None


def assignment(store: Store, task: str, unit: str) -> Row | None:
    """The unit's name and role on the task, or None when the unit is not on it."""
    rows = store.read(_ASSIGNMENT, {"task": task, "unit": unit})
    return rows[0] if rows else None


def task_units(store: Store, task: str) -> list[Row]:
    """The units on a task ({uid, name}), in printed order."""
    return store.read(_TASK_UNITS, {"task": task})


def add_report(store: Store, report: Row, audit: Row) -> None:
    """Write one report and its audit entry in one statement."""
    store.write(_ADD_REPORT, {"report": report, "audit": audit})


def add_comment(store: Store, comment: Row, audit: Row) -> None:
    store.write(_ADD_COMMENT, {"comment": comment, "audit": audit})


def report_by_uid(store: Store, uid: str) -> Row | None:
    rows = store.read(_REPORT_BY_UID, {"uid": uid})
    return rows[0] if rows else None


def reports_of_tasks(store: Store, tasks: list[str], limit: int, offset: int = 0) -> list[Row]:
    """A page of each task's reports and returns, newest first (`task` says whose)."""
    by_task: dict[str, list[Row]] = {}
    for row in read_batched(store, _OF_TASKS, tasks):
        by_task.setdefault(row["task"], []).append(row)
    return [
        row
        for rows in by_task.values()
        for row in sorted(rows, key=lambda r: -r["seq"])[offset : offset + limit]
    ]


def latest_reports(store: Store, tasks: list[str]) -> dict[tuple[str, str], Row]:
    """The current report of each assignment of these tasks, keyed by (task, unit)."""
    return newest(read_batched(store, _OF_TASKS, tasks))


def newest(reports: Iterable[Row]) -> dict[tuple[str, str], Row]:
    """The newest of these reports per (task, unit) assignment."""
    latest: dict[tuple[str, str], Row] = {}
    for row in reports:
        key = (row["task"], row["unit"])
        if key not in latest or row["seq"] > latest[key]["seq"]:
            latest[key] = row
    return latest


def comments_of_reports(store: Store, reports: list[str], limit: int = 1000) -> list[Row]:
    """Up to `limit` comments of each report, oldest first (`report` says whose)."""
    by_report: dict[str, list[Row]] = {}
    for row in read_batched(store, _COMMENTS, reports):
        by_report.setdefault(row["report"], []).append(row)
    return [
        row for rows in by_report.values() for row in sorted(rows, key=lambda r: r["seq"])[:limit]
    ]


def orphaned_reports(store: Store, limit: int, offset: int = 0) -> list[Row]:
    """Reports whose task is in no loaded edition of their plan, newest first."""
    return store.read(_ORPHANED, {"limit": limit, "offset": offset})


def assignment_states(
    store: Store,
    *,
    document: str | None = None,
    section: str | None = None,
    units: list[str] | None = None,
    place: str | None = None,
    tasks: list[str] | None = None,
    due_from: datetime.date | None = None,
    due_to: datetime.date | None = None,
) -> list[AssignmentState]:
    """Every assignment matching the conditions, in plan order, with its state. With
    `due_from`/`due_to`, only those due in that range (inclusive) are sure to be there;
    a few others may be (tasks loaded before due dates were stored): check `due_date`."""
    params = {
        "document": document,
        "section": section,
        "units": units,
        "place": place,
        "tasks": tasks,
        "due_from": due_from.isoformat() if due_from else None,
        "due_to": due_to.isoformat() if due_to else None,
    }
    cypher = assignments_query(
        tasks is not None, section is not None, document is not None, units is not None,
        place is not None, due_from is not None, due_to is not None,
    )  # fmt: skip
    return states_of(store, store.read(cypher, params))


def states_of(store: Store, rows: list[Row]) -> list[AssignmentState]:
    """The states of these assignments (rows of _ASSIGNMENT_ROWS), in their order."""
    reports = read_batched(store, _OF_TASKS, list(dict.fromkeys(r["task"] for r in rows)))
    latest = newest(reports)
    own = newest(r for r in reports if r["kind"] == "progress")
    years: dict[str, int | None] = {}
    states = []
    for row in rows:
        doc = row["document"]
        if doc not in years:
            years[doc] = plan_year(row.get("doc_date"), row.get("doc_title"))
        key = (row["task"], row["unit"])
        states.append(
            AssignmentState(
                row=row,
                due=due(row.get("deadline"), years[doc]),
                latest=latest.get(key),
                reported_at=own[key]["at"] if key in own else None,
            )
        )
    return states


def document_tasks(store: Store, document: str) -> list[Row]:
    """Every task of a document in plan order: {uid, path, text, code, deadline}."""
    return store.read(_TASKS_OF_DOCUMENT, {"document": document})


def reattach(store: Store, document: str) -> None:
    """Point the document's reports at their tasks as now loaded, or mark them orphaned."""
    reports = store.read(_OF_DOCUMENT, {"document": document})
    if not reports:
        return
    tasks = document_tasks(store, document)
    by_uid = {t["uid"]: t for t in tasks}
    by_section: dict[tuple[str, ...], list[Row]] = {}
    for t in tasks:
        by_section.setdefault(tuple(t["path"] or ())[:-1], []).append(t)
    moves = []
    for report in reports:
        found = _same_task(report, by_uid, by_section)
        if found is None:
            move = {
                "task": report["task"],
                "orphaned": True,
                "text": report["text"],
                "code": report["code"],
            }
        else:
            move = {
                "task": found["uid"],
                "orphaned": False,
                "text": found["text"],
                "code": found["code"],
            }
        if any(report[k] != move[k] for k in ("task", "orphaned", "text")):
            moves.append({"uid": report["uid"], **move})
    for chunk in param_chunks(moves, store.max_params_bytes):
        store.write(_MOVE, {"moves": chunk})


def _same_task(
    report: Row, by_uid: dict[str, Row], by_section: dict[tuple[str, ...], list[Row]]
) -> Row | None:
    """The loaded task the report was written for: its own uid when the text is still
    nearly the same, else the most alike task of its section path, if alike enough."""
    text = report["text"] or ""
    own = by_uid.get(report["task"])
    if own is not None and _alike(own["text"], text) >= SAME_TASK:
        return own
    candidates = by_section.get(tuple(report["section_path"] or ()), [])
    scored = [(_alike(t["text"], text), t) for t in candidates]
    best = max(scored, key=lambda pair: pair[0], default=None)
    return best[1] if best is not None and best[0] >= SAME_TASK else None


def _alike(a: str, b: str) -> float:
    return 1.0 if a == b else difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def report_props(**values: Any) -> Row:
    """A Report node's properties, unknowns left out."""
    return {k: v for k, v in values.items() if v is not None}


def tasks_by_progress(
    states: list[AssignmentState],
    *,
    status: str | None = None,
    role: str | None = None,
    due_after: datetime.date | None = None,
    due_before: datetime.date | None = None,
) -> list[str]:
    """The uids of the tasks, in the states' order, with an assignment in `status` (one
    with no report counts as NOT_STARTED) and in `role`, due within the range (inclusive)."""
    found: dict[str, None] = {}
    for s in states:
        if status is not None and (s.status or "NOT_STARTED") != status:
            continue
        if role is not None and s.row["role"] != role:
            continue
        if (due_after or due_before) and s.due_date is None:
            continue
        if due_after and s.due_date and s.due_date < due_after:
            continue
        if due_before and s.due_date and s.due_date > due_before:
            continue
        found[s.row["task"]] = None
    return list(found)
