"""Relay connections of tasks and of documents: edges with opaque cursors, pageInfo and
totalCount. A cursor is the position in the list; any connection's cursor pages any list
in its default order. A cursor of tasks sorted otherwise (`tasks(sort: DUE)`) names its
sort too, and pages only that sort: the same position in another order is another task."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import strawberry

from dutygraph.errors import ArgumentError
from dutygraph.schema.enums import Role

if TYPE_CHECKING:
    from dutygraph.schema.document import Document
    from dutygraph.schema.task import Task

_PREFIX = "task:"


def encode_cursor(offset: int, sort: str | None = None) -> str:
    """The cursor of position `offset` in a list in its default order, or in `sort`'s."""
    tag = f"{sort}:" if sort else ""
    return base64.urlsafe_b64encode(f"{_PREFIX}{tag}{offset}".encode()).decode()


def decode_cursor(cursor: str | None, sort: str | None = None) -> int:
    """The offset just after `cursor` (0 without one) in a list in its default order, or
    in `sort`'s; ArgumentError for a foreign cursor or one of another sort."""
    if cursor is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if text.startswith(_PREFIX):
            given, _, offset = text.removeprefix(_PREFIX).rpartition(":")
            position = int(offset) + 1
            if (given or None) != sort:
                raise ArgumentError(
                    f"`after` is a cursor of the tasks {_order(given)}, not {_order(sort)}: "
                    "ask for the first page of this sort"
                )
            return position
    except ValueError:
        pass
    raise ArgumentError(f"`after` is not a cursor this API gave out: {cursor!r}")


def _order(sort: str | None) -> str:
    return f"sorted by {sort}" if sort else "in plan order"


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def page_info(offset: int, count: int, total: int, sort: str | None = None) -> PageInfo:
    """The pageInfo of `count` items from `offset` in a list of `total` (in `sort`'s order)."""
    return PageInfo(
        has_next_page=offset + count < total,
        has_previous_page=offset > 0,
        start_cursor=encode_cursor(offset, sort) if count else None,
        end_cursor=encode_cursor(offset + count - 1, sort) if count else None,
    )


@strawberry.type
class DocumentEdge:
    cursor: str
    node: Annotated[Document, strawberry.lazy("dutygraph.schema.document")]


@strawberry.type(description="A page of loaded plans, by title.")
class DocumentConnection:
    edges: list[DocumentEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def build(cls, nodes: list[Document], offset: int, total: int) -> DocumentConnection:
        edges = [
            DocumentEdge(cursor=encode_cursor(offset + i), node=node)
            for i, node in enumerate(nodes)
        ]
        return cls(edges=edges, page_info=page_info(offset, len(nodes), total), total_count=total)


@strawberry.type
class TaskEdge:
    cursor: str
    node: Annotated[Task, strawberry.lazy("dutygraph.schema.task")]
    role: Role | None = strawberry.field(
        description="The unit's role on this task, in a unit's task list; null elsewhere."
    )


@strawberry.type
class TaskConnection:
    edges: list[TaskEdge]
    page_info: PageInfo
    total_count: int

    @classmethod
    def build(
        cls,
        nodes: list[Task],
        offset: int,
        total: int,
        roles: Sequence[Role | None] | None = None,
        sort: str | None = None,
    ) -> TaskConnection:
        """A page of `nodes` that starts at `offset` in a list of `total` tasks, in their
        default order or in `sort`'s."""
        roles = roles or [None] * len(nodes)
        edges = [
            TaskEdge(cursor=encode_cursor(offset + i, sort), node=node, role=role)
            for i, (node, role) in enumerate(zip(nodes, roles, strict=True))
        ]
        info = page_info(offset, len(nodes), total, sort)
        return cls(edges=edges, page_info=info, total_count=total)
