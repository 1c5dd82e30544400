"""FalkorDB's compact result set (`GRAPH.RO_QUERY … --compact`) read into plain rows.

falkordb's client reads every value through a table of parser functions into its own
types (maps as OrderedDicts) that the store then copied into plain ones: a third of the
API server's CPU on a compiled request of 145 values, measured. Reads return scalars,
lists and maps (graph/store.py), read here in one pass; anything else (a node, an edge, a
path, a date) goes to falkordb's own parser, as before.
"""

from __future__ import annotations

from typing import Any

from falkordb.query_result import parse_scalar
from redis import ResponseError

from dutygraph.graph import cells


def rows(reply: list[Any], graph: Any) -> list[dict[str, Any]]:
    """The rows of a reply as dicts column -> value; the error it holds raised.
    `graph`: falkordb's Graph, for the values it parses itself."""

    def other(cell: cells.Cell) -> Any:
        return plain(parse_scalar(cell, graph))

    return [
        {name: cells.value(cell, other) for name, cell in row.items()} for row in cell_rows(reply)
    ]


def cell_rows(reply: list[Any]) -> list[dict[str, cells.Cell]]:
    """The rows of a reply as dicts column -> cell (graph/cells.py); the error it holds
    raised."""
    if isinstance(reply[0], ResponseError):
        raise reply[0]
    if isinstance(reply[-1], ResponseError):  # an error while the query ran
        raise reply[-1]
    if len(reply) < 3 or not reply[0]:  # statistics alone: no columns
        return []
    names = [column[1] for column in reply[0]]
    return [dict(zip(names, record, strict=True)) for record in reply[1]]


def plain(value: Any) -> Any:
    """The client's OrderedDicts as dicts, inside lists too, so both stores give equal rows."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value
