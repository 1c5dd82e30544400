"""The dutygraph GraphQL schema (`dutygraph.schema.schema:schema`, exported to schema.graphql)."""

from __future__ import annotations

from dutygraph.schema.execution import CompilingSchema
from dutygraph.schema.executor import DocumentOrderExecutor
from dutygraph.schema.limits import DEFAULT_LIMITS, Limits, TimedSchema, extensions
from dutygraph.schema.mutation import Mutation
from dutygraph.schema.query import Query


def build_schema(limits: Limits = DEFAULT_LIMITS, compiled: bool = True) -> TimedSchema:
    """A schema running with these limits (the API builds one from its settings): by the
    compiled path where it can (schema/execution.py), else, or with `compiled` False
    always, by its resolvers (schema/executor.py: whose errors do not depend on timing)."""
    kinds = {
        "query": Query, "mutation": Mutation, "extensions": extensions(limits),
        "execution_context_class": DocumentOrderExecutor,
    }  # fmt: skip
    if compiled:
        return CompilingSchema(**kinds, timeout=limits.timeout_seconds, limits=limits)
    return TimedSchema(**kinds, timeout=limits.timeout_seconds)


schema = build_schema()
