"""Each unit's assignments counted by state, for the supervisor's dashboard
(progressSummary, silentUnits).

The store counts each unit's assignments in the scope, and those due before today or
within the due-soon window, by the due dates stored at load; the reports, few beside the
assignments, are read from their side and subtracted in Python. At 1,000 plans (150,000
assignments) that is ~0.5 s against ~9 s for every assignment's state read row by row
(graph/supervision.assignment_states), which stays the way for a section's scope and for
tasks loaded before due dates were stored.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from dutygraph.graph.columns import Row
from dutygraph.graph.store import Store
from dutygraph.graph.supervision import (
    AssignmentState,
    ProgressStatus,
    ReportKind,
    assignment_states,
    assignments_query,
    newest,
)

_UNIT_COUNTS = """RETURN u.uid AS unit, count(*) AS total,
  count(CASE WHEN t.due <> '' AND t.due < $today THEN 1 END) AS past,
  count(CASE WHEN t.due >= $today AND t.due <= $soon THEN 1 END) AS soon,
  count(CASE WHEN t.due IS NULL AND t.deadline IS NOT NULL THEN 1 END) AS unstored,
  min([t.document, t.ordinal, a.rank]) AS first"""
# The reports on the scope's assignments (the conditions on u and t as in the scope). The
# task is found first and its units after a WITH: from both uids at once FalkorDB 4.16
# takes 4x as long (270 against 65 ms for 3,000 reports), and without the WITH 400x.
_REPORTS = """MATCH (r:Report) WHERE NOT r.orphaned{document}
MATCH (t:Task {{uid: r.task}}) WITH r, t
MATCH (u:Unit)-[a:RESPONSIBLE_FOR]->(t) WHERE u.uid = r.unit{where}
RETURN r.task AS task, r.unit AS unit, r.status AS status, r.seq AS seq, r.kind AS kind,
       r.at AS at, t.due AS due, t.document AS document, t.ordinal AS ordinal,
       a.rank AS rank, a.role AS role"""


@dataclass(slots=True)
class UnitCounts:
    """One unit's assignments in a scope: how many, in each state of their newest report
    (`unreported`: none), overdue and due soon (not DONE), and when it last reported
    itself (the `at` of its newest progress report; a supervisor's return is none)."""

    unit: str
    total: int = 0
    unreported: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    overdue: int = 0
    due_soon: int = 0
    last_report: str | None = None

    def reported(self, at: str | None) -> None:
        if at and (self.last_report is None or at > self.last_report):
            self.last_report = at


def unit_counts(
    store: Store,
    *,
    today: datetime.date,
    soon_days: int,
    document: str | None = None,
    section: str | None = None,
    units: list[str] | None = None,
    place: str | None = None,
) -> list[UnitCounts]:
    """Each unit of the scope's assignments, counted, in plan order of its first one."""

    def slowly() -> list[UnitCounts]:
        states = assignment_states(
            store, document=document, section=section, units=units, place=place
        )
        return _from_states(states, today, soon_days)

    if section is not None:
        return slowly()
    soon = today + datetime.timedelta(days=soon_days)
    params = {
        "document": document, "units": units, "place": place,
        "today": today.isoformat(), "soon": soon.isoformat(),
    }  # fmt: skip
    flags = (False, False, document is not None, units is not None, place is not None)
    rows = store.read(assignments_query(*flags, tail=_UNIT_COUNTS), params)
    if any(r["unstored"] for r in rows):
        return slowly()
    rows.sort(key=lambda r: r["first"])
    counted = {r["unit"]: UnitCounts(r["unit"], r["total"], r["total"]) for r in rows}
    past = {r["unit"]: r["past"] for r in rows}
    due_soon = {r["unit"]: r["soon"] for r in rows}
    reports = scope_reports(store, document, units, place)
    for (_, unit), latest in newest(reports).items():
        c = counted[unit]
        c.unreported -= 1
        c.statuses[latest["status"]] += 1
        if latest["status"] == ProgressStatus.DONE and latest["due"]:
            past[unit] -= latest["due"] < params["today"]
            due_soon[unit] -= params["today"] <= latest["due"] <= params["soon"]
    for report in reports:
        if report["kind"] == ReportKind.PROGRESS:
            counted[report["unit"]].reported(report["at"])
    for unit, c in counted.items():
        c.overdue, c.due_soon = past[unit], due_soon[unit]
    return list(counted.values())


def scope_reports(
    store: Store, document: str | None, units: list[str] | None, place: str | None
) -> list[Row]:
    """The reports on the assignments of a scope (not a section's), with their task's due
    date and position and the assignment's rank and role."""
    conditions = [
        condition
        for condition, given in (
            ("t.document = $document", document),
            ("u.uid IN $units", units is not None),
            ("u.place = $place", place),
        )
        if given
    ]
    where = "".join(f" AND {c}" for c in conditions)
    by_document = " AND r.document = $document" if document else ""
    cypher = _REPORTS.format(document=by_document, where=where)
    return store.read(cypher, {"document": document, "units": units, "place": place})


def _from_states(
    states: list[AssignmentState], today: datetime.date, soon_days: int
) -> list[UnitCounts]:
    """The same counts from every assignment's state, in order of first appearance."""
    counted: dict[str, UnitCounts] = {}
    for s in states:
        row: Row = s.row
        c = counted.setdefault(row["unit"], UnitCounts(row["unit"]))
        c.total += 1
        if s.status is None:
            c.unreported += 1
        else:
            c.statuses[s.status] += 1
        c.overdue += s.overdue(today)
        c.due_soon += s.due_soon(today, soon_days)
        c.reported(s.reported_at)
    return list(counted.values())
