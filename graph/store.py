"""The Store protocol both graph stores implement, and `open_store`, which picks one.

`--db` forms:
- omitted: Neo4j at `NEO4J_URI` when that is set, else the embedded store in the default
  data directory, `platformdirs.user_data_dir("dutygraph")` (on Linux
  ~/.local/share/dutygraph);
- `bolt://`, `bolt+s://`, `neo4j://`, `neo4j+s://` URIs: Neo4j through the official driver,
  with `NEO4J_USER` (default neo4j), `NEO4J_PASSWORD` and `NEO4J_DATABASE` from the
  environment;
- anything else: a directory for the embedded FalkorDB store (created when missing).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, Protocol, TypeVar, runtime_checkable

from platformdirs import user_data_dir

from dutygraph.errors import StoreError
from dutygraph.graph.cells import Cell

NEO4J_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


@runtime_checkable
class Store(Protocol):
    """A graph store: Cypher in, rows of plain Python values out. Thread-safe."""

    @property
    def round_trips(self) -> int:
        """Read/write calls so far, to check that callers batch (read-only to callers)."""
        ...

    @property
    def dialect(self) -> str:
        """'falkordb' or 'neo4j': whose schema statements the store takes (graph/setup.py)."""
        ...

    @property
    def max_params_bytes(self) -> int | None:
        """The most bytes of parameters one statement may carry (FalkorDB's Bolt endpoint
        crashes on about 4 KB; param_chunks splits lists to fit); None: no limit."""
        ...

    @property
    def nested_unions(self) -> bool:
        """Whether the store runs a UNION inside CALL {} (a compiled search does): FalkorDB's
        Bolt endpoint crashed on several such CALLs in one statement, measured."""
        ...

    @property
    def transactions(self) -> bool:
        """Whether write_all runs several statements in one transaction. The embedded
        FalkorDB runs each statement atomically but none of several together, so there an
        atomic write must be one statement (graph/load.py joins its blocks into one)."""
        ...

    # Seconds a read may run in the store before the store stops it; None: no limit.
    read_timeout: float | None

    def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Rows as dicts column -> value. Read queries return scalars, lists and maps only."""
        ...

    async def read_cells_async(
        self, cypher: str, params: Mapping[str, Any] | None = None
    ) -> list[dict[str, Cell]]:
        """`read` awaited on the running event loop, each value as its typed cell
        (graph/cells.py): the API's compiled requests shape the answer from those."""
        ...

    def read_pending(
        self, cypher: str, params: Mapping[str, Any] | None = None
    ) -> AbstractContextManager[Callable[[], list[dict[str, Any]]]]:
        """`read`, the statement sent on entering and its rows returned by the callable the
        context gives, so the caller can work while the store answers (graph/load.py
        builds a plan's rows meanwhile); a reply nobody took is read and dropped on exit."""
        ...

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> None:
        """Run one statement atomically."""
        ...

    def write_all(self, statements: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        """Run the statements in order as one atomic write (several only with
        `transactions`)."""
        ...

    def create_unique_constraint(self, label: str, prop: str) -> None:
        """Make `prop` unique among the `label` nodes; nothing when it already is, or where
        the store takes no constraints (FalkorDB over Bolt)."""
        ...

    def compact(self) -> None:
        """Fold the store's write log into a snapshot, where it keeps one; else nothing."""
        ...

    def ping(self) -> None:
        """Raise StoreError when the store is unreachable."""
        ...

    def close(self) -> None: ...


class RoundTrips:
    """A thread-safe counter of round trips, mixed into both stores."""

    round_trips: int = 0

    def __init__(self) -> None:
        self.round_trips = 0
        self._count_lock = threading.Lock()

    def _count(self) -> None:
        with self._count_lock:
            self.round_trips += 1


def default_data_dir() -> Path:
    """Where the embedded store lives when no --db is given."""
    return Path(user_data_dir("dutygraph", appauthor=False))


def open_store(db: str | None = None, read_timeout: float | None = None) -> Store:
    """Open the store `db` names (see the module doc); schema setup included. Reads that
    run past `read_timeout` seconds are stopped by the store itself."""
    store = _open(db)
    store.read_timeout = read_timeout
    return store


def _open(db: str | None) -> Store:
    if db is None:
        db = os.environ.get("NEO4J_URI") or str(default_data_dir())
    scheme, sep, _ = db.partition("://")
    if sep and scheme.lower() in NEO4J_SCHEMES:
        from dutygraph.graph.neo4j_store import Neo4jStore
        from dutygraph.graph.setup import ensure_schema

        store = Neo4jStore(
            db,
            user=os.environ.get("NEO4J_USER", "neo4j"),
            password=os.environ.get("NEO4J_PASSWORD"),
            database=os.environ.get("NEO4J_DATABASE") or None,
        )
        try:
            ensure_schema(store)  # IF NOT EXISTS: safe from many processes at once
        except BaseException:
            store.close()
            raise
        return store
    if sep:
        raise StoreError(
            f"unsupported --db {db!r}: give a directory for the embedded store or a "
            "bolt://, neo4j:// or neo4j+s:// URI for Neo4j"
        )
    from dutygraph.graph.embedded import EmbeddedStore

    return EmbeddedStore.open(Path(db).expanduser())


T = TypeVar("T")


def param_chunks(values: list[T], max_bytes: int | None) -> Iterator[list[T]]:
    """`values` in runs of at most `max_bytes` as a JSON list parameter (None: one run).

    For stores with a parameter size limit (`max_params_bytes`: FalkorDB's Bolt endpoint
    crashes on parameters over about 4 KB); none when `values` is empty.
    """
    if max_bytes is None:
        if values:
            yield values
        return
    chunk: list[T] = []
    size = 0
    for value in values:
        value_size = len(json.dumps(value, ensure_ascii=False).encode()) + 1  # and a comma
        if chunk and size + value_size > max_bytes:
            yield chunk
            chunk, size = [], 0
        chunk.append(value)
        size += value_size
    if chunk:
        yield chunk
