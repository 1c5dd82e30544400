"""GraphQL operations compiled to one Cypher statement whose single row shapes into `data`.

The resolvers (schema/query.py and the types) stay the reference: an operation holding a
field this compiler does not cover, or arguments the resolvers would refuse, compiles to
None and runs there; so does one whose answer turns out to need an error (a unit name of
several places, a non-null value missing), found while shaping. Either way the response
is the same: the differential tests (tests/schema/test_compiled.py) hold the two equal.

Compiling walks the validated operation with graphql-core's own field collection
(fragments, inline fragments, @skip/@include, merged aliases), so the shaped `data` has
the keys, order and values execution would give. The Cypher is built by graph/compiled.py.

The row is shaped from the store's typed cells (graph/cells.py), not from decoded values:
a positional row is a list of cells, a leaf reads its cell, an object reads its fields'
positions of its row in one pass.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    OperationDefinitionNode,
    OperationType,
    get_named_type,
)
from graphql.execution.collect_fields import (
    FieldDetails,
    FragmentDetails,
    collect_fields,
    collect_subfields,
)
from graphql.execution.values import VariableValues, get_argument_values

from dutygraph.errors import DutygraphError
from dutygraph.graph import cells, search
from dutygraph.graph import compiled as cy
from dutygraph.graph.task_sort import PLAN
from dutygraph.loaders.fold import fold
from dutygraph.loaders.units import expand
from dutygraph.schema.connection import decode_cursor, encode_cursor
from dutygraph.schema.limits import Limits

Row = dict[str, cells.Cell]  # the statement's one row: column -> cell
# How a value of the answer is made: from a cell (a leaf's, a list's, a relation's), or
# from a positional row (an object's fields), as each function says.
Shape = Callable[[Any], Any]


class Read(NamedTuple):
    """How an object's field is read from the object's row: the cell at `at` given to
    `shape`, or (`at` None) the whole row."""

    at: int | None
    shape: Shape


class NotCovered(Exception):
    """The operation needs the resolvers: a field, argument or value outside the
    compiler, or an error only they report."""


# A unit of at most this many tasks (its stored total) has its task page sorted at once
# rather than read document by document (graph/compiled.unit_tasks_call).
SMALL_UNIT = 500


@dataclass
class UnitPages:
    """What the last answer of a plan told of the units whose task pages it read: the
    largest stored total among them, and so whether the next request may sort them."""

    largest: int = 0
    small: bool = False  # the first request walks, which any unit can take

    def noted(self) -> None:
        """After an answer is shaped: the next request's way, and a fresh count."""
        self.small, self.largest = self.largest <= SMALL_UNIT, 0


@dataclass(frozen=True)
class Plan:
    """One operation with its variables: the statement, its parameters, and how its one
    row becomes `data`; `sorted_pages`, when the operation reads a unit's task page, the
    same statement sorting each page at once (the same row), sent while `pages` says the
    units read are small."""

    cypher: str
    params: dict[str, Any]
    shape: Callable[[Row], dict[str, Any]]
    sorted_pages: str | None = None
    pages: UnitPages = field(default_factory=UnitPages)
    nested_unions: bool = False  # the statement holds UNIONs inside CALL {} (a search)

    def statement(self) -> str:
        """The statement for the next request."""
        if self.sorted_pages is not None and self.pages.small:
            return self.sorted_pages
        return self.cypher


# GraphQL field -> node property, per label; the other covered fields are relations.
_PROPS: dict[str, dict[str, str]] = {
    "Task": {f: f for f in ("uid", "code", "text", "deadline", "ordinal")},
    "Unit": {f: f for f in ("uid", "name", "level", "kind", "place")},
    "Document": {
        "uid": "uid", "title": "title", "source": "source", "sha256": "sha256",
        "format": "format", "docNumber": "doc_number", "issuer": "issuer", "date": "date",
        "place": "place",
    },
    "Section": {f: f for f in ("uid", "number", "title", "level", "ordinal")},
    "Goal": {f: f for f in ("uid", "year", "text", "headline")},
    "Policy": {
        "uid": "uid", "name": "name", "title": "title", "docNumber": "doc_number",
        "issuer": "issuer", "year": "year", "kind": "kind", "amount": "amount",
        "amountValue": "amount_value", "ratio": "ratio",
    },
    "Project": {f: f for f in ("uid", "name", "kind")},
}  # fmt: skip
_LISTS = {"Task": {"path"}, "Unit": {"aliases"}}  # list properties, [] when absent
_SOURCE = {"start": "start", "end": "end", "line": "line", "text": "passage"}
_TASK_FILTERS = ("document", "section", "policy", "project", "text")


