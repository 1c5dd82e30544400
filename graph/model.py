"""A Plan as graph rows: node property maps and relationship rows keyed by our own uids.

The uids are ours and stable (never a database id), so they survive a reload and a change
of store:
- Document: "doc:" + the first 16 hex digits of sha256(base name of the source file), so a
  changed version of the same file replaces the old one instead of adding a second copy;
- Section, Task: document uid + "/" + the parser's position id ("s2.1", "t2.1.3");
- Goal: document uid + "/goal" + year;
- Unit: "unit:" + canonical name, or "unit:" + place + "/" + name for a unit named
  relatively to its plan's place (县发展改革局 in 陆河县's plan: "unit:陆河县/县发展改革局"),
  so each county's 县发展改革局 is its own node; Policy and Project: the parser's canonical
  id. These three are shared across documents (units: of the same place).
Rows hold only strings, numbers, booleans, None and lists of strings, which both stores
accept as parameters.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from dutygraph.errors import StoreError
from dutygraph.loaders.deadlines import due, plan_year
from dutygraph.loaders.model import Plan, Task, Unit, UnitKind

# The labels of the nodes a plan becomes, the one list of them (graph/explore.py walks
# them, graph/setup.py indexes them; web/src/kinds.js draws them, checked by a test).
PLAN_LABELS = ("Document", "Section", "Task", "Goal", "Unit", "Policy", "Project")

Row = dict[str, Any]

# The longest uid, unit or project name, or document number a plan may write. These are
# index keys (graph/setup.py), and FalkorDB 4.16's server crashes on an index key of some
# 4 KB (a unit name of ~1,300 Chinese characters); no real name comes near 200.
KEY_LIMIT = 1000
_KEYS = ("uid", "name", "doc_number")

# The parse warnings a document keeps (the first ones; `warning_count` has them all): as
# many as one page of the API's lists, so a fuzzed plan's thousands do not swell the node.
STORED_WARNINGS = 100


def grams(text: str | None) -> list[str]:
    """The distinct two-character pieces of `text`, in order: stored on each task and
    indexed (graph/setup.py), so a search for any text of two or more characters reads
    only the tasks holding its first and last two characters (graph/search.py) instead of
    testing every task's text."""
    text = text or ""
    return list(dict.fromkeys(text[i : i + 2] for i in range(len(text) - 1)))


def document_uid(source: str) -> str:
    """The uid of the document loaded from `source` (a path; only its base name counts)."""
    name = PurePath(source).name
    return "doc:" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]


def unit_uid(name: str, place: str | None = None) -> str:
    """The uid of the unit `name` (canonical) of `place` (Unit.place; None: its name
    carries its place, or has none to carry)."""
    return "unit:" + (f"{place}/{name}" if place else name)


@dataclass(frozen=True, slots=True)
class GraphRows:
    """Everything one document writes: its own nodes, the shared nodes it names, the edges."""

    document: Row
    sections: list[Row]  # node properties; `parent` is the parent section's uid or None
    tasks: list[Row]
    goals: list[Row]
    units: list[Row]
    policies: list[Row]
    projects: list[Row]
    implements: list[str]  # uids of the policies the document says it implements
    assignments: list[Row]  # {unit, task, role, rank, inferred, written}
    mentions: list[Row]  # {unit, duty}
    hosted: list[Row]  # {unit, host}
    invokes: list[Row]  # {task, policy}
    concerns: list[Row]  # {task, project}
    funded_by: list[Row]  # {project, policy}

    @property
    def uid(self) -> str:
        return self.document["uid"]

    def check(self) -> None:
        """Raise StoreError unless every value is a property value, every uid is unique and
        every task in a section of the document.

        Done before writing because FalkorDB 4.16 does not undo a failed write query
        cleanly: when a query that deleted nodes and created others fails, the deleted
        nodes come back with their edges attached to the wrong nodes. So nothing may fail
        inside the load statement for reasons the rows carry; and each task must name one
        of the document's sections, as the load creates a task only where it finds its
        section.
        """
        params = self.as_params()
        for name, rows in params.items():
            for row in rows if isinstance(rows, list) else [rows]:
                # the values alone (half the time of the items): the key only to refuse one
                for value in row.values() if isinstance(row, dict) else [row]:
                    if type(value) not in _PLAIN and not _is_property(value):
                        key = _key_of(row, value) if isinstance(row, dict) else name
                        raise StoreError(
                            f"document {self.uid}: a value of {name}.{key} is {value!r}, "
                            "which no graph store takes as a property"
                        )
        sections = {row["uid"] for row in self.sections}
        if lost := sorted({str(t.get("section")) for t in self.tasks} - sections):
            raise StoreError(
                f"document {self.uid}: tasks are in no section of it: {', '.join(lost)}"
            )
        for name in ("sections", "tasks", "goals", "units", "policies", "projects"):
            _check_keys(self.uid, name, params[name])
            seen = [row["uid"] for row in params[name]]
            if len(seen) != len(set(seen)):
                twice = sorted({u for u in seen if seen.count(u) > 1})
                raise StoreError(f"document {self.uid}: {name} uids repeat: {', '.join(twice)}")

    def as_params(self) -> dict[str, Any]:
        return {
            "uid": self.uid,
            "document": [self.document],
            "sections": self.sections,
            "tasks": self.tasks,
            "goals": self.goals,
            "units": self.units,
            "policies": self.policies,
            "projects": self.projects,
            "implements": self.implements,
            "assignments": self.assignments,
            "mentions": self.mentions,
            "hosted": self.hosted,
            "invokes": self.invokes,
            "concerns": self.concerns,
            "funded_by": self.funded_by,
        }


