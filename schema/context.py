"""The per-request GraphQL context: the store and a fresh set of DataLoaders."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from strawberry.fastapi import BaseContext

from dutygraph.graph.store import Store
from dutygraph.schema.access import ANONYMOUS, Caller
from dutygraph.schema.limits import DEFAULT_LIMITS, Limits
from dutygraph.schema.loaders import Loaders

T = TypeVar("T")


class Context(BaseContext):
    """Built once per request (FastAPI's context_getter, or by hand in-process)."""

    def __init__(
        self, store: Store, limits: Limits = DEFAULT_LIMITS, caller: Caller = ANONYMOUS
    ) -> None:
        super().__init__()
        self.store = store
        self.limits = limits
        self.caller = caller  # who asks (schema/access.py): the account writes are checked by
        self.loaders = Loaders(store)
        # False once the HTTP layer has tried the compiled path (api/app.py)
        self.try_compiled = True
        # reads two fields of one request share (the dashboard's per-unit counts), by key
        self.shared: dict[tuple[Any, ...], asyncio.Future[Any]] = {}

    async def query(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Runs a graph query function `fn(store, ...)` off the event loop."""
        return await asyncio.to_thread(fn, self.store, *args, **kwargs)
