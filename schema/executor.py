"""The resolvers' executor: sibling fields run concurrently, as graphql-core runs them,
but when several of them fail a non-null type, the error that nulls their parent is the
first failing field's in document order, whichever failed first in time.

graphql-core (3.3) raises the failure that comes first in time and cancels the siblings
(gather_with_cancel), so an operation with two failing fields (two root fields that fail
after store calls of different lengths) answered with either error from run to run. The
spec leaves the choice to the executor; choosing by the document makes the resolver path
answer an operation the same way every time, which the differential tests
(tests/schema/test_compiled.py) rely on. Every sibling settles before the choice, so the
errors the others record are the same every time too.
"""

from __future__ import annotations

from asyncio import gather
from typing import Any

from graphql import GraphQLObjectType
from graphql.execution.collect_fields import GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext


class DocumentOrderExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, with siblings' failures settled in document order."""

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        results: dict[str, Any] = {}
        pending: list[str] = []
        failure: Exception | None = None
        for response_name, field_details_list in grouped_field_set.items():
            try:
                result = self.execute_field(
                    parent_type,
                    source_value,
                    field_details_list,
                    Path(path, response_name, parent_type.name),
                    position_context,
                )
            except Exception as error:  # a non-null field failed before any await
                failure = error  # the later fields would be thrown away with it: not run
                break
            if result is not Undefined:
                results[response_name] = result
                if self.is_awaitable(result):
                    pending.append(response_name)
        if not pending:
            if failure is not None:
                raise failure
            return results
        return self._settled(results, pending, failure)

    async def _settled(
        self, results: dict[str, Any], pending: list[str], failure: Exception | None
    ) -> dict[str, Any]:
        """`results` with the pending fields' values, or the first failure among them in
        document order (then `failure`, which came after them all)."""
        if len(pending) == 1 and failure is None:  # nothing to race against
            results[pending[0]] = await results[pending[0]]
            return results
        outcomes = await gather(*(results[name] for name in pending), return_exceptions=True)
        for name, outcome in zip(pending, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                raise outcome
            results[name] = outcome
        if failure is not None:
            raise failure
        return results
