"""What the read queries return for each label, and how they send long uid lists.

Every query returns plain columns (never node objects), so the embedded store and the
Neo4j driver give identical rows. Each label is always bound to the same variable in the
queries (d Document, s Section, t Task, u Unit, p Policy, j Project, g Goal) so one
RETURN fragment serves them all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from dutygraph.graph.store import Store, param_chunks

Row = dict[str, Any]


def _columns(var: str, props: str) -> str:
    return ", ".join(f"{var}.{p} AS {p}" for p in props.split())


DOCUMENT = _columns(
    "d",
    "uid title source sha256 format doc_number issuer date place "
    "warning_count warning_lines warning_texts",
)
SECTION = _columns("s", "uid document number title level ordinal parent")
TASK = _columns("t", "uid document section code path text deadline ordinal start end line passage")
UNIT_PROPS = ("uid", "name", "aliases", "level", "kind", "place", "hosted_by")  # hosted_by: a uid
UNIT = _columns("u", " ".join(UNIT_PROPS))
ALL_UNIT_PROPS = frozenset(UNIT_PROPS)
POLICY = _columns("p", "uid name title doc_number issuer year kind amount amount_value ratio")
PROJECT = _columns("j", "uid name kind")
GOAL = _columns("g", "uid document year text headline")

PER_OWNER = 1000  # rows per owner in the relations of shared nodes, and units of one name


def unit_columns(props: frozenset[str]) -> str:
    """The RETURN fragment of some of a unit's properties (uid always), in UNIT's order."""
    unknown = props - ALL_UNIT_PROPS
    if unknown:
        raise ValueError(f"not unit properties: {sorted(unknown)}")
    return _columns("u", " ".join(p for p in UNIT_PROPS if p == "uid" or p in props))


def batched(cypher: str, **defaults: Any) -> Callable[..., list[Row]]:
    """The batch query `cypher` over `$uids` as a function `(store, uids, **params)`, for
    DataLoaders; `defaults` are its other parameters, each one overridable by name."""

    def read(store: Store, uids: list[str], **params: Any) -> list[Row]:
        return read_batched(store, cypher, uids, {**defaults, **params})

    return read


def read_batched(
    store: Store, cypher: str, uids: list[str], params: Mapping[str, Any] | None = None
) -> list[Row]:
    """`cypher` over `$uids`, in as few calls as the store's parameter limit allows.

    FalkorDB's Bolt endpoint crashes on parameters over about 4 KB (the store says so in
    `max_params_bytes`); every other store gets one call.
    """
    rows: list[Row] = []
    max_bytes = store.max_params_bytes
    for chunk in param_chunks(list(dict.fromkeys(uids)), max_bytes):
        rows += store.read(cypher, {**(params or {}), "uids": chunk})
    return rows


HEAD = 24  # characters of a task's text in its display name


def display_name(label: str, name: str | None, text: str | None) -> str | None:
    """How a graph view or a search hit names a node: a task by its code and the head of
    its text, everything else by its own name (title, year) as the query gave it."""
    if label != "Task":
        return name
    head = text or ""
    head = head if len(head) <= HEAD else head[:HEAD] + "…"
    return f"{name} {head}".strip()
