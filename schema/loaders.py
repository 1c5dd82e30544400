"""Per-request DataLoaders over the graph's batch queries.

Every relation a resolver follows goes through one of these, so a query costs one store
round trip per level of nesting, however many objects each level holds. Stores are
synchronous; the batch functions run in a worker thread.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Awaitable, Callable
from functools import cached_property, partial
from typing import Any, TypeVar

from strawberry.dataloader import DataLoader

from dutygraph.graph import nodes, relations, workload
from dutygraph.graph import supervision as sv
from dutygraph.graph.columns import ALL_UNIT_PROPS
from dutygraph.graph.store import Store, param_chunks

Row = dict[str, Any]
BatchFn = Callable[[Store, list[str]], list[Row]]
T = TypeVar("T")
R = TypeVar("R")


def now_or_later(future: Awaitable[T], then: Callable[[T], R]) -> R | Awaitable[R]:
    """`then(value)` at once when the loader already holds the value, else an awaitable.

    A resolver whose value graphql-core must await costs it ~75 µs more than one that
    returns the value (a coroutine, a task, a gather per list); the fields whose parent
    loaded their data ahead (`load_many` on a whole page) answer without awaiting.
    """
    if isinstance(future, asyncio.Future) and future.done():
        return then(future.result())

    async def later() -> R:
        return then(await future)

    return later()


def by_uid(store: Store, fn: BatchFn) -> DataLoader[str, Row | None]:
    """Loads one row per uid (None for a uid the graph does not hold)."""

    async def load(keys: list[str]) -> list[Row | None]:
        rows = await asyncio.to_thread(fn, store, list(keys))
        found = {row["uid"]: row for row in rows}
        return [found.get(key) for key in keys]

    return DataLoader(load_fn=load)


def by_key(store: Store, fn: BatchFn, key: str = "owner") -> DataLoader[str, Row | None]:
    """Loads the one row whose `key` is each key (None when the query returns none)."""

    async def load(keys: list[str]) -> list[Row | None]:
        rows = await asyncio.to_thread(fn, store, list(keys))
        found = {row[key]: row for row in rows}
        return [found.get(k) for k in keys]

    return DataLoader(load_fn=load)


def grouped(store: Store, fn: BatchFn, key: str = "owner") -> DataLoader[str, list[Row]]:
    """Loads the list of rows belonging to each key, in the order the query returns them."""

    async def load(keys: list[str]) -> list[list[Row]]:
        rows = await asyncio.to_thread(fn, store, list(keys))
        groups: dict[str, list[Row]] = defaultdict(list)
        for row in rows:
            groups[row[key]].append(row)
        return [groups.get(k, []) for k in keys]

    return DataLoader(load_fn=load)


class Loaders:
    """One request's DataLoaders (`loaders.tasks`, `loaders.assignments_of_tasks()`, …),
    each made when first used: most requests touch two or three of the twenty."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._assignments: dict[frozenset[str], DataLoader[str, list[Row]]] = {}
        self._with_args: dict[tuple[Any, ...], DataLoader[str, Any]] = {}

    # One loader per relation, made on first use (cached_property).
    @cached_property
    def documents(self) -> DataLoader[str, Row | None]:
        return by_uid(self._store, nodes.documents_by_uid)

    @cached_property
    def sections(self) -> DataLoader[str, Row | None]:
        return by_uid(self._store, nodes.sections_by_uid)

    @cached_property
    def tasks(self) -> DataLoader[str, Row | None]:
        return by_uid(self._store, nodes.tasks_by_uid)

    @cached_property
    def units(self) -> DataLoader[str, Row | None]:
        return by_uid(self._store, nodes.units_by_uid)

    @cached_property
    def policies(self) -> DataLoader[str, Row | None]:
        return by_uid(self._store, nodes.policies_by_uid)

    @cached_property
    def projects(self) -> DataLoader[str, Row | None]:
        return by_uid(self._store, nodes.projects_by_uid)

    @cached_property
    def top_sections(self) -> DataLoader[str, list[Row]]:
        return grouped(self._store, relations.top_sections)

    @cached_property
    def subsections(self) -> DataLoader[str, list[Row]]:
        return grouped(self._store, relations.subsections)

    @cached_property
    def tasks_of_sections(self) -> DataLoader[str, list[Row]]:
        return grouped(self._store, relations.tasks_of_sections)

    @cached_property
    def unit_totals(self) -> DataLoader[str, Row | None]:
        return by_key(self._store, workload.unit_totals)

    @cached_property
    def policies_of_tasks(self) -> DataLoader[str, list[Row]]:
        return grouped(self._store, relations.policies_of_tasks)

    @cached_property
    def projects_of_tasks(self) -> DataLoader[str, list[Row]]:
        return grouped(self._store, relations.projects_of_tasks)

    @cached_property
    def policies_of_documents(self) -> DataLoader[str, list[Row]]:
        return grouped(self._store, relations.policies_of_documents)

    @cached_property
    def goals_of_documents(self) -> DataLoader[str, list[Row]]:
        return grouped(self._store, relations.goals_of_documents)

    @cached_property
    def projects_of_policies(self) -> DataLoader[str, list[Row]]:
        return grouped(self._store, relations.projects_of_policies)

    @cached_property
    def tasks_of_policies(self) -> DataLoader[str, list[Row]]:
        return grouped(self._store, relations.tasks_of_policies)

    @cached_property
    def policies_of_projects(self) -> DataLoader[str, list[Row]]:
        return grouped(self._store, relations.policies_of_projects)

    @cached_property
    def tasks_of_projects(self) -> DataLoader[str, list[Row]]:
        return grouped(self._store, relations.tasks_of_projects)

    @cached_property
    def units_of_projects(self) -> DataLoader[str, list[Row]]:
        return grouped(self._store, relations.units_of_projects)

    def with_args(
        self, fn: Callable[..., list[Row]], key: str = "owner", one: bool = False, **args: Any
    ) -> DataLoader[str, Any]:
        """A loader of `fn(store, keys, **args)`: the rows grouped by `key`, or the one
        row of each key when `one`; one loader per function and arguments, so the units
        of a list asking for the same page (`tasks(first: 20)`) share one store call."""
        cache_key = (fn, key, one, *sorted(args.items()))
        if cache_key not in self._with_args:
            batch = partial(fn, **args)
            make = by_key if one else grouped
            self._with_args[cache_key] = make(self._store, batch, key)
        return self._with_args[cache_key]

    def assignments_of_tasks(
        self, unit_props: frozenset[str] = ALL_UNIT_PROPS
    ) -> DataLoader[str, list[Row]]:
        """Each task's assignments with these columns of their units; a loader per set of
        columns, since a task list fetches only the unit fields its query asks for."""
        if unit_props not in self._assignments:
            fn = partial(relations.assignments_of_tasks, unit_props=unit_props)
            self._assignments[unit_props] = grouped(self._store, fn, key="task")
        return self._assignments[unit_props]

    @cached_property
    def assignment_states(self) -> DataLoader[str, list[sv.AssignmentState]]:
        """Each task's assignments with their progress states, by task uid."""
        store = self._store

        def batch(keys: list[str]) -> list[list[sv.AssignmentState]]:
            found: dict[str, list[sv.AssignmentState]] = {k: [] for k in keys}
            for chunk in param_chunks(keys, store.max_params_bytes):
                for state in sv.assignment_states(store, tasks=chunk):
                    found[state.row["task"]].append(state)
            return [found[k] for k in keys]

        async def load(keys: list[str]) -> list[list[sv.AssignmentState]]:
            return await asyncio.to_thread(batch, list(keys))

        return DataLoader(load_fn=load)
