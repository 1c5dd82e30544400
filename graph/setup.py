"""Constraints and indexes: the statements that differ between the two stores.

Neo4j 5 gets a uniqueness constraint on every label's uid (which also indexes it) and
`IF NOT EXISTS` indexes. FalkorDB rejects `CREATE CONSTRAINT`; it gets a range index per
property through Cypher (`CREATE INDEX FOR (n:L) ON (n.p)`, which has no IF NOT EXISTS,
so existing indexes are read first) and, on the embedded store, unique constraints through
the GRAPH.CONSTRAINT command. FalkorDB reached over Bolt (the tests' Neo4j code path)
cannot send that command, so there the uids are indexed but not constrained.
"""

from __future__ import annotations

from dutygraph.graph.store import Store

# Every label's uid is unique; these other properties are looked up by graph/load.py
# (a document's own nodes) and graph/queries.py (names, document numbers).
UNIQUE_LABELS = (
    "Document", "Section", "Task", "Goal", "Unit", "Policy", "Project", "User", "Report",
)
INDEXED = (
    ("Section", "document"),
    ("Task", "document"),
    ("Goal", "document"),
    ("Unit", "name"),
    ("Policy", "doc_number"),
    ("Project", "name"),
    # supervision (graph/supervision.py): reports are found by their task and document
    ("Report", "task"),
    ("Report", "document"),
    ("Audit", "at"),
)


def ensure_schema(store: Store) -> None:
    """Create the missing constraints and indexes; cheap when they all exist."""
    if getattr(store, "dialect", "neo4j") == "falkordb":
        _falkordb(store)
    else:
        _neo4j(store)


def _neo4j(store: Store) -> None:
    # Labels and property names are our constants, never user input.
    for label in UNIQUE_LABELS:
        store.write(
            f"CREATE CONSTRAINT {label.lower()}_uid IF NOT EXISTS "
            f"FOR (n:{label}) REQUIRE n.uid IS UNIQUE"
        )
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
    create_unique = getattr(store, "create_unique_constraint", None)
    if create_unique is not None:
        for label in UNIQUE_LABELS:
            create_unique(label, "uid")
    compact = getattr(store, "compact", None)
    if missing and compact is not None:
        # Into the embedded store's snapshot, so queries replayed after a crash find them.
        compact()
