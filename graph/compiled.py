"""Builders of the one statement a compiled GraphQL operation runs (schema/compiled.py).

A statement is root `CALL {}` subqueries, one per root field, then `RETURN` of their
columns. Each object level is a positional list of expressions (`[n1.code, n1.text, v2]`)
and each list below an object one more correlated `CALL { WITH parent … collect(…) }`:
FalkorDB 4.16 returns `[]` for a nested pattern comprehension (its issue #1888) and has no
COLLECT {} subquery, but takes nested CALL {} with ORDER BY, SKIP and LIMIT inside. The
orders, filters and caps are those of the batch queries the resolvers use (nodes.py,
relations.py, workload.py), so both paths give the same lists. Every value is a
parameter; the caller names variables and parameters (`n1`, `$p3`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dutygraph.graph.columns import (
    DOCUMENT,
    GOAL,
    PER_OWNER,
    POLICY,
    PROJECT,
    SECTION,
    TASK,
    UNIT_PROPS,
)
from dutygraph.graph.task_filter import page_cypher, tasks_cypher, unit_tasks_cypher
from dutygraph.graph.workload import ranking_cypher

# The properties each label's objects may project (graph/columns.py's columns).
PROPS: dict[str, frozenset[str]] = {
    label: frozenset(part.split(" AS ")[1] for part in columns.split(", "))
    for label, columns in (
        ("Document", DOCUMENT), ("Section", SECTION), ("Task", TASK), ("Policy", POLICY),
        ("Project", PROJECT), ("Goal", GOAL),
    )
} | {"Unit": frozenset(UNIT_PROPS) | {"total", "lead", "support"}}  # fmt: skip


@dataclass
class Level:
    """One object level: the variable bound to each object, the expressions of its
    positional list, and the CALL subqueries those expressions read."""

    label: str
    var: str
    items: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)

    def prop(self, name: str, default: str | None = None) -> int:
        """Adds the object's property `name` (`default`: a list literal when absent);
        returns its position."""
        if name not in PROPS[self.label]:
            raise ValueError(f"{self.label} has no property {name}")
        expr = f"{self.var}.{name}"
        return self.add(f"coalesce({expr}, {default})" if default else expr)

    def add(self, expr: str) -> int:
        self.items.append(expr)
        return len(self.items) - 1

    def row(self) -> str:
        return "[" + ", ".join(self.items) + "]"


@dataclass(frozen=True)
class Relation:
    """How a field reaches its objects from an object: {a} the parent, {b} the child,
    {r} an edge variable; `order` the list's order; `cap` how many at most."""

    label: str
    match: str
    order: str | None = None
    cap: int | None = None
    role: str | None = None  # the condition on {r} a `role` argument adds


_ASSIGNED = "MATCH ({b}:Unit)-[{r}:RESPONSIBLE_FOR]->({a})"
RELATIONS: dict[tuple[str, str], Relation] = {
    ("Task", "assignments"): Relation("Unit", _ASSIGNED, "{r}.rank", role="{r}.role"),
    ("Task", "document"): Relation("Document", "MATCH ({b}:Document {{uid: {a}.document}})"),
    ("Task", "section"): Relation("Section", "MATCH ({b}:Section {{uid: {a}.section}})"),
    ("Task", "policies"): Relation("Policy", "MATCH ({a})-[:INVOKES]->({b}:Policy)", "{b}.name"),
    ("Task", "projects"): Relation(
        "Project", "MATCH ({a})-[:CONCERNS]->({b}:Project)", "{b}.name"
    ),
    ("Unit", "hostedBy"): Relation("Unit", "MATCH ({b}:Unit {{uid: {a}.hosted_by}})"),
    ("Unit", "partners"): Relation(
        "Unit", "MATCH ({a})-[{r}:SHARES]-({b}:Unit) WHERE {r}.tasks > 0",
        "{r}.tasks DESC, {b}.name, {b}.uid",
    ),
    ("Section", "document"): Relation("Document", "MATCH ({b}:Document {{uid: {a}.document}})"),
    ("Section", "parent"): Relation("Section", "MATCH ({b}:Section {{uid: {a}.parent}})"),
    ("Section", "subsections"): Relation(
        "Section", "MATCH ({a})-[:HAS_SECTION]->({b}:Section)", "{b}.ordinal"
    ),
    ("Section", "tasks"): Relation("Task", "MATCH ({a})-[:HAS_TASK]->({b}:Task)", "{b}.ordinal"),
    ("Document", "sections"): Relation(
        "Section", "MATCH ({a})-[:HAS_SECTION]->({b}:Section)", "{b}.ordinal"
    ),
    ("Document", "goals"): Relation("Goal", "MATCH ({a})-[:TARGETS]->({b}:Goal)", "{b}.year"),
    ("Document", "policies"): Relation(
        "Policy", "MATCH ({a})-[:CITES]->({b}:Policy)", "{b}.kind, {b}.name", PER_OWNER
    ),
    ("Policy", "projects"): Relation(
        "Project", "MATCH ({b}:Project)-[:FUNDED_BY]->({a})", "{b}.name", PER_OWNER
    ),
    ("Policy", "tasks"): Relation(
        "Task", "MATCH ({b}:Task)-[:INVOKES]->({a})", "{b}.document, {b}.ordinal", PER_OWNER
    ),
    ("Project", "policies"): Relation(
        "Policy", "MATCH ({a})-[:FUNDED_BY]->({b}:Policy)", "{b}.name", PER_OWNER
    ),
    ("Project", "tasks"): Relation(
        "Task", "MATCH ({b}:Task)-[:CONCERNS]->({a})", "{b}.document, {b}.ordinal", PER_OWNER
    ),
}  # fmt: skip


