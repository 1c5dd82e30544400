"""What surrounds a node, and how two nodes connect: {nodes, edges} for a graph view.

Both walk the graph breadth first, one query per hop, from Python: FalkorDB accepts
shortestPath() only in WITH/RETURN while Neo4j 5 wants it in MATCH, and a variable-length
MATCH enumerates every path (thousands around a unit on many plans) before any LIMIT.
A hop expands the frontier from indexed uids, one UNION branch per label present, and
reads at most HOP_ROWS edges, so each step is bounded however big the graph grows. A
neighbourhood takes the edges in the store's own order, not sorted: sorting all 45,000
edges of a unit on a thousand plans to keep 800 took 99 ms of a 100 ms hop.

Nodes are {uid, label, name, text, place} (name: a task's code and the head of its text,
a section's or document's title, a goal's year, the name of the others; text: a task's
whole text; place: a unit's or document's place); edges are {source, target, type, role}
in the stored direction (role only on RESPONSIBLE_FOR).
"""

from __future__ import annotations

from typing import Any

from dutygraph.errors import ArgumentError
from dutygraph.graph.columns import Row, display_name
from dutygraph.graph.load import DERIVED
from dutygraph.graph.model import PLAN_LABELS
from dutygraph.graph.store import Store, param_chunks

LABELS = PLAN_LABELS
MAX_DEPTH = 3  # neighborhood hops
MAX_NODES = 500  # neighborhood size
MAX_PATH_DEPTH = 8
HOP_ROWS = 5000  # edges read per label per hop (path search)
# A neighbourhood of `limit` nodes reads at most this many edges per node asked for: the
# nodes it can still take and the edges between them, not all 20,000 tasks of a unit
# named in a thousand plans.
EDGES_PER_NODE = 4

# The plans' own relationships, not the loader's aggregates (graph/load.py).
_OWN = "NOT type(r) IN [" + ", ".join(f"'{t}'" for t in DERIVED) + "]"

# How any node is named, whatever its label; `text` serves tasks only.
_NAME = """CASE labels({v})[0] WHEN 'Task' THEN {v}.code WHEN 'Goal' THEN toString({v}.year)
  WHEN 'Document' THEN {v}.title WHEN 'Section' THEN {v}.title ELSE {v}.name END"""


def _node_columns(v: str) -> str:
    name = _NAME.format(v=v)
    return (
        f"labels({v})[0] AS label, {v}.uid AS uid, {name} AS name, {v}.text AS text, "
        f"{v}.place AS place"
    )


# The node of a uid, whatever its label (each branch uses that label's uid index).
NODE = "\nUNION ALL\n".join(
    f"MATCH (n:{label} {{uid: $uid}}) RETURN {_node_columns('n')}" for label in LABELS
)


# The nodes of uids, one branch per label (each uses its label's uid index).
_NODES = {
    label: f"UNWIND ${label} AS key MATCH (n:{label} {{uid: key}}) RETURN {_node_columns('n')}"
    for label in LABELS
}


# A hop returns, per label of the frontier, one row: its edges in the order read, each
# with the uid and label of its other end, as one list (each value and row costs the
# reply parser microseconds: 9.7 ms for a heavy unit's 800 edges as rows of node columns,
# 6.3 as one list), and the columns of the first $take other ends, the only ones it can
# keep (most ends of those 800 edges are past the limit), so no second read fills them.
# `kept` filters the edges returned to those that can still be kept.
def _hop_branch(label: str, order: str, kept: str = "") -> str:
    return f"""UNWIND ${label} AS key
MATCH (a:{label} {{uid: key}})-[r]-(b) WHERE {_OWN}
WITH a, r, b {order}LIMIT $rows
WITH collect([a, r, b]) AS rows, collect(DISTINCT b)[..$take] AS ends
RETURN [x IN rows {kept}| [x[0].uid, startNode(x[1]) = x[0], type(x[1]), x[1].role,
  labels(x[2])[0], x[2].uid]] AS hops, [n IN ends | [{_list_columns("n")}]] AS near"""


def _list_columns(v: str) -> str:
    return f"labels({v})[0], {v}.uid, {_NAME.format(v=v)}, {v}.text, {v}.place"


_COLUMNS = ("label", "uid", "name", "text", "place")  # _list_columns' order


# Branches only for the labels in the frontier: they are built from the fixed LABELS. A
# path search sorts the edges it reads, so of two shortest paths it always finds the
# same one; a neighbourhood takes them as they come (see the module doc).
_HOPS = {label: _hop_branch(label, "") for label in LABELS}
# The first hop knows only the start node, so of the edges it reads only those to the ends
# it can take or back to the start can be kept (a heavy unit's 800 edges at a limit of
# 200: about 200, each one value the store writes and Python reads less).
_FIRST_HOPS = {
    label: _hop_branch(label, "", "WHERE x[2] IN ends OR x[2] = x[0] ") for label in LABELS
}
_SORTED_HOPS = {label: _hop_branch(label, "ORDER BY a.uid, type(r), b.uid ") for label in LABELS}


