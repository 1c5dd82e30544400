"""The relations a node's fields follow, as batch queries over a list of uids: a document's
tree, what a task invokes, concerns and who is on it, a unit's assignments, and the
relations of shared nodes (policies, projects).

Each is a function `name(store, uids, ...)` whose rows carry the key they belong to
(`owner`, or `task`/`unit` for assignments) so one call serves a whole DataLoader batch.
Values always travel as parameters. Lists are bounded: by a document's own size, or per
owner by PER_OWNER where a shared node may gather rows from any number of documents.
"""

from __future__ import annotations

from dutygraph.graph.columns import (
    ALL_UNIT_PROPS,
    GOAL,
    PER_OWNER,
    POLICY,
    PROJECT,
    SECTION,
    TASK,
    UNIT,
    Row,
    batched,
    read_batched,
    unit_columns,
)
from dutygraph.graph.store import Store
from dutygraph.graph.task_filter import unit_tasks_cypher
from dutygraph.loaders.model import Role


def _owned(pattern: str, columns: str, order: str) -> str:
    """The batch read of `pattern` (binding `key`): every row of each owner, in `order`."""
    return f"UNWIND $uids AS key\n{pattern}\nRETURN key AS owner, {columns} ORDER BY owner, {order}"


# --- a document's tree (bounded by the document's own size) --------------------------------

TOP_SECTIONS = _owned(
    "MATCH (:Document {uid: key})-[:HAS_SECTION]->(s:Section)", SECTION, "s.ordinal"
)
SUBSECTIONS = _owned(
    "MATCH (:Section {uid: key})-[:HAS_SECTION]->(s:Section)", SECTION, "s.ordinal"
)
# Only the tasks a section holds itself; a part's tasks sit in its subsections.
TASKS_OF_SECTIONS = _owned("MATCH (:Section {uid: key})-[:HAS_TASK]->(t:Task)", TASK, "t.ordinal")
GOALS_OF_DOCUMENTS = _owned("MATCH (:Document {uid: key})-[:TARGETS]->(g:Goal)", GOAL, "g.year")


top_sections = batched(TOP_SECTIONS)
subsections = batched(SUBSECTIONS)
tasks_of_sections = batched(TASKS_OF_SECTIONS)
goals_of_documents = batched(GOALS_OF_DOCUMENTS)


# --- relations of shared nodes (capped per owner) ------------------------------------------

# Each collects an owner's rows in order, keeps the first $per_owner and unwinds them.
POLICIES_OF_DOCUMENTS = f"""UNWIND $uids AS key
MATCH (d:Document {{uid: key}})-[:CITES]->(p:Policy)
WITH key, d, p ORDER BY p.kind, p.name
WITH key, d, collect(p)[..$per_owner] AS found
UNWIND found AS p
OPTIONAL MATCH (d)-[i:IMPLEMENTS]->(p)
RETURN key AS owner, {POLICY}, i IS NOT NULL AS implemented ORDER BY owner, kind, name"""


def _capped(pattern: str, var: str, order: str, columns: str) -> str:
    """The batch read of `pattern` (binding `key` and `var`): each owner's first $per_owner
    rows in `order` (of `var`'s properties), collected in order and unwound."""
    return f"""UNWIND $uids AS key
{pattern}
WITH key, {var} ORDER BY {order}
WITH key, collect({var})[..$per_owner] AS found
UNWIND found AS {var}
RETURN key AS owner, {columns} ORDER BY owner, {order.replace(var + ".", "")}"""


PROJECTS_OF_POLICIES = _capped(
    "MATCH (j:Project)-[:FUNDED_BY]->(:Policy {uid: key})", "j", "j.name", PROJECT
)
POLICIES_OF_PROJECTS = _capped(
    "MATCH (:Project {uid: key})-[:FUNDED_BY]->(p:Policy)", "p", "p.name", POLICY
)
TASKS_OF_POLICIES = _capped(
    "MATCH (t:Task)-[:INVOKES]->(:Policy {uid: key})", "t", "t.document, t.ordinal", TASK
)
TASKS_OF_PROJECTS = _capped(
    "MATCH (t:Task)-[:CONCERNS]->(:Project {uid: key})", "t", "t.document, t.ordinal", TASK
)

# The units on a project's tasks, with how many of those tasks each is on.
UNITS_OF_PROJECTS = f"""UNWIND $uids AS key
MATCH (u:Unit)-[:RESPONSIBLE_FOR]->(t:Task)-[:CONCERNS]->(:Project {{uid: key}})
WITH key, u, count(DISTINCT t) AS tasks ORDER BY tasks DESC, u.name
WITH key, collect({{u: u, tasks: tasks}})[..$per_owner] AS found
UNWIND found AS f
WITH key, f.u AS u, f.tasks AS tasks
RETURN key AS owner, {UNIT}, tasks ORDER BY owner, tasks DESC, name"""


# Every policy a document names, with `implemented` (the plan implements it).
policies_of_documents = batched(POLICIES_OF_DOCUMENTS, per_owner=PER_OWNER)
# The projects a (funding) policy pays for.
projects_of_policies = batched(PROJECTS_OF_POLICIES, per_owner=PER_OWNER)
policies_of_projects = batched(POLICIES_OF_PROJECTS, per_owner=PER_OWNER)
# The tasks that invoke each policy, in plan order.
tasks_of_policies = batched(TASKS_OF_POLICIES, per_owner=PER_OWNER)
tasks_of_projects = batched(TASKS_OF_PROJECTS, per_owner=PER_OWNER)
# Units responsible for a project's tasks, most involved first (`tasks`: how many).
units_of_projects = batched(UNITS_OF_PROJECTS, per_owner=PER_OWNER)


# --- a task's and a unit's relations ---------------------------------------------------------

POLICIES_OF_TASKS = _owned("MATCH (:Task {uid: key})-[:INVOKES]->(p:Policy)", POLICY, "name")
PROJECTS_OF_TASKS = _owned("MATCH (:Task {uid: key})-[:CONCERNS]->(j:Project)", PROJECT, "name")

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
# plans: cut in the store, read document by document (graph/task_filter.py), since a
# unit on a thousand plans is on 45,000 tasks.
_ASSIGNMENTS_OF_UNITS = """UNWIND $uids AS key
CALL {{
  WITH key
  MATCH (u:Unit {{uid: key}})
  {walk}
  WITH r, t SKIP $offset LIMIT $limit
  RETURN r, t
}}
RETURN key AS unit, r.role AS role, r.rank AS rank, r.inferred AS inferred,
       r.written AS written, {task}"""

# How many assignments each unit has (in `role`): from the unit's stored counts.
_ASSIGNMENT_COUNTS = """UNWIND $uids AS key
MATCH (u:Unit {{uid: key}})
RETURN key AS owner, u.{count} AS total"""


# The policies each task invokes and the projects it concerns.
policies_of_tasks = batched(POLICIES_OF_TASKS)
projects_of_tasks = batched(PROJECTS_OF_TASKS)


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
    walk = unit_tasks_cypher("u", "t", "r", role="role" if role else None)
    cypher = _ASSIGNMENTS_OF_UNITS.format(walk=walk, task=TASK)
    return read_batched(store, cypher, uids, {"role": role, "offset": offset, "limit": limit})


def assignment_counts(store: Store, uids: list[str], role: str | None = None) -> list[Row]:
    """{owner, total}: how many tasks each unit is on (in `role`)."""
    count = "total" if role is None else Role(role)  # the unit's property of that name
    return read_batched(store, _ASSIGNMENT_COUNTS.format(count=count), uids)
