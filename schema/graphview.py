"""Nodes and edges ready for a graph view (neighborhood, path)."""

from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type
class GraphNode:
    uid: strawberry.ID
    label: str = strawberry.field(description="Task, Unit, Policy, Project, Section, …")
    name: str | None
    text: str | None = strawberry.field(description="A task's whole text; null for others.")
    place: str | None = strawberry.field(description="A unit's or document's place.")


@strawberry.type
class GraphEdge:
    source: strawberry.ID
    target: strawberry.ID
    type: str = strawberry.field(description="RESPONSIBLE_FOR, HAS_TASK, INVOKES, …")
    role: str | None = strawberry.field(description="lead / support on RESPONSIBLE_FOR.")


@strawberry.type(description="A subgraph: nodes by uid and the edges between them.")
class GraphView:
    nodes: list[GraphNode]
    edges: list[GraphEdge]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> GraphView:
        return cls(
            nodes=[
                GraphNode(
                    uid=strawberry.ID(n["uid"]),
                    label=n["label"],
                    name=n.get("name"),
                    text=n.get("text"),
                    place=n.get("place"),
                )
                for n in row["nodes"]
            ],
            edges=[
                GraphEdge(
                    source=strawberry.ID(e["source"]),
                    target=strawberry.ID(e["target"]),
                    type=e["type"],
                    role=e.get("role"),
                )
                for e in row["edges"]
            ],
        )
