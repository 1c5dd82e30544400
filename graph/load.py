"""Writing plans into a store and taking them out again; counting what is there.

A document is written by ONE Cypher statement (FalkorDB has no multi-statement
transactions, but runs each query atomically; Neo4j runs it in one write transaction):
it deletes the document's old part, creates its own nodes, merges the shared Unit, Policy
and Project nodes, links them, and deletes shared nodes that nothing reaches any more.
So a reload gives the same graph, a changed version replaces the old part, and a failed
write leaves the store as it was. Every value travels as a parameter; each block ends in
`WITH count(*) AS _`, which turns the rows back into one so an empty list does not stop
the blocks after it.
"""

from __future__ import annotations

from dataclasses import dataclass

from dutygraph.graph.model import GraphRows, document_uid, plan_rows
from dutygraph.graph.store import Store
from dutygraph.loaders.model import Plan

from dutygraph.errors import NotFoundError

# A document's own nodes carry its uid in `document`; deleting them detaches every edge.
_DELETE_PART = """
OPTIONAL MATCH (t:Task {document: $uid}) DETACH DELETE t
WITH count(*) AS _
OPTIONAL MATCH (s:Section {document: $uid}) DETACH DELETE s
WITH count(*) AS _
OPTIONAL MATCH (g:Goal {document: $uid}) DETACH DELETE g
WITH count(*) AS _
OPTIONAL MATCH (d:Document {uid: $uid}) DETACH DELETE d
WITH count(*) AS _
"""

# Shared nodes live while some document reaches them: a unit through a task or a mention,
# a project through a task, a policy through a citation or a task.
_DELETE_ORPHANS = """
OPTIONAL MATCH (u:Unit)
WHERE NOT (u)-[:RESPONSIBLE_FOR]->() AND NOT ()-[:MENTIONS]->(u)
DETACH DELETE u
WITH count(*) AS _
OPTIONAL MATCH (p:Project) WHERE NOT ()-[:CONCERNS]->(p)
DETACH DELETE p
WITH count(*) AS _
OPTIONAL MATCH (p:Policy)
WHERE NOT ()-[:CITES]->(p) AND NOT ()-[:IMPLEMENTS]->(p) AND NOT ()-[:INVOKES]->(p)
DETACH DELETE p
"""

