"""The nodes themselves: by uid (a DataLoader's batch), and the bounded lists and lookups
of the root fields (documents, units by name, policies by 发文字号, projects).

Rows carry the node properties of graph/model.py under the same keys (columns.py). Values
always travel as parameters; every list is bounded by `limit`.
"""

from __future__ import annotations

from collections.abc import Mapping

from dutygraph.errors import ArgumentError
from dutygraph.graph.columns import (
    DOCUMENT,
    PER_OWNER,
    POLICY,
    PROJECT,
    SECTION,
    TASK,
    UNIT,
    Row,
    batched,
)
from dutygraph.graph.store import Store
from dutygraph.loaders.fold import fold
from dutygraph.loaders.policies import canonical_number
from dutygraph.loaders.units import expand

# --- nodes by uid (one row per uid found; unknown uids give no row) ------------------------

DOCUMENTS_BY_UID = f"UNWIND $uids AS key MATCH (d:Document {{uid: key}}) RETURN {DOCUMENT}"
SECTIONS_BY_UID = f"UNWIND $uids AS key MATCH (s:Section {{uid: key}}) RETURN {SECTION}"
TASKS_BY_UID = f"UNWIND $uids AS key MATCH (t:Task {{uid: key}}) RETURN {TASK}"
UNITS_BY_UID = f"UNWIND $uids AS key MATCH (u:Unit {{uid: key}}) RETURN {UNIT}"
POLICIES_BY_UID = f"UNWIND $uids AS key MATCH (p:Policy {{uid: key}}) RETURN {POLICY}"
PROJECTS_BY_UID = f"UNWIND $uids AS key MATCH (j:Project {{uid: key}}) RETURN {PROJECT}"


documents_by_uid = batched(DOCUMENTS_BY_UID)
sections_by_uid = batched(SECTIONS_BY_UID)
tasks_by_uid = batched(TASKS_BY_UID)
units_by_uid = batched(UNITS_BY_UID)
policies_by_uid = batched(POLICIES_BY_UID)
projects_by_uid = batched(PROJECTS_BY_UID)


# --- lists and lookups ---------------------------------------------------------------------

DOCUMENTS = f"""MATCH (d:Document)
RETURN {DOCUMENT} ORDER BY title, uid SKIP $offset LIMIT $limit"""
DOCUMENT_COUNT = "MATCH (d:Document) RETURN count(d) AS total"

# Canonical name first when a name is also someone's alias. One unit name may be named in
# every county (县发展改革局), so up to PER_OWNER places.
_UNITS_BY_NAME = """MATCH (u:Unit)
WHERE (u.name = $name OR $name IN u.aliases){place}
RETURN {columns} ORDER BY CASE WHEN u.name = $name THEN 0 ELSE 1 END, u.place, u.name
LIMIT $limit"""
UNITS_BY_NAME = _UNITS_BY_NAME.format(place="", columns=UNIT)
UNITS_BY_NAME_IN_PLACE = _UNITS_BY_NAME.format(place=" AND u.place = $place", columns=UNIT)

# Each list's conditions, of which a query names only those given (see _where).
_UNIT_CONDITIONS = {
    "kind": "u.kind = $kind",
    "level": "u.level = $level",
    "place": "u.place = $place",
    "text": "(u.name CONTAINS $text OR any(a IN u.aliases WHERE a CONTAINS $text))",
}
_POLICY_CONDITIONS = {"kind": "p.kind = $kind"}
_PROJECT_CONDITIONS = {"kind": "j.kind = $kind", "text": "j.name CONTAINS $text"}

UNITS = "MATCH (u:Unit){where}\nRETURN " + UNIT + " ORDER BY name, uid LIMIT $limit"
POLICIES = "MATCH (p:Policy){where}\nRETURN " + POLICY + " ORDER BY kind, name LIMIT $limit"
PROJECTS = "MATCH (j:Project){where}\nRETURN " + PROJECT + " ORDER BY name LIMIT $limit"


def _where(conditions: dict[str, str], params: Mapping[str, object]) -> str:
    """` WHERE` and the conditions whose parameter is given (not None), or nothing."""
    given = [c for name, c in conditions.items() if params.get(name) is not None]
    return " WHERE " + " AND ".join(given) if given else ""


