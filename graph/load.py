"""Writing plans into a store and taking them out again; counting what is there.

Writing a document takes blocks of Cypher: delete the document's old part, create its
own nodes, merge the shared Unit, Policy and Project nodes, link them, delete shared
nodes that nothing reaches any more. On the embedded store the blocks are joined into ONE
statement (FalkorDB has no multi-statement transactions but runs each query atomically);
on Neo4j they run in ONE write transaction. So a reload gives the same graph, a changed
version replaces the old part, and a failed write leaves the store as it was. Every
value travels as a parameter, the rows of a block as one UNWIND list.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dutygraph.errors import InputError, NotFoundError
from dutygraph.graph.model import GraphRows, document_uid, plan_rows
from dutygraph.graph.store import Store, param_chunks
from dutygraph.graph.supervision import reattach
from dutygraph.loaders.model import Plan

# A block is one Cypher clause chain and the parameter holding its rows (None: $uid only).
Block = tuple[str, str | None]

# A document's own nodes carry its uid in `document`; deleting them detaches every edge.
_DELETE_PART: list[Block] = [
    ("OPTIONAL MATCH (t:Task {document: $uid}) DETACH DELETE t", None),
    ("OPTIONAL MATCH (s:Section {document: $uid}) DETACH DELETE s", None),
    ("OPTIONAL MATCH (g:Goal {document: $uid}) DETACH DELETE g", None),
    ("OPTIONAL MATCH (d:Document {uid: $uid}) DETACH DELETE d", None),
]

# Shared nodes live while some document reaches them: a unit through a task or a mention,
# a project through a task, a policy through a citation or a task.
_DELETE_ORPHANS: list[Block] = [
    (
        "OPTIONAL MATCH (u:Unit) "
        "WHERE NOT (u)-[:RESPONSIBLE_FOR]->() AND NOT ()-[:MENTIONS]->(u) DETACH DELETE u",
        None,
    ),
    ("OPTIONAL MATCH (p:Project) WHERE NOT ()-[:CONCERNS]->(p) DETACH DELETE p", None),
    (
        "OPTIONAL MATCH (p:Policy) WHERE NOT ()-[:CITES]->(p) AND NOT ()-[:IMPLEMENTS]->(p) "
        "AND NOT ()-[:INVOKES]->(p) DETACH DELETE p",
        None,
    ),
]

_WRITE_PART: list[Block] = [
    ("UNWIND $document AS r CREATE (d:Document) SET d = r", "document"),
    ("UNWIND $sections AS r CREATE (s:Section) SET s = r", "sections"),
    ("UNWIND $tasks AS r CREATE (t:Task) SET t = r", "tasks"),
    ("UNWIND $goals AS r CREATE (g:Goal) SET g = r", "goals"),
    (
        """UNWIND $units AS r
MERGE (u:Unit {uid: r.uid})
WITH u, r, [a IN coalesce(u.aliases, []) WHERE NOT a IN r.aliases] + r.aliases AS aliases
SET u += r, u.aliases = aliases""",
        "units",
    ),
    ("UNWIND $policies AS r MERGE (p:Policy {uid: r.uid}) SET p += r", "policies"),
    ("UNWIND $projects AS r MERGE (p:Project {uid: r.uid}) SET p += r", "projects"),
    (
        """UNWIND [r IN $sections WHERE r.parent IS NULL] AS r
MATCH (d:Document {uid: $uid}), (s:Section {uid: r.uid})
CREATE (d)-[:HAS_SECTION]->(s)""",
        "sections",
    ),
    (
        """UNWIND [r IN $sections WHERE r.parent IS NOT NULL] AS r
MATCH (p:Section {uid: r.parent}), (s:Section {uid: r.uid})
CREATE (p)-[:HAS_SECTION]->(s)""",
        "sections",
    ),
    (
        """UNWIND $tasks AS r
MATCH (s:Section {uid: r.section}), (t:Task {uid: r.uid})
CREATE (s)-[:HAS_TASK]->(t)""",
        "tasks",
    ),
    (
        """UNWIND $goals AS r
MATCH (d:Document {uid: $uid}), (g:Goal {uid: r.uid})
CREATE (d)-[:TARGETS]->(g)""",
        "goals",
    ),
    (
        """UNWIND $assignments AS r
MATCH (u:Unit {uid: r.unit}), (t:Task {uid: r.task})
CREATE (u)-[:RESPONSIBLE_FOR {role: r.role, rank: r.rank, inferred: r.inferred,
                               written: r.written}]->(t)""",
        "assignments",
    ),
    (
        """UNWIND $mentions AS r
MATCH (d:Document {uid: $uid}), (u:Unit {uid: r.unit})
CREATE (d)-[m:MENTIONS]->(u) SET m.duty = r.duty""",
        "mentions",
    ),
    (
        """UNWIND $hosted AS r
MATCH (u:Unit {uid: r.unit}), (h:Unit {uid: r.host})
MERGE (u)-[:HOSTED_BY]->(h)""",
        "hosted",
    ),
    (
        """UNWIND $policies AS r
