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

An object whose selected fields are all plain attributes of scalar type (a graph view's
nodes and edges, a task's columns), and a list of such objects, is read in one loop
instead of graphql-core's walk of each item and field (resolve info, resolver,
completion: ~6 µs a field; 4.6 ms of CPU for the 200 nodes and 199 edges of a
neighbourhood, 1.3 ms now); any value that would fail (a null in a non-null field, a
value its scalar refuses, an exception) sends that object, or list, down graphql-core's
own path, which reports it as before.
"""

from __future__ import annotations

from asyncio import gather
from collections.abc import Callable, Iterable
from itertools import takewhile
from typing import Any

from graphql import (
    GraphQLError,
    GraphQLLeafType,
    GraphQLList,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    TypeNameMetaFieldDef,
    get_nullable_type,
    is_leaf_type,
    is_non_null_type,
)
from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
from graphql.pyutils import AwaitableOrValue, Path, Undefined
from strawberry.resolvers import is_default_resolver
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

# One selected plain field: its response name, its resolver (strawberry's attribute
# read), its scalar, and whether it takes null; a resolver of None: `__typename`.
_Leaf = tuple[str, Callable[..., Any] | None, GraphQLLeafType | None, bool]


class DocumentOrderExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, with siblings' failures and errors in document order, and
    objects of plain scalar fields read at once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Per (type, selection): its plain fields, or None when one is not. Keyed on the
        # selection's id, as graphql-core memoises it, and kept alive with it.
        self._leaves: dict[
            tuple[GraphQLObjectType, int], tuple[GroupedFieldSet, list[_Leaf] | None]
        ] = {}

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any,
    ) -> AwaitableOrValue[dict[str, Any]]:
        leaves = self._leaf_fields(parent_type, grouped_field_set)
        if leaves is not None:
            read = self._read_leaves(leaves, parent_type, source_value)
            if read is not None:
                return read
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

    def complete_list_value(
        self,
        return_type: GraphQLList[GraphQLOutputType],
        field_details_list: FieldDetailsList,
        info: GraphQLResolveInfo,
        path: Path,
        result: Any,
        position_context: Any,
    ) -> AwaitableOrValue[list[Any]]:
        """A list of objects of plain fields read item by item in one loop (graphql-core
        completes each item through five calls before reading its fields); any item
        that would fail sends the whole list down graphql-core's path."""
        item_type = get_nullable_type(return_type.of_type)
        if isinstance(result, list) and isinstance(item_type, GraphQLObjectType):
            grouped_field_set, deferred, _ = self.collect_subfields(item_type, field_details_list)
            leaves = None if deferred else self._leaf_fields(item_type, grouped_field_set)
            if leaves is not None and not item_type.is_type_of:
                items = [
                    None if item is None else self._read_leaves(leaves, item_type, item)
                    for item in result
                ]
                if None not in items:
                    return items
        return super().complete_list_value(
            return_type, field_details_list, info, path, result, position_context
        )

    def _leaf_fields(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> list[_Leaf] | None:
        key = (parent_type, id(grouped_field_set))
        cached = self._leaves.get(key)
        if cached is None:
            leaves = self._plain(parent_type, grouped_field_set)
            cached = self._leaves[key] = (grouped_field_set, leaves)
        return cached[1]

    def _plain(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet
    ) -> list[_Leaf] | None:
        """The selection's fields as leaves, or None unless all are strawberry's default
        attribute reads of a scalar or enum with no arguments (and no extension resolves)."""
        if self.middleware_manager and self.middleware_manager.middlewares:
            return None  # an extension's resolve hook runs on every field
        leaves: list[_Leaf] = []
        for response_name, field_details_list in grouped_field_set.items():
            node = field_details_list[0].node
            field_def = self.schema.get_field(parent_type, node.name.value)
            if field_def is TypeNameMetaFieldDef:
                leaves.append((response_name, None, None, False))
                continue
            resolve = field_def.resolve if field_def else None
            leaf = get_nullable_type(field_def.type) if field_def else None
            if (
                field_def is None
                or field_def.args
                or node.arguments
                or resolve is None
                or not is_default_resolver(resolve)
                or not is_leaf_type(leaf)
            ):
                return None
            leaves.append((response_name, resolve, leaf, not is_non_null_type(field_def.type)))
        return leaves

    def _read_leaves(
        self, leaves: list[_Leaf], parent_type: GraphQLObjectType, source: Any
    ) -> dict[str, Any] | None:
        """The leaves' values on `source` as graphql-core would complete them, or None
        where graphql-core would report an error (it then runs and reports it)."""
        results: dict[str, Any] = {}
        try:
            for response_name, resolve, leaf, nullable in leaves:
                if resolve is None:
                    results[response_name] = parent_type.name
                    continue
                value = resolve(source, None)
                if value is None:
                    if not nullable:
                        return None
                    results[response_name] = None
                    continue
                if isinstance(value, Exception) or self.is_awaitable(value):
                    return None
                assert leaf is not None  # only `__typename` has none, and no resolver
                coerced = leaf.coerce_output_value(value)
                if coerced is None or coerced is Undefined:
                    return None
                results[response_name] = coerced
        except Exception:  # graphql-core's own path reports it
            return None
        return results

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
