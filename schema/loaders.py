"""Per-request DataLoaders over the graph's batch queries.

Every relation a resolver follows goes through one of these, so a query costs one store
round trip per level of nesting, however many objects each level holds. Stores are
synchronous; the batch functions run in a worker thread.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from strawberry.dataloader import DataLoader

from dutygraph.graph import api_queries, queries
from dutygraph.graph.store import Store

Row = dict[str, Any]
BatchFn = Callable[[Store, list[str]], list[Row]]


def by_uid(store: Store, fn: BatchFn) -> DataLoader[str, Row | None]:
    """Loads one row per uid (None for a uid the graph does not hold)."""

    async def load(keys: list[str]) -> list[Row | None]:
        rows = await asyncio.to_thread(fn, store, list(keys))
        found = {row["uid"]: row for row in rows}
        return [found.get(key) for key in keys]

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


@dataclass(frozen=True, slots=True)
class Loaders:
    documents: DataLoader[str, Row | None]
    sections: DataLoader[str, Row | None]
    tasks: DataLoader[str, Row | None]
    units: DataLoader[str, Row | None]
    policies: DataLoader[str, Row | None]
    projects: DataLoader[str, Row | None]
    top_sections: DataLoader[str, list[Row]]
    subsections: DataLoader[str, list[Row]]
    tasks_of_sections: DataLoader[str, list[Row]]
    assignments_of_tasks: DataLoader[str, list[Row]]
    assignments_of_units: DataLoader[str, list[Row]]
    policies_of_tasks: DataLoader[str, list[Row]]
    projects_of_tasks: DataLoader[str, list[Row]]
    policies_of_documents: DataLoader[str, list[Row]]
    goals_of_documents: DataLoader[str, list[Row]]
    projects_of_policies: DataLoader[str, list[Row]]
    tasks_of_policies: DataLoader[str, list[Row]]
    policies_of_projects: DataLoader[str, list[Row]]
    tasks_of_projects: DataLoader[str, list[Row]]
    units_of_projects: DataLoader[str, list[Row]]

    @classmethod
    def create(cls, store: Store) -> Loaders:
        """Fresh loaders: their caches live for one request only."""
        return cls(
            documents=by_uid(store, queries.documents_by_uid),
            sections=by_uid(store, queries.sections_by_uid),
            tasks=by_uid(store, queries.tasks_by_uid),
            units=by_uid(store, queries.units_by_uid),
            policies=by_uid(store, queries.policies_by_uid),
            projects=by_uid(store, queries.projects_by_uid),
            top_sections=grouped(store, queries.top_sections),
            subsections=grouped(store, queries.subsections),
            tasks_of_sections=grouped(store, queries.tasks_of_sections),
            assignments_of_tasks=grouped(store, api_queries.assignments_of_tasks, key="task"),
            assignments_of_units=grouped(store, api_queries.assignments_of_units, key="unit"),
            policies_of_tasks=grouped(store, api_queries.policies_of_tasks),
            projects_of_tasks=grouped(store, api_queries.projects_of_tasks),
            policies_of_documents=grouped(store, queries.policies_of_documents),
            goals_of_documents=grouped(store, queries.goals_of_documents),
            projects_of_policies=grouped(store, queries.projects_of_policies),
            tasks_of_policies=grouped(store, queries.tasks_of_policies),
            policies_of_projects=grouped(store, queries.policies_of_projects),
            tasks_of_projects=grouped(store, queries.tasks_of_projects),
            units_of_projects=grouped(store, queries.units_of_projects),
        )
