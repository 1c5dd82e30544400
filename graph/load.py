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

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from dutygraph.errors import InputError, NotFoundError
from dutygraph.graph.model import GraphRows, Row, document_uid, plan_rows
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
# a project through a task, a policy through a citation or a task. Only the shared nodes
# the replaced document reached can have lost their last link (`stale`, read before the
# write): checking every unit, project and policy of the store took 26 of a load's 39 ms
# at 1,000 plans.
_DELETE_ORPHANS: list[Block] = [
    (
        "UNWIND $stale_units AS key MATCH (u:Unit {uid: key}) "
        "WHERE NOT (u)-[:RESPONSIBLE_FOR]->() AND NOT ()-[:MENTIONS]->(u) DETACH DELETE u",
        "stale_units",
    ),
    (
        "UNWIND $stale_projects AS key MATCH (p:Project {uid: key}) "
        "WHERE NOT ()-[:CONCERNS]->(p) DETACH DELETE p",
        "stale_projects",
    ),
    (
        "UNWIND $stale_policies AS key MATCH (p:Policy {uid: key}) "
        "WHERE NOT ()-[:CITES]->(p) AND NOT ()-[:IMPLEMENTS]->(p) "
        "AND NOT ()-[:INVOKES]->(p) DETACH DELETE p",
        "stale_policies",
    ),
]

# Whether the document is loaded, and whether any progress report names it (if none,
# there is nothing to reattach after the write: one round trip less for the plans nobody
# reports on). Read first and alone because most loads are of new documents, which need
# nothing more: PREVIOUS, even finding nothing, cost them ~0.4 ms.
FOUND = """OPTIONAL MATCH (d:Document {uid: $uid})
OPTIONAL MATCH (report:Report {document: $uid})
WITH d, report LIMIT 1
RETURN d.source AS source, report IS NOT NULL AS reported"""

# What a load must know of the version it replaces, in one read: its assignments (to
# count the deltas of the aggregates) and the shared nodes it reaches (the units on them
# and those it mentions, its projects, the policies its tasks invoke or it cites).
PREVIOUS = """CALL {
  MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t:Task {document: $uid})
  RETURN collect([u.uid, t.uid, r.role]) AS assignments
}
OPTIONAL MATCH (:Document {uid: $uid})-[:MENTIONS]->(m:Unit)
WITH assignments, collect(DISTINCT m.uid) AS mentioned
OPTIONAL MATCH (:Task {document: $uid})-[:CONCERNS]->(j:Project)
WITH assignments, mentioned, collect(DISTINCT j.uid) AS projects
OPTIONAL MATCH (:Task {document: $uid})-[:INVOKES]->(p:Policy)
WITH assignments, mentioned, projects, collect(DISTINCT p.uid) AS invoked
OPTIONAL MATCH (:Document {uid: $uid})-[:CITES|IMPLEMENTS]->(c:Policy)
WITH assignments, mentioned, projects, invoked, collect(DISTINCT c.uid) AS cited
RETURN assignments, mentioned, projects, invoked + cited AS policies"""

# Stored aggregates, kept in step with the assignments by every load and unload: each
# unit's `total`, `lead` and `support` task counts, and (a)-[:SHARES {tasks}]->(b) for
# two units on `tasks` common tasks (one edge a pair, from the smaller uid, read in
# either direction; 0 once they share none). The workload ranking, partners and the
# shared-task matrix read these instead of walking every assignment of the store. A
# load adds the differences between the old version's assignments and the new one's
# (`deltas`), so that concurrent loads of other plans still add up; each counter is SET
# once per statement, as FalkorDB 4.16 loses all but one of several SETs of a property
# in one query.
_ADD_TO_UNIT = """SET u.total = coalesce(u.total, 0) + r.total,
    u.lead = coalesce(u.lead, 0) + r.lead, u.support = coalesce(u.support, 0) + r.support"""
