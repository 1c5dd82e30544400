"""Batch read queries the GraphQL layer needs beyond graph/queries.py.

Same conventions as graph/queries.py: plain functions `name(store, uids)`, parameters
only, the column fragments of graph/columns.py, rows carrying the key they belong to
(`owner`, or `unit` for assignments) so a DataLoader can group them.
"""

from __future__ import annotations

from dutygraph.graph.columns import (
    ALL_UNIT_PROPS,
    POLICY,
    PROJECT,
    TASK,
    Row,
    read_batched,
    unit_columns,
)
from dutygraph.graph.store import Store

_POLICIES_OF_TASKS = f"""UNWIND $uids AS key
MATCH (:Task {{uid: key}})-[:INVOKES]->(p:Policy)
RETURN key AS owner, {POLICY} ORDER BY owner, name"""

_PROJECTS_OF_TASKS = f"""UNWIND $uids AS key
MATCH (:Task {{uid: key}})-[:CONCERNS]->(j:Project)
RETURN key AS owner, {PROJECT} ORDER BY owner, name"""

# Assignments come with the columns of the node at their other end, so a nested query
# needs no second round trip (and no resolver per assignment) to reach it. Columns, not a
# map: FalkorDB builds a map per row about twice as slowly. Only the unit columns a
# caller names: each value costs the store and the reply parser (all six columns for the
# sample's 136 assignments took 4.5 ms, the name alone 2.3).
_ASSIGNMENTS_OF_TASKS = """UNWIND $uids AS key
MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(:Task {{uid: key}})
RETURN key AS task, r.role AS role, r.rank AS rank, r.inferred AS inferred,
       r.written AS written, {unit}
ORDER BY task, rank"""

# A page of each unit's assignments in plan order, so a unit's task list reads like the
# plans: cut in the store, since a unit on a thousand plans is on 45,000 tasks.
_ASSIGNMENTS_OF_UNITS = f"""UNWIND $uids AS key
CALL {{
  WITH key
  MATCH (:Unit {{uid: key}})-[r:RESPONSIBLE_FOR]->(t:Task){{role}}
  WITH r, t ORDER BY t.document, t.ordinal SKIP $offset LIMIT $limit
  RETURN r, t
}}
RETURN key AS unit, r.role AS role, r.rank AS rank, r.inferred AS inferred,
       r.written AS written, {TASK}"""

# How many assignments each unit has (in `role`): from the unit's stored counts.
_ASSIGNMENT_COUNTS = """UNWIND $uids AS key
MATCH (u:Unit {{uid: key}})
RETURN key AS owner, u.{count} AS total"""


def policies_of_tasks(store: Store, uids: list[str]) -> list[Row]:
    """Policies each task invokes; `owner` is the task uid."""
    return read_batched(store, _POLICIES_OF_TASKS, uids)


def projects_of_tasks(store: Store, uids: list[str]) -> list[Row]:
    """Projects each task concerns; `owner` is the task uid."""
    return read_batched(store, _PROJECTS_OF_TASKS, uids)


def assignments_of_tasks(
    store: Store, uids: list[str], unit_props: frozenset[str] = ALL_UNIT_PROPS
) -> list[Row]:
    """{task, role, rank, inferred, written} and the unit's `unit_props` (uid always)."""
    cypher = _ASSIGNMENTS_OF_TASKS.format(unit=unit_columns(unit_props))
    return read_batched(store, cypher, uids)


def assignments_of_units(
    store: Store, uids: list[str], role: str | None = None, offset: int = 0, limit: int = 20
) -> list[Row]:
    """{unit, role, rank, inferred, written} and the task's columns (uid, code, …): for
    each unit the assignments (in `role`) from `offset`, at most `limit`, in plan order."""
    cypher = _ASSIGNMENTS_OF_UNITS.replace("{role}", " WHERE r.role = $role" if role else "")
    return read_batched(store, cypher, uids, {"role": role, "offset": offset, "limit": limit})


def assignment_counts(store: Store, uids: list[str], role: str | None = None) -> list[Row]:
    """{owner, total}: how many tasks each unit is on (in `role`)."""
    count = {None: "total", "lead": "lead", "support": "support"}[role]
    return read_batched(store, _ASSIGNMENT_COUNTS.format(count=count), uids)
