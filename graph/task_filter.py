"""find_tasks: tasks matching every given condition, in plan order, a page and the total.

The query is put together from fixed fragments, one per condition given; the values
always travel as parameters. It starts from the most selective node it is given (a unit,
a policy, a project, a section) so the store walks edges from an indexed uid instead of
scanning every task.
"""

from __future__ import annotations

from typing import Any

from dutygraph.errors import ArgumentError
from dutygraph.graph.columns import TASK, Row
from dutygraph.graph.store import Store

ROLES = ("lead", "support")
SECTION_DEPTH = 4  # how far below a section its tasks may sit (parts, 一/（一）/1./（1）)

# One MATCH per condition; t is the task in all of them.
_UNITS = "MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE u.uid IN $units"
_ROLE = "r.role = $role"
_POLICY = "MATCH (t:Task)-[:INVOKES]->(:Policy {uid: $policy})"
_PROJECT = "MATCH (t:Task)-[:CONCERNS]->(:Project {uid: $project})"
_SECTION = (
    f"MATCH (:Section {{uid: $section}})-[:HAS_SECTION*0..{SECTION_DEPTH}]->(:Section)"
    "-[:HAS_TASK]->(t:Task)"
)
_ANY_TASK = "MATCH (t:Task)"
_DOCUMENT = "t.document = $document"
_TEXT = "t.text CONTAINS $text"

# A task matched through two of the units counts once. The page and the total are two
# queries: collecting every match to cut the page from one list cost three times as much
# on 47,000 tasks as sorting for the page and counting apart.
_PAGE = f"""WITH t ORDER BY t.document, t.ordinal SKIP $offset LIMIT $limit
RETURN {TASK} ORDER BY document, ordinal"""
_TOTAL = "RETURN count(t) AS total"


def find_tasks(
    store: Store,
    *,
    units: list[str] | None = None,
    role: str | None = None,
    document: str | None = None,
    section: str | None = None,
    policy: str | None = None,
    project: str | None = None,
    text: str | None = None,
    limit: int,
    offset: int = 0,
) -> tuple[list[Row], int]:
    """Tasks on any of `units` (unit uids; in `role` when given), in `document`, in
    `section` or below it, invoking `policy`, concerning `project`, whose text holds
    `text`: (one page of task rows ordered by document and position, total matching)."""
    if role is not None and role not in ROLES:
        raise ArgumentError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if role is not None and not units:
        raise ArgumentError("a role filters a unit's tasks: give units too")
    params: dict[str, Any] = {
        "units": units, "role": role, "document": document, "section": section,
        "policy": policy, "project": project, "text": text or None,
        "offset": offset, "limit": limit,
    }  # fmt: skip
    matches = [
        fragment
        for fragment, given in (
            (_UNITS + (" AND " + _ROLE if role else ""), units is not None),
            (_POLICY, policy is not None),
            (_PROJECT, project is not None),
            (_SECTION, section is not None),
        )
        if given
    ] or [_ANY_TASK]
    conditions = [c for c, given in ((_DOCUMENT, document), (_TEXT, text)) if given]
    where = "WHERE " + " AND ".join(conditions) if conditions else ""
    found = "\n".join([*matches, f"WITH DISTINCT t {where}"])
    rows = store.read(f"{found}\n{_PAGE}", params) if limit > 0 else []
    if len(rows) < limit and (rows or offset == 0):
        return rows, offset + len(rows)  # the page ends the list: no count needed
    return rows, store.read(f"{found}\n{_TOTAL}", params)[0]["total"]
