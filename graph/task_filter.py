"""find_tasks: tasks matching every given condition, in plan order, a page and the total.

The query is put together from fixed fragments, one per condition given; the values
always travel as parameters, and a condition not given is left out rather than written
`$x IS NULL OR …`, which would hide the indexes from the planner. It starts from the
most selective node it is given (a unit, a policy, a project, a section) so the store
walks edges from an indexed uid instead of scanning every task.
"""

from __future__ import annotations

from typing import Any

from dutygraph.errors import ArgumentError
from dutygraph.graph.columns import TASK, Row
from dutygraph.graph.store import Store
from dutygraph.graph.task_sort import PLAN, check_sort, sorted_page_cypher
from dutygraph.loaders.model import Role

ROLES = tuple(Role)  # the Plan model's roles
SECTION_DEPTH = 4  # how far below a section its tasks may sit (parts, 一/（一）/1./（1）)

# One MATCH per condition; t is the task in all of them.
_UNIT = "MATCH (:Unit {uid: $unit})-[r:RESPONSIBLE_FOR]->(t:Task)"
_UNITS = "MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t:Task) WHERE u.uid IN $units"
_ROLE = "r.role = $role"
_POLICY = "MATCH (t:Task)-[:INVOKES]->(:Policy {uid: $policy})"
_PROJECT = "MATCH (t:Task)-[:CONCERNS]->(:Project {uid: $project})"
_SECTION = (
    f"MATCH (:Section {{uid: $section}})-[:HAS_SECTION*0..{SECTION_DEPTH}]->(:Section)"
    "-[:HAS_TASK]->(t:Task)"
)
_ANY_TASK = "MATCH (t:Task)"
_DOCUMENT_TASK = "MATCH (t:Task {document: $document})"
_DOCUMENT = "t.document = $document"
_EVERY = f"{_ANY_TASK}\nWITH t"  # tasks_cypher with no condition
_TEXT = "t.text CONTAINS $text"

# The page and the total are two queries: collecting every match to cut the page from
# one list cost three times as much on 47,000 tasks as sorting for the page and counting
# apart.
_ORDERED = "WITH t ORDER BY t.document, t.ordinal SKIP $offset LIMIT $limit"


# Every task, in the same order, document by document: the store stops after the page
# instead of sorting all 50,000 tasks of 1,000 plans (10 ms against 32). The documents
# are collected and unwound again before the CALL: FalkorDB 4.16 pushes the LIMIT after
# a CALL into the ORDER BY before it, keeping only the first $limit documents (a page
# short wherever a document has fewer tasks than the page has rows).
def every_task_cypher(condition: str | None = None) -> str:
    """Clauses binding `t` to every task meeting `condition` (Cypher over t), in plan
    order, for a SKIP/LIMIT after them. The condition is tested inside the CALL: after
    it, the same push of the LIMIT cuts each document's tasks before they are tested."""
    where = f" WHERE {condition}" if condition else ""
    return f"""MATCH (d:Document) WITH d.uid AS document ORDER BY document
WITH collect(document) AS documents UNWIND documents AS document
CALL {{ WITH document MATCH (t:Task {{document: document}}){where}
  WITH t ORDER BY t.ordinal RETURN t }}"""


EVERY_TASK_PAGE = f"{every_task_cypher()}\nWITH t SKIP $offset LIMIT $limit"

_PAGE = f"RETURN {TASK} ORDER BY document, ordinal"
_TOTAL = "RETURN count(t) AS total"
# One unit's tasks (graph/load.py keeps its counts), and how many of them are in a role.
_ONE_UNIT = "MATCH (u:Unit {uid: $unit})"
_STORED_TOTAL = f"""OPTIONAL {_ONE_UNIT}
RETURN coalesce(CASE $role WHEN 'lead' THEN u.lead WHEN 'support' THEN u.support
                ELSE u.total END, 0) AS total"""


def unit_tasks_cypher(
    unit: str, task: str, edge: str, *, role: str | None = None, document: str | None = None,
    text: str | None = None, condition: str | None = None,
) -> str:  # fmt: skip
    """Clauses binding `edge` and `task` to the assignments of the unit bound to `unit`,
    in plan order (document, ordinal), for a SKIP/LIMIT after them to cut a page from;
    `role`, `document`, `text`: the names of the parameters to filter by, when given;
    `condition`: one more on the task (Cypher over `task`), tested inside the CALL as in
    every_task_cypher.

    Read document by document, as EVERY_TASK_PAGE: the unit's documents from its
    TASKS_IN edges (graph/load.py), each one's tasks from the Task.document index checked
    against the unit's edges, so the store stops after the page instead of sorting a
    heavy unit's 45,000 tasks (1.3 ms against 30 at 1,000 plans). The second MATCH comes
    after a WITH so the planner checks the edge from both ends (Expand Into) rather than
    walking every edge of the unit."""
    u, t, r = unit, task, edge
    docs = [f"{t}_d.uid = ${document}"] if document else []
    if role:
        docs.append(f"CASE ${role} WHEN 'lead' THEN {t}_in.lead ELSE {t}_in.support END > 0")
    where = " WHERE " + " AND ".join(docs) if docs else ""
    on_task = [c for c in (f"{t}.text CONTAINS ${text}" if text else None, condition) if c]
    text_where = " WHERE " + " AND ".join(on_task) if on_task else ""
    role_where = f" WHERE {r}.role = ${role}" if role else ""
    return f"""MATCH ({u})-[{t}_in:TASKS_IN]->({t}_d:Document){where}
WITH {u}, {t}_d.uid AS {t}_doc ORDER BY {t}_doc
WITH {u}, collect({t}_doc) AS {t}_docs UNWIND {t}_docs AS {t}_doc
CALL {{
  WITH {u}, {t}_doc
  MATCH ({t}:Task {{document: {t}_doc}}){text_where}
  WITH {u}, {t} MATCH ({u})-[{r}:RESPONSIBLE_FOR]->({t}){role_where}
  WITH {r}, {t} ORDER BY {t}.ordinal
  RETURN {r}, {t}
}}"""