def _body(level: Level, out: str, edge: str | None = None) -> str:
    """The calls of `level` and the RETURN collecting its rows into `out`."""
    if not level.calls:  # a WITH before the RETURN would be one more operator to run
        return f"RETURN collect({level.row()}) AS {out}"
    carry = level.var if edge is None else f"{level.var}, {edge}"
    calls = "\n".join(level.calls)
    return f"WITH {carry}\n{calls}\nRETURN collect({level.row()}) AS {out}"


def relation_call(
    relation: Relation,
    parent: str,
    child: Level,
    edge: str | None,
    out: str,
    *,
    role: str | None = None,
    skip: str | None = None,
    limit: str | None = None,
) -> str:
    """The CALL binding `out` to the list of `child` rows `relation` reaches from
    `parent` (`role`, `skip`, `limit`: parameter names, when given)."""
    names = {"a": parent, "b": child.var, "r": edge}
    match = relation.match.format(**names)
    edge = edge if edge_var(relation) else None
    if role is not None:
        if relation.role is None:
            raise ValueError(f"{relation.match} has no role to filter on")
        joiner = " AND " if " WHERE " in match else " WHERE "
        match += joiner + f"{relation.role.format(**names)} = ${role}"
    carry = child.var if edge is None else f"{child.var}, {edge}"
    page = ""
    if relation.order is not None:
        page = f"\nWITH {carry} ORDER BY {relation.order.format(**names)}"
    if skip is not None:
        page += f" SKIP ${skip}"
    cap = f"${limit}" if limit is not None else relation.cap
    if cap is not None:
        page += f" LIMIT {cap}" if page else f"\nWITH {carry} LIMIT {cap}"
    return f"CALL {{\nWITH {parent}\n{match}{page}\n{_body(child, out, edge)}\n}}"


def unit_tasks_call(
    parent: str, child: Level, edge: str, out: str, *, role: str | None, skip: str,
    limit: str, walk: bool = True,
) -> str:  # fmt: skip
    """The CALL binding `out` to a page of the unit `parent`'s tasks in plan order, each
    with its edge: with `walk`, document by document (graph/task_filter.py's walk, as the
    resolvers read it), which a heavy unit needs; else all of them sorted at once, which
    takes fewer of the store's operators (each costs some µs a request however few rows
    it sees): a sixth of the sample's unit query."""
    t = child.var
    if walk:
        found = unit_tasks_cypher(parent, t, edge, role=role)
    else:
        where = f" WHERE {edge}.role = ${role}" if role else ""
        found = (
            f"MATCH ({parent})-[{edge}:RESPONSIBLE_FOR]->({t}:Task){where}\n"
            f"WITH {t}, {edge} ORDER BY {t}.document, {t}.ordinal"
        )
    page = f"WITH {t}, {edge} SKIP ${skip} LIMIT ${limit}"
    return f"CALL {{\nWITH {parent}\n{found}\n{page}\n{_body(child, out, edge)}\n}}"


def edge_var(relation: Relation) -> bool:
    """Whether the relation binds its edge variable (else `edge` names nothing)."""
    return "{r}" in relation.match


def by_uid_call(child: Level, uid: str, out: str) -> str:
    """The CALL binding `out` to the list of the one object of uid $`uid` (or none)."""
    return f"CALL {{\nMATCH ({child.var}:{child.label} {{uid: ${uid}}})\n{_body(child, out)}\n}}"


def by_uids_call(child: Level, uids: str, out: str) -> str:
    """`out`: the objects of the uids $`uids` (a list), in that order, known ones only."""
    return (
        f"CALL {{\nUNWIND ${uids} AS key\nMATCH ({child.var}:{child.label} {{uid: key}})\n"
        f"{_body(child, out)}\n}}"
    )


def exact_name(child: Level, name: str) -> int:
    """Adds to the unit rows whether the unit's name is exactly $`name`; its position."""
    return child.add(f"{child.var}.name = ${name}")