@dataclass
class _Build:
    """The state of one compilation: names, parameters and the root calls so far."""

    schema: GraphQLSchema
    fragments: dict[str, FragmentDetails]
    variables: VariableValues
    operation: OperationDefinitionNode
    limits: Limits
    walk: bool = True  # a unit's task page read document by document
    pages: UnitPages = field(default_factory=UnitPages)
    paged: bool = False  # whether the statement reads a unit's task page
    unions: bool = False  # whether it holds UNIONs inside CALL {} (Store.nested_unions)
    params: dict[str, Any] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    _names: itertools.count = field(default_factory=itertools.count)

    def name(self, prefix: str = "n") -> str:
        return f"{prefix}{next(self._names)}"

    def param(self, value: Any) -> str:
        key = self.name("p")
        self.params[key] = value
        return key

    def args(self, field_def: GraphQLField, details: list[FieldDetails]) -> dict[str, Any]:
        node = details[0]
        if node.fragment_variable_values is not None:
            raise NotCovered("fragment variables")
        return _stored(get_argument_values(field_def, node.node, self.variables))

    def first(self, args: dict[str, Any], name: str = "first") -> int:
        value = args[name]
        if not 0 <= value <= self.limits.max_first:
            raise NotCovered("the resolver refuses this `first`")
        return value

    def subfields(self, type_: GraphQLObjectType, details: list[FieldDetails]) -> dict:
        collected = collect_subfields(
            self.schema, self.fragments, self.variables, self.operation, type_, details
        )
        if collected.new_defer_usages:
            raise NotCovered("@defer")
        return collected.grouped_field_set


def _stored(value: Any) -> Any:
    """Argument values as the graph stores them: an enum member by its value."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _stored(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_stored(v) for v in value]
    return value


def compile_operation(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    fragments: dict[str, FragmentDetails],
    variables: VariableValues,
    limits: Limits,
) -> Plan:
    """The plan of a validated query operation; NotCovered when the resolvers must run it."""
    if operation.operation != OperationType.QUERY:
        raise NotCovered("not a query")
    build = _Build(schema, fragments, variables, operation, limits)
    cypher, shape = _compile(build)
    if not build.paged:
        return Plan(cypher, build.params, shape, nested_unions=build.unions)
    # The same operation with each unit's task page sorted at once: the same columns and
    # parameters, so one shape (and its note of the units' totals) serves both.
    sorted_pages, _ = _compile(_Build(schema, fragments, variables, operation, limits, False))
    return Plan(cypher, build.params, shape, sorted_pages, build.pages, build.unions)


def _compile(build: _Build) -> tuple[str, Callable[[Row], dict[str, Any]]]:
    root = build.schema.query_type
    assert root is not None
    collected = collect_fields(build.schema, build.fragments, build.variables, root,
                               build.operation)  # fmt: skip
    if collected.new_defer_usages:
        raise NotCovered("@defer")
    shapes: list[tuple[str, str, Shape]] = []
    for key, details in collected.grouped_field_set.items():
        name = details[0].node.name.value
        if name == "__typename":
            shapes.append((key, "", _constant("Query").shape))
            continue
        if details[0].fragment_variable_values is not None:
            raise NotCovered("fragment variables")
        compile_root = _ROOTS.get(name)
        if compile_root is None:
            raise NotCovered(name)
        column = build.name("v")
        shape = compile_root(build, root.fields[name], details, column)
        shapes.append((key, column, shape))

    def shape_data(row: Row) -> dict[str, Any]:
        return {key: shape(row) for key, _, shape in shapes}

    if not build.calls:
        raise NotCovered("nothing to read")
    return cy.statement(build.calls, build.columns), shape_data


# --- shaping values -------------------------------------------------------------------------


class Fallback(DutygraphError):
    """Raised while shaping: the answer holds what only the resolvers report (an error)."""


# The scalars whose serialize gives a stored value of this class back as it is: most
# leaves, read with no call (serialize was a third of the shaping time).
_SELF_SERIALIZED = {"String": str, "ID": str, "Boolean": bool}
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1  # GraphQL's Int; outside it serialize refuses


def _leaf(type_: Any) -> Shape:
    """How a stored value's cell becomes the serialized value of a leaf of this GraphQL
    type."""
    non_null = isinstance(type_, GraphQLNonNull)
    inner = type_.of_type if non_null else type_
    if isinstance(inner, GraphQLList):
        item = _leaf(inner.of_type)

        def as_list(cell: cells.Cell) -> Any:
            kind, raw = cell
            if kind == cells.NULL:
                if non_null:
                    raise Fallback("null list")
                return None
            if kind != cells.ARRAY:
                raise Fallback("not a list")
            return [item(c) for c in raw]

        return as_list
    named = get_named_type(type_)
    if isinstance(named, GraphQLEnumType):
        return _enum_leaf(named, non_null)
    return _scalar_leaf(named, non_null)


def _enum_leaf(enum: GraphQLEnumType, non_null: bool) -> Shape:
    """A stored value -> its member's name; a value the enum does not know is null."""
    names = {member.value: name for name, member in enum.values.items()}

    def leaf(cell: cells.Cell) -> Any:
        out = names.get(cell[1] if cell[0] == cells.STRING else cells.value(cell))
        if out is None and non_null:
            raise Fallback("null value")
        return out

    return leaf


