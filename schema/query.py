"""The root Query: thin async resolvers over the graph's named queries and the DataLoaders."""

from __future__ import annotations

from typing import Annotated

import strawberry

from dutygraph.errors import ArgumentError, NotFoundError
from dutygraph.graph import explore, nodes, task_filter, workload
from dutygraph.schema.connection import DocumentConnection, TaskConnection, decode_cursor
from dutygraph.schema.context import Context
from dutygraph.schema.document import Document, Section
from dutygraph.schema.enums import PolicyKind
from dutygraph.schema.graphview import GraphView
from dutygraph.schema.inputs import (
    ProjectFilter,
    TaskFilter,
    TaskSort,
    UnitFilter,
    WorkloadFilter,
)
from dutygraph.schema.limits import check_first
from dutygraph.schema.policy import Policy, Project
from dutygraph.schema.search import SearchResult, run_search
from dutygraph.schema.selection import selected
from dutygraph.schema.supervision import SupervisionQuery, tasks_by_progress
from dutygraph.schema.task import Task, assignment_props
from dutygraph.schema.unit import Partner, Unit, UnitMatrix, Workload, load_units_ahead

Info = strawberry.Info[Context, None]


def _no_unit(name: str, place: str | None) -> NotFoundError:
    where = f" in {place}" if place else ""
    return NotFoundError(f"No unit is named {name!r}{where} (canonical name or alias)")


async def _unit_uid(info: Info, name: str, place: str | None) -> str:
    """The one unit of that name (of `place`); refused when several places name one."""
    row = await info.context.query(nodes.unit_by_name, name, place)
    if not row:
        raise _no_unit(name, place)
    return row["uid"]


async def _unit_uids(info: Info, name: str, place: str | None) -> list[str]:
    """Every unit of that name, one per place naming it (of `place` only, when given)."""
    rows = await info.context.query(nodes.units_by_name, name, place)
    if not rows:
        raise _no_unit(name, place)
    return [r["uid"] for r in rows]


def _workload(row: dict) -> Workload:
    return Workload(
        unit_uid=row["unit"], total=row["total"], lead=row["lead"], support=row["support"]
    )


