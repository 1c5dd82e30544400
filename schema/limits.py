"""What a request may ask for, and what happens to errors.

Refusals come before any store work: the document's size before parsing, its cost
(schema/cost.py) before validation, depth, aliases and tokens by validation rules, `first`
and similar bounds before a resolver queries. `first` above its cap is refused (not
clamped), so a client never mistakes a cut list for the whole. Errors we raise on purpose
(DutygraphError) reach the client as they are, except a StoreError, whose message names
paths and addresses: the client is told the store is unavailable and the log has the rest;
anything else is logged in full and masked.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import strawberry
from graphql import (
    ASTValidationRule,
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    NoSchemaIntrospectionCustomRule,
)
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.types import ExecutionResult

from dutygraph.errors import DutygraphError, LimitError, StoreError
from dutygraph.schema.cost import operation_cost

log = logging.getLogger("dutygraph.api")


@dataclass(frozen=True, slots=True)
class Limits:
    max_depth: int = 10
    max_aliases: int = 30
    max_tokens: int = 5000
    max_query_bytes: int = 100_000
    max_first: int = 100
    max_cost: int = 5000  # cost units, see schema/cost.py
    max_response_bytes: int = 4 * 1024 * 1024
    max_graph_depth: int = 3  # neighborhood hops
    max_graph_limit: int = 500  # neighborhood nodes
    max_path_depth: int = 8
    timeout_seconds: float = 10.0
    introspection: bool = True  # off (`serve --no-introspection`) for a server on a network


DEFAULT_LIMITS = Limits()
CACHED_DOCUMENTS = 256
STORE_UNAVAILABLE = "The graph store is unavailable; try again later."


def check_first(first: int, cap: int = DEFAULT_LIMITS.max_first, name: str = "first") -> int:
    """`first` as given when 0 <= first <= cap, else a LimitError that says the cap."""
    if first < 0 or first > cap:
        raise LimitError(f"`{name}` must be between 0 and {cap}; got {first}")
    return first


class MaxQueryBytes(SchemaExtension):
    """Refuses a query document longer than the limit before the parser reads it.

    The token limit alone misses comments and long string literals, which the parser
    does not count as tokens.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes

    def on_parse(self) -> Iterator[None]:
        query = self.execution_context.query or ""
        size = len(query.encode())
        if size > self.max_bytes:
            raise GraphQLError(
                f"The query document is {size} bytes; the limit is {self.max_bytes}."
            )
        yield


def over_cost(
    schema: GraphQLSchema, document: DocumentNode, variables: dict[str, Any] | None, limits: Limits
) -> int | None:
    """The document's cost when it is over the limit, else None."""
    caps = {"first": limits.max_first, "limit": limits.max_graph_limit}
    cost = operation_cost(schema, document, variables, caps)
    return cost if cost > limits.max_cost else None


class CostedValidation(ValidationCache):
    """Validation (cached) of documents whose cost is within the limit; a dearer one is
    refused before graphql-core's rules run, since those take seconds on fragment bombs."""

    def __init__(self, limits: Limits, maxsize: int) -> None:
        super().__init__(maxsize=maxsize)
        self.limits = limits

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        assert context.graphql_document is not None  # parsed before validation
        cost = over_cost(
            context.schema._schema, context.graphql_document, context.variables, self.limits
        )
        if cost is not None:
            context.pre_execution_errors = [
                GraphQLError(
                    f"The query would cost {cost} units; the limit is {self.limits.max_cost} "
                    "(a list counts its `first`, nested lists multiply)."
                )
            ]
            yield
            return
        yield from super().on_validate()


def _should_mask(error: GraphQLError) -> bool:
    original = error.original_error
    return not (original is None or isinstance(original, (DutygraphError, GraphQLError)))


def _is_store_error(error: GraphQLError) -> bool:
    return isinstance(error.original_error, StoreError)


def extensions(limits: Limits = DEFAULT_LIMITS) -> list[Callable[[], SchemaExtension]]:
    """Factories of the extensions every request runs, in hook order."""
    # The depth and alias rules are made once, not per request as QueryDepthLimiter and
    # MaxAliasesLimiter make them, so that ValidationCache can find a document it has
    # already validated against the same rules.
    rules: list[type[ASTValidationRule]] = [
        depth_rule(limits.max_depth, None),
        aliases_rule(limits.max_aliases),
    ]
    if not limits.introspection:
        rules.append(NoSchemaIntrospectionCustomRule)
    return [
        partial(MaxQueryBytes, limits.max_query_bytes),
        partial(MaxTokensLimiter, max_token_count=limits.max_tokens),
        # Parsing and validating cost more than running a small query (graphql-core's
        # validation took several ms here); clients repeat the same documents, so both
        # are cached by query text, in bounded LRU caches.
        partial(ParserCache, maxsize=CACHED_DOCUMENTS),
        partial(AddValidationRules, rules),
        partial(CostedValidation, limits, CACHED_DOCUMENTS),
        partial(MaskErrors, should_mask_error=_is_store_error, error_message=STORE_UNAVAILABLE),
        partial(MaskErrors, should_mask_error=_should_mask, error_message="Internal error."),
    ]


class TimedSchema(strawberry.Schema):
    """A schema whose every execution ends within `timeout` seconds.

    A request that runs out of time answers with a GraphQL error; the store call it was
    waiting on finishes in its worker thread and its result is dropped.
    """

    def __init__(self, *args: Any, timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timeout = timeout

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Logs what went wrong: a refusal or a user's mistake in one line, anything
        unexpected with its traceback (strawberry logs every error with one)."""
        for error in errors:
            original = error.original_error
            if original is None or isinstance(original, (DutygraphError, GraphQLError)):
                log.info("GraphQL error: %s", error.message)
            else:
                log.error("GraphQL error: %s", error.message, exc_info=original)

    async def execute(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        try:
            return await asyncio.wait_for(super().execute(*args, **kwargs), self.timeout)
        except TimeoutError:
            message = (
                f"The request took longer than {self.timeout:g} s and was stopped; "
                "the graph store may be slow or unreachable."
            )
            return ExecutionResult(data=None, errors=[GraphQLError(message)])