MATCH (d:Document {uid: $uid}), (p:Policy {uid: r.uid})
CREATE (d)-[:CITES]->(p)""",
        "policies",
    ),
    (
        """UNWIND $implements AS policy
MATCH (d:Document {uid: $uid}), (p:Policy {uid: policy})
CREATE (d)-[:IMPLEMENTS]->(p)""",
        "implements",
    ),
    (
        """UNWIND $invokes AS r
MATCH (t:Task {uid: r.task}), (p:Policy {uid: r.policy})
CREATE (t)-[:INVOKES]->(p)""",
        "invokes",
    ),
    (
        """UNWIND $concerns AS r
MATCH (t:Task {uid: r.task}), (p:Project {uid: r.project})
CREATE (t)-[:CONCERNS]->(p)""",
        "concerns",
    ),
    (
        """UNWIND $funded_by AS r
MATCH (p:Project {uid: r.project}), (f:Policy {uid: r.policy})
MERGE (p)-[:FUNDED_BY]->(f)""",
        "funded_by",
    ),
]

LOAD = _DELETE_PART + _WRITE_PART + _DELETE_ORPHANS
UNLOAD = _DELETE_PART + _DELETE_ORPHANS


def one_statement(blocks: list[Block]) -> str:
    """The blocks as one statement: `WITH count(*) AS _` between them turns the rows
    back into one, so an empty list does not stop the blocks after it."""
    return "\nWITH count(*) AS _\n".join(cypher for cypher, _ in blocks)


def steps(
    blocks: list[Block], params: dict[str, Any], max_bytes: int | None
) -> list[tuple[str, dict[str, Any]]]:
    """The blocks as statements for one transaction, rows split to stay under max_bytes
    of parameters (FalkorDB's Bolt endpoint crashes on parameters over about 4 KB)."""
    result = []
    for cypher, key in blocks:
        if key is None:
            result.append((cypher, {"uid": params["uid"]}))
            continue
        for chunk in param_chunks(params[key], max_bytes):
            result.append((cypher, {"uid": params["uid"], key: chunk}))
    return result


def _write(store: Store, blocks: list[Block], params: dict[str, Any]) -> None:
    """One atomic write: one statement, or one transaction of statements on stores that
    run several in one transaction (Neo4jStore.write_all)."""
    write_all = getattr(store, "write_all", None)
    if write_all is None:
        store.write(one_statement(blocks), params)
    else:
        write_all(steps(blocks, params, getattr(store, "max_params_bytes", None)))


@dataclass(frozen=True, slots=True)
class Loaded:
    """What one load wrote: the document's uid and title, and what it holds."""

    uid: str
    title: str
    tasks: int
    assignments: int
    # The path of the earlier load this one replaced, when that was another file of the
    # same name: worth telling the user, since it may be another place's plan.
    replaced: str | None = None


def check_distinct_names(sources: Iterable[str]) -> None:
    """Refuse files that would load as one document (same base name, see graph/model.py)."""
    seen: dict[str, str] = {}
    for source in sources:
        first = seen.setdefault(document_uid(source), source)
        if first != source:
            raise InputError(
                f"{first} and {source} have the same file name, and a document is known by "
                "its file name: the second would replace the first; rename one"
            )


def load_plan(store: Store, plan: Plan) -> Loaded:
    """Write one plan as one document, replacing an earlier version of the same file."""
    return write_rows(store, plan_rows(plan))


def write_rows(store: Store, rows: GraphRows) -> Loaded:
    """Write a document's rows in one atomic statement (`load_plan` without the model)."""
    rows.check()
    earlier = store.read(
        "MATCH (d:Document {uid: $uid}) RETURN d.source AS source", {"uid": rows.uid}
    )
    _write(store, LOAD, rows.as_params())
    # Progress reports are kept apart from the plan's nodes (graph/supervision.py): they
    # follow their tasks into the new edition, or are marked orphaned, never deleted.
    reattach(store, rows.uid)
    source = rows.document.get("source")
    return Loaded(
        uid=rows.uid,
        title=rows.document.get("title", ""),
        tasks=len(rows.tasks),
        assignments=len(rows.assignments),
        replaced=next((r["source"] for r in earlier if r["source"] != source), None),
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
    _write(store, UNLOAD, {"uid": uid})
    reattach(store, uid)  # the document's reports stay, orphaned
    return uid


def stats(store: Store) -> dict[str, dict[str, int]]:
    """Counts per node label and per relationship type, sorted by name."""
    nodes = store.read("MATCH (n) RETURN labels(n)[0] AS name, count(*) AS n")
    edges = store.read("MATCH ()-[r]->() RETURN type(r) AS name, count(*) AS n")
    return {
        "nodes": {r["name"]: r["n"] for r in sorted(nodes, key=lambda r: r["name"])},
        "relationships": {r["name"]: r["n"] for r in sorted(edges, key=lambda r: r["name"])},
    }
