"""Running a request compiled (schema/compiled.py) when it can, by the resolvers when not.

A query document is parsed and validated once, against the same rules and limits as the
resolver path (schema/limits.py), and kept per (document, operation name); one that fails
any of them, or names no query operation, is left to the resolver path, which reports
the error. Per request the variables are coerced the same way, the operation compiles to
one statement (about 0.2 ms; kept for the same variables again), the store answers it in
one round trip awaited on the event loop (Store.read_cells_async), and the row is shaped into
`data`.
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    parse,
    specified_rules,
    validate,
)
from graphql.execution.collect_fields import FragmentDetails
from graphql.execution.values import get_variable_values
from graphql.utilities import get_operation_ast
from strawberry.extensions.max_aliases import create_validator as aliases_rule
from strawberry.extensions.query_depth_limiter import create_validator as depth_rule
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType as StrawberryOperationType

from dutygraph.errors import DutygraphError
from dutygraph.schema.compiled import Fallback, NotCovered, Plan, compile_operation
from dutygraph.schema.context import Context
from dutygraph.schema.limits import CACHED_DOCUMENTS, Limits, TimedSchema, log, over_cost


@dataclass(frozen=True)
class _Operation:
    document: DocumentNode
    operation: OperationDefinitionNode
    fragments: dict[str, FragmentDetails]


class Compiled:
    """The compiled path of one schema: documents it may run, cached, and running them."""

    def __init__(self, schema: GraphQLSchema, limits: Limits) -> None:
        self.schema = schema
        self.limits = limits
        self.rules = [
            *specified_rules, depth_rule(limits.max_depth, None), aliases_rule(limits.max_aliases)
        ]  # fmt: skip
        self._operations: OrderedDict[tuple[str, str | None], _Operation | None] = OrderedDict()
        self._plans: OrderedDict[tuple[str, str | None, str], Plan | None] = OrderedDict()

    def operation(self, query: str, name: str | None) -> _Operation | None:
        """The valid query operation `name` of `query`, or None (cached either way)."""
        key = (query, name)
        if key in self._operations:
            self._operations.move_to_end(key)
            return self._operations[key]
        found = self._prepare(query, name)
        self._operations[key] = found
        if len(self._operations) > CACHED_DOCUMENTS:
            self._operations.popitem(last=False)
        return found

    def _prepare(self, query: str, name: str | None) -> _Operation | None:
        if len(query.encode()) > self.limits.max_query_bytes:
            return None
        try:
            document: DocumentNode = parse(query, max_tokens=self.limits.max_tokens)
        except GraphQLError:
            return None
        # A document over the cost limit (a fragment bomb) goes to the resolver path, which
        # refuses it before validating: graphql-core's validation would take seconds.
        if over_cost(self.schema, document, None, self.limits) is not None:
            return None
        try:
            if validate(self.schema, document, self.rules):
                return None
        except Exception:  # a rule that trips on an invalid document (strawberry's depth
            return None  # limiter on an unknown fragment): the resolver path reports it
        operation = get_operation_ast(document, name)
        if operation is None or operation.operation != OperationType.QUERY:
            return None
        fragments = {}
        for definition in document.definitions:
            if isinstance(definition, FragmentDefinitionNode):
                if definition.variable_definitions:
                    return None
                fragments[definition.name.value] = FragmentDetails(definition)
        return _Operation(document, operation, fragments)

    def plan(self, query: str, name: str | None, variables: dict[str, Any] | None) -> Plan | None:
        """The request's plan, or None when the resolvers must answer it (an invalid
        document, no query operation, over the cost limit, a field not covered); kept per
        (document, operation name, variables), since clients repeat requests, so that a
        repeated one costs a dictionary lookup."""
        try:
            key = (query, name, json.dumps(variables, sort_keys=True) if variables else "")
        except (TypeError, ValueError):
            return self._plan(query, name, variables)
        if key in self._plans:
            self._plans.move_to_end(key)
            return self._plans[key]
        plan = self._plans[key] = self._plan(query, name, variables)
        if len(self._plans) > CACHED_DOCUMENTS:
            self._plans.popitem(last=False)
        return plan

    def _plan(self, query: str, name: str | None, variables: dict[str, Any] | None) -> Plan | None:
        prepared = self.operation(query, name)
        if prepared is None or over_cost(self.schema, prepared.document, variables, self.limits):
            return None  # the resolver path refuses it and says why
        values = get_variable_values(
            self.schema, prepared.operation.variable_definitions or (), variables or {}
        )
        if isinstance(values, list):
            return None
        try:
            return compile_operation(
                self.schema, prepared.operation, prepared.fragments, values, self.limits
            )
        except NotCovered:
            return None

    async def run(
        self, query: str, variables: dict[str, Any] | None, name: str | None, context: Context
    ) -> ExecutionResult | None:
        """The result, or None when the resolvers must answer this request."""
        plan = self.plan(query, name, variables)
        if plan is None or (plan.nested_unions and not context.store.nested_unions):
            return None
        try:
            [row] = await context.store.read_cells_async(plan.statement(), plan.params)
            data = plan.shape(row)
            plan.pages.noted()
            return ExecutionResult(data=data, errors=None)
        except (DutygraphError, Fallback):
            # the resolvers meet the same failure, or the error the answer holds, and
            # report it
            return None
        except Exception:
            log.exception("the compiled path failed; answering by the resolvers")
            return None


class CompilingSchema(TimedSchema):
    """A schema that runs what it can compiled and the rest through its resolvers."""

    def __init__(self, *args: Any, limits: Limits, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.compiled = Compiled(self._schema, limits)

    async def run_compiled(
        self, query: str, variables: dict[str, Any] | None, name: str | None, context: Context
    ) -> ExecutionResult | None:
        """The compiled path's result within the time limit, or None for the resolvers to
        answer (also when it ran out of time: they say so in their own words)."""
        try:
            async with asyncio.timeout(self.timeout):  # no task made, as wait_for does
                return await self.compiled.run(query, variables, name, context)
        except TimeoutError:
            return None

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[StrawberryOperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        if query is not None and isinstance(context_value, Context) and context_value.try_compiled:
            result = await self.run_compiled(query, variable_values, operation_name, context_value)
            if result is not None:
                return result
        return await super().execute(
            query, variable_values, context_value, root_value, operation_name,
            allowed_operation_types, operation_extensions,
        )  # fmt: skip
