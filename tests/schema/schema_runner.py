"""Runs the schema in-process against a real store (no HTTP)."""

from __future__ import annotations

import asyncio
from typing import Any

from strawberry.types import ExecutionResult

from dutygraph.graph.store import Store
from dutygraph.schema.context import Context
from dutygraph.schema.schema import build_schema


class Runner:
    """Executes queries against one store, with a fresh context (DataLoaders) per query."""

    def __init__(self, store: Store, compiled: bool = True) -> None:
        """`compiled` False: every field by its resolver (the reference path)."""
        self.store = store
        self.schema = build_schema(compiled=compiled)

    def result(self, query: str, variables: dict[str, Any] | None = None) -> ExecutionResult:
        context = Context(self.store)
        return asyncio.run(
            self.schema.execute(query, variable_values=variables, context_value=context)
        )

    def ok(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """The data of a query that must succeed; the errors fail the test."""
        result = self.result(query, variables)
        assert not result.errors, [e.formatted for e in result.errors]
        assert result.data is not None
        return result.data

    def errors(self, query: str, variables: dict[str, Any] | None = None) -> list[str]:
        """The error messages of a query that must fail."""
        result = self.result(query, variables)
        assert result.errors, f"expected errors, got {result.data}"
        return [e.message for e in result.errors]
