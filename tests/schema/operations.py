"""GraphQL operations for the differential tests: every document the test suite and the
explorer send, and random ones generated over the schema (a hypothesis strategy)."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    GraphQLUnionType,
    get_named_type,
    parse,
)
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]


def suite_documents() -> list[str]:
    """Every string in tests/ that parses as a GraphQL document, and every document of
    web/src/queries.js (its ${…} pieces filled in)."""
    found: dict[str, None] = {}
    for path in sorted((ROOT / "tests").rglob("test_*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value.strip()
                if text.startswith(("{", "query")) and _parses(text):
                    found[text] = None
    found.update(dict.fromkeys(explorer_documents()))
    return list(found)


def explorer_documents() -> list[str]:
    source = (ROOT / "web" / "src" / "queries.js").read_text(encoding="utf-8")
    found = re.findall(r"const (\w+) = (['`])(.*?)\2;", source, re.S)
    pieces = {name: text for name, _, text in found}
    exported = re.findall(r"export const (\w+) = `", source)

    def filled(text: str) -> str:
        return re.sub(r"\$\{(\w+)\}", lambda m: filled(pieces[m.group(1)]), text)

    return [filled(pieces[name]) for name in exported]


def _parses(text: str) -> bool:
    try:
        parse(text)
    except Exception:
        return False
    return True


# --- generated operations -----------------------------------------------------------------

MAX_DEPTH = 4


class Values:
    """Argument values worth asking with: names, uids and texts the store holds, and
    some it does not."""

    def __init__(self, store: Any) -> None:
        def uids(label: str) -> list[str]:
            rows = store.read(f"MATCH (n:{label}) RETURN n.uid AS uid ORDER BY uid LIMIT 4")
            return [r["uid"] for r in rows] + [f"{label.lower()}:none"]

        self.uids = {label: uids(label) for label in ("Task", "Unit", "Document", "Section")}
        self.uids["Project"] = uids("Project")
        self.uids["Policy"] = uids("Policy")
        rows = store.read("MATCH (u:Unit) RETURN u.name AS name ORDER BY name LIMIT 5")
        self.names = [r["name"] for r in rows] + ["县发改局", "县发展改革局", "无此单位"]
        self.places = ["陆河县", "海丰县", "无此地"]
        self.texts = ["产业", "建设", "工作", "无此文字"]


def _string(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _cursor(i: int) -> str:
    import base64

    return _string(base64.urlsafe_b64encode(f"task:{i}".encode()).decode())


@st.composite
def operations(draw: Any, schema: GraphQLSchema, values: Values) -> tuple[str, dict]:
    """(document, variables): one query of 1-3 root fields, random selections below,
    aliases, fragments, inline fragments and @skip/@include on a variable."""
    fragments: list[str] = []
    roots = draw(st.lists(_root(schema, values, fragments), min_size=1, max_size=3))
    flag = draw(st.booleans())
    body = " ".join(roots)
    header = (
        "query Q($flag: Boolean!)"
        if "$flag" in body or any("$flag" in f for f in fragments)
        else "query Q"
    )
    return f"{header} {{ {body} }} " + " ".join(fragments), {"flag": flag}


def _root(schema: GraphQLSchema, values: Values, fragments: list[str]) -> st.SearchStrategy:
    query = schema.query_type
    assert query is not None
    uid = {label: st.sampled_from(v) for label, v in values.uids.items()}
    first = st.integers(0, 25).map(str)
    name = st.sampled_from(values.names).map(_string)
    text = st.sampled_from(values.texts).map(_string)
    task_filter = st.fixed_dictionaries(
        {},
        optional={
            "document": uid["Document"].map(_string),
            "section": uid["Section"].map(_string),
            "text": text,
            "project": uid["Project"].map(_string),
            "policy": uid["Policy"].map(_string),
            "unit": name,
        },
    ).map(lambda f: "{" + ", ".join(f"{k}: {v}" for k, v in f.items()) + "}")
    workload_filter = st.fixed_dictionaries(
        {},
        optional={
            "document": uid["Document"].map(_string),
            "section": uid["Section"].map(_string),
        },
    ).map(lambda f: "{" + ", ".join(f"{k}: {v}" for k, v in f.items()) + "}")
    args = {
        "task": st.builds(lambda u: f"uid: {_string(u)}", uid["Task"]),
        "section": st.builds(lambda u: f"uid: {_string(u)}", uid["Section"]),
        "document": st.builds(lambda u: f"uid: {_string(u)}", uid["Document"]),
        "project": st.builds(lambda u: f"uid: {_string(u)}", uid["Project"]),
        "policy": st.builds(lambda u: f"uid: {_string(u)}", uid["Policy"]),
        "unit": st.one_of(
            st.builds(lambda u: f"uid: {_string(u)}", uid["Unit"]),
            st.builds(lambda n: f"name: {n}", name),
            st.builds(
                lambda n, p: f"name: {n}, place: {_string(p)}", name, st.sampled_from(values.places)
            ),
        ),
        "tasks": st.builds(
            lambda f, n, a: f"first: {n}, filter: {f}" + (f", after: {_cursor(a)}" if a else ""),
            task_filter,
            first,
            st.integers(0, 30),
        ),
        "documents": st.builds(
            lambda n, a: f"first: {n}" + (f", after: {_cursor(a)}" if a else ""),
            first,
            st.integers(0, 2),
        ),
        "workload": st.builds(lambda n, f: f"first: {n}, filter: {f}", first, workload_filter),
        "partners": st.builds(lambda n, k: f"unit: {n}, first: {k}", name, first),
        "search": st.builds(lambda t, k: f"text: {t}, first: {k}", text, first),
    }

    @st.composite
    def root(draw: Any) -> str:
        field = draw(st.sampled_from(sorted(args)))
        type_ = get_named_type(query.fields[field].type)
        selection = draw(_selection(type_, 1, fragments))
        alias = draw(st.sampled_from(["", "", "a: ", "b: "]))
        return f"{alias}{field}({draw(args[field])}) {selection}"

    return root()


def _leaves(type_: GraphQLObjectType) -> list[str]:
    return [
        name
        for name, f in type_.fields.items()
        if isinstance(get_named_type(f.type), (GraphQLScalarType, GraphQLEnumType))
        and not any(isinstance(a.type, GraphQLNonNull) for a in f.args.values())
    ]


def _args(field: Any) -> st.SearchStrategy[str]:
    """Values for a nested field's optional arguments (role, first, after)."""
    parts = []
    if "role" in field.args:
        parts.append(st.sampled_from(["", "role: LEAD", "role: SUPPORT"]))
    if "first" in field.args:
        parts.append(st.sampled_from(["", "first: 0", "first: 3", "first: 30"]))
    if "after" in field.args:
        parts.append(st.sampled_from(["", f"after: {_cursor(1)}"]))
    if not parts:
        return st.just("")
    return (
        st.tuples(*parts)
        .map(lambda p: ", ".join(x for x in p if x))
        .map(lambda a: f"({a})" if a else "")
    )


