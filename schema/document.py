"""Document, its section tree, and its goals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Protocol

import strawberry

from dutygraph.schema.context import Context
from dutygraph.schema.limits import check_first

if TYPE_CHECKING:
    from dutygraph.schema.policy import Policy
    from dutygraph.schema.task import Task

Info = strawberry.Info[Context, None]


class _InDocument(Protocol):
    document_uid: str


class _InSection(Protocol):
    section_uid: str


# The one resolver of every `document` and `section` field: a task's, a section's, a
# unit's load in one document or section.
async def document_of(root: _InDocument, info: Info) -> Document | None:
    row = await info.context.loaders.documents.load(root.document_uid)
    return Document.from_row(row) if row else None


async def section_of(root: _InSection, info: Info) -> Section | None:
    row = await info.context.loaders.sections.load(root.section_uid)
    return Section.from_row(row) if row else None


@strawberry.type(description="What the parser could not read cleanly, and where.")
class ParseWarning:
    line: int = strawberry.field(description="The source line it is about (1-based).")
    message: str


@strawberry.type(description="One loaded plan.")
class Document:
    uid: strawberry.ID
    title: str
    source: str = strawberry.field(description="The file path it was loaded from.")
    sha256: str
    format: str
    doc_number: str | None
    issuer: str | None
    date: str | None
    place: str | None = strawberry.field(
        description="The place issuing the plan (陆河县), from its title or issuer."
    )
    warning_count: int = strawberry.field(
        description="How many parse warnings the plan had when it was loaded."
    )
    stored_warnings: strawberry.Private[tuple[ParseWarning, ...]]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Document:
        lines, texts = row.get("warning_lines") or [], row.get("warning_texts") or []
        return cls(
            uid=strawberry.ID(row["uid"]),
            title=row["title"],
            source=row["source"],
            sha256=row["sha256"],
            format=row["format"],
            doc_number=row.get("doc_number"),
            issuer=row.get("issuer"),
            date=row.get("date"),
            place=row.get("place"),
            warning_count=row.get("warning_count") or 0,
            stored_warnings=tuple(
                ParseWarning(line=n, message=m) for n, m in zip(lines, texts, strict=True)
            ),
        )

    @strawberry.field(
        description="The first parse warnings, in source order (at most the first 100 are "
        "kept; `warningCount` counts them all)."
    )
    def warnings(self, info: Info, first: int = 20) -> list[ParseWarning]:
        check_first(first, info.context.limits.max_first)
        return list(self.stored_warnings[:first])

    @strawberry.field(description="Top-level sections, in order.")
    async def sections(self, info: Info) -> list[Section]:
        rows = await info.context.loaders.top_sections.load(str(self.uid))
        return [Section.from_row(row) for row in rows]

    @strawberry.field(description="Every policy the document names.")
    async def policies(
        self, info: Info
    ) -> list[Annotated[Policy, strawberry.lazy("dutygraph.schema.policy")]]:
        from dutygraph.schema.policy import Policy

        rows = await info.context.loaders.policies_of_documents.load(str(self.uid))
        return [Policy.from_row(row) for row in rows]

    @strawberry.field
    async def goals(self, info: Info) -> list[Goal]:
        rows = await info.context.loaders.goals_of_documents.load(str(self.uid))
        return [Goal.from_row(row) for row in rows]


@strawberry.type(description="A numbered part of a plan (一、 （一） 1. …).")
class Section:
    uid: strawberry.ID
    number: str
    title: str
    level: int
    ordinal: int
    document_uid: strawberry.Private[str]
    parent_uid: strawberry.Private[str | None]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Section:
        return cls(
            uid=strawberry.ID(row["uid"]),
            number=row["number"],
            title=row["title"],
            level=row["level"],
            ordinal=row["ordinal"],
            document_uid=row["document"],
            parent_uid=row.get("parent"),
        )

    document = strawberry.field(resolver=document_of)

    @strawberry.field
    async def parent(self, info: Info) -> Section | None:
        if not self.parent_uid:
            return None
        row = await info.context.loaders.sections.load(self.parent_uid)
        return Section.from_row(row) if row else None

    @strawberry.field
    async def subsections(self, info: Info) -> list[Section]:
        rows = await info.context.loaders.subsections.load(str(self.uid))
        return [Section.from_row(row) for row in rows]

    @strawberry.field(description="Tasks directly in this section, in order.")
    async def tasks(
        self, info: Info
    ) -> list[Annotated[Task, strawberry.lazy("dutygraph.schema.task")]]:
        from dutygraph.schema.task import Task

        rows = await info.context.loaders.tasks_of_sections.load(str(self.uid))
        return [Task.from_row(row) for row in rows]


@strawberry.type(description="A dated target the plan sets (2025, 2035 …).")
class Goal:
    uid: strawberry.ID
    year: int
    text: str
    headline: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Goal:
        return cls(
            uid=strawberry.ID(row["uid"]),
            year=row["year"],
            text=row["text"],
            headline=row["headline"],
        )
