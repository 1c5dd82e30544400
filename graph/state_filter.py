"""The ledger's progress filter (`tasks(filter: {status, dueAfter, dueBefore})`): the
tasks with an assignment in a state and due in a range, a page of them and how many.

Only a reported assignment can be in a state other than NOT_STARTED, and reports are few
beside assignments (3,000 against 150,000 at 1,000 plans). So a reported state is read
from the reports' side, and NOT_STARTED is every task of the scope but the few whose
every assignment in it has a report in another state (`settled`): the store walks the
scope's tasks in the page's order and counts them, and the settled ones are skipped and
subtracted in Python, as graph/overdue.py skips the DONE ones. That reads the page and
as many rows more as there are settled tasks, not every assignment's state (2.8 s at
1,000 plans). A section's scope, and a due range over tasks loaded before due dates
were stored, are judged from every assignment's state (graph/supervision).
"""

from __future__ import annotations

import bisect
import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from dutygraph.graph import nodes
from dutygraph.graph.columns import TASK, Row
from dutygraph.graph.store import Store, param_chunks
from dutygraph.graph.supervision import (
    UNSTORED_DUE,
    ProgressStatus,
    assignment_states,
    assignments_query,
    due_condition,
    newest,
    tasks_by_progress,
)
from dutygraph.graph.task_filter import every_task_cypher, unit_tasks_cypher
from dutygraph.graph.task_sort import PLAN, check_sort, sorted_page_cypher, sorted_tasks
from dutygraph.graph.unit_progress import scope_reports

NOT_STARTED = ProgressStatus.NOT_STARTED
_FOUND = "WITH DISTINCT t"
_COUNT = "RETURN count(DISTINCT t) AS total"
_PER_TASK = "RETURN t.uid AS task, count(DISTINCT u) AS n"
# only units hold RESPONSIBLE_FOR edges: not testing the label halves a deep page's walk
_ASSIGNED = "(t)<-[:RESPONSIBLE_FOR]-()"
_PAGE = f"WITH t SKIP $offset LIMIT $limit\nRETURN {TASK} ORDER BY document, ordinal"


@dataclass(frozen=True, slots=True)
class _Scope:
    """The assignments the filter looks at; dates as stored (yyyy-mm-dd)."""

    units: list[str] | None
    role: str | None
    place: str | None
    document: str | None
    due_from: str | None
    due_to: str | None

    @property
    def params(self) -> dict[str, Any]:
        unit = self.units[0] if self.units else None
        return {
            "units": self.units, "unit": unit, "role": self.role, "place": self.place,
            "document": self.document, "due_from": self.due_from, "due_to": self.due_to,
        }  # fmt: skip

    def query(self, tail: str, tasks: bool = False) -> str:
        """The statement binding u, a, t to the scope's assignments (of `$tasks`), then `tail`."""
        return assignments_query(
            tasks, False, self.document is not None, self.units is not None,
            self.place is not None, self.due_from is not None, self.due_to is not None,
            tail=tail, role=self.role is not None,
        )  # fmt: skip

    def holds(self, report: Row) -> bool:
        """Whether a report's assignment (a row of scope_reports) is of this role and due."""
        due = report["due"]
        if (self.due_from or self.due_to) and not due:
            return False
        return (
            (self.role is None or report["role"] == self.role)
            and (self.due_from is None or due >= self.due_from)
            and (self.due_to is None or due <= self.due_to)
        )


def tasks_by_state(
    store: Store,
    *,
    status: str | None = None,
    units: list[str] | None = None,
    role: str | None = None,
    place: str | None = None,
    document: str | None = None,
    section: str | None = None,
    due_after: datetime.date | None = None,
    due_before: datetime.date | None = None,
    sort: str = PLAN,
    reverse: bool = False,
    first: int,
    offset: int = 0,
) -> tuple[list[Row], int]:
    """The page (`first` from `offset`, task rows in plan order or `sort`'s) of the tasks
    with an assignment in `status` (none reported counts as NOT_STARTED) on one of
    `units` in `role` (of `place`), of `document` or `section`, due in the range
    (inclusive), and how many there are; `reverse` as for graph/task_sort."""
    check_sort(sort, reverse)
    ranged = due_after is not None or due_before is not None
    if section is not None or (ranged and store.read(UNSTORED_DUE)):
        states = assignment_states(
            store, document=document, section=section, units=units, place=place,
            due_from=due_after, due_to=due_before,
        )  # fmt: skip
        uids = tasks_by_progress(
            states, status=status, role=role, due_after=due_after, due_before=due_before
        )
        return _page_of(store, uids, sort, reverse, first, offset)
    scope = _Scope(
        units, role, place, document,
        due_after.isoformat() if due_after else None,
        due_before.isoformat() if due_before else None,
    )  # fmt: skip
    reports = scope_reports(store, document, units, place)
    latest = [r for r in newest(reports).values() if scope.holds(r)]
    if status is not None and status != NOT_STARTED:
        found = {r["task"]: (r["document"], r["ordinal"]) for r in latest if r["status"] == status}
        in_plan_order = sorted(found, key=lambda t: (found[t], t))
        return _page_of(store, in_plan_order, sort, reverse, first, offset)
    settled = _settled(store, scope, latest) if status == NOT_STARTED else {}
    total = store.read(scope.query(_COUNT), scope.params)[0]["total"] - len(settled)
    if first <= 0:
        return [], total
    return _walk(store, scope, settled, sort, reverse, first, offset), total


