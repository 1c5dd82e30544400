"""A read's values as typed cells, `[kind, raw]`: the form FalkorDB's compact reply sends.

The API's compiled requests shape their one row into the answer straight from the cells
(schema/compiled.py, through `Store.read_cells_async`): decoding every value into a plain
one first and then shaping that cost about three times as much Python (measured on the
sample's unit with its tasks and partners: 44 against 15 us). `raw` is what FalkorDB
sends for the kind: a string, an int, "true" or "false", a double as text, a list of
cells, a map as [key, cell, key, cell, ...].
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

NULL, STRING, INTEGER, BOOLEAN, DOUBLE, ARRAY, MAP = 1, 2, 3, 4, 5, 6, 10

Cell = list[Any]  # [kind, raw]; hiredis reads arrays as lists


def value(cell: Cell, other: Callable[[Cell], Any] | None = None) -> Any:
    """The plain value of a cell (lists and dicts inside); `other` reads the kinds that are
    not plain values (a node, an edge, a path), which compiled reads never return."""
    kind, raw = cell
    if kind == STRING:
        return raw
    if kind == ARRAY:
        return [value(item, other) for item in raw]
    if kind == INTEGER:
        return int(raw)
    if kind == NULL:
        return None
    if kind == BOOLEAN:
        return raw == "true"
    if kind == DOUBLE:
        return float(raw)
    if kind == MAP:
        return {raw[i]: value(raw[i + 1], other) for i in range(0, len(raw), 2)}
    if other is None:
        raise TypeError(f"a value of kind {kind} is not a plain value")
    return other(cell)


def of_value(plain: Any) -> Cell:
    """The cell of a plain value (a Neo4j record's), as FalkorDB would send it."""
    if plain is None:
        return [NULL, None]
    if isinstance(plain, str):
        return [STRING, plain]
    if isinstance(plain, bool):  # before int: a bool is an int
        return [BOOLEAN, "true" if plain else "false"]
    if isinstance(plain, int):
        return [INTEGER, plain]
    if isinstance(plain, float):
        return [DOUBLE, repr(plain)]  # float(repr(x)) == x
    if isinstance(plain, list):
        return [ARRAY, [of_value(item) for item in plain]]
    if isinstance(plain, dict):
        return [MAP, [part for k, v in plain.items() for part in (k, of_value(v))]]
    raise TypeError(f"a {type(plain).__name__} is not a plain value")