def _key_of(row: Row, value: Any) -> str:
    return next(key for key, held in row.items() if held is value)


def _check_keys(document: str, name: str, rows: list[Row]) -> None:
    for row in rows:
        for key in _KEYS:
            value = row.get(key)
            if isinstance(value, str) and len(value) > KEY_LIMIT:
                raise StoreError(
                    f"document {document}: {name}: a {key} of {len(value):,} characters "
                    f"({value[:20]}…); the store takes at most {KEY_LIMIT:,}"
                )


def plan_rows(plan: Plan) -> GraphRows:
    """Turn one parsed plan into the rows `graph.load` writes."""
    doc = plan.document
    uid = document_uid(doc.source)
    tasks_by_id = {t.id: f"{uid}/{t.id}" for t in plan.tasks}
    units = _with_hosts(plan.units)
    units_by_name = {u.name: unit_uid(u.name, u.place) for u in units}
    return GraphRows(
        document=_props(
            uid=uid,
            title=doc.title,
            source=doc.source,
            sha256=doc.sha256,
            format=doc.format,
            doc_number=doc.doc_number,
            issuer=doc.issuer,
            date=doc.date,
            place=doc.place,
            **_warnings(plan),
        ),
        sections=[
            _props(
                uid=f"{uid}/{s.id}",
                document=uid,
                number=s.number,
                title=s.title,
                level=s.level,
                ordinal=s.ordinal,
                parent=f"{uid}/{s.parent}" if s.parent else None,
            )
            for s in plan.sections
        ],
        tasks=[_task_row(uid, t, plan.text, plan_year(doc.date, doc.title)) for t in plan.tasks],
        goals=[
            _props(
                uid=f"{uid}/goal{g.year}",
                document=uid,
                year=g.year,
                text=g.text,
                headline=g.headline,
            )
            for g in plan.goals
        ],
        units=[_unit_row(u, units_by_name) for u in units],
        policies=[
            _props(
                uid=p.id,
                name=p.name,
                title=p.title,
                doc_number=p.doc_number,
                issuer=p.issuer,
                year=p.year,
                kind=p.kind,
                amount=p.amount,
                amount_value=p.amount_value,
                ratio=p.ratio,
            )
            for p in plan.policies
        ],
        projects=[_props(uid=p.id, name=p.name, kind=p.kind) for p in plan.projects],
        implements=[p.id for p in plan.policies if p.implemented],
        assignments=[
            {
                "unit": units_by_name[a.name],
                "task": tasks_by_id[t.id],
                "role": a.role,
                "rank": a.rank,
                "inferred": a.inferred,
                "written": a.written,
            }
            for t in plan.tasks
            for a in t.units
        ],
        mentions=_mentions(units, units_by_name, {a.name for t in plan.tasks for a in t.units}),
        hosted=[
            {"unit": units_by_name[u.name], "host": units_by_name[u.hosted_by]}
            for u in units
            if u.hosted_by
        ],
        invokes=[
            {"task": tasks_by_id[t], "policy": p.id}
            for p in plan.policies
            for t in p.tasks
            if t in tasks_by_id
        ],
        concerns=[
            {"task": tasks_by_id[t], "project": p.id}
            for p in plan.projects
            for t in p.tasks
            if t in tasks_by_id
        ],
        funded_by=[
            {"project": p.id, "policy": policy} for p in plan.projects for policy in p.policies
        ],
    )