def _scalar_leaf(scalar: Any, non_null: bool) -> Shape:
    serialize = scalar.serialize
    same = _SELF_SERIALIZED.get(scalar.name)
    string = same is str
    small_int = scalar.name == "Int"

    def leaf(cell: cells.Cell) -> Any:
        kind, value = cell
        if kind == cells.STRING and string:
            return value
        if kind == cells.INTEGER and small_int and _INT_MIN <= value <= _INT_MAX:
            return value
        value = cells.value(cell)
        if value.__class__ is same:
            return value
        if value is None:
            if non_null:
                raise Fallback("null value")
            return None
        out = serialize(value)
        if out is None and non_null:
            raise Fallback("null value")
        return out

    return leaf


def _constant(value: Any) -> Read:
    """The same value for every row (a `__typename`)."""
    return Read(None, lambda _row: value)


def _ignoring_row(shape: Shape) -> Shape:
    """An object read from nothing (its fields are constants: a `__typename`)."""
    return lambda _row: shape([])


def _ignoring_index(shape: Shape) -> Callable[[Any, int], Any]:
    """`shape` as an edge's read, which is also given the edge's index."""
    return lambda row, _index: shape(row)


def _object(fields: list[tuple[str, Read]], non_null: bool = False) -> Shape:
    """A positional row (a list of cells) -> the object, keys in order."""
    reads = [(key, read.at, read.shape) for key, read in fields]

    def shape(row: list[cells.Cell] | None) -> Any:
        if row is None:
            if non_null:
                raise Fallback("null object")
            return None
        return {key: then(row if at is None else row[at]) for key, at, then in reads}

    return shape


def _at(position: int, then: Shape) -> Read:
    """The cell at `position` given to `then`."""
    return Read(position, then)


def _at_row(position: int, then: Shape) -> Read:
    """The row held by the cell at `position` (an object's) given to `then`."""
    return Read(position, _row_of(then))


def _row_of(then: Shape) -> Shape:
    """`then`, a shape of a row, given the row a cell holds (None for a null)."""
    return lambda cell: then(cell[1])


def _of_row(read: Read) -> Shape:
    """A field's read as a shape of the whole row."""
    at, then = read
    return then if at is None else lambda row: then(row[at])


def _head(then: Shape, non_null: bool) -> Shape:
    """A single object reached through a relation (a list cell of none or one row)."""

    def shape(cell: cells.Cell) -> Any:
        rows = cell[1]
        if not rows:
            if non_null:
                raise Fallback("null object")
            return None
        return then(rows[0][1])

    return shape


def _each(then: Shape) -> Shape:
    """The objects of a list cell of rows, each shaped by `then`."""
    return lambda cell: [then(item[1]) for item in cell[1]]


# --- object levels --------------------------------------------------------------------------


def _level(
    build: _Build, type_: GraphQLObjectType, details: list[FieldDetails], level: cy.Level
) -> Shape:
    """Adds the selection on objects of `type_` bound to `level.var`: its shape of a row."""
    fields: list[tuple[str, Read]] = []
    for key, sub in build.subfields(type_, details).items():
        name = sub[0].node.name.value
        if name == "__typename":
            fields.append((key, _constant(type_.name)))
            continue
        field_def = type_.fields.get(name)
        if field_def is None:
            raise NotCovered(name)
        fields.append((key, _field(build, type_, name, field_def, sub, level)))
    return _object(fields)


def _field(
    build: _Build,
    type_: GraphQLObjectType,
    name: str,
    field_def: GraphQLField,
    details: list[FieldDetails],
    level: cy.Level,
) -> Read:
    label = type_.name
    props = _PROPS.get(label, {})
    if name in props and not field_def.args:
        return _at(level.prop(props[name]), _leaf(field_def.type))
    if name in _LISTS.get(label, ()):
        return _at(level.prop(name, "[]"), _leaf(field_def.type))
    special = _SPECIAL.get((label, name))
    if special is not None:
        return special(build, field_def, details, level)
    relation = cy.RELATIONS.get((label, name))
    if relation is None or field_def.args:
        raise NotCovered(f"{label}.{name}")
    return _related(build, relation, field_def, details, level)


def _unit_of(
    build: _Build, field_def: GraphQLField, details: list[FieldDetails], child: cy.Level
) -> Read:
    """The unit a partner or workload row belongs to: its selection on the row's unit."""
    unit_type, _, _ = _target(field_def)
    inner = cy.Level("Unit", child.var)
    shape = _level(build, unit_type, details, inner)
    child.calls += inner.calls
    return _at_row(child.add(inner.row()), shape)


def _target(field_def: GraphQLField) -> tuple[GraphQLObjectType, bool, bool]:
    """The object type a field returns, whether it is a list, whether non-null."""
    type_ = field_def.type
    non_null = isinstance(type_, GraphQLNonNull)
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    many = isinstance(inner, GraphQLList)
    named = get_named_type(type_)
    if not isinstance(named, GraphQLObjectType):
        raise NotCovered(f"{named} is not an object type")
    return named, many, non_null