@strawberry.type
class Query(SupervisionQuery):
    @strawberry.field(description="Loaded plans, by title.")
    async def documents(
        self, info: Info, first: int = 20, after: str | None = None
    ) -> DocumentConnection:
        check_first(first, info.context.limits.max_first)
        offset = decode_cursor(after)
        asked = selected(info)
        rows = await info.context.query(nodes.documents, first, offset) if first else []
        total = offset + len(rows)
        if ({"totalCount", "pageInfo"} & asked) and (len(rows) == first or not rows):
            total = await info.context.query(nodes.document_count)
        return DocumentConnection.build([Document.from_row(r) for r in rows], offset, total)

    @strawberry.field
    async def document(self, info: Info, uid: strawberry.ID) -> Document | None:
        row = await info.context.loaders.documents.load(uid)
        return Document.from_row(row) if row else None

    @strawberry.field
    async def section(self, info: Info, uid: strawberry.ID) -> Section | None:
        row = await info.context.loaders.sections.load(uid)
        return Section.from_row(row) if row else None

    @strawberry.field
    async def task(self, info: Info, uid: strawberry.ID) -> Task | None:
        row = await info.context.loaders.tasks.load(uid)
        return Task.from_row(row) if row else None

    @strawberry.field(
        description="Tasks matching every condition of the filter, in plan order or `sort`'s; "
        "a cursor pages only the sort it came from."
    )
    async def tasks(
        self,
        info: Info,
        filter: TaskFilter | None = None,
        first: int = 20,
        after: str | None = None,
        sort: TaskSort = TaskSort.PLAN,
        reverse: Annotated[
            bool,
            strawberry.argument(
                description="The sort turned round (DUE: latest first; tasks without the "
                "key stay last, equal keys keep plan order); not with PLAN."
            ),
        ] = False,
    ) -> TaskConnection:
        check_first(first, info.context.limits.max_first)
        # the cursors' tag: a cursor pages only the order it came from
        order = None if sort is TaskSort.PLAN else f"{sort.value}{' reversed' * reverse}"
        offset = decode_cursor(after, order)
        f = filter or TaskFilter()
        if f.role and not f.unit:
            raise ArgumentError("`role` filters a unit's tasks: give `unit` too")
        if f.place and not f.unit:
            raise ArgumentError("`place` narrows `unit`: give `unit` too")
        units = await _unit_uids(info, f.unit, f.place) if f.unit else None
        if f.by_progress:
            rows, total = await tasks_by_progress(
                info, f, units, first, offset, sort.value, reverse
            )
            nodes = [Task.from_row(row) for row in rows]
            return TaskConnection.build(nodes, offset, total, sort=order)
        asked = selected(info)
        rows, total = await info.context.query(
            task_filter.find_tasks,
            units=units,
            role=f.role.value if f.role else None,
            document=f.document,
            section=f.section,
            policy=f.policy,
            project=f.project,
            text=f.text,
            # a page only for a query that reads one; a count only for one that asks
            limit=first if {"edges", "pageInfo"} & asked else 0,
            offset=offset,
            count="totalCount" in asked,
            sort=sort.value,
            reverse=reverse,
        )
        for row in rows:
            info.context.loaders.tasks.prime(row["uid"], row)
        props = assignment_props(info, "edges", "node")
        if props is not None:
            await info.context.loaders.assignments_of_tasks(props).load_many(
                [r["uid"] for r in rows]
            )
        nodes = [Task.from_row(row, props) for row in rows]
        return TaskConnection.build(nodes, offset, total, sort=order)

    @strawberry.field(
        description="A unit by canonical name or alias (县发改局), or by uid. A name that "
        "units of several places bear (each county's 县发展改革局) needs `place` (陆河县)."
    )
    async def unit(
        self,
        info: Info,
        name: str | None = None,
        uid: strawberry.ID | None = None,
        place: str | None = None,
    ) -> Unit | None:
        match name, uid:
            case str(), None:
                row = await info.context.query(nodes.unit_by_name, name, place)
            case None, str():
                if place is not None:
                    raise ArgumentError("`place` goes with `name`")
                row = await info.context.loaders.units.load(uid)
            case _:
                raise ArgumentError("give exactly one of `name` and `uid`")
        return Unit.from_row(row) if row else None

    @strawberry.field
    async def units(
        self, info: Info, filter: UnitFilter | None = None, first: int = 100
    ) -> list[Unit]:
        check_first(first, info.context.limits.max_first)
        f = filter or UnitFilter()
        rows = await info.context.query(
            nodes.units,
            text=f.text,
            kind=f.kind.value if f.kind else None,
            level=f.level.value if f.level else None,
            place=f.place,
            limit=first,
        )
        return [Unit.from_row(row) for row in rows]

    @strawberry.field(
        description="Units sharing tasks with the named unit (of `place`, when units of "
        "several places bear its name), most shared first."
    )
    async def partners(
        self, info: Info, unit: str, first: int = 20, place: str | None = None
    ) -> list[Partner]:
        check_first(first, info.context.limits.max_first)
        uid = await _unit_uid(info, unit, place)
        rows = await info.context.query(workload.partners, uid, first)
        await load_units_ahead(info, [r["unit"] for r in rows])
        return [Partner(unit_uid=r["unit"], shared=r["shared"]) for r in rows]

    @strawberry.field(description="A policy by uid or by 发文字号 in any bracket style.")
    async def policy(
        self,
        info: Info,
        uid: strawberry.ID | None = None,
        doc_number: str | None = None,
    ) -> Policy | None:
        match doc_number, uid:
            case str(), None:
                row = await info.context.query(nodes.policy_by_doc_number, doc_number)
            case None, str():
                row = await info.context.loaders.policies.load(uid)
            case _:
                raise ArgumentError("give exactly one of `uid` and `docNumber`")
        return Policy.from_row(row) if row else None

    @strawberry.field
    async def policies(
        self, info: Info, kind: PolicyKind | None = None, first: int = 100
    ) -> list[Policy]:
        check_first(first, info.context.limits.max_first)
        rows = await info.context.query(
            nodes.policies, kind=kind.value if kind else None, limit=first
        )
        return [Policy.from_row(row) for row in rows]

    @strawberry.field
    async def project(self, info: Info, uid: strawberry.ID) -> Project | None:
        row = await info.context.loaders.projects.load(uid)
        return Project.from_row(row) if row else None

    @strawberry.field
    async def projects(
        self, info: Info, filter: ProjectFilter | None = None, first: int = 100
    ) -> list[Project]:
        check_first(first, info.context.limits.max_first)
        f = filter or ProjectFilter()
        rows = await info.context.query(nodes.projects, text=f.text, kind=f.kind, limit=first)
        return [Project.from_row(row) for row in rows]

    @strawberry.field(description="Tasks, units, policies, projects, sections holding the text.")
    async def search(self, info: Info, text: str, first: int = 20) -> list[SearchResult]:
        check_first(first, info.context.limits.max_first)
        if len(text.strip()) < 2:
            raise ArgumentError("search needs at least 2 characters")
        return await run_search(info.context, text.strip(), first)

    @strawberry.field(description="Units ranked by number of tasks, heaviest first.")
    async def workload(
        self, info: Info, first: int = 20, filter: WorkloadFilter | None = None
    ) -> list[Workload]:
        check_first(first, info.context.limits.max_first)
        f = filter or WorkloadFilter()
        rows = await info.context.query(
            workload.workload_ranking, limit=first, document=f.document, section=f.section
        )
        await load_units_ahead(info, [r["unit"] for r in rows])
        return [_workload(r) for r in rows]

    @strawberry.field(
        description="The first units of the workload ranking and, for each two of them, the "
        "tasks they share (a unit x unit matrix), over the same tasks."
    )
    async def unit_matrix(
        self, info: Info, first: int = 15, filter: WorkloadFilter | None = None
    ) -> UnitMatrix:
        check_first(first, info.context.limits.max_first)
        f = filter or WorkloadFilter()
        found = await info.context.query(
            workload.shared_tasks, limit=first, document=f.document, section=f.section
        )
        await load_units_ahead(info, [r["unit"] for r in found["units"]], "units")
        return UnitMatrix(units=[_workload(r) for r in found["units"]], counts=found["counts"])

    @strawberry.field(description="The nodes and edges within `depth` hops of a node.")
    async def neighborhood(
        self, info: Info, uid: strawberry.ID, depth: int = 1, limit: int = 200
    ) -> GraphView:
        limits = info.context.limits
        check_first(depth, limits.max_graph_depth, "depth")
        check_first(limit, limits.max_graph_limit, "limit")
        return GraphView.from_row(await info.context.query(explore.neighborhood, uid, depth, limit))

    @strawberry.field(description="A shortest path between two nodes, or null when none.")
    async def path(
        self,
        info: Info,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from")],
        to: strawberry.ID,
        max_depth: int = 6,
    ) -> GraphView | None:
        check_first(max_depth, info.context.limits.max_path_depth, "maxDepth")
        row = await info.context.query(explore.shortest_path, from_, to, max_depth)
        return GraphView.from_row(row) if row else None
