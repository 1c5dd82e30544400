"""What an operation would cost, read from its selection before validation or execution.

A field costs 1 plus what its selection costs (a connection's `edges` and an edge's `node`
only what theirs cost: they are the page's shape, not data), times its multiplier: its `first` (or a
neighbourhood's `limit`) as given, else the argument's default, at most the argument's cap
(a bigger one is refused by its resolver, which says so); a list without such an argument
(a task's units, a section's tasks) weighs LIST_WEIGHT, except the lists of an object
sized by its field's argument (a connection's `edges`, a neighbourhood's `nodes`). Nested
lists therefore multiply, as in graphql-armor's cost limit. Fragments are costed once per
type they are spread on, so a fragment bomb (each fragment spreading the next twice) is
priced in time linear in the document while its price doubles per level, and is refused
before graphql-core's validation, which would take seconds over it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLNamedType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_leaf_type,
    is_list_type,
)

# A list without `first`: a node's relations, ~3 on average (units per task in real plans);
# the few long ones (a shared policy's tasks) are held by the response size and time limits.
LIST_WEIGHT = 3


class _Coster:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        caps: Mapping[str, int],
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.caps = caps  # size argument -> its cap
        self.memo: dict[tuple[str, str, bool], int] = {}
        self.open: set[str] = set()  # fragments being costed: a cycle is not costed twice

    def selection(
        self, node: SelectionSetNode | None, parent: GraphQLNamedType | None, sized: bool
    ) -> int:
        """The cost of a selection on `parent`; `sized`: its lists are counted already."""
        if node is None:
            return 0
        total = 0
        for sel in node.selections:
            if isinstance(sel, FieldNode):
                total += self.field(sel, parent, sized)
            elif isinstance(sel, InlineFragmentNode):
                condition = sel.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selection(sel.selection_set, inner, sized)
            elif isinstance(sel, FragmentSpreadNode):
                total += self.spread(sel.name.value, parent, sized)
        return total

    def spread(self, name: str, parent: GraphQLNamedType | None, sized: bool) -> int:
        fragment = self.fragments.get(name)
        if fragment is None or name in self.open:
            return 0  # unknown or cyclic: validation refuses it
        key = (name, parent.name if parent else "", sized)
        if key not in self.memo:
            self.open.add(name)
            on = self.schema.get_type(fragment.type_condition.name.value)
            self.memo[key] = self.selection(fragment.selection_set, on, sized)
            self.open.discard(name)
        return self.memo[key]

    def field(self, node: FieldNode, parent: GraphQLNamedType | None, sized: bool) -> int:
        fields = getattr(parent, "fields", None)
        definition = fields.get(node.name.value) if fields else None
        if definition is None:  # __typename, introspection, or unknown (validation says)
            return 1
        of = get_nullable_type(definition.type)
        is_list = is_list_type(of) and not is_leaf_type(get_named_type(of))
        size = self.size(node, definition)
        unsized = LIST_WEIGHT if is_list and not sized else 1
        multiplier = size if size is not None else unsized
        # An object sized by this field's argument (a connection) holds the sized lists.
        holds_sized = size is not None and not is_list
        inner = self.selection(node.selection_set, get_named_type(of), holds_sized)
        return multiplier * (inner if _is_wrapper(node, parent) else 1 + inner)

    def size(self, node: FieldNode, definition: GraphQLField) -> int | None:
        """The field's `first` or `limit`, within its cap; None when it has neither."""
        for name, cap in self.caps.items():
            if name not in definition.args:
                continue
            value: Any = definition.args[name].default_value
            for arg in node.arguments or ():
                if arg.name.value == name and isinstance(arg.value, IntValueNode):
                    value = int(arg.value.value)
                elif arg.name.value == name and isinstance(arg.value, VariableNode):
                    value = self.variables.get(arg.value.name.value, value)
            return min(max(value, 0), cap) if isinstance(value, int) else cap
        return None


def _is_wrapper(node: FieldNode, parent: GraphQLNamedType | None) -> bool:
    """A connection's `edges` and an edge's `node`: levels of the page's shape, free."""
    name, owner = node.name.value, parent.name if parent else ""
    return (name == "edges" and owner.endswith("Connection")) or (
        name == "node" and owner.endswith("Edge")
    )


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: Mapping[str, Any] | None,
    caps: Mapping[str, int],
) -> int:
    """The cost of the dearest operation in `document` (one of them runs); `caps`: the
    size arguments (`first`, `limit`) and their caps."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    coster = _Coster(schema, fragments, variables or {}, caps)
    costs = [
        coster.selection(d.selection_set, schema.get_root_type(d.operation), False)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    ]
    return max(costs, default=0)