_WRITE_PART = """
CREATE (d:Document) SET d = $document
WITH count(*) AS _
UNWIND $sections AS r CREATE (s:Section) SET s = r
WITH count(*) AS _
UNWIND $tasks AS r CREATE (t:Task) SET t = r
WITH count(*) AS _
UNWIND $goals AS r CREATE (g:Goal) SET g = r
WITH count(*) AS _
UNWIND $units AS r
MERGE (u:Unit {uid: r.uid})
WITH u, r, [a IN coalesce(u.aliases, []) WHERE NOT a IN r.aliases] + r.aliases AS aliases
SET u += r, u.aliases = aliases
WITH count(*) AS _
UNWIND $policies AS r MERGE (p:Policy {uid: r.uid}) SET p += r
WITH count(*) AS _
UNWIND $projects AS r MERGE (p:Project {uid: r.uid}) SET p += r
WITH count(*) AS _
UNWIND [r IN $sections WHERE r.parent IS NULL] AS r
MATCH (d:Document {uid: $uid}), (s:Section {uid: r.uid})
CREATE (d)-[:HAS_SECTION]->(s)
WITH count(*) AS _
UNWIND [r IN $sections WHERE r.parent IS NOT NULL] AS r
MATCH (p:Section {uid: r.parent}), (s:Section {uid: r.uid})
CREATE (p)-[:HAS_SECTION]->(s)
WITH count(*) AS _
UNWIND $tasks AS r
MATCH (s:Section {uid: r.section}), (t:Task {uid: r.uid})
CREATE (s)-[:HAS_TASK]->(t)
WITH count(*) AS _
UNWIND $goals AS r
MATCH (d:Document {uid: $uid}), (g:Goal {uid: r.uid})
CREATE (d)-[:TARGETS]->(g)
WITH count(*) AS _
UNWIND $assignments AS r
MATCH (u:Unit {uid: r.unit}), (t:Task {uid: r.task})
CREATE (u)-[:RESPONSIBLE_FOR {role: r.role, rank: r.rank, inferred: r.inferred,
                               written: r.written}]->(t)
WITH count(*) AS _
UNWIND $mentions AS r
MATCH (d:Document {uid: $uid}), (u:Unit {uid: r.unit})
CREATE (d)-[m:MENTIONS]->(u) SET m.duty = r.duty
WITH count(*) AS _
UNWIND $hosted AS r
MATCH (u:Unit {uid: r.unit}), (h:Unit {uid: r.host})
MERGE (u)-[:HOSTED_BY]->(h)
WITH count(*) AS _
UNWIND $policies AS r
MATCH (d:Document {uid: $uid}), (p:Policy {uid: r.uid})
CREATE (d)-[:CITES]->(p)
WITH count(*) AS _
UNWIND $implements AS policy
MATCH (d:Document {uid: $uid}), (p:Policy {uid: policy})
CREATE (d)-[:IMPLEMENTS]->(p)
WITH count(*) AS _
UNWIND $invokes AS r
MATCH (t:Task {uid: r.task}), (p:Policy {uid: r.policy})
CREATE (t)-[:INVOKES]->(p)
WITH count(*) AS _
UNWIND $concerns AS r
MATCH (t:Task {uid: r.task}), (p:Project {uid: r.project})
CREATE (t)-[:CONCERNS]->(p)
WITH count(*) AS _
UNWIND $funded_by AS r
MATCH (p:Project {uid: r.project}), (f:Policy {uid: r.policy})
MERGE (p)-[:FUNDED_BY]->(f)
WITH count(*) AS _
"""

LOAD = _DELETE_PART + _WRITE_PART + _DELETE_ORPHANS
UNLOAD = _DELETE_PART + _DELETE_ORPHANS


@dataclass(frozen=True, slots=True)
class Loaded:
    """What one load wrote: the document's uid and title, and what it holds."""

    uid: str
    title: str
    tasks: int
    assignments: int


def load_plan(store: Store, plan: Plan) -> Loaded:
    """Write one plan as one document, replacing an earlier version of the same file."""
    return write_rows(store, plan_rows(plan))


def write_rows(store: Store, rows: GraphRows) -> Loaded:
    """Write a document's rows in one atomic statement (`load_plan` without the model)."""
    rows.check()
    store.write(LOAD, rows.as_params())
    return Loaded(
        uid=rows.uid,
        title=rows.document.get("title", ""),
        tasks=len(rows.tasks),
        assignments=len(rows.assignments),
    )


def unload_document(store: Store, document: str) -> str:
    """Remove one document, named by uid or by its source path; return its uid.

    Raises NotFoundError when no such document is loaded.
    """
    rows = store.read(
        "MATCH (d:Document) WHERE d.uid = $document OR d.source = $document "
        "OR d.uid = $derived RETURN d.uid AS uid",
        {"document": document, "derived": document_uid(document)},
    )
    if not rows:
        raise NotFoundError(f"no document {document!r} is loaded")
    uid = rows[0]["uid"]
    store.write(UNLOAD, {"uid": uid})
    return uid


def stats(store: Store) -> dict[str, dict[str, int]]:
    """Counts per node label and per relationship type, sorted by name."""
    nodes = store.read("MATCH (n) RETURN labels(n)[0] AS name, count(*) AS n")
    edges = store.read("MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS n")
    return {
        "nodes": {r["name"]: r["n"] for r in sorted(nodes, key=lambda r: r["name"])},
        "relationships": {r["name"]: r["n"] for r in sorted(edges, key=lambda r: r["name"])},
    }