def _related(
    build: _Build,
    relation: cy.Relation,
    field_def: GraphQLField,
    details: list[FieldDetails],
    level: cy.Level,
    **page: str | None,
) -> Read:
    """A list (or single object) reached through `relation`: one CALL."""
    target, many, non_null = _target(field_def)
    child = cy.Level(relation.label, build.name())
    shape = _level(build, target, details, child)
    out = build.name("v")
    level.calls.append(cy.relation_call(relation, level.var, child, build.name("r"), out, **page))
    position = level.add(out)
    return _at(position, _each(shape) if many else _head(shape, non_null))


def _inline(
    build: _Build,
    field_def: GraphQLField,
    details: list[FieldDetails],
    fill: Callable[[GraphQLObjectType, str, list[FieldDetails]], list[tuple[str, Read]]],
    level: cy.Level,
) -> Read:
    """An object made of the current level's own values (a task's source span)."""
    target, _, non_null = _target(field_def)
    fields: list[tuple[str, Read]] = []
    for key, sub_details in build.subfields(target, details).items():
        name = sub_details[0].node.name.value
        if name == "__typename":
            fields.append((key, _constant(target.name)))
            continue
        fields += [(key, read) for _, read in fill(target, name, sub_details)]
    return Read(None, _object(fields, non_null))


def _source(build: _Build, field_def: GraphQLField, details: list, level: cy.Level) -> Read:
    def fill(target: GraphQLObjectType, name: str, _d: list) -> list[tuple[str, Read]]:
        if name not in _SOURCE:
            raise NotCovered(f"SourceSpan.{name}")
        return [(name, _at(level.prop(_SOURCE[name]), _leaf(target.fields[name].type)))]

    return _inline(build, field_def, details, fill, level)


def _counts(
    build: _Build, field_def: GraphQLField, details: list, level: cy.Level, expr: str
) -> Read:
    """The workload counts inline: `expr` is [total, lead, support] of the level."""
    position = level.add(expr)

    def fill(target: GraphQLObjectType, name: str, _d: list) -> list[tuple[str, Read]]:
        index = {"total": 0, "lead": 1, "support": 2}.get(name)
        if index is None:
            raise NotCovered(f"{target.name}.{name}")
        leaf = _leaf(target.fields[name].type)
        return [(name, _at(position, lambda cell: leaf(cell[1][index])))]

    return _inline(build, field_def, details, fill, level)


def _unit_workload(build: _Build, field_def: GraphQLField, details: list, level: cy.Level) -> Read:
    v = level.var
    stored = f"[coalesce({v}.total, 0), coalesce({v}.lead, 0), coalesce({v}.support, 0)]"
    return _counts(build, field_def, details, level, stored)


def _assignments(units_only: bool) -> Callable[..., Read]:
    """Task.assignments(role) or Task.units(role): the task's edges, by rank."""

    def compile_field(
        build: _Build, field_def: GraphQLField, details: list, level: cy.Level
    ) -> Read:
        args = build.args(field_def, details)
        role = args.get("role")
        relation = cy.RELATIONS["Task", "assignments"]
        target, _, _ = _target(field_def)
        child = cy.Level("Unit", build.name())
        edge = build.name("r")
        if units_only:
            shape = _level(build, target, details, child)
        else:
            shape = _assignment(build, target, details, child, edge)
        out = build.name("v")
        level.calls.append(
            cy.relation_call(
                relation,
                level.var,
                child,
                edge,
                out,
                role=build.param(role) if role else None,
            )
        )
        return _at(level.add(out), _each(shape))

    return compile_field


def _assignment(
    build: _Build, type_: GraphQLObjectType, details: list, unit: cy.Level, edge: str
) -> Shape:
    fields: list[tuple[str, Read]] = []
    for key, sub in build.subfields(type_, details).items():
        name = sub[0].node.name.value
        if name == "__typename":
            fields.append((key, _constant("Assignment")))
        elif name == "unit":
            target, _, _ = _target(type_.fields[name])
            inner = cy.Level("Unit", unit.var)
            shape = _level(build, target, sub, inner)
            unit.calls += inner.calls
            fields.append((key, _at_row(unit.add(inner.row()), shape)))
        elif name in ("role", "rank", "written", "inferred"):
            leaf = _leaf(type_.fields[name].type)
            expr = f"{edge}.{name}"
            if name == "inferred":  # the resolver reads a missing flag as false
                expr = f"coalesce({edge}.inferred, false)"
            fields.append((key, _at(unit.add(expr), leaf)))
        else:
            raise NotCovered(f"Assignment.{name}")
    return _object(fields)


def _partners(build: _Build, field_def: GraphQLField, details: list, level: cy.Level) -> Read:
    args = build.args(field_def, details)
    limit = build.param(build.first(args))
    return _pairs(build, field_def, details, level, cy.RELATIONS["Unit", "partners"], limit)


