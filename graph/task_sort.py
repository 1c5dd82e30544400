"""The orders a task list can be read in (the ledger's sort), as Cypher ORDER BY keys.

Each sort is a fixed fragment chosen by name from SORTS, never text from a request: a key
per task (bound as `k` beside `t`), then document and position, so that tasks with equal
keys keep plan order and an offset names the same task on every read of the same list.
The keys that live on reports are read per task in a subquery: reports are found by
their task's uid (indexed), so at 50,000 tasks this costs a few hundred milliseconds,
against ~10 for plan order.
"""

from __future__ import annotations

from typing import Literal, get_args

from dutygraph.errors import ArgumentError
from dutygraph.graph.columns import TASK, Row
from dutygraph.graph.store import Store

Sort = Literal["plan", "due", "status", "reported", "unit"]
SORTS: tuple[str, ...] = get_args(Sort)
PLAN = "plan"

# The ledger's order of states: what needs the office first. A task's state is its
# newest report's (a return included); no report counts as NOT_STARTED, as the status
# filter counts it.
STATE_ORDER = ("RETURNED", "BLOCKED", "NOT_STARTED", "IN_PROGRESS", "DONE")
_STATE_RANK = (
    "CASE s "
    + " ".join(f"WHEN '{state}' THEN {i}" for i, state in enumerate(STATE_ORDER))
    + f" ELSE {STATE_ORDER.index('NOT_STARTED')} END"
)

# The key of each sort, bound as k: the due date (none last), the newest report's state,
# the newest report's time (newest first, never reported last), the lead's name (the
# first by name when several lead).
_KEYS: dict[str, str] = {
    "due": "WITH t, CASE WHEN t.due IS NULL OR t.due = '' THEN null ELSE t.due END AS k",
    "status": f"""CALL {{ WITH t OPTIONAL MATCH (r:Report {{task: t.uid}}) WHERE NOT r.orphaned
  WITH r ORDER BY r.seq DESC LIMIT 1 RETURN r.status AS s }}
WITH t, {_STATE_RANK} AS k""",
    "reported": """CALL { WITH t OPTIONAL MATCH (r:Report {task: t.uid}) WHERE NOT r.orphaned
  RETURN max(r.at) AS k }
WITH t, k""",
    # the role tested in the aggregate: as a pattern or WHERE condition it is 3x slower
    "unit": """OPTIONAL MATCH (u:Unit)-[a:RESPONSIBLE_FOR]->(t)
WITH t, min(CASE WHEN a.role = 'lead' THEN u.name END) AS k""",
}
# Each sort's direction (True: descending) and whether tasks without a key go last, which
# they do in either direction: a reversed due order is the latest due first, then none.
_DESCENDING = {"due": False, "status": False, "reported": True, "unit": False}
_NONE_LAST = {"due": True, "status": False, "reported": True, "unit": True}
_TIE = "{t}document, {t}ordinal, {t}uid"


def _order(sort: str, key: str, reverse: bool) -> str:
    """ORDER BY over `key` (k as bound in WITH, sort_key as returned) for the sort."""
    last = f"{key} IS NULL, " if _NONE_LAST[sort] else ""
    return f"{last}{key}{' DESC' if _DESCENDING[sort] != reverse else ''}"


def check_sort(sort: str, reverse: bool = False) -> None:
    if sort not in SORTS:
        raise ArgumentError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    if reverse and sort == PLAN:
        raise ArgumentError("reverse turns a sort round: give a sort other than plan order")


def sorted_page_cypher(found: str, sort: str, reverse: bool = False) -> str:
    """The statement returning the page ($offset, $limit) of `found`'s tasks (a statement
    binding distinct `t`) in `sort`'s order (`reverse`d: the keys' order turned round,
    ties still in plan order), as task rows, each with its `sort_key`."""
    check_sort(sort)
    if sort == PLAN:
        raise ArgumentError("plan order is graph/task_filter's own page")
    return "\n".join(
        [
            found,
            _KEYS[sort],
            f"WITH t, k ORDER BY {_order(sort, 'k', reverse)}, {_TIE.format(t='t.')} "
            "SKIP $offset LIMIT $limit",
            f"RETURN {TASK}, k AS sort_key "
            f"ORDER BY {_order(sort, 'sort_key', reverse)}, {_TIE.format(t='')}",
        ]
    )


_OF_UIDS = "UNWIND $tasks AS key MATCH (t:Task {uid: key})\nWITH DISTINCT t"


def sorted_tasks(
    store: Store, tasks: list[str], sort: str, limit: int, offset: int, reverse: bool = False
) -> list[Row]:
    """A page of the tasks of these uids (task rows) in `sort`'s order (not plan order),
    for lists chosen outside Cypher (by progress)."""
    if not tasks or limit <= 0:
        return []
    cypher = sorted_page_cypher(_OF_UIDS, sort, reverse)
    return store.read(cypher, {"tasks": tasks, "offset": offset, "limit": limit})