def _warnings(plan: Plan) -> Row:
    """The document's parse warnings as two lists a store takes (lines, messages), left
    out when there are none; and how many there were."""
    kept = plan.warnings[:STORED_WARNINGS]
    return {
        "warning_count": len(plan.warnings),
        "warning_lines": [w.line for w in kept] or None,
        "warning_texts": [w.message for w in kept] or None,
    }


_SCALARS = (str, int, float, bool)
_PLAIN = frozenset((*_SCALARS, type(None)))  # most values: a set lookup, not a call


def _is_property(value: Any) -> bool:
    """A scalar, or a list of scalars of one type: what Neo4j and FalkorDB both store.
    (Its items' types are taken once each: a plan's grams lists hold thousands.)"""
    if value is None or isinstance(value, _SCALARS):
        return True
    if not isinstance(value, list):
        return False
    kinds = set(map(type, value))
    return len(kinds) <= 1 and all(issubclass(kind, _SCALARS) for kind in kinds)


def _props(**values: Any) -> Row:
    """Node properties without the unknown ones.

    Shared nodes are updated with `SET n += row`, where a null would erase what another
    document said; leaving unknowns out keeps it.
    """
    return {k: v for k, v in values.items() if v is not None}


def _with_hosts(units: tuple[Unit, ...]) -> tuple[Unit, ...]:
    """The plan's units plus any host unit (`设在…`) the plan does not list by itself."""
    names = {u.name for u in units}
    hosts = dict.fromkeys(u.hosted_by for u in units if u.hosted_by and u.hosted_by not in names)
    return units + tuple(Unit(name=h, aliases=(), level=None, kind=UnitKind.OTHER) for h in hosts)


def _task_row(doc_uid: str, task: Task, text: str, year: int | None) -> Row:
    found = due(task.deadline, year)
    return _props(
        uid=f"{doc_uid}/{task.id}",
        document=doc_uid,
        section=f"{doc_uid}/{task.section}",
        code="".join(task.path),
        path=list(task.path),
        text=task.text,
        grams=grams(task.text),
        length=len(task.text),  # search ranks by it: size(t.text) of 7,000 hits took 4 ms
        deadline=task.deadline,
        ordinal=task.ordinal,
        start=task.span.start,
        end=task.span.end,
        line=task.span.line,
        # The passage as printed, clause included, so a front end can quote its source
        # without the whole document text.
        passage=text[task.span.start : task.span.end] or None,
        # The deadline's due date (yyyy-mm-dd; "" when the deadline names none), so that
        # overdue lists read only the tasks due in their range (graph/supervision.py).
        due=(found.date.isoformat() if found.date else "") if found else None,
    )


def _unit_row(unit: Unit, uids: dict[str, str]) -> Row:
    return _props(
        uid=uids[unit.name],
        name=unit.name,
        aliases=list(unit.aliases),
        level=unit.level,
        kind=unit.kind,
        place=unit.place,
        # The host's uid, not its name: a name alone does not say which place's unit it is.
        hosted_by=uids[unit.hosted_by] if unit.hosted_by else None,
    )


def _mentions(units: tuple[Unit, ...], uids: dict[str, str], assigned: set[str]) -> list[Row]:
    """One MENTIONS edge per duty; a unit with neither duty nor task gets one with no duty.

    Every unit of a plan is thus reachable from its document, which is what decides
    whether a shared unit is still used when a document is unloaded.
    """
    rows: list[dict[str, str | None]] = [
        {"unit": uids[u.name], "duty": d.text} for u in units for d in u.duties
    ]
    rows += [
        {"unit": uids[u.name], "duty": None}
        for u in units
        if not u.duties and u.name not in assigned
    ]
    return rows