def _pairs(
    build: _Build, field_def: GraphQLField, details: list, level: cy.Level,
    relation: cy.Relation, limit: str,
) -> Read:  # fmt: skip
    """Partner rows: `shared` from the SHARES edge, `unit` the unit at its other end."""
    target, _, _ = _target(field_def)
    child = cy.Level("Unit", build.name())
    edge = build.name("r")
    fields: list[tuple[str, Read]] = []
    for key, sub in build.subfields(target, details).items():
        name = sub[0].node.name.value
        if name == "__typename":
            fields.append((key, _constant("Partner")))
        elif name == "shared":
            fields.append((key, _at(child.add(f"{edge}.tasks"), _leaf(target.fields[name].type))))
        elif name == "unit":
            fields.append((key, _unit_of(build, target.fields[name], sub, child)))
        else:
            raise NotCovered(f"Partner.{name}")
    out = build.name("v")
    level.calls.append(cy.relation_call(relation, level.var, child, edge, out, limit=limit))
    return _at(level.add(out), _each(_object(fields)))


def _unit_tasks(build: _Build, field_def: GraphQLField, details: list, level: cy.Level) -> Read:
    args = build.args(field_def, details)
    first = build.first(args)
    offset = _offset(args.get("after"))
    shape, total_at = _units_task_page(
        build, field_def, details, level, args.get("role"), first, offset, roles=True
    )
    pages = build.pages

    def noting(row: list[cells.Cell]) -> Any:
        pages.largest = max(pages.largest, row[total_at][1])
        return shape(row)

    return Read(None, noting)


def _units_task_page(
    build: _Build, field_def: GraphQLField, details: list, level: cy.Level,
    role: str | None, first: int, offset: int, *, roles: bool,
) -> tuple[Shape, int]:  # fmt: skip
    """The connection of a page of the unit `level`'s tasks (in `role`), counted from its
    stored totals; and the position of its total of tasks in any role, which says how
    its page was read (UnitPages)."""
    count = {None: "total", "lead": "lead", "support": "support"}[role]
    total_position = level.add(f"coalesce({level.var}.{count}, 0)")
    # a page in a role still walks all the unit's edges: its size is the unit's total
    total_at = level.add(f"coalesce({level.var}.total, 0)") if role else total_position

    def page(child: cy.Level, edge: str, out: str) -> str:
        build.paged = True
        return cy.unit_tasks_call(
            level.var, child, edge, out, role=build.param(role) if role else None,
            skip=build.param(offset), limit=build.param(first), walk=build.walk,
        )  # fmt: skip

    shape = _connection(build, field_def, details, level, page, offset, total_position, roles)
    return shape, total_at


def _offset(after: str | None) -> int:
    try:
        return decode_cursor(after)
    except DutygraphError as exc:
        raise NotCovered("a cursor the resolvers refuse") from exc


def _connection(
    build: _Build,
    field_def: GraphQLField,
    details: list,
    level: cy.Level,
    page: Callable[[cy.Level, str, str], str],
    offset: int,
    total_position: int,
    roles: bool,
) -> Shape:
    """A Relay connection on `level`: `page(child, edge, out)` gives the CALL of its page
    of nodes (read only when `edges` or `pageInfo` is asked for), the level's value at
    `total_position` its total."""
    conn_type, _, _ = _target(field_def)
    edge_type, _, _ = _target(conn_type.fields["edges"])
    node_type, _, _ = _target(edge_type.fields["node"])
    selected = [(key, sub[0].node.name.value, sub) for key, sub in
                build.subfields(conn_type, details).items()]  # fmt: skip
    page_at: int | None = None
    role_at: int | None = None
    # Each `edges` (two may be asked under aliases) reads its own selection of the
    # nodes from the one page: a shape per response key, the child's items shared.
    node_shapes: dict[str, dict[str, Shape]] = {}
    if any(name in ("edges", "pageInfo") for _, name, _ in selected):
        child = cy.Level(_label(node_type), build.name())
        edge = build.name("r")
        for key, name, sub in selected:
            if name != "edges":
                continue
            node_shapes[key] = {
                node_key: _level(build, node_type, nodes, child)
                for node_key, nodes in build.subfields(edge_type, sub).items()
                if nodes[0].node.name.value == "node"
            }
        if roles:
            role_at = child.add(f"{edge}.role")
        out = build.name("v")
        level.calls.append(page(child, edge, out))
        page_at = level.add(out)

    def rows_of(row: list[cells.Cell]) -> list[cells.Cell]:
        """The page's nodes: a cell of each one's row."""
        assert page_at is not None  # read only when edges or pageInfo are asked for
        return row[page_at][1]

    fields: list[tuple[str, Read]] = []
    for key, name, sub in selected:
        if name == "__typename":
            fields.append((key, _constant(conn_type.name)))
        elif name == "totalCount":
            fields.append((key, _at(total_position, _raw)))
        elif name == "pageInfo":
            info = _page_info(build, conn_type, sub, rows_of, total_position, offset)
            fields.append((key, Read(None, info)))
        elif name == "edges":
            role_leaf = _leaf(edge_type.fields["role"].type) if roles else None
            shapes = node_shapes.get(key, {})
            edges = _edges(build, edge_type, sub, rows_of, shapes, role_at, role_leaf, offset)
            fields.append((key, Read(None, edges)))
        else:
            raise NotCovered(f"{conn_type.name}.{name}")
    return _object(fields)


