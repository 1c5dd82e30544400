"""search(text): a union of the node kinds whose text or name holds the words."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable
from typing import Annotated, Any

import strawberry
from strawberry.dataloader import DataLoader

from dutygraph.graph import search
from dutygraph.schema.context import Context
from dutygraph.schema.document import Section
from dutygraph.schema.loaders import Loaders, Row
from dutygraph.schema.policy import Policy, Project
from dutygraph.schema.task import Task
from dutygraph.schema.unit import Unit

SearchResult = Annotated[
    Task | Unit | Policy | Project | Section,
    strawberry.union("SearchResult", description="A node search found."),
]

# Each label's loader (by uid) and type; search rows carry only uid, label and name.
_KINDS: dict[str, tuple[Callable[[Loaders], DataLoader[str, Row | None]], Any]] = {
    "Task": (lambda loaders: loaders.tasks, Task),
    "Unit": (lambda loaders: loaders.units, Unit),
    "Policy": (lambda loaders: loaders.policies, Policy),
    "Project": (lambda loaders: loaders.projects, Project),
    "Section": (lambda loaders: loaders.sections, Section),
}


async def run_search(context: Context, text: str, first: int) -> list[SearchResult]:
    """The hits in search's order, each loaded whole; one batched load per label."""
    hits = [h for h in await context.query(search.search, text, first) if h["label"] in _KINDS]
    uids: dict[str, list[str]] = defaultdict(list)
    for hit in hits:
        uids[hit["label"]].append(hit["uid"])
    loaded = await asyncio.gather(
        *(_KINDS[label][0](context.loaders).load_many(keys) for label, keys in uids.items())
    )
    rows = {row["uid"]: row for batch in loaded for row in batch if row}
    return [_KINDS[h["label"]][1].from_row(rows[h["uid"]]) for h in hits if h["uid"] in rows]