_PAIRS: Block = (
    # one row per two units, a < b
    """UNWIND $pair_deltas AS d
MATCH (a:Unit {uid: d.a}), (b:Unit {uid: d.b})
MERGE (a)-[s:SHARES]->(b)
ON CREATE SET s.tasks = d.tasks
ON MATCH SET s.tasks = s.tasks + d.tasks""",
    "pair_deltas",
)
_COUNT: list[Block] = [
    ("UNWIND $unit_deltas AS r\nMATCH (u:Unit {uid: r.unit})\n" + _ADD_TO_UNIT, "unit_deltas"),
    _PAIRS,
]
# (u)-[:TASKS_IN {total, lead, support}]->(d): how many of document d's tasks unit u is
# on, so a unit's task list can be read document by document (graph/task_filter.py) and
# its load per document counted without walking its 45,000 assignments. Written with the
# document and deleted with it (DETACH DELETE), so it needs no deltas.
_TASKS_IN: Block = (
    """UNWIND $tasks_in AS r
MATCH (u:Unit {uid: r.unit}), (d:Document {uid: $uid})
CREATE (u)-[:TASKS_IN {total: r.total, lead: r.lead, support: r.support}]->(d)""",
    "tasks_in",
)
DERIVED = ("SHARES", "TASKS_IN")  # relationship types the loader derives, not the plans

# A unit keeps the aliases every document gave it.
_ALIASES = "[a IN coalesce(u.aliases, []) WHERE NOT a IN r.aliases] + r.aliases AS aliases"
_UNITS: Block = (
    f"""UNWIND $units AS r
MERGE (u:Unit {{uid: r.uid}})
WITH u, r, {_ALIASES}
SET u += r, u.aliases = aliases""",
    "units",
)
# A new document's units with their counts in it ({unit: the unit's row, total, lead,
# support}): its unit counts and TASKS_IN rows are written where its units are, in one
# update of each unit (the units' own block, then _TASKS_IN and the counts' block, took
# the store ~1 ms more a plan at 1,000 plans). A unit on none of its tasks keeps its
# counts as they were, unset if unset: by CASE and FOREACH, not by a WHERE after the SET,
# as FalkorDB 4.16 then loses the SET of the rows the WHERE drops.
_ADD_COUNTS = ", ".join(
    f"u.{k} = CASE WHEN c.total > 0 THEN coalesce(u.{k}, 0) + c.{k} ELSE u.{k} END"
    for k in ("total", "lead", "support")
)
_UNITS_COUNTED: Block = (
    f"""MATCH (d:Document {{uid: $uid}})
UNWIND $units AS c
WITH d, c, c.unit AS r
MERGE (u:Unit {{uid: r.uid}})
WITH d, c, u, r, {_ALIASES}
SET u += r, u.aliases = aliases, {_ADD_COUNTS}
FOREACH (one IN CASE WHEN c.total > 0 THEN [1] ELSE [] END |
  CREATE (u)-[:TASKS_IN {{total: c.total, lead: c.lead, support: c.support}}]->(d))""",
    "units",
)

# A task is written with its HAS_TASK edge, a goal with its TARGETS edge and a policy
# with its CITES edge, in one block each: as a node block and an edge block, each was
# looked up again by its uid (as such, the three took ~0.5 ms more of store CPU a plan,
# ~2 ms more on a store's first load, which also compiles them).
# GraphRows.check makes sure each task's section is one of the document's, so that no
# task is left out by the MATCH.
TASKS: Block = (
    """UNWIND $tasks AS r
MATCH (s:Section {uid: r.section})
CREATE (s)-[:HAS_TASK]->(t:Task) SET t = r""",
    "tasks",
)
GOALS: Block = (
    """UNWIND $goals AS r
MATCH (d:Document {uid: $uid})
CREATE (d)-[:TARGETS]->(g:Goal) SET g = r""",
    "goals",
)
POLICIES: Block = (
    """UNWIND $policies AS r
MATCH (d:Document {uid: $uid})
MERGE (p:Policy {uid: r.uid}) SET p += r
CREATE (d)-[:CITES]->(p)""",
    "policies",
)