def unit_by_name_call(child: Level, name: str, full: str | None, place: str | None) -> str:
    """The CALL binding `{child.var}_rows` to the rows of the units of $`name` as a name or
    an alias, or of the abbreviation's expansion $`full` (of $`place`), at most PER_OWNER.
    graph/nodes.units_by_name keeps the exact names when there are any, else all of
    them, by place and name: the caller keeps and orders them by the rows' items (the
    exact_name one among them). One scan of the name and alias indexes, no sort and no
    list juggling: two lookups, then collect and CASE to keep the exact names in the
    statement, cost the sample's unit query a tenth of its store time, its sort ~5%."""
    v = child.var
    names = [f"{v}.name = ${name}", f"${name} IN {v}.aliases"]
    if full is not None:
        names += [f"{v}.name = ${full}", f"${full} IN {v}.aliases"]
    where = f"({' OR '.join(names)})" + ("" if place is None else f" AND {v}.place = ${place}")
    return "\n".join(
        [
            "CALL {",
            f"MATCH ({v}:Unit) WHERE {where}",
            f"WITH {v} LIMIT {PER_OWNER}",
            _body(child, f"{v}_rows"),
            "}",
        ]
    )


def tasks_call(
    child: Level,
    out: str,
    *,
    document: bool,
    text: bool,
    section: bool,
    policy: bool,
    project: bool,
    skip: str,
    limit: str,
) -> str:
    """The CALL binding `out` to a page of graph/task_filter.find_tasks's tasks (its
    conditions given as which are set; their values in $document, $text, … as there)."""
    found = tasks_cypher(
        None, None, document=document, text=text,
        section=section or None, policy=policy or None, project=project or None,
    )  # fmt: skip
    page = page_cypher(found).replace("$offset", f"${skip}").replace("$limit", f"${limit}")
    return f"CALL {{\n{page}\nWITH t AS {child.var}\n{_body(child, out)}\n}}"


def tasks_count_call(
    out: str, *, document: bool, text: bool, section: bool, policy: bool, project: bool
) -> str:
    """The CALL binding `out` to how many tasks find_tasks matches for these conditions."""
    found = tasks_cypher(
        None, None, document=document, text=text,
        section=section or None, policy=policy or None, project=project or None,
    )  # fmt: skip
    return f"CALL {{\n{found}\nRETURN count(t) AS {out}\n}}"


# What each search hit starts with (graph/search.py's SEARCH columns).
HIT = ("label", "uid", "name", "text", "tier")


def search_call(search: str, members: list[tuple[Level, str]], out: str) -> str:
    """The CALL binding `out` to the hits of one form of a search: `search` is
    graph/search.py's SEARCH with its parameters renamed; each hit is HIT's columns and
    then, for each (level, rows) of `members`, the rows of that level's label for the hit
    (one when the hit is of that label, else none)."""
    calls = [
        f"CALL {{\nWITH label, uid\nMATCH ({level.var}:{level.label} {{uid: uid}}) "
        f"WHERE label = '{level.label}'\n{_body(level, rows)}\n}}"
        for level, rows in members
    ]
    row = ", ".join([*HIT, *(rows for _, rows in members)])
    return "\n".join(
        ["CALL {", "CALL {", search, "}", *calls,
         f"RETURN collect([{row}]) AS {out}", "}"]
    )  # fmt: skip


def count_call(label: str, out: str) -> str:
    """The CALL binding `out` to how many nodes of `label` the graph holds."""
    if label not in PROPS:
        raise ValueError(f"unknown label {label}")
    return f"CALL {{\nMATCH (x:{label}) RETURN count(x) AS {out}\n}}"


def documents_call(child: Level, out: str, skip: str, limit: str) -> str:
    """The CALL binding `out` to a page of graph/nodes.documents (by title, uid)."""
    d = child.var
    return (
        f"CALL {{\nMATCH ({d}:Document)\nWITH {d} ORDER BY {d}.title, {d}.uid "
        f"SKIP ${skip} LIMIT ${limit}\n{_body(child, out)}\n}}"
    )


def ranking_call(child: Level, out: str, *, document: bool, section: bool, limit: str) -> str:
    """The CALL binding `out` to graph/workload.workload_ranking's rows; `child` is the
    unit, with `total`, `lead` and `support` bound beside it."""
    ranking = ranking_cypher("" if document else None, "" if section else None)
    ranking = ranking.replace("$limit", f"${limit}")
    head, _, _ = ranking.rpartition("\nRETURN ")
    u = child.var
    return (
        f"CALL {{\n{head}\nWITH u AS {u}, [total, lead, support] AS {u}_counts\n"
        f"{_body(child, out, f'{u}_counts')}\n}}"
    )


def statement(calls: list[str], columns: list[str]) -> str:
    """The root calls, then one row of their columns. One root call that aggregates to
    its one column is the statement itself: the CALL around it is three more of the
    store's operators to run (~5% of the sample's unit query)."""
    if len(calls) == 1 and len(columns) == 1:
        body = calls[0].removeprefix("CALL {\n").removesuffix("\n}")
        head, returns, last = body.rpartition("\nRETURN ")
        expr, _, out = last.rpartition(" AS ")
        name, _, column = columns[0].partition(" AS ")
        aggregate = expr.startswith(("collect(", "count(")) and "\n" not in last
        if returns and aggregate and out == name and "UNION" not in body:
            return f"{head}\nRETURN {expr} AS {column or name}"
    return "\n".join(calls) + "\nRETURN " + ", ".join(columns)
