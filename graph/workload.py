"""How heavy each unit's load is: a unit's totals and breakdowns, the ranking, a matrix of
shared tasks, a unit's partners.

A unit is on a task when it has a RESPONSIBLE_FOR edge to it; `lead` and `support` count
the edges by role (a first-listed unit taken as lead, `inferred`, counts as lead). Totals
and partners take a list of units, so a list of units costs one call, not one per unit;
the breakdowns by section and by document are separate queries, run only when asked for
(at 1,000 plans they cost five times the totals).
"""

from __future__ import annotations

from typing import Any

from dutygraph.graph.columns import Row, read_batched
from dutygraph.graph.store import Store
from dutygraph.graph.task_filter import SECTION_DEPTH

_COUNTS = """count(t) AS total,
       count(CASE WHEN r.role = 'lead' THEN 1 END) AS lead,
       count(CASE WHEN r.role = 'support' THEN 1 END) AS support"""

# From the counts each load keeps on the unit (graph/load.py).
UNIT_TOTALS = """UNWIND $uids AS key
MATCH (u:Unit {uid: key})
RETURN key AS owner, u.total AS total, u.lead AS lead, u.support AS support"""

# From the counts each load keeps per unit and document (graph/load.py, TASKS_IN); only
# the first $limit documents (heaviest first) travel.
UNIT_BY_DOCUMENT = """MATCH (:Unit {uid: $uid})-[i:TASKS_IN]->(d:Document)
RETURN d.uid AS document, i.total AS total, i.lead AS lead, i.support AS support
ORDER BY total DESC, document LIMIT $limit"""

# A task's path starts with its section's numbers (二, （五）), so the section's printed
# code is the first `level` of them; its first task's ordinal places it in the plan.
UNIT_BY_SECTION = f"""MATCH (:Unit {{uid: $uid}})-[r:RESPONSIBLE_FOR]->(t:Task)
      <-[:HAS_TASK]-(s:Section)
WITH s, {_COUNTS}, min(t.ordinal) AS first, head(collect(t.path)) AS path
RETURN s.uid AS section, s.title AS title, path[..s.level] AS numbers, first,
       s.document AS document, total, lead, support
ORDER BY document, first LIMIT $limit"""

DOCUMENT_TITLES = """UNWIND $uids AS key MATCH (d:Document {uid: key})
RETURN d.uid AS uid, d.title AS title"""

# The edges a ranking counts: all, or those of a document, or of a section and below it.
# Each variant names only the conditions given, so the store can use its indexes.
_EDGES_IN_DOCUMENT = "MATCH (t:Task {document: $document})<-[r:RESPONSIBLE_FOR]-(u:Unit)"
_EDGES_IN_SECTION = f"""MATCH (:Section {{uid: $section}})
      -[:HAS_SECTION*0..{SECTION_DEPTH}]->(:Section)-[:HAS_TASK]->(t:Task)<-[r:RESPONSIBLE_FOR]-(u:Unit)"""
_RANKED = f"""WITH u, {_COUNTS}
ORDER BY total DESC, u.name, u.uid LIMIT $limit"""
_RANKING = "RETURN u.uid AS unit, u.name AS name, total, lead, support"
# Over every task the ranking is the units' stored counts (graph/load.py).
_RANKED_ALL = """MATCH (u:Unit) WHERE u.total > 0
WITH u, u.total AS total, u.lead AS lead, u.support AS support
ORDER BY total DESC, u.name, u.uid LIMIT $limit"""

# The tasks of the same scope that the top units share, pair by pair (a <> b): from the
# top units' own edges when the scope is every task, else the scope's edges again.
_TOP = "WITH collect(u) AS top"
# Over every task, the pairs' stored counts (one edge a pair, so each comes twice: a, b
# and b, a).
_STORED_PAIRS = """UNWIND top AS a
MATCH (a)-[s:SHARES]-(b:Unit) WHERE b IN top AND s.tasks > 0
RETURN a.uid AS a, b.uid AS b, s.tasks AS shared"""
_PAIRS = """WITH t, collect(DISTINCT u) AS on
UNWIND on AS a
UNWIND on AS b
WITH a, b, count(t) AS shared WHERE a <> b
RETURN a.uid AS a, b.uid AS b, shared"""

# From the pairs' stored counts (graph/load.py; an edge either way).
PARTNERS = """UNWIND $uids AS key
MATCH (u:Unit {uid: key})
CALL {
  WITH u
  MATCH (u)-[s:SHARES]-(o:Unit) WHERE s.tasks > 0
  WITH o, s.tasks AS shared
  ORDER BY shared DESC, o.name, o.uid LIMIT $limit
  RETURN o.uid AS unit, o.name AS name, shared
}
RETURN key AS owner, unit, name, shared"""

COUNTS = ("total", "lead", "support")


def unit_totals(store: Store, uids: list[str]) -> list[Row]:
    """[{owner (unit uid), total, lead, support}]: a row per unit on some task."""
    return read_batched(store, UNIT_TOTALS, uids)