# How many edges a hop from a frontier would read, counted in the store.
# How many edges a hop from a frontier would read, counted in the store, exactly or up to
# $cap: a hub's 46,000 edges took 182 ms to count, and a path search only compares the two
# sides' counts, which a cap below the lighter side's leaves the same.
def _degree_branch(label: str, limit: str) -> str:
    return (
        f"UNWIND ${label} AS key MATCH (:{label} {{uid: key}})-[r]-() WHERE {_OWN} "
        f"WITH r {limit}RETURN count(r) AS n"
    )


_DEGREES = {label: _degree_branch(label, "") for label in LABELS}
_CAPPED_DEGREES = {label: _degree_branch(label, "LIMIT $cap ") for label in LABELS}
DEGREE_CAP = 1000


def neighborhood(store: Store, uid: str, depth: int, limit: int) -> dict[str, list[Row]]:
    """The nodes within `depth` hops of `uid` (itself first, then hop by hop, at most
    `limit`) and the edges they were reached by or met along the way; empty lists for
    an unknown uid."""
    if not 0 <= depth <= MAX_DEPTH:
        raise ArgumentError(f"depth must be between 0 and {MAX_DEPTH}")
    if not 1 <= limit <= MAX_NODES:
        raise ArgumentError(f"limit must be between 1 and {MAX_NODES}")
    start = _node(store, uid)
    if start is None:
        return {"nodes": [], "edges": []}
    nodes = {uid: start}
    edges: dict[tuple[str, str, str], Row] = {}
    frontier = [start]
    rows = min(HOP_ROWS, EDGES_PER_NODE * limit)
    for step in range(depth):
        if not frontier:
            break
        params = {"rows": rows, "take": _take(limit, len(nodes))}
        found = _by_label(store, frontier, _HOPS if step else _FIRST_HOPS, params)
        near = {columns[1]: columns for row in found for columns in row["near"]}
        frontier = []
        for origin, out, type_, role, label, other in (hop for row in found for hop in row["hops"]):
            if other not in nodes:
                if len(nodes) >= limit:
                    continue
                # read with the hop; else (a store whose DISTINCT kept another order) by _filled
                read = near.get(other)
                node = (
                    _graph_node(dict(zip(_COLUMNS, read, strict=True)))
                    if read
                    else _stub(other, label)
                )
                nodes[other] = node
                frontier.append(node)
            key = (origin, other, type_) if out else (other, origin, type_)
            if key not in edges:
                edges[key] = {"source": key[0], "target": key[1], "type": type_, "role": role}
    return _filled(store, list(nodes.values()), list(edges.values()))


def _take(limit: int, known: int) -> int:
    """How many distinct other ends a hop reads the columns of: the nodes it can still
    take are among the first `limit - known` ends not known yet, so among the first
    `limit` ends (none when it can take none)."""
    return limit if known < limit else 0


def shortest_path(
    store: Store, from_uid: str, to_uid: str, max_depth: int
) -> dict[str, list[Row]] | None:
    """A shortest path of at most `max_depth` edges, ignoring direction, as nodes in path
    order and the edges between them; None when either node is unknown or none is found.

    Searches from both ends, always widening the side with fewer edges to read, so a hub
    at one end (a unit on thousands of tasks) is entered last, if at all.
    """
    if not 1 <= max_depth <= MAX_PATH_DEPTH:
        raise ArgumentError(f"max_depth must be between 1 and {MAX_PATH_DEPTH}")
    ends = [_node(store, from_uid), _node(store, to_uid)]
    if ends[0] is None or ends[1] is None:
        return None
    if from_uid == to_uid:
        return {"nodes": [ends[0]], "edges": []}
    # Per side: uid -> (node, the edge towards that side's end, the neighbour on it).
    seen: list[dict[str, tuple[Row, Row | None, str | None]]] = [
        {from_uid: (ends[0], None, None)},
        {to_uid: (ends[1], None, None)},
    ]
    frontiers = [[ends[0]], [ends[1]]]
    degrees = [_degree(store, frontiers[0]), _degree(store, frontiers[1])]
    for _ in range(max_depth):
        if min(degrees) >= DEGREE_CAP:  # both sides past the cap: compare them exactly
            degrees = [_degree(store, frontiers[0], True), _degree(store, frontiers[1], True)]
        side = 0 if degrees[0] <= degrees[1] else 1
        if not degrees[side]:
            return None
        meetings: list[str] = []
        reached: list[Row] = []
        for row in _hop(store, frontiers[side], HOP_ROWS, sort=True):
            near = row["node"]
            if near["uid"] in seen[side]:
                continue
            seen[side][near["uid"]] = (near, row["edge"], row["origin"])
            reached.append(near)
            if near["uid"] in seen[1 - side]:
                meetings.append(near["uid"])
        if meetings:
            best = min(meetings, key=lambda m: _length(seen[0], m) + _length(seen[1], m))
            path = _join(seen, best)
            filled = _filled(store, path["nodes"], path["edges"])
            return filled if len(filled["nodes"]) == len(path["nodes"]) else None
        frontiers[side] = reached
        degrees[side] = _degree(store, reached)
    return None


