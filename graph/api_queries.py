"""Batch read queries the GraphQL layer needs beyond graph/queries.py.

Same conventions as graph/queries.py: plain functions `name(store, uids)`, parameters
only, rows of scalars carrying the key they belong to (`owner`, or `unit` for
assignments) so a DataLoader can group them.
"""

from __future__ import annotations

from typing import Any

from dutygraph.graph.store import Store

Row = dict[str, Any]

_POLICIES_OF_TASKS = """
UNWIND $uids AS key
MATCH (t:Task {uid: key})-[:INVOKES]->(p:Policy)
RETURN key AS owner, p.uid AS uid, p.name AS name, p.title AS title,
       p.doc_number AS doc_number, p.issuer AS issuer, p.year AS year, p.kind AS kind,
       p.amount AS amount, p.amount_value AS amount_value, p.ratio AS ratio
ORDER BY owner, name
"""

_PROJECTS_OF_TASKS = """
UNWIND $uids AS key
MATCH (t:Task {uid: key})-[:CONCERNS]->(p:Project)
RETURN key AS owner, p.uid AS uid, p.name AS name, p.kind AS kind
ORDER BY owner, name
"""

# A unit's assignments in plan order, so a unit's task list reads like the plans.
_ASSIGNMENTS_OF_UNITS = """
UNWIND $uids AS key
MATCH (u:Unit {uid: key})-[r:RESPONSIBLE_FOR]->(t:Task)
RETURN key AS unit, t.uid AS task, r.role AS role, r.rank AS rank,
       r.inferred AS inferred, r.written AS written
ORDER BY unit, t.document, t.ordinal
"""


def policies_of_tasks(store: Store, uids: list[str]) -> list[Row]:
    """Policies each task invokes; `owner` is the task uid."""
    return store.read(_POLICIES_OF_TASKS, {"uids": uids})


def projects_of_tasks(store: Store, uids: list[str]) -> list[Row]:
    """Projects each task concerns; `owner` is the task uid."""
    return store.read(_PROJECTS_OF_TASKS, {"uids": uids})


def assignments_of_units(store: Store, uids: list[str]) -> list[Row]:
    """Every RESPONSIBLE_FOR of each unit: {unit, task, role, rank, inferred, written}."""
    return store.read(_ASSIGNMENTS_OF_UNITS, {"uids": uids})
