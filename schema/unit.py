"""Unit, its tasks and workload, and the workload ranking entries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from dutygraph.graph import queries
from dutygraph.schema.connection import TaskConnection, decode_cursor
from dutygraph.schema.context import Context
from dutygraph.schema.enums import Role, UnitKind, UnitLevel, to_enum
from dutygraph.schema.limits import check_first

if TYPE_CHECKING:
    from dutygraph.schema.document import Document, Section

Info = strawberry.Info[Context, None]


@strawberry.type(description="A responsible unit: a bureau, a town government, a party organ …")
class Unit:
    uid: strawberry.ID
    name: str = strawberry.field(description="Canonical name: 县发展改革局.")
    aliases: list[str] = strawberry.field(description="Other spellings: 县发改局.")
    level: UnitLevel | None
    kind: UnitKind | None
    hosted_by_uid: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Unit:
        return cls(
            uid=strawberry.ID(row["uid"]),
            name=row["name"],
            aliases=list(row.get("aliases") or []),
            level=to_enum(UnitLevel, row.get("level")),
            kind=to_enum(UnitKind, row.get("kind")),
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
        from dutygraph.schema.task import Task

        check_first(first, info.context.limits.max_first)
        offset = decode_cursor(after)
        rows = await info.context.loaders.assignments_of_units.load(str(self.uid))
        chosen = [r for r in rows if role is None or r["role"] == role.value]
        page = chosen[offset : offset + first]
        nodes = [Task.from_row(r) for r in page]
        roles = [Role(r["role"]) for r in page]
        return TaskConnection.build(nodes, offset, len(chosen), roles)

    @strawberry.field(description="How many tasks the unit is on, led and supported.")
    async def workload(self, info: Info) -> UnitWorkload:
        row = await info.context.query(queries.unit_workload, str(self.uid))
        return UnitWorkload.from_row(row)

    @strawberry.field(description="Units that share tasks with this one, most shared first.")
    async def partners(self, info: Info, first: int = 20) -> list[Partner]:
        check_first(first, info.context.limits.max_first)
        rows = await info.context.query(queries.partners, str(self.uid), first)
        return [Partner(unit_uid=r["unit"], shared=r["shared"]) for r in rows]


async def _unit(info: Info, uid: str) -> Unit | None:
    row = await info.context.loaders.units.load(uid)
    return Unit.from_row(row) if row else None


@strawberry.type(description="A unit that shares tasks with another, and on how many.")
class Partner:
    shared: int
    unit_uid: strawberry.Private[str]

    @strawberry.field
    async def unit(self, info: Info) -> Unit | None:
        return await _unit(info, self.unit_uid)


@strawberry.type(description="A unit's place in the workload ranking.")
class Workload:
    total: int
    lead: int
    support: int
    unit_uid: strawberry.Private[str]

    @strawberry.field
    async def unit(self, info: Info) -> Unit | None:
        return await _unit(info, self.unit_uid)


@strawberry.type(description="A unit's tasks in one section.")
class SectionLoad:
    code: str | None
    title: str | None
    total: int
    lead: int
    support: int
    section_uid: strawberry.Private[str]

    @strawberry.field
    async def section(
        self, info: Info
    ) -> Annotated[Section, strawberry.lazy("dutygraph.schema.document")] | None:
        from dutygraph.schema.document import Section

        row = await info.context.loaders.sections.load(self.section_uid)
        return Section.from_row(row) if row else None


@strawberry.type(description="A unit's tasks in one document.")
class DocumentLoad:
    title: str | None
    total: int
    lead: int
    support: int
    document_uid: strawberry.Private[str]

    @strawberry.field
    async def document(
        self, info: Info
    ) -> Annotated[Document, strawberry.lazy("dutygraph.schema.document")] | None:
        from dutygraph.schema.document import Document

        row = await info.context.loaders.documents.load(self.document_uid)
        return Document.from_row(row) if row else None


@strawberry.type(description="How heavy one unit's load is, in all and per section / document.")
class UnitWorkload:
    total: int
    lead: int
    support: int
    by_section: list[SectionLoad]
    by_document: list[DocumentLoad]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> UnitWorkload:
        return cls(
            total=row["total"],
            lead=row["lead"],
            support=row["support"],
            by_section=[
                SectionLoad(
                    code=s.get("code"),
                    title=s.get("title"),
                    total=s["total"],
                    lead=s["lead"],
                    support=s["support"],
                    section_uid=s["section"],
                )
                for s in row.get("by_section") or []
            ],
            by_document=[
                DocumentLoad(
                    title=d.get("title"),
                    total=d["total"],
                    lead=d["lead"],
                    support=d["support"],
                    document_uid=d["document"],
                )
                for d in row.get("by_document") or []
            ],
        )
