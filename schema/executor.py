"""The resolvers' executor: sibling fields run concurrently, as graphql-core runs them,
but what they report does not depend on which finished first.

graphql-core (3.3) raises the failure that comes first in time and cancels the siblings
(gather_with_cancel), and records errors in the order they happen, so an operation with
two failing fields (two root fields that fail after store calls of different lengths)
answered with either error, or with its errors in either order, from run to run. The
spec leaves both choices to the executor. This one makes them by the document: when
siblings fail a non-null type, the error that nulls their parent is the first failing
field's in document order, after every sibling has settled (so the errors the others
record are the same every time too), and the errors below an object are put in the order
of its fields, then of list items; the error that nulls an object is recorded by its
parent, after the errors met below it. The differential tests
(tests/schema/test_compiled.py) rely on the resolver path answering an operation the same
way every time.

List items that fail a non-null item type are still graphql-core's: the first in time
nulls the list (items of one list are usually loaded in one batch and settle in order).
"""

from __future__ import annotations

from asyncio import gather
from collections.abc import Iterable
from itertools import takewhile
from typing import Any

from graphql import GraphQLError, GraphQLObjectType
from graphql.execution.collect_fields import GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext


class DocumentOrderExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, with siblings' failures and errors in document order."""

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
        is_awaitable = self.is_awaitable  # looked up once: this runs for every object
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
                if is_awaitable(result):
                    pending.append(response_name)
        if not pending:  # run in document order: its errors were recorded in it
            if failure is not None:
                raise failure
            return results
        return self._settled(path, results, pending, failure)

    async def _settled(
        self,
        path: Path | None,
        results: dict[str, Any],
        pending: list[str],
        failure: Exception | None,
    ) -> dict[str, Any]:
        """`results` with the pending fields' values, or the first failure among them in
        document order (then `failure`, which came after them all)."""
        try:
            if len(pending) == 1 and failure is None:  # no sibling to race against
                results[pending[0]] = await results[pending[0]]
                return results
            outcomes = await gather(*(results[name] for name in pending), return_exceptions=True)
        finally:
            if self.collected_errors.errors:
                _order_errors(self.collected_errors.errors, path, results)
        for name, outcome in zip(pending, outcomes, strict=True):
            if isinstance(outcome, BaseException):
                raise outcome
            results[name] = outcome
        if failure is not None:
            raise failure
        return results


def _order_errors(errors: list[GraphQLError], path: Path | None, names: Iterable[str]) -> None:
    """Puts the errors recorded below `path` in the order of its fields `names`, then of
    the list items right below each (the errors below one item or one object were put in
    order when it settled); errors elsewhere keep their places."""
    prefix = path.as_list() if path is not None else []
    depth = len(prefix)
    slots = [
        i for i, error in enumerate(errors)
        if error.path is not None and len(error.path) > depth and error.path[:depth] == prefix
    ]  # fmt: skip
    if len(slots) < 2:
        return
    rank = {name: i for i, name in enumerate(names)}

    def place(error: GraphQLError) -> tuple[int, tuple[Any, ...]]:
        below = error.path or []
        items = takewhile(lambda key: isinstance(key, int), below[depth + 1 :])
        return rank.get(str(below[depth]), len(rank)), tuple(items)

    for slot, error in zip(slots, sorted((errors[i] for i in slots), key=place), strict=True):
        errors[slot] = error
