"""build_plan: a SourceText -> the Plan (outline, tasks, units, policies, projects, goals)."""

from __future__ import annotations

from pathlib import Path

from dutygraph.errors import ParseError

from . import goals, mentions, policies, projects
from .fold import fold
from .model import Document, Plan, SourceText, Span, Task, Unit
from .outline import outline
from .places import document_place, unit_place
from .policies import canonical_number
from .tasks import assemble
from .units import expand, kind_of, level_of, load_aliases


def build_plan(source: SourceText, aliases: str | Path | None = None) -> Plan:
    """Parse one plan. Raises ParseError when it holds no tasks."""
    user_aliases = load_aliases(aliases)
    folded = fold(source.text)
    tree = outline(source.text, folded, source.lines)
    defined = mentions.definitions(folded)
    text_aliases = {d.alias: d.name for d in defined}

    def resolve(name: str) -> str:
        name = name.strip()
        for table in (user_aliases, text_aliases):
            if name in table:
                return table[name]
        name = expand(name)
        return user_aliases.get(name, name)

    assembly = assemble(source.text, folded, tree, resolve)
    if not assembly.tasks:
        raise ParseError(
            f"{source.path}: no tasks found (no item names a responsible unit, e.g. "
            "（责任单位：…） or （牵头单位：…；配合单位：…）)"
        )
    meta = source.metadata
    title = meta.title or tree.title or Path(source.path).stem
    document = Document(
        title=title,
        source=source.path,
        sha256=source.sha256,
        format=source.format,
        doc_number=meta.doc_number or canonical_number(tree.doc_number or ""),
        issuer=meta.issuer,
        date=meta.date,
        annex=tree.annex,
        place=document_place(title, meta.issuer),
    )
    own_number = canonical_number(document.doc_number or "")
    outside = mentions.mentions(
        source.text, folded, source.lines, assembly.tasks, tree, defined, resolve
    )
    cited = [
        p
        for p in policies.cited(source.text, folded, source.lines, tree, assembly.tasks)
        if not (p.doc_number and p.doc_number == own_number and not p.title)
    ]
    measures = policies.measures(source.text, folded, assembly.tasks)
    return Plan(
        document=document,
        sections=assembly.sections,
        tasks=assembly.tasks,
        units=_units(assembly.tasks, folded, outside, document.place, user_aliases, text_aliases),
        policies=tuple(cited + measures),
        projects=projects.find(source.text, folded, assembly.tasks, measures, document.place),
        goals=goals.find(source.text, folded, source.lines, assembly.tasks),
        warnings=source.warnings + assembly.warnings,
        text=source.text,
    )


def _units(
    tasks: tuple[Task, ...],
    folded: str,
    outside: dict[str, mentions.Mention],
    place: str | None,
    *alias_tables: dict[str, str],
) -> tuple[Unit, ...]:
    """One Unit per canonical name, with every spelling seen and every place named (a host
    named only as a host is a unit too)."""
    written: dict[str, list[str]] = {}
    spans: dict[str, list[Span]] = {}
    for task in tasks:
        for a in task.units:
            written.setdefault(a.name, []).append(folded[a.span.start : a.span.end])
            spans.setdefault(a.name, []).append(a.span)
    for name, m in outside.items():
        written.setdefault(name, []).extend(m.written)
        spans.setdefault(name, []).extend(m.spans)
    for m in outside.values():
        if m.hosted_by:
            written.setdefault(m.hosted_by, [])
            spans.setdefault(m.hosted_by, [])
    known: dict[str, list[str]] = {}
    for table in alias_tables:
        for alias, name in table.items():
            known.setdefault(name, []).append(alias)
    units = []
    for name in written:
        aliases = [w for w in written[name] + known.get(name, []) if w != name]
        mention = outside.get(name)
        units.append(
            Unit(
                name=name,
                aliases=tuple(dict.fromkeys(aliases)),
                level=level_of(name),
                kind=kind_of(name),
                hosted_by=mention.hosted_by if mention else None,
                place=unit_place(name, place),
                duties=mention.duties if mention else (),
                spans=tuple(spans[name]),
            )
        )
    return tuple(units)
