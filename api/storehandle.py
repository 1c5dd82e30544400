"""The app's hold on the store: opened lazily, reopened after it went away.

The process must stay up while the store is down and serve again once it is back. The
handle gives out a watched store; a StoreError seen through it makes the next `get()`
ping first and, if the ping fails too, close the old store and open a new one (for the
embedded store that starts its server again).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from dutygraph.errors import StoreError
from dutygraph.graph.cells import Cell
from dutygraph.graph.store import Store, open_store


class StoreHandle:
    def __init__(
        self, db: str | None, store: Store | None = None, read_timeout: float | None = None
    ) -> None:
        self._db = db
        self._read_timeout = read_timeout
        self._store = store
        self._suspect = False
        self._lock = threading.Lock()

    def get(self) -> Store:
        """A usable store, or StoreError saying why there is none."""
        with self._lock:
            if self._store is not None and self._suspect:
                try:
                    self._store.ping()
                    self._suspect = False
                except StoreError:
                    self._drop()
            if self._store is None:
                self._store = open_store(self._db, self._read_timeout)
                self._suspect = False
            return _Watched(self._store, self)

    def current(self) -> Store | None:
        """The open store when nothing suggests it is down, without any I/O; else None."""
        store = self._store
        if store is None or self._suspect:
            return None
        return _Watched(store, self)

    def ping(self) -> None:
        """Raises StoreError when the store cannot answer now."""
        self.get().ping()

    def mark_suspect(self) -> None:
        self._suspect = True

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        store, self._store = self._store, None
        if store is not None:
            # a store that went away may fail to close; closing is only tidying up
            with contextlib.suppress(StoreError):
                store.close()


class _Watched:
    """A store that tells its handle when it failed, so the handle can recover."""

    def __init__(self, store: Store, handle: StoreHandle) -> None:
        self._store = store
        self._handle = handle

    # What the store says of itself, as the store says it (read_batched needs the
    # parameter limit to keep FalkorDB-Bolt's parameters small).
    @property
    def round_trips(self) -> int:
        return self._store.round_trips

    @property
    def dialect(self) -> str:
        return self._store.dialect

    @property
    def max_params_bytes(self) -> int | None:
        return self._store.max_params_bytes

    @property
    def transactions(self) -> bool:
        return self._store.transactions

    @property
    def nested_unions(self) -> bool:
        return self._store.nested_unions

    @property
    def read_timeout(self) -> float | None:
        return self._store.read_timeout

    @read_timeout.setter
    def read_timeout(self, seconds: float | None) -> None:
        self._store.read_timeout = seconds

    def read(self, cypher: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        return self._watch(self._store.read, cypher, params)

    async def read_cells_async(
        self, cypher: str, params: Mapping[str, Any] | None = None
    ) -> list[dict[str, Cell]]:
        try:
            return await self._store.read_cells_async(cypher, params)
        except StoreError:
            self._handle.mark_suspect()
            raise

    @contextlib.contextmanager
    def read_pending(
        self, cypher: str, params: Mapping[str, Any] | None = None
    ) -> Iterator[Callable[[], list[dict[str, Any]]]]:
        try:
            with self._store.read_pending(cypher, params) as rows:
                yield lambda: self._watch(rows)
        except StoreError:
            self._handle.mark_suspect()
            raise

    def write(self, cypher: str, params: Mapping[str, Any] | None = None) -> None:
        self._watch(self._store.write, cypher, params)

    def write_all(self, statements: Sequence[tuple[str, Mapping[str, Any]]]) -> None:
        self._watch(self._store.write_all, statements)

    def create_unique_constraint(self, label: str, prop: str) -> None:
        self._watch(self._store.create_unique_constraint, label, prop)

    def compact(self) -> None:
        self._watch(self._store.compact)

    def ping(self) -> None:
        self._watch(self._store.ping)

    def close(self) -> None:
        self._handle.close()

    def _watch(self, call: Callable[..., Any], *args: Any) -> Any:
        try:
            return call(*args)
        except StoreError:
            self._handle.mark_suspect()
            raise
