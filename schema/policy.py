"""Policy (a cited document or a funding / land measure) and Project."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from dutygraph.schema.context import Context
from dutygraph.schema.enums import PolicyKind, to_enum

if TYPE_CHECKING:
    from dutygraph.schema.task import Task
    from dutygraph.schema.unit import Unit

Info = strawberry.Info[Context, None]


def _as_tasks(rows: list[dict[str, Any]]) -> list[Task]:
    from dutygraph.schema.task import Task

    return [Task.from_row(row) for row in rows]


@strawberry.type(description="A policy a plan cites or a measure it relies on.")
class Policy:
    uid: strawberry.ID
    name: str
    title: str | None = strawberry.field(description="Full 《title》 of a cited document.")
    doc_number: str | None = strawberry.field(description="Canonical 发文字号: 国发〔2021〕3号.")
    issuer: str | None
    year: int | None
    kind: PolicyKind | None
    amount: str | None = strawberry.field(description="As printed: 每县每年5000万元.")
    amount_value: float | None = strawberry.field(description="The amount in yuan.")
    ratio: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Policy:
        return cls(
            uid=strawberry.ID(row["uid"]),
            name=row["name"],
            title=row.get("title"),
            doc_number=row.get("doc_number"),
            issuer=row.get("issuer"),
            year=row.get("year"),
            kind=to_enum(PolicyKind, row.get("kind")),
            amount=row.get("amount"),
            amount_value=row.get("amount_value"),
            ratio=row.get("ratio"),
        )

    @strawberry.field(description="Projects this measure funds.")
    async def projects(self, info: Info) -> list[Project]:
        rows = await info.context.loaders.projects_of_policies.load(str(self.uid))
        return [Project.from_row(row) for row in rows]

    @strawberry.field(description="Tasks that invoke this policy.")
    async def tasks(
        self, info: Info
    ) -> list[Annotated[Task, strawberry.lazy("dutygraph.schema.task")]]:
        return _as_tasks(await info.context.loaders.tasks_of_policies.load(str(self.uid)))


@strawberry.type(description="A named project a task concerns.")
class Project:
    uid: strawberry.ID
    name: str
    kind: str | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Project:
        return cls(uid=strawberry.ID(row["uid"]), name=row["name"], kind=row.get("kind"))

    @strawberry.field(description="Funding measures named for this project.")
    async def policies(self, info: Info) -> list[Policy]:
        rows = await info.context.loaders.policies_of_projects.load(str(self.uid))
        return [Policy.from_row(row) for row in rows]

    @strawberry.field
    async def tasks(
        self, info: Info
    ) -> list[Annotated[Task, strawberry.lazy("dutygraph.schema.task")]]:
        return _as_tasks(await info.context.loaders.tasks_of_projects.load(str(self.uid)))

    @strawberry.field(description="Units responsible for the project's tasks.")
    async def units(
        self, info: Info
    ) -> list[Annotated[Unit, strawberry.lazy("dutygraph.schema.unit")]]:
        from dutygraph.schema.unit import Unit

        rows = await info.context.loaders.units_of_projects.load(str(self.uid))
        return [Unit.from_row(row) for row in rows]
