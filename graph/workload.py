"""How heavy each unit's load is: one unit's workload, the ranking, a unit's partners.

A unit is on a task when it has a RESPONSIBLE_FOR edge to it; `lead` and `support` count
the edges by role (a first-listed unit taken as lead, `inferred`, counts as lead).
"""

from __future__ import annotations

from typing import Any

from dutygraph.graph.columns import Row
from dutygraph.graph.store import Store
from dutygraph.graph.task_filter import SECTION_DEPTH

_COUNTS = """count(t) AS total,
       count(CASE WHEN r.role = 'lead' THEN 1 END) AS lead,
       count(CASE WHEN r.role = 'support' THEN 1 END) AS support"""

# Per section holding the unit's tasks; the section's chain of numbers and ordinals up
# to its document give its printed code (二（五）) and its place in the plan.
UNIT_WORKLOAD = f"""MATCH (:Unit {{uid: $uid}})-[r:RESPONSIBLE_FOR]->(t:Task)
      <-[:HAS_TASK]-(s:Section)
WITH s, {_COUNTS}
MATCH chain = (s)<-[:HAS_SECTION*1..{SECTION_DEPTH + 1}]-(d:Document)
WITH s, d, total, lead, support, reverse(nodes(chain))[1..] AS parts
RETURN s.uid AS section, s.title AS title, [x IN parts | x.number] AS numbers,
       [x IN parts | x.ordinal] AS ordinals, d.uid AS document, d.title AS document_title,
       total, lead, support"""

WORKLOAD_RANKING = f"""MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t:Task)
WHERE $document IS NULL OR t.document = $document
WITH u, {_COUNTS}
RETURN u.uid AS unit, u.name AS name, total, lead, support
ORDER BY total DESC, name LIMIT $limit"""

WORKLOAD_RANKING_IN_SECTION = f"""MATCH (:Section {{uid: $section}})
      -[:HAS_SECTION*0..{SECTION_DEPTH}]->(:Section)-[:HAS_TASK]->(t:Task)<-[r:RESPONSIBLE_FOR]-(u:Unit)
WHERE $document IS NULL OR t.document = $document
WITH u, {_COUNTS}
RETURN u.uid AS unit, u.name AS name, total, lead, support
ORDER BY total DESC, name LIMIT $limit"""

PARTNERS = """MATCH (u:Unit {uid: $uid})-[:RESPONSIBLE_FOR]->(t:Task)<-[:RESPONSIBLE_FOR]-(o:Unit)
WHERE o <> u
RETURN o.uid AS unit, o.name AS name, count(DISTINCT t) AS shared
ORDER BY shared DESC, name LIMIT $limit"""


def unit_workload(store: Store, unit_uid: str) -> dict[str, Any]:
    """{total, lead, support, by_section: [{section, title, code, total, lead, support}],
    by_document: [{document, title, total, lead, support}]}, sections in plan order.
    A unit on no task (or no unit) gets zeros and empty lists."""
    rows = store.read(UNIT_WORKLOAD, {"uid": unit_uid})
    rows.sort(key=lambda r: (r["document_title"], r["document"], r["ordinals"]))
    by_document: dict[str, Row] = {}
    for row in rows:
        doc = by_document.setdefault(
            row["document"],
            {"document": row["document"], "title": row["document_title"],
             "total": 0, "lead": 0, "support": 0},
        )  # fmt: skip
        for key in ("total", "lead", "support"):
            doc[key] += row[key]
    return {
        "total": sum(r["total"] for r in rows),
        "lead": sum(r["lead"] for r in rows),
        "support": sum(r["support"] for r in rows),
        "by_section": [
            {
                "section": r["section"],
                "title": r["title"],
                "code": "".join(r["numbers"]),
                "document": r["document"],
                **{key: r[key] for key in ("total", "lead", "support")},
            }
            for r in rows
        ],
        "by_document": list(by_document.values()),
    }


def workload_ranking(
    store: Store, *, limit: int, document: str | None = None, section: str | None = None
) -> list[Row]:
    """[{unit (uid), name, total, lead, support}], heaviest first, ties by name; counting
    only the tasks of `document` and of `section` (and below it) when given."""
    cypher = WORKLOAD_RANKING if section is None else WORKLOAD_RANKING_IN_SECTION
    return store.read(cypher, {"limit": limit, "document": document, "section": section})


def partners(store: Store, unit_uid: str, limit: int) -> list[Row]:
    """[{unit (uid), name, shared}]: units on the same tasks, most shared tasks first."""
    return store.read(PARTNERS, {"uid": unit_uid, "limit": limit})