def _edges(
    build: _Build, edge_type: GraphQLObjectType, details: list, rows_of: Shape,
    node_shapes: dict[str, Shape], role_at: int | None, role_leaf: Shape | None, offset: int,
) -> Shape:  # fmt: skip
    reads: list[tuple[str, Callable[[Any, int], Any]]] = []
    for key, sub in build.subfields(edge_type, details).items():
        name = sub[0].node.name.value
        if name == "__typename":
            reads.append((key, lambda _r, _i: edge_type.name))
        elif name == "cursor":
            reads.append((key, lambda _r, i: encode_cursor(offset + i)))
        elif name == "node":
            reads.append((key, _ignoring_index(node_shapes[key])))
        elif name == "role":
            if role_leaf is None or role_at is None:
                reads.append((key, lambda _r, _i: None))
            else:
                reads.append((key, lambda r, _i: role_leaf(r[role_at])))
        else:
            raise NotCovered(f"{edge_type.name}.{name}")

    def shape(row: list[cells.Cell]) -> list[dict[str, Any]]:
        return [
            {key: read(node[1], i) for key, read in reads} for i, node in enumerate(rows_of(row))
        ]

    return shape


def _page_info(
    build: _Build, conn_type: GraphQLObjectType, details: list, rows_of: Shape,
    total_position: int, offset: int,
) -> Shape:  # fmt: skip
    info_type, _, _ = _target(conn_type.fields["pageInfo"])

    def values(row: list[cells.Cell]) -> dict[str, Any]:
        count, total = len(rows_of(row)), row[total_position][1]
        return {
            "hasNextPage": offset + count < total,
            "hasPreviousPage": offset > 0,
            "startCursor": encode_cursor(offset) if count else None,
            "endCursor": encode_cursor(offset + count - 1) if count else None,
        }

    keys = []
    for key, sub in build.subfields(info_type, details).items():
        name = sub[0].node.name.value
        if name == "__typename":
            keys.append((key, None))
        elif name in ("hasNextPage", "hasPreviousPage", "startCursor", "endCursor"):
            keys.append((key, name))
        else:
            raise NotCovered(f"PageInfo.{name}")

    def shape(row: list[cells.Cell]) -> dict[str, Any]:
        found = values(row)
        return {key: found[name] if name else "PageInfo" for key, name in keys}

    return shape


def _label(type_: GraphQLObjectType) -> str:
    if type_.name not in cy.PROPS:
        raise NotCovered(type_.name)
    return type_.name


def _raw(cell: cells.Cell) -> Any:
    """A count as the store gives it."""
    return cell[1]


_SPECIAL: dict[tuple[str, str], Callable[..., Read]] = {
    ("Task", "source"): _source,
    ("Task", "assignments"): _assignments(units_only=False),
    ("Task", "units"): _assignments(units_only=True),
    ("Unit", "workload"): _unit_workload,
    ("Unit", "partners"): _partners,
    ("Unit", "tasks"): _unit_tasks,
}


# --- root fields ----------------------------------------------------------------------------


def _root_level(
    build: _Build, field_def: GraphQLField, details: list
) -> tuple[cy.Level, Shape, bool, bool]:
    target, many, non_null = _target(field_def)
    level = cy.Level(_label(target), build.name())
    return level, _level(build, target, details, level), many, non_null


def _by_uid(build: _Build, field_def: GraphQLField, details: list, column: str) -> Shape:
    args = build.args(field_def, details)
    if set(args) - {"uid"}:
        raise NotCovered("arguments besides uid")
    level, shape, _, non_null = _root_level(build, field_def, details)
    build.calls.append(cy.by_uid_call(level, build.param(args["uid"]), column))
    build.columns.append(column)
    return _column(column, _head(shape, non_null))


def _column(column: str, then: Shape) -> Shape:
    return lambda row: then(row[column])


def _unit(build: _Build, field_def: GraphQLField, details: list, column: str) -> Shape:
    args = build.args(field_def, details)
    name, uid, place = args.get("name"), args.get("uid"), args.get("place")
    if (name is None) == (uid is None) or (place is not None and name is None):
        raise NotCovered("the resolver refuses these arguments")
    if name is None:  # then a uid is given
        return _by_uid(build, field_def, details, column)
    target, _, _ = _target(field_def)
    level = cy.Level("Unit", build.name())
    shape = _level(build, target, details, level)
    found = _units_by_name(build, level, name, place, column)
    return _column(column, _one_place(shape, found))


def _root_partners(build: _Build, field_def: GraphQLField, details: list, column: str) -> Shape:
    """partners(unit, first, place): the named unit's partner rows, as Unit.partners reads
    them; a name of no unit or of several places is the resolvers' error."""
    args = build.args(field_def, details)
    limit = build.param(build.first(args))
    level = cy.Level("Unit", build.name())
    pairs = _pairs(build, field_def, details, level, cy.RELATIONS["Unit", "partners"], limit)
    found = _units_by_name(build, level, args["unit"], args.get("place"), column)
    one = _one_place(_of_row(pairs), found)

    def shape(found: cells.Cell) -> Any:
        if not found[1]:
            raise Fallback("no unit of that name")
        return one(found)

    return _column(column, shape)