def _selection(type_: Any, depth: int, fragments: list[str]) -> st.SearchStrategy[str]:
    """`{ … }` over an object or union type, at most MAX_DEPTH levels deep."""

    @st.composite
    def build(draw: Any) -> str:
        if isinstance(type_, GraphQLUnionType):
            parts = ["__typename"]
            for member in type_.types:
                if draw(st.booleans()):
                    sub = draw(_selection(member, depth + 1, fragments))
                    parts.append(f"... on {member.name} {sub}")
            return "{ " + " ".join(parts) + " }"
        leaves = _leaves(type_)
        objects = [
            name for name, f in type_.fields.items()
            if name not in leaves and depth < MAX_DEPTH
            and not any(isinstance(a.type, GraphQLNonNull) for a in f.args.values())
        ]  # fmt: skip
        chosen = draw(st.lists(st.sampled_from([*leaves, "__typename"]), min_size=1, max_size=4))
        if objects:
            chosen += draw(st.lists(st.sampled_from(objects), max_size=2))
        parts = []
        for name in chosen:
            field = type_.fields.get(name)
            alias = draw(st.sampled_from(["", "", "", f"{name}2: "]))
            directive = draw(
                st.sampled_from(["", "", "", " @include(if: $flag)", " @skip(if: $flag)"])
            )
            if field is None or name in leaves:
                parts.append(f"{alias}{name}{directive}")
                continue
            sub = draw(_selection(get_named_type(field.type), depth + 1, fragments))
            parts.append(f"{alias}{name}{draw(_args(field))}{directive} {sub}")
        wrap = draw(st.sampled_from(["", "", "inline", "fragment"]))
        body = " ".join(parts)
        if wrap == "inline":
            body = f"... on {type_.name} {{ {body} }}"
        elif wrap == "fragment":
            name = f"F{len(fragments)}"
            fragments.append(f"fragment {name} on {type_.name} {{ {body} }}")
            body = f"...{name} uid" if "uid" in type_.fields else f"...{name}"
        return "{ " + body + " }"

    return build()
