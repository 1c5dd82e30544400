"""Unit, its tasks and workload, and the workload ranking entries."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any, Protocol

import strawberry

from dutygraph.graph import relations, workload
from dutygraph.schema.connection import TaskConnection, decode_cursor
from dutygraph.schema.context import Context
from dutygraph.schema.document import document_of, section_of
from dutygraph.schema.enums import Role, UnitKind, UnitLevel, to_enum
from dutygraph.schema.limits import check_first
from dutygraph.schema.loaders import now_or_later
from dutygraph.schema.selection import selected

Info = strawberry.Info[Context, None]


@strawberry.type(description="A responsible unit: a bureau, a town government, a party organ …")
class Unit:
    uid: strawberry.ID
    name: str = strawberry.field(description="Canonical name: 县发展改革局.")
    aliases: list[str] = strawberry.field(description="Other spellings: 县发改局.")
    level: UnitLevel | None
    kind: UnitKind | None
    place: str | None = strawberry.field(
        description="The place whose unit this is when its name is relative to it "
        "(县发展改革局 of 陆河县); null when the name carries its place."
    )
    hosted_by_uid: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Unit:
        """From a row with the unit's columns, or only those its query asks for."""
        return cls(
            uid=strawberry.ID(row["uid"]),
            name=row.get("name", ""),  # absent when the query reads no name
            aliases=list(row.get("aliases") or []),
            level=to_enum(UnitLevel, row.get("level")),
            kind=to_enum(UnitKind, row.get("kind")),
            place=row.get("place"),
            hosted_by_uid=row.get("hosted_by"),
        )

    @strawberry.field(description="The unit this one is set up in (县老区办 设在县发改局).")
    async def hosted_by(self, info: Info) -> Unit | None:
        if not self.hosted_by_uid:
            return None
        row = await info.context.loaders.units.load(self.hosted_by_uid)
        return Unit.from_row(row) if row else None

    @strawberry.field(description="The unit's tasks in plan order; each edge says its role.")
    async def tasks(
        self, info: Info, role: Role | None = None, first: int = 20, after: str | None = None
    ) -> TaskConnection:
        from dutygraph.schema.task import Task, assignment_props

        check_first(first, info.context.limits.max_first)
        offset = decode_cursor(after)
        loaders, uid = info.context.loaders, str(self.uid)
        value = role.value if role else None
        page = await loaders.with_args(
            relations.assignments_of_units, "unit", role=value, offset=offset, limit=first
        ).load(uid)
        counts = loaders.with_args(relations.assignment_counts, one=True, role=value)
        total = (await counts.load(uid) or {}).get("total") or 0
        props = assignment_props(info, "edges", "node")
        if props is not None:
            await loaders.assignments_of_tasks(props).load_many([r["uid"] for r in page])
        nodes = [Task.from_row(r, props) for r in page]
        roles = [Role(r["role"]) for r in page]
        return TaskConnection.build(nodes, offset, total, roles)

    @strawberry.field(description="How many tasks the unit is on, led and supported.")
    async def workload(self, info: Info) -> UnitWorkload:
        row = await info.context.loaders.unit_totals.load(str(self.uid)) or {}
        return UnitWorkload(
            total=row.get("total") or 0,
            lead=row.get("lead") or 0,
            support=row.get("support") or 0,
            unit_uid=str(self.uid),
        )

    @strawberry.field(description="Units that share tasks with this one, most shared first.")
    async def partners(self, info: Info, first: int = 20) -> list[Partner]:
        check_first(first, info.context.limits.max_first)
        loader = info.context.loaders.with_args(workload.partners_of_units, limit=first)
        rows = await loader.load(str(self.uid))
        await load_units_ahead(info, [r["unit"] for r in rows])
        return [Partner(unit_uid=r["unit"], shared=r["shared"]) for r in rows]


class _OfUnit(Protocol):
    @property
    def unit_uid(self) -> str | None: ...


# The one resolver of every `unit` field that follows a unit's uid (a partner's, a
# workload's, a report's, an assignment's progress, an account's): without awaiting when
# the list holding it loaded its units ahead.
def unit_of(root: _OfUnit, info: Info) -> Unit | Awaitable[Unit | None] | None:
    if root.unit_uid is None:
        return None
    return now_or_later(info.context.loaders.units.load(root.unit_uid), _unit_or_none)


def _unit_or_none(row: dict[str, Any] | None) -> Unit | None:
    return Unit.from_row(row) if row else None


# The unit columns each field reads; the other fields need only the uid.
_FIELD_PROPS = {
    "name": "name",
    "aliases": "aliases",
    "level": "level",
    "kind": "kind",
    "place": "place",
    "hostedBy": "hosted_by",
}


def unit_props(fields: set[str]) -> frozenset[str]:
    """The unit columns a selection of Unit fields reads."""
    return frozenset(_FIELD_PROPS[f] for f in fields if f in _FIELD_PROPS)


async def load_units_ahead(info: Info, uids: list[str], *path: str) -> None:
    """Loads the units of a list of partners or workloads (at `path` below the field)
    when the query asks for them, in one batch, so that each entry's `unit` answers
    without being awaited."""
    if "unit" in selected(info, *path):
        await info.context.loaders.units.load_many(uids)


@strawberry.type(description="A unit that shares tasks with another, and on how many.")
class Partner:
    shared: int
    unit_uid: strawberry.Private[str]

    unit = strawberry.field(resolver=unit_of, graphql_type=Unit | None)


@strawberry.type(description="A unit's place in the workload ranking.")
class Workload:
    total: int
    lead: int
    support: int
    unit_uid: strawberry.Private[str]

    unit = strawberry.field(resolver=unit_of, graphql_type=Unit | None)


@strawberry.type(description="A unit's tasks in one section.")
class SectionLoad:
    code: str | None
    title: str | None
    total: int
    lead: int
    support: int
    section_uid: strawberry.Private[str]

    section = strawberry.field(resolver=section_of)


@strawberry.type(description="A unit's tasks in one document.")
class DocumentLoad:
    title: str | None
    total: int
    lead: int
    support: int
    document_uid: strawberry.Private[str]

    document = strawberry.field(resolver=document_of)


@strawberry.type(description="How heavy one unit's load is, in all and per section / document.")
class UnitWorkload:
    total: int
    lead: int
    support: int
    unit_uid: strawberry.Private[str]

    # The breakdowns are queries of their own, run only for a query that asks for them.
    @strawberry.field
    async def by_section(self, info: Info) -> list[SectionLoad]:
        rows = await info.context.query(workload.unit_by_section, self.unit_uid)
        return [
            SectionLoad(
                code=s.get("code"),
                title=s.get("title"),
                total=s["total"],
                lead=s["lead"],
                support=s["support"],
                section_uid=s["section"],
            )
            for s in rows
        ]

    @strawberry.field
    async def by_document(self, info: Info) -> list[DocumentLoad]:
        rows = await info.context.query(workload.unit_by_document, self.unit_uid)
        return [
            DocumentLoad(
                title=d.get("title"),
                total=d["total"],
                lead=d["lead"],
                support=d["support"],
                document_uid=d["document"],
            )
            for d in rows
        ]


@strawberry.type(description="The units heaviest in a scope and the tasks each two share.")
class UnitMatrix:
    units: list[Workload] = strawberry.field(description="The ranking's first units, in order.")
    counts: list[list[int]] = strawberry.field(
        description="counts[i][j]: the tasks units i and j are both on; counts[i][i]: unit "
        "i's own tasks."
    )