POLICY_BY_DOC_NUMBER = f"""MATCH (p:Policy {{doc_number: $number}})
RETURN {POLICY} ORDER BY uid LIMIT 1"""


DOCUMENT_BY_SHA256 = (
    "MATCH (d:Document {sha256: $sha256}) RETURN d.uid AS uid, d.source AS source LIMIT 1"
)


def document_by_sha256(store: Store, sha256: str) -> Row | None:
    """A loaded document whose file had exactly these bytes, if any."""
    rows = store.read(DOCUMENT_BY_SHA256, {"sha256": sha256})
    return rows[0] if rows else None


def documents(store: Store, limit: int, offset: int = 0) -> list[Row]:
    """A page of the loaded documents, by title."""
    return store.read(DOCUMENTS, {"limit": limit, "offset": offset})


def document_count(store: Store) -> int:
    return store.read(DOCUMENT_COUNT)[0]["total"]


def units_by_name(store: Store, name: str, place: str | None = None) -> list[Row]:
    """The units whose canonical name is exactly `name` or, when none is, that `name`
    abbreviates: an alias a plan wrote, or the parser's built-in abbreviation of their
    name (of `place` only, when given); by place."""
    name = name.strip()
    params = {"name": name, "place": place or None, "limit": PER_OWNER}
    cypher = UNITS_BY_NAME_IN_PLACE if params["place"] else UNITS_BY_NAME
    rows = store.read(cypher, params)
    exact = [r for r in rows if r["name"] == name]
    if exact:
        return exact
    # A spelling no plan wrote (县人社局, 縣發改局) may still be the parser's abbreviation
    # of a unit's canonical name. Aliases are kept per place, as each plan wrote them, so
    # an alias one county wrote (县发改局) abbreviates the other counties' unit too.
    full = expand(fold(name))
    if full != name:
        seen = {r["uid"] for r in rows}
        rows += [r for r in store.read(cypher, {**params, "name": full}) if r["uid"] not in seen]
    return sorted(rows, key=lambda r: (r.get("place") or "", r["name"]))


def unit_by_name(store: Store, name: str, place: str | None = None) -> Row | None:
    """The unit whose canonical name or one of whose aliases is exactly `name` (of
    `place`, when given). Raises ArgumentError when units of several places match."""
    rows = units_by_name(store, name, place)
    places = sorted({r.get("place") or "" for r in rows})
    if len(places) > 1:
        named = ", ".join(p or "no place" for p in places)
        raise ArgumentError(
            f"{name.strip()} is named in {len(places)} places ({named}): give place"
        )
    return rows[0] if rows else None


def units(
    store: Store,
    *,
    text: str | None = None,
    kind: str | None = None,
    level: str | None = None,
    place: str | None = None,
    limit: int,
) -> list[Row]:
    """Units by name, optionally those whose name or an alias holds `text`, of `place`."""
    params = {
        "text": text or None, "kind": kind, "level": level, "place": place or None,
        "limit": limit,
    }  # fmt: skip
    return store.read(UNITS.format(where=_where(_UNIT_CONDITIONS, params)), params)


def policy_by_doc_number(store: Store, doc_number: str) -> Row | None:
    """The policy with this 发文字号, however it is bracketed: 国发[2021]3号, 国发〔2021〕3号,
    国发［2021］3号, 国发(2021)3号 all name the same one. None when there is none."""
    number = canonical_number(doc_number)
    if number is None:
        return None
    rows = store.read(POLICY_BY_DOC_NUMBER, {"number": number})
    return rows[0] if rows else None


def policies(store: Store, *, kind: str | None = None, limit: int) -> list[Row]:
    params = {"kind": kind, "limit": limit}
    return store.read(POLICIES.format(where=_where(_POLICY_CONDITIONS, params)), params)


def projects(
    store: Store, *, text: str | None = None, kind: str | None = None, limit: int
) -> list[Row]:
    params = {"text": text or None, "kind": kind, "limit": limit}
    return store.read(PROJECTS.format(where=_where(_PROJECT_CONDITIONS, params)), params)
