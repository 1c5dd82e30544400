"""search: any substring of two or more characters in task text and in the names of
units (aliases too), policies, projects and sections, ranked and bounded.

Why CONTAINS and not a full-text index: FalkorDB's full-text index (RediSearch) segments
Chinese into words, so 产业园 or 抽水蓄能 inside a longer word is never found, and Neo4j's
Lucene analyzers differ again. A substring test is exact on both stores; over the many
tasks it runs only on those whose indexed two-character pieces hold the text's first and
last two (an index both stores build from a list property), over the fewer other nodes
on all of them.

Ranking, best first: a name equal to the text (or an alias, a task code, a document
number), a name starting with it, a name containing it, then task text containing it;
within a tier shorter names (task: shorter text) first. `score` orders the hits the same
way: the tier plus a fraction that shrinks with the name's length.
"""

from __future__ import annotations

from collections.abc import Iterable

from dutygraph.errors import ArgumentError
from dutygraph.graph.columns import Row, display_name
from dutygraph.graph.store import Store
from dutygraph.loaders.fold import fold
from dutygraph.loaders.policies import canonical_number
from dutygraph.loaders.units import expand

MIN_CHARS = 2
SNIPPET = 20  # characters of context either side of the match

EXACT, PREFIX, NAME, TEXT = 4, 3, 2, 1

# One branch per label, each returning its best $limit rows: label, uid, name (what the
# hit is called and what `tier` ranks), text (where the snippet comes from), tier. Tasks
# take two: by code (indexed), and by text among the tasks whose indexed two-character
# pieces (graph/model.grams) hold the text's first and last two characters, shortest
# first by their stored length: at 1,000 plans 产业 is in 7,200 of 50,000 tasks, and
# testing and measuring every task's text took 9 ms of the store's time. A task found by
# both keeps its better tier (search() keeps a uid's best hit).
SEARCH = f"""MATCH (u:Unit)
WHERE u.name CONTAINS $q OR any(a IN u.aliases WHERE a CONTAINS $q)
WITH u, CASE WHEN u.name = $q OR $q IN u.aliases THEN {EXACT}
             WHEN u.name STARTS WITH $q OR any(a IN u.aliases WHERE a STARTS WITH $q)
             THEN {PREFIX} ELSE {NAME} END AS tier
RETURN 'Unit' AS label, u.uid AS uid, u.name AS name,
       head([a IN u.aliases WHERE a CONTAINS $q]) AS text, tier
ORDER BY tier DESC, size(name), name LIMIT $limit
UNION ALL
MATCH (p:Policy)
WHERE p.name CONTAINS $q OR p.title CONTAINS $q OR p.doc_number = $number
WITH p, CASE WHEN p.name = $q OR p.title = $q OR p.doc_number = $number THEN {EXACT}
             WHEN p.name STARTS WITH $q THEN {PREFIX} ELSE {NAME} END AS tier
RETURN 'Policy' AS label, p.uid AS uid, p.name AS name,
       coalesce(p.title, p.doc_number) AS text, tier
ORDER BY tier DESC, size(name), name LIMIT $limit
UNION ALL
MATCH (j:Project) WHERE j.name CONTAINS $q
WITH j, CASE WHEN j.name = $q THEN {EXACT} WHEN j.name STARTS WITH $q THEN {PREFIX}
             ELSE {NAME} END AS tier
RETURN 'Project' AS label, j.uid AS uid, j.name AS name, null AS text, tier
ORDER BY tier DESC, size(name), name LIMIT $limit
UNION ALL
MATCH (s:Section) WHERE s.title CONTAINS $q
WITH s, CASE WHEN s.title = $q THEN {EXACT} WHEN s.title STARTS WITH $q THEN {PREFIX}
             ELSE {NAME} END AS tier
RETURN 'Section' AS label, s.uid AS uid, s.title AS name, null AS text, tier
ORDER BY tier DESC, size(name), name LIMIT $limit
UNION ALL
MATCH (t:Task {{code: $q}})
RETURN 'Task' AS label, t.uid AS uid, t.code AS name, t.text AS text, {EXACT} AS tier
ORDER BY size(text), uid LIMIT $limit
UNION ALL
MATCH (t:Task) WHERE $head IN t.grams{{longer}}
WITH t ORDER BY t.length, t.uid LIMIT $limit
RETURN 'Task' AS label, t.uid AS uid, t.code AS name, t.text AS text, {TEXT} AS tier"""
# A text of two characters is in a task's text when it is one of its pieces; a longer
# one whose first and last two are may still not be, and the store's CONTAINS on 7,000
# texts costs 4 ms, so it is tested only then.
_LONGER = " AND $tail IN t.grams AND t.text CONTAINS $q"


def search(store: Store, text: str, limit: int) -> list[Row]:
    """[{label, uid, name, snippet, score}], best first, at most `limit`. The text is also
    looked for as the API resolves a unit's name: folded to Simplified (財政局) and with
    the built-in abbreviations spelled out (人社局 -> 人力资源社会保障局), so a spelling no
    plan wrote still finds what it names."""
    q = text.strip()
    if len(q) < MIN_CHARS:
        raise ArgumentError(f"search needs at least {MIN_CHARS} characters")
    if limit < 1:
        return []
    found = (
        (form, store.read(cypher, {**params, "limit": limit})) for form, cypher, params in forms(q)
    )
    return best_hits(found, limit)


# The parameters of SEARCH besides $limit, which the caller gives.
FORM_PARAMS = ("q", "head", "tail", "number")


def forms(text: str) -> list[tuple[str, str, Row]]:
    """Each form search looks for (the text as given, folded, its abbreviations spelled
    out), with SEARCH for it and its parameters (FORM_PARAMS)."""
    return [
        (
            form,
            SEARCH.replace("{longer}", _LONGER if len(form) > 2 else ""),
            {"q": form, "head": form[:2], "tail": form[-2:], "number": canonical_number(form)},
        )
        for form in dict.fromkeys((text, fold(text), expand(fold(text))))
    ]


def best_hits(found: Iterable[tuple[str, Iterable[Row]]], limit: int) -> list[Row]:
    """Each uid's best hit of the forms' SEARCH rows (form, rows), best first, at most
    `limit`: the resolvers and the compiled path (schema/compiled.py) rank alike."""
    best: dict[str, Row] = {}
    for form, rows in found:
        for hit in (_hit(row, form) for row in rows):
            if hit["uid"] not in best or hit["score"] > best[hit["uid"]]["score"]:
                best[hit["uid"]] = hit
    hits = sorted(best.values(), key=lambda h: (-h["score"], h["label"], h["uid"]))
    return hits[:limit]


def _hit(row: Row, q: str) -> Row:
    ranked = row["text"] if row["label"] == "Task" and row["tier"] == TEXT else row["name"]
    return {
        "label": row["label"],
        "uid": row["uid"],
        "name": display_name(row["label"], row["name"], row["text"]),
        "snippet": _snippet(row, q),
        "score": row["tier"] + 1 / (1 + len(ranked or "")),
    }


def _snippet(row: Row, q: str) -> str:
    """The matched passage with some context, from the field that holds the text."""
    source = next(
        (s for s in (row["name"], row["text"]) if s and q in s),
        row["text"] or row["name"] or "",
    )
    at = max(source.find(q), 0)
    start, end = max(at - SNIPPET, 0), at + len(q) + SNIPPET
    return ("…" if start else "") + source[start:end] + ("…" if end < len(source) else "")
