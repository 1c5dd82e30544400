"""Relay connections of tasks and of documents: edges with opaque cursors, pageInfo and
totalCount. A cursor is the position in the list; any connection's cursor pages any."""

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


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The offset just after `cursor` (0 without one); ArgumentError for a foreign cursor."""
    if cursor is None:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
        if text.startswith(_PREFIX):
            return int(text.removeprefix(_PREFIX)) + 1
    except ValueError:
        pass
    raise ArgumentError(f"`after` is not a cursor this API gave out: {cursor!r}")


@strawberry.type
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def page_info(offset: int, count: int, total: int) -> PageInfo:
    """The pageInfo of `count` items from `offset` in a list of `total`."""
    return PageInfo(
        has_next_page=offset + count < total,
        has_previous_page=offset > 0,
        start_cursor=encode_cursor(offset) if count else None,
        end_cursor=encode_cursor(offset + count - 1) if count else None,
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
    ) -> TaskConnection:
        """A page of `nodes` that starts at `offset` in a list of `total` tasks."""
        roles = roles or [None] * len(nodes)
        edges = [
            TaskEdge(cursor=encode_cursor(offset + i), node=node, role=role)
            for i, (node, role) in enumerate(zip(nodes, roles, strict=True))
        ]
        return cls(edges=edges, page_info=page_info(offset, len(nodes), total), total_count=total)