# The document's own rows, written.
WRITE_PART: list[Block] = [
    ("UNWIND $document AS r CREATE (d:Document) SET d = r", "document"),
    ("UNWIND $sections AS r CREATE (s:Section) SET s = r", "sections"),
    TASKS,
    GOALS,
    _UNITS,
    POLICIES,
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

LOAD = _DELETE_PART + WRITE_PART + [_TASKS_IN] + _COUNT + _DELETE_ORPHANS
# A document not loaded before has no old part to delete and no shared node that could
# have lost its last link: the blocks for those, even finding nothing, cost the store
# ~0.5 ms of a new document's load at 1,000 plans. (Two loads of one new document at
# once: where uids are constrained (embedded, Neo4j) the second write fails whole.)
LOAD_NEW = [_UNITS_COUNTED if b is _UNITS else b for b in WRITE_PART] + [_PAIRS]
UNLOAD = _DELETE_PART + _COUNT + _DELETE_ORPHANS
# A load or unload made through the API writes its audit entry (graph/audit.py) in the
# same atomic write, so the change is never without it.
_AUDIT: Block = ("UNWIND $audit AS entry CREATE (a:Audit) SET a = entry", "audit")


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


def _write(
    store: Store, blocks: list[Block], params: dict[str, Any], audit: Row | None = None
) -> None:
    """One atomic write: one transaction of statements where the store has transactions
    (Neo4j), else one statement; with the audit entry, when there is one."""
    if audit is not None:
        blocks, params = [*blocks, _AUDIT], {**params, "audit": [audit]}
    if store.transactions:
        store.write_all(steps(blocks, params, store.max_params_bytes))
    else:
        store.write(one_statement(blocks), params)


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


def duplicate_of(store: Store, file: Path) -> str | None:
    """The source of a loaded document whose file had this file's bytes under another name
    (方案.docx and 方案(1).docx), so the same plan is not loaded twice; None for a new file
    or the same file loaded again."""
    from dutygraph.graph.nodes import document_by_sha256

    try:
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError:
        return None  # the reader reports a file it cannot read, in its own words
    row = document_by_sha256(store, digest)
    if row is None or row["uid"] == document_uid(str(file)):
        return None
    return str(row["source"])


def load_plan(store: Store, plan: Plan, audit: Row | None = None) -> Loaded:
    """Write one plan as one document, replacing an earlier version of the same file;
    `audit`: the entry (graph/audit.py audit_row) written with it."""
    return _load(store, document_uid(plan.document.source), lambda: plan_rows(plan), audit)


def write_rows(store: Store, rows: GraphRows, audit: Row | None = None) -> Loaded:
    """Write a document's rows in one atomic statement (`load_plan` without the model)."""
    return _load(store, rows.uid, lambda: rows, audit)


def _load(store: Store, uid: str, make_rows: Callable[[], GraphRows], audit: Row | None) -> Loaded:
    # FOUND is sent before the rows are built, checked and counted, and its answer read
    # after, so the store answers while Python works: in sequence its round trip cost a
    # warm load ~0.3 ms of wall time and a store's first load ~0.8 (its compile). Nothing
    # is written before the check.
    with store.read_pending(FOUND, {"uid": uid}) as found:
        rows = make_rows()
        rows.check()
        new = _Counts.of(rows.assignments)
        params = rows.as_params()
        [was] = found()
    before = _previous(store, uid, was)
    deltas = _deltas(before.counts, new)
    if before.loaded:
        params |= {**before.stale, **deltas, "tasks_in": new.unit_rows()}
        _write(store, LOAD, params, audit)
    else:
        params |= {"units": new.counted(rows.units), "pair_deltas": deltas["pair_deltas"]}
        _write(store, LOAD_NEW, params, audit)
    # Progress reports are kept apart from the plan's nodes (graph/supervision.py): they
    # follow their tasks into the new edition, or are marked orphaned, never deleted. (A
    # report written between the read above and the write is reattached by the next
    # load of the document.)
    if before.reported:
        reattach(store, rows.uid)
    source = rows.document.get("source")
    return Loaded(
        uid=rows.uid,
        title=rows.document.get("title", ""),
        tasks=len(rows.tasks),
        assignments=len(rows.assignments),
        replaced=before.source if before.source not in (None, source) else None,
    )


def unload_document(store: Store, document: str, audit: Row | None = None) -> str:
    """Remove one document, named by uid or by its source path; return its uid.
    `audit`: the entry written with the change.

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
    [found] = store.read(FOUND, {"uid": uid})
    before = _previous(store, uid, found)
    params = {"uid": uid, **before.stale, **_deltas(before.counts, _Counts.of([]))}
    _write(store, UNLOAD, params, audit)
    if before.reported:
        reattach(store, uid)  # the document's reports stay, orphaned
    return uid


@dataclass(frozen=True, slots=True)
class _Counts:
    """What some assignments add to the stored aggregates: each unit's [total, lead,
    support] and each two units' shared tasks, keyed by the two uids in order (the load
    writes one row per pair)."""

    units: dict[str, list[int]]
    pairs: Counter[tuple[str, str]]

    @classmethod
    def of(cls, assignments: list[Row]) -> _Counts:
        units: dict[str, list[int]] = {}
        on: dict[str, set[str]] = defaultdict(set)
        for a in assignments:
            counts = units.get(a["unit"])
            if counts is None:
                counts = units[a["unit"]] = [0, 0, 0]
            counts[0] += 1
            counts[1 if a["role"] == "lead" else 2] += 1
            on[a["task"]].add(a["unit"])
        pairs: Counter[tuple[str, str]] = Counter()
        for task_units in on.values():
            pairs.update(combinations(sorted(task_units), 2))
        return cls(units, pairs)

    def unit_rows(self) -> list[Row]:
        """[{unit, total, lead, support}], by unit uid."""
        return [_unit_row(unit, n) for unit, n in sorted(self.units.items())]

    def counted(self, units: list[Row]) -> list[Row]:
        """The unit rows as _UNITS_COUNTED takes them: [{unit (the row), total, lead,
        support}]."""
        none = [0, 0, 0]
        return [_unit_row(u["uid"], self.units.get(u["uid"], none)) | {"unit": u} for u in units]


@dataclass(frozen=True, slots=True)
class _Previous:
    """What a document holds before a write replaces it (nothing, when it is not loaded):
    its source, whether reports name it, what its assignments count, and the shared nodes
    it reaches ({stale_units, stale_projects, stale_policies})."""

    source: str | None
    reported: bool
    counts: _Counts
    stale: dict[str, list[str]]

    @property
    def loaded(self) -> bool:
        return self.source is not None


def _previous(store: Store, uid: str, found: Row) -> _Previous:
    """What the document `uid` holds, from FOUND's row and, if it is loaded, PREVIOUS."""
    if found["source"] is None:
        return _Previous(None, found["reported"], _Counts.of([]), {})
    [row] = store.read(PREVIOUS, {"uid": uid})
    old = [{"unit": u, "task": t, "role": r} for u, t, r in row["assignments"]]
    units = list(dict.fromkeys([a["unit"] for a in old] + row["mentioned"]))
    stale = dict(zip(_STALE, [units, row["projects"], row["policies"]], strict=True))
    return _Previous(found["source"], found["reported"], _Counts.of(old), stale)