@dataclass(frozen=True)
class _Found:
    """Where the rows of units found by name hold what units_by_name keeps and orders
    them by."""

    exact_at: int
    place_at: int
    name_at: int

    def kept(self, found: cells.Cell) -> list[list[cells.Cell]]:
        """The rows units_by_name keeps of a list cell of candidates: those of the exact
        name when there are any, by place and name (sorted here: the store's sort was
        ~5% of the unit query's store time)."""
        rows = [item[1] for item in found[1]]
        rows = [row for row in rows if cells.value(row[self.exact_at])] or rows
        if len(rows) > 1:
            rows.sort(key=lambda row: (row[self.place_at][1], row[self.name_at][1]))
        return rows


def _units_by_name(
    build: _Build, level: cy.Level, name: str, place: str | None, column: str
) -> _Found:
    """Adds the root CALL binding `column` to the rows of graph/nodes.units_by_name's
    candidates (with the same expansion of abbreviations), and the items it keeps them
    by."""
    name = name.strip()
    full = expand(fold(name))
    param = build.param(name)
    found = _Found(
        exact_at=cy.exact_name(level, param),
        place_at=level.add(f"coalesce({level.var}.place, '')"),
        name_at=level.add(f"{level.var}.name"),
    )
    full_param = build.param(full) if full != name else None
    place_param = build.param(place) if place else None
    build.calls.append(cy.unit_by_name_call(level, param, full_param, place_param))
    build.columns.append(f"{level.var}_rows AS {column}")
    return found


def _one_place(shape: Shape, found: _Found) -> Shape:
    """The first unit kept (_Found.kept), or null; units of several places are the
    resolvers' error (graph/nodes.unit_by_name), which they report."""

    def pick(candidates: cells.Cell) -> Any:
        rows = found.kept(candidates)
        if len({row[found.place_at][1] for row in rows}) > 1:
            raise Fallback("a name of several places")
        return shape(rows[0]) if rows else None

    return pick


def _tasks(build: _Build, field_def: GraphQLField, details: list, column: str) -> Shape:
    args = build.args(field_def, details)
    if args.get("sort", PLAN) != PLAN or args.get("reverse"):
        raise NotCovered("tasks(sort:) other than plan order")
    first = build.first(args)
    offset = _offset(args.get("after"))
    f = args.get("filter")
    given: dict[str, Any] = {}
    if f is not None and f.get("unit"):
        return _one_units_tasks(build, field_def, details, column, dict(f), first, offset)
    if f is not None:
        for name, value in f.items():
            if value is None:
                continue
            if name not in _TASK_FILTERS:
                raise NotCovered(f"tasks(filter: {name})")
            if name == "text":
                value = value or None
                if value is None:
                    continue
            given[name] = value
    prefix = build.name("f")
    for name, value in given.items():
        build.params[f"{prefix}_{name}"] = value
    flags = {name: name in given for name in _TASK_FILTERS}
    root = cy.Level("Task", build.name())
    total_name = build.name("c")
    build.calls.append(_prefixed(cy.tasks_count_call(total_name, **flags), prefix))
    root.items.append(total_name)

    def page(child: cy.Level, _edge: str, out: str) -> str:
        skip, limit = build.param(offset), build.param(first)
        return _prefixed(cy.tasks_call(child, out, skip=skip, limit=limit, **flags), prefix)

    # The connection reads the level built here; its calls become root calls.
    shape = _connection(build, field_def, details, root, page, offset, 0, False)
    build.calls += root.calls
    build.columns.append(f"{root.row()} AS {column}")
    return _column(column, _row_of(shape))


def _one_units_tasks(
    build: _Build, field_def: GraphQLField, details: list, column: str,
    f: dict[str, Any], first: int, offset: int,
) -> Shape:  # fmt: skip
    """tasks(filter: {unit [place] [role]}) of the one unit of that name: the unit's own
    task page (document by document, as Unit.tasks reads it) and its stored count, as
    graph/task_filter.find_tasks reads one unit's; a name of several units (each place's,
    without `place`) or of none is the resolvers' (their query over several units, or
    their error)."""
    name, place, role = f.pop("unit"), f.pop("place", None), f.pop("role", None)
    if any(value is not None for value in f.values()):
        raise NotCovered("tasks(filter: {unit}) with other conditions")
    level = cy.Level("Unit", build.name())
    shape, total_at = _units_task_page(
        build, field_def, details, level, role, first, offset, roles=False
    )
    found = _units_by_name(build, level, name, place, column)
    pages = build.pages

    def pick(candidates: cells.Cell) -> Any:
        rows = found.kept(candidates)
        if len(rows) != 1:
            raise Fallback("no unit of that name, or several")
        pages.largest = max(pages.largest, rows[0][total_at][1])
        return shape(rows[0])

    return _column(column, pick)