def _node(store: Store, uid: str) -> Row | None:
    rows = store.read(NODE, {"uid": uid})
    return _graph_node(rows[0]) if rows else None


def _by_label(
    store: Store, frontier: list[Row], branches: dict[str, str], params: dict[str, Any]
) -> list[Row]:
    """The branches of the frontier's labels joined by UNION ALL, each given its uids: one
    query for the whole frontier, or one per run of it where the store takes only small
    parameters (FalkorDB's Bolt endpoint)."""
    label_of = {node["uid"]: node["label"] for node in frontier}
    found: list[Row] = []
    for run in param_chunks(list(label_of), store.max_params_bytes):
        by_label: dict[str, list[str]] = {}
        for uid in run:
            by_label.setdefault(label_of[uid], []).append(uid)
        present = [label for label in LABELS if label in by_label]
        cypher = "\nUNION ALL\n".join(branches[label] for label in present)
        found += store.read(cypher, {**{k: by_label[k] for k in present}, **params})
    return found


def _degree(store: Store, frontier: list[Row], exact: bool = False) -> int:
    """How many edges a hop from `frontier` would read: exact below DEGREE_CAP (or when
    `exact`), else at least DEGREE_CAP."""
    if exact:
        return sum(row["n"] for row in _by_label(store, frontier, _DEGREES, {}))
    found = _by_label(store, frontier, _CAPPED_DEGREES, {"cap": DEGREE_CAP})
    return sum(row["n"] for row in found)


def _hop(store: Store, frontier: list[Row], rows: int, sort: bool = False) -> list[dict[str, Any]]:
    """Every edge at a frontier node: {origin (the frontier uid), edge, node (the other
    end's uid and label only)}."""
    params = {"rows": rows, "take": 0}
    found = _by_label(store, frontier, _SORTED_HOPS if sort else _HOPS, params)
    hops = []
    for origin, out, type_, role, label, uid in (hop for row in found for hop in row["hops"]):
        source, target = (origin, uid) if out else (uid, origin)
        edge = {"source": source, "target": target, "type": type_, "role": role}
        hops.append({"origin": origin, "edge": edge, "node": _stub(uid, label)})
    return hops


def _filled(store: Store, nodes: list[Row], edges: list[Row]) -> dict[str, list[Row]]:
    """{nodes, edges} with each node known only by uid and label read whole, in one
    query; a node gone meanwhile (unloaded) is left out, with its edges."""
    stubs = [node for node in nodes if "name" not in node]
    found = _by_label(store, stubs, _NODES, {}) if stubs else []
    read = {row["uid"]: _graph_node(row) for row in found}
    whole = [read.get(node["uid"]) if "name" not in node else node for node in nodes]
    kept = [node for node in whole if node is not None]
    uids = {node["uid"] for node in kept}
    return {
        "nodes": kept,
        "edges": [e for e in edges if e["source"] in uids and e["target"] in uids],
    }


def _graph_node(row: Row) -> Row:
    return {
        "uid": row["uid"],
        "label": row["label"],
        "name": display_name(row["label"], row["name"], row["text"]),
        # whole, for an export that must stand without the store (GraphML)
        "text": row["text"] if row["label"] == "Task" else None,
        "place": row.get("place"),
    }


def _stub(uid: str, label: str) -> Row:
    """A node known by uid and label only, until _filled reads it."""
    return {"uid": uid, "label": label}


def _length(seen: dict[str, tuple[Row, Row | None, str | None]], uid: str) -> int:
    length = 0
    while (step := seen[uid])[2] is not None:
        uid = step[2]
        length += 1
    return length


def _join(seen: list[dict[str, tuple[Row, Row | None, str | None]]], meet: str) -> dict:
    """The path from the first end to the meeting node, then on to the second end."""
    half: list[list[tuple[Row, Row | None]]] = []
    for side in seen:
        steps: list[tuple[Row, Row | None]] = []
        uid: str | None = meet
        while uid is not None:
            node, edge, toward = side[uid]
            steps.append((node, edge))
            uid = toward
        half.append(steps)
    first = list(reversed(half[0]))  # first end ... meet, edges leading into each
    second = half[1][1:]  # after meet ... second end
    nodes = [node for node, _ in first] + [node for node, _ in second]
    edges = [edge for _, edge in first[1:]] + [edge for _, edge in half[1][:-1]]
    return {"nodes": nodes, "edges": [e for e in edges if e is not None]}