def _matches(units: list[str] | None, role: str | None, **given: object) -> list[str]:
    """The MATCH clauses of the conditions given, the tasks of one walk each."""
    found = []
    if units is not None:
        match = _UNIT if len(units) == 1 else _UNITS
        found.append(match + ((" AND " if len(units) > 1 else " WHERE ") + _ROLE if role else ""))
    for fragment, name in ((_POLICY, "policy"), (_PROJECT, "project"), (_SECTION, "section")):
        if given[name] is not None:
            found.append(fragment)
    return found


def tasks_cypher(
    units: list[str] | None, role: str | None, *, document: bool, text: bool, **given: object
) -> str:
    """The statement up to a distinct `t` for these conditions (which are given)."""
    matches = _matches(units, role, **given)
    conditions = [c for c, on in ((_TEXT, text),) if on]
    if document:
        if matches:
            conditions.insert(0, _DOCUMENT)
        else:
            matches = [_DOCUMENT_TASK]
    matches = matches or [_ANY_TASK]
    where = " WHERE " + " AND ".join(conditions) if conditions else ""
    # A task reached through two of the units, or through two MATCHes, counts once.
    distinct = len(matches) > 1 or (units is not None and len(units) > 1)
    return "\n".join([*matches, f"WITH {'DISTINCT ' if distinct else ''}t{where}"])


def page_cypher(found: str) -> str:
    """The statement binding `t` to the page ($offset, $limit) of `found`'s tasks."""
    return EVERY_TASK_PAGE if found == _EVERY else f"{found}\n{_ORDERED}"


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
    count: bool = True,
    sort: str = PLAN,
    reverse: bool = False,
) -> tuple[list[Row], int]:
    """Tasks on any of `units` (unit uids; in `role` when given), in `document`, in
    `section` or below it, invoking `policy`, concerning `project`, whose text holds
    `text`: (one page of task rows in `sort`'s order (graph/task_sort.py; plan order:
    by document and position; `reverse`d, a sort's keys in the other direction), total
    matching).

    With `count` False the total is only a lower bound, large enough to tell whether
    another page follows (one task more is read instead of all of them counted)."""
    if role is not None and role not in ROLES:
        raise ArgumentError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if role is not None and not units:
        raise ArgumentError("a role filters a unit's tasks: give units too")
    text = text or None
    params: dict[str, Any] = {
        "units": units, "unit": units[0] if units else None, "role": role,
        "document": document, "section": section, "policy": policy, "project": project,
        "text": text, "offset": offset, "limit": limit if count else limit + 1,
    }  # fmt: skip
    if units == []:
        return [], 0
    found = tasks_cypher(
        units, role, document=document is not None, text=text is not None,
        section=section, policy=policy, project=project,
    )  # fmt: skip
    check_sort(sort, reverse)
    page = (
        f"{page_cypher(found)}\n{_PAGE}"
        if sort == PLAN
        else sorted_page_cypher(found, sort, reverse)
    )
    total = f"{found}\n{_TOTAL}"
    if units is not None and len(units) == 1 and section is policy is project is None:
        # One unit's tasks: in plan order read document by document, and counted from
        # the unit's stored counts unless narrowed.
        names = {"role": role, "document": document, "text": text}
        walk = unit_tasks_cypher("u", "t", "r", **{k: k for k, v in names.items() if v})
        walk = f"{_ONE_UNIT}\n{walk}"
        if sort == PLAN:
            page = f"{walk}\nWITH t SKIP $offset LIMIT $limit\n{_PAGE}"
        total = _STORED_TOTAL if document is text is None else f"{walk}\n{_TOTAL}"
    rows = store.read(page, params) if params["limit"] > 0 else []
    if not count or (len(rows) < limit and (rows or offset == 0)):
        # the page ends the list, or the row after it says another page follows
        return rows[:limit], offset + len(rows)
    return rows, store.read(total, params)[0]["total"]
