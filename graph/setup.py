"""Constraints and indexes: the statements that differ between the two stores.

Neo4j 5 gets a uniqueness constraint on every label's uid (which also indexes it) and
`IF NOT EXISTS` indexes. FalkorDB rejects `CREATE CONSTRAINT`; it gets a range index per
property through Cypher (`CREATE INDEX FOR (n:L) ON (n.p)`, which has no IF NOT EXISTS,
so existing indexes are read first) and, on the embedded store, unique constraints through
the GRAPH.CONSTRAINT command. FalkorDB reached over Bolt (the tests' Neo4j code path)
cannot send that command, so there the uids are indexed but not constrained.
"""

from __future__ import annotations

from dutygraph.graph.model import PLAN_LABELS, grams
from dutygraph.graph.store import Store, param_chunks

# Every label's uid is unique; these other properties are looked up by graph/load.py
# (a document's own nodes) and graph/nodes.py (names, document numbers).
UNIQUE_LABELS = (*PLAN_LABELS, "User", "Report")
INDEXED = (
    ("Section", "document"),
    ("Task", "document"),
    ("Goal", "document"),
    ("Task", "code"),
    ("Task", "grams"),  # graph/search.py
    ("Unit", "name"),
    ("Unit", "aliases"),  # a unit by name or alias in one index scan (graph/compiled.py)
    ("Policy", "doc_number"),
    ("Project", "name"),
    # supervision (graph/supervision.py): reports are found by their task and document
    ("Task", "due"),
    ("Report", "task"),
    ("Report", "document"),
    ("Audit", "at"),
)


# A store loaded before graph/load.py kept aggregates has units on tasks without `total`
# or without TASKS_IN edges, and one loaded before a pair's shared tasks were one edge
# has a SHARES edge each way (so a pair's first edge has one back): count them all once
# (the loads after keep them in step).
_UNCOUNTED = """MATCH (u:Unit) WHERE (u)-[:RESPONSIBLE_FOR]->()
  AND (u.total IS NULL OR NOT (u)-[:TASKS_IN]->())
RETURN u.uid AS uid LIMIT 1"""
_TWO_WAY = """MATCH (a:Unit)-[:SHARES]->(b:Unit) WITH a, b LIMIT 1
MATCH (b)-[:SHARES]->(a) RETURN a.uid AS uid"""
_RECOUNT = [
    "MATCH ()-[s:SHARES]->() DELETE s",
    "MATCH ()-[i:TASKS_IN]->() DELETE i",
    """MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t:Task)
WITH u, t.document AS document, count(r) AS n,
     count(CASE WHEN r.role = 'lead' THEN 1 END) AS lead,
     count(CASE WHEN r.role = 'support' THEN 1 END) AS support
MATCH (d:Document {uid: document})
CREATE (u)-[:TASKS_IN {total: n, lead: lead, support: support}]->(d)""",
    """MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(:Task)
WITH u, count(r) AS n, count(CASE WHEN r.role = 'lead' THEN 1 END) AS lead,
     count(CASE WHEN r.role = 'support' THEN 1 END) AS support
SET u.total = n, u.lead = lead, u.support = support""",
    """MATCH (a:Unit)-[:RESPONSIBLE_FOR]->(t:Task)<-[:RESPONSIBLE_FOR]-(b:Unit) WHERE a.uid < b.uid
WITH a, b, count(DISTINCT t) AS n
CREATE (a)-[:SHARES {tasks: n}]->(b)""",
]


# Tasks loaded before they carried their two-character pieces (graph/model.grams) and
# their text's length get them, a batch at a time, so that search still finds them.
_UNSPLIT = """MATCH (t:Task) WHERE t.grams IS NULL AND size(t.text) > 1
RETURN t.uid AS uid, t.text AS text LIMIT 2000"""
_SPLIT = """UNWIND $rows AS r MATCH (t:Task {uid: r.uid})
SET t.grams = r.grams, t.length = r.length"""


def ensure_schema(store: Store) -> None:
    """Create the missing constraints and indexes, and the load's aggregates where an
    older version left none; cheap when all exist."""
    if store.dialect == "falkordb":
        _falkordb(store)
    else:
        _neo4j(store)
    if store.read(_UNCOUNTED) or store.read(_TWO_WAY):
        for cypher in _RECOUNT:
            store.write(cypher)
    while tasks := store.read(_UNSPLIT):
        rows = [
            {"uid": t["uid"], "grams": grams(t["text"]), "length": len(t["text"])} for t in tasks
        ]
        for chunk in param_chunks(rows, store.max_params_bytes):
            store.write(_SPLIT, {"rows": chunk})


def _neo4j(store: Store) -> None:
    for label in UNIQUE_LABELS:
        store.create_unique_constraint(label, "uid")
    # Labels and property names are our constants, never user input.
    for label, prop in INDEXED:
        store.write(
            f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        )


def _falkordb(store: Store) -> None:
    rows = store.read("CALL db.indexes() YIELD label, properties RETURN label, properties")
    existing = {(r["label"], p) for r in rows for p in r["properties"]}
    wanted = [(label, "uid") for label in UNIQUE_LABELS] + list(INDEXED)
    missing = [(label, prop) for label, prop in wanted if (label, prop) not in existing]
    for label, prop in missing:
        store.write(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})")
    for label in UNIQUE_LABELS:
        store.create_unique_constraint(label, "uid")
    if missing:
        # Into the embedded store's snapshot, so queries replayed after a crash find them.
        store.compact()