def _page_of(
    store: Store, uids: list[str], sort: str, reverse: bool, first: int, offset: int
) -> tuple[list[Row], int]:
    """The page of these tasks (uids in plan order) in `sort`'s order, and their number."""
    if sort != PLAN:
        return sorted_tasks(store, uids, sort, first, offset, reverse), len(uids)
    page = uids[offset : offset + first]
    order = {uid: i for i, uid in enumerate(page)}
    rows = nodes.tasks_by_uid(store, page)
    return sorted(rows, key=lambda r: order[r["uid"]]), len(uids)


def _settled(store: Store, scope: _Scope, latest: list[Row]) -> dict[str, tuple[str, int]]:
    """The tasks each of whose assignments in the scope has a report in a state other
    than NOT_STARTED, with their place in plan order (document, ordinal)."""
    other = Counter(r["task"] for r in latest if r["status"] != NOT_STARTED)
    where = {r["task"]: (r["document"], r["ordinal"]) for r in latest}
    assigned: dict[str, int] = {}
    for chunk in param_chunks(list(other), store.max_params_bytes):
        params = {**scope.params, "tasks": chunk}
        for row in store.read(scope.query(_PER_TASK, tasks=True), params):
            assigned[row["task"]] = row["n"]
    return {task: where[task] for task, n in other.items() if assigned.get(task) == n}


def _walk(
    store: Store, scope: _Scope, settled: dict[str, tuple[str, int]], sort: str,
    reverse: bool, first: int, offset: int,
) -> list[Row]:  # fmt: skip
    """The page of the scope's tasks but the settled ones. The store reads them in the
    page's order with as many rows more as there are settled ones; in plan order a row's
    place without them is its place with them less the settled ones before it."""
    params = {**scope.params, "offset": offset, "limit": first + len(settled)}
    if sort != PLAN:
        # a sort's keys are the store's: read from the first row, the settled ones dropped
        params.update(offset=0, limit=offset + first + len(settled))
        rows = store.read(sorted_page_cypher(scope.query(_FOUND), sort, reverse), params)
        return [r for r in rows if r["uid"] not in settled][offset : offset + first]
    before = sorted(settled.values())
    page = []
    for i, row in enumerate(store.read(_plan_walk(scope), params)):
        if row["uid"] in settled:
            continue
        place = offset + i - bisect.bisect_left(before, (row["document"], row["ordinal"]))
        if offset <= place < offset + first:
            page.append(row)
    return page


def _plan_walk(scope: _Scope) -> str:
    """The statement returning the page ($offset, $limit) of the scope's tasks in plan
    order: every task, or one unit's, read document by document (graph/task_filter), so
    that the store stops after the page; any other scope is sorted whole."""
    due = due_condition(scope.due_from is not None, scope.due_to is not None)
    if scope.units is None and scope.document is None and scope.place is None:
        walk = every_task_cypher(" AND ".join(c for c in (_ASSIGNED, due) if c))
    elif scope.units is not None and len(scope.units) == 1 and scope.place is None:
        names = {"role": scope.role, "document": scope.document}
        walk = "MATCH (u:Unit {uid: $unit})\n" + unit_tasks_cypher(
            "u", "t", "r", **{k: k for k, v in names.items() if v},
            condition=due,
        )  # fmt: skip
    else:
        walk = scope.query(f"{_FOUND} ORDER BY t.document, t.ordinal")
    return f"{walk}\n{_PAGE}"
