"""The dutygraph GraphQL schema (`dutygraph.schema.schema:schema`, exported to schema.graphql)."""

from __future__ import annotations

from dutygraph.schema.limits import DEFAULT_LIMITS, Limits, TimedSchema, extensions
from dutygraph.schema.mutation import Mutation
from dutygraph.schema.query import Query


def build_schema(limits: Limits = DEFAULT_LIMITS) -> TimedSchema:
    """A schema running with these limits (the API builds one from its settings)."""
    return TimedSchema(
        query=Query,
        mutation=Mutation,
        extensions=extensions(limits),
        timeout=limits.timeout_seconds,
    )


schema = build_schema()