def _search(build: _Build, field_def: GraphQLField, details: list, column: str) -> Shape:
    """search(text, first): each form's hits in one CALL, with the fields each member
    type selects; ranked in Python by graph/search.best_hits, as the resolvers rank."""
    args = build.args(field_def, details)
    first = build.first(args)
    text = args["text"].strip()
    if len(text) < search.MIN_CHARS:
        raise NotCovered("the resolver refuses this text")
    union = get_named_type(field_def.type)
    assert isinstance(union, GraphQLUnionType)
    members: list[tuple[cy.Level, str]] = []
    shapes: dict[str, Shape] = {}
    for member in union.types:
        level = cy.Level(member.name, build.name())
        fields = _level(build, member, details, level)
        if level.items:  # else the hit alone says all (no fields, or __typename only)
            members.append((level, build.name("v")))
            at = len(cy.HIT) + len(members) - 1
            shapes[member.name] = _of_row(_at(at, _head(fields, True)))
        else:
            shapes[member.name] = _ignoring_row(fields)
    found: list[tuple[str, str]] = []
    build.unions = True
    for form, cypher, params in search.forms(text):
        prefix, out = build.name("s"), build.name("v")
        for key, value in {**params, "limit": first}.items():
            build.params[f"{prefix}_{key}"] = value
        renamed = _prefixed(cypher, prefix, (*search.FORM_PARAMS, "limit"))
        build.calls.append(cy.search_call(renamed, members, out))
        build.columns.append(out)
        found.append((form, out))

    def shape(row: Row) -> list[Any]:
        rows = {uid: hit for _, out in found for uid, hit in _hits(row[out])}
        ranked = search.best_hits(
            ((form, [_hit_values(hit) for _, hit in _hits(row[out])]) for form, out in found),
            first,
        )
        return [shapes[h["label"]](rows[h["uid"]]) for h in ranked]

    return shape


def _hits(found: cells.Cell) -> list[tuple[str, list[cells.Cell]]]:
    """A form's hits (a list cell of rows) by uid."""
    return [(item[1][1][1], item[1]) for item in found[1]]


def _hit_values(hit: list[cells.Cell]) -> dict[str, Any]:
    """What search ranks a hit by (graph/compiled.HIT), from the front of its row."""
    return {name: cells.value(cell) for name, cell in zip(cy.HIT, hit, strict=False)}


def _prefixed(cypher: str, prefix: str, names: tuple[str, ...] = _TASK_FILTERS) -> str:
    """The filter's parameters ($document …) renamed $<prefix>_document, so that two
    aliased fields keep their own."""
    for name in names:
        cypher = cypher.replace(f"${name}", f"${prefix}_{name}")
    return cypher


def _documents(build: _Build, field_def: GraphQLField, details: list, column: str) -> Shape:
    args = build.args(field_def, details)
    first = build.first(args)
    offset = _offset(args.get("after"))
    root = cy.Level("Document", build.name())
    total_name = build.name("c")
    build.calls.append(cy.count_call("Document", total_name))
    root.items.append(total_name)

    def page(child: cy.Level, _edge: str, out: str) -> str:
        return cy.documents_call(child, out, build.param(offset), build.param(first))

    shape = _connection(build, field_def, details, root, page, offset, 0, False)
    build.calls += root.calls
    build.columns.append(f"{root.row()} AS {column}")
    return _column(column, _row_of(shape))


def _workload(build: _Build, field_def: GraphQLField, details: list, column: str) -> Shape:
    args = build.args(field_def, details)
    limit = build.param(build.first(args))
    f = args.get("filter") or {}
    document, section = f.get("document"), f.get("section")
    target, _, _ = _target(field_def)
    child = cy.Level("Unit", build.name())
    counts = f"{child.var}_counts"
    fields: list[tuple[str, Read]] = []
    for key, sub in build.subfields(target, details).items():
        name = sub[0].node.name.value
        if name == "__typename":
            fields.append((key, _constant("Workload")))
        elif name in ("total", "lead", "support"):
            index = ("total", "lead", "support").index(name)
            leaf = _leaf(target.fields[name].type)
            fields.append((key, _at(child.add(f"{counts}[{index}]"), leaf)))
        elif name == "unit":
            fields.append((key, _unit_of(build, target.fields[name], sub, child)))
        else:
            raise NotCovered(f"Workload.{name}")
    prefix = build.name("f")
    build.params[f"{prefix}_document"] = document
    build.params[f"{prefix}_section"] = section
    ranking = cy.ranking_call(
        child, column, document=document is not None, section=section is not None, limit=limit
    )
    build.calls.append(_prefixed(ranking, prefix, ("document", "section")))
    build.columns.append(column)
    return _column(column, _each(_object(fields)))


_ROOTS: dict[str, Callable[[_Build, GraphQLField, list, str], Shape]] = {
    "task": _by_uid,
    "document": _by_uid,
    "section": _by_uid,
    "project": _by_uid,
    "unit": _unit,
    "partners": _root_partners,
    "search": _search,
    "tasks": _tasks,
    "documents": _documents,
    "workload": _workload,
}
