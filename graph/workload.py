"""How heavy each unit's load is: one unit's workload, the ranking, a unit's partners.

A unit is on a task when it has a RESPONSIBLE_FOR edge to it; `lead` and `support` count
the edges by role (a first-listed unit taken as lead, `inferred`, counts as lead).
"""

from __future__ import annotations

from typing import Any

from dutygraph.graph.columns import Row, read_batched
from dutygraph.graph.store import Store
from dutygraph.graph.task_filter import SECTION_DEPTH

_COUNTS = """count(t) AS total,
       count(CASE WHEN r.role = 'lead' THEN 1 END) AS lead,
       count(CASE WHEN r.role = 'support' THEN 1 END) AS support"""

# A unit on many plans is on thousands of tasks: the totals come from one aggregate row,
# and only the first $limit documents (heaviest first) and sections (in plan order) travel.
UNIT_BY_DOCUMENT = f"""MATCH (:Unit {{uid: $uid}})-[r:RESPONSIBLE_FOR]->(t:Task)
WITH t.document AS document, {_COUNTS}
ORDER BY total DESC, document
WITH collect({{document: document, total: total, lead: lead, support: support}}) AS docs,
     sum(total) AS tasks, sum(lead) AS leads, sum(support) AS supports
RETURN tasks AS total, leads AS lead, supports AS support, docs[..$limit] AS documents"""

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


def unit_workload(store: Store, unit_uid: str, limit: int = 500) -> dict[str, Any]:
    """{total, lead, support, by_section: [{section, title, code, document, total, lead,
    support}], by_document: [{document, title, total, lead, support}]}: totals over every
    task; the first `limit` documents, heaviest first, and `limit` sections, in plan order
    (documents by title). A unit on no task (or no unit) gets zeros and empty lists."""
    params = {"uid": unit_uid, "limit": limit}
    [totals] = store.read(UNIT_BY_DOCUMENT, params) or [{}]
    sections = store.read(UNIT_BY_SECTION, params)
    docs = totals.get("documents") or []
    wanted = sorted({d["document"] for d in docs} | {s["document"] for s in sections})
    titles = {r["uid"]: r["title"] for r in read_batched(store, DOCUMENT_TITLES, wanted)}
    sections.sort(key=lambda r: (titles.get(r["document"]) or "", r["document"], r["first"]))
    counts = ("total", "lead", "support")
    return {
        **{key: int(totals.get(key) or 0) for key in counts},
        "by_section": [
            {
                "section": r["section"],
                "title": r["title"],
                "code": "".join(r["numbers"]),
                "document": r["document"],
                **{key: r[key] for key in counts},
            }
            for r in sections
        ],
        "by_document": [
            {
                "document": d["document"],
                "title": titles.get(d["document"]),
                **{key: d[key] for key in counts},
            }
            for d in docs
        ],
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