_STALE = ("stale_units", "stale_projects", "stale_policies")


def _unit_row(unit: str, counts: list[int]) -> Row:
    return {"unit": unit, "total": counts[0], "lead": counts[1], "support": counts[2]}


def _deltas(old: _Counts, new: _Counts) -> dict[str, list[Row]]:
    """{unit_deltas, pair_deltas}: what replacing the assignments counted in `old` by
    those counted in `new` adds to each unit's counts and each pair's shared tasks (only
    what changes)."""
    units = []
    for unit in sorted(old.units.keys() | new.units.keys()):
        was, now = old.units.get(unit, [0, 0, 0]), new.units.get(unit, [0, 0, 0])
        delta = [n - w for w, n in zip(was, now, strict=True)]
        if any(delta):
            units.append(_unit_row(unit, delta))
    pairs = new.pairs.copy()
    pairs.subtract(old.pairs)
    return {
        "unit_deltas": units,
        "pair_deltas": [{"a": a, "b": b, "tasks": n} for (a, b), n in sorted(pairs.items()) if n],
    }


def stats(store: Store) -> dict[str, dict[str, int]]:
    """Counts per node label and per relationship type (the plans' own, not the
    loader's aggregates), sorted by name."""
    nodes = store.read("MATCH (n) RETURN labels(n)[0] AS name, count(*) AS n")
    edges = store.read(
        "MATCH ()-[r]->() WHERE NOT type(r) IN $derived RETURN type(r) AS name, count(*) AS n",
        {"derived": list(DERIVED)},
    )
    return {
        "nodes": {r["name"]: r["n"] for r in sorted(nodes, key=lambda r: r["name"])},
        "relationships": {r["name"]: r["n"] for r in sorted(edges, key=lambda r: r["name"])},
    }