def unit_by_document(store: Store, unit_uid: str, limit: int = 500) -> list[Row]:
    """[{document, title, total, lead, support}]: the first `limit` documents of the
    unit's tasks, heaviest first, ties by uid."""
    docs = store.read(UNIT_BY_DOCUMENT, {"uid": unit_uid, "limit": limit})
    titles = _titles(store, [d["document"] for d in docs])
    return [
        {
            "document": d["document"],
            "title": titles.get(d["document"]),
            **{key: d[key] for key in COUNTS},
        }
        for d in docs
    ]


def unit_by_section(store: Store, unit_uid: str, limit: int = 500) -> list[Row]:
    """[{section, title, code, document, total, lead, support}]: `limit` sections of the
    unit's tasks, in plan order, documents by title."""
    sections = store.read(UNIT_BY_SECTION, {"uid": unit_uid, "limit": limit})
    titles = _titles(store, [s["document"] for s in sections])
    sections.sort(key=lambda r: (titles.get(r["document"]) or "", r["document"], r["first"]))
    return [
        {
            "section": r["section"],
            "title": r["title"],
            "code": "".join(r["numbers"]),
            "document": r["document"],
            **{key: r[key] for key in COUNTS},
        }
        for r in sections
    ]


def unit_workload(store: Store, unit_uid: str, limit: int = 500) -> dict[str, Any]:
    """{total, lead, support, by_section, by_document}: the totals over every task and
    both breakdowns (see unit_by_section, unit_by_document). A unit on no task (or no
    unit) gets zeros and empty lists."""
    [totals] = unit_totals(store, [unit_uid]) or [{}]
    return {
        **{key: int(totals.get(key) or 0) for key in COUNTS},
        "by_section": unit_by_section(store, unit_uid, limit),
        "by_document": unit_by_document(store, unit_uid, limit),
    }


def _titles(store: Store, documents: list[str]) -> dict[str, str]:
    rows = read_batched(store, DOCUMENT_TITLES, sorted(set(documents)))
    return {r["uid"]: r["title"] for r in rows}


def _scope(document: str | None, section: str | None, *more: str) -> str:
    """The MATCH of the edges (u, r, t) to the tasks of a document or section, with
    `more` conditions."""
    if section is None:
        match, conditions = _EDGES_IN_DOCUMENT, []
    else:
        match = _EDGES_IN_SECTION
        conditions = [] if document is None else ["t.document = $document"]
    conditions += more
    return match + ("\nWHERE " + " AND ".join(conditions) if conditions else "")


def _top(document: str | None, section: str | None) -> str:
    """The ranking's top units, as `u` with total, lead and support."""
    if document is None and section is None:
        return _RANKED_ALL
    return _scope(document, section) + "\n" + _RANKED


def ranking_cypher(document: str | None, section: str | None) -> str:
    """The ranking statement for a scope (`document`, `section`: whether each is given)."""
    return _top(document, section) + "\n" + _RANKING


def workload_ranking(
    store: Store, *, limit: int, document: str | None = None, section: str | None = None
) -> list[Row]:
    """[{unit (uid), name, total, lead, support}], heaviest first, ties by name; counting
    only the tasks of `document` and of `section` (and below it) when given."""
    params = {"limit": limit, "document": document, "section": section}
    return store.read(ranking_cypher(document, section), params)


def matrix_cypher(document: str | None, section: str | None) -> str:
    """The shared-tasks statement for a scope: the ranking's top units, then the pairs."""
    if document is None and section is None:
        return "\n".join([_RANKED_ALL, _TOP, _STORED_PAIRS])
    again = _scope(document, section, "u IN top")
    return "\n".join([_top(document, section), _TOP, again, _PAIRS])


def shared_tasks(
    store: Store, *, limit: int, document: str | None = None, section: str | None = None
) -> dict[str, Any]:
    """{units: the ranking's first `limit` rows, counts: counts[i][j] the tasks units i
    and j are both on (counts[i][i]: unit i's own tasks)}, over the same scope."""
    units = workload_ranking(store, limit=limit, document=document, section=section)
    params = {"limit": limit, "document": document, "section": section}
    pairs = store.read(matrix_cypher(document, section), params) if units else []
    index = {u["unit"]: i for i, u in enumerate(units)}
    counts = [[0] * len(units) for _ in units]
    for pair in pairs:
        counts[index[pair["a"]]][index[pair["b"]]] = pair["shared"]
    for i, unit in enumerate(units):
        counts[i][i] = unit["total"]
    return {"units": units, "counts": counts}


def partners_of_units(store: Store, uids: list[str], limit: int) -> list[Row]:
    """[{owner, unit (uid), name, shared}]: for each unit, the units on the same tasks,
    most shared tasks first, ties by name, at most `limit`."""
    return read_batched(store, PARTNERS, uids, {"limit": limit})


def partners(store: Store, unit_uid: str, limit: int) -> list[Row]:
    """[{unit (uid), name, shared}]: units on the same tasks, most shared tasks first."""
    rows = partners_of_units(store, [unit_uid], limit)
    return [{k: r[k] for k in ("unit", "name", "shared")} for r in rows]
