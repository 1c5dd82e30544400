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

# A unit's assignments in plan order, so a unit's task list reads like the plans.
_ASSIGNMENTS_OF_UNITS = f"""UNWIND $uids AS key
MATCH (:Unit {{uid: key}})-[r:RESPONSIBLE_FOR]->(t:Task)
RETURN key AS unit, r.role AS role, r.rank AS rank, r.inferred AS inferred,
       r.written AS written, {TASK}
ORDER BY unit, document, ordinal"""


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


def assignments_of_units(store: Store, uids: list[str]) -> list[Row]:
    """{unit, role, rank, inferred, written} and the task's columns (uid, code, …)."""
    return read_batched(store, _ASSIGNMENTS_OF_UNITS, uids)
