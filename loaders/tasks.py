"""Tasks: which outline blocks are tasks, their text, deadline and assignments.

Every item that carries a responsibility clause is a task, numbered or not. A clause
on a line of its own belongs to the block before it, or to the whole group of items
before it when none of them has a clause and the group ends there; a clause on a heading
is inherited by the heading's items that have none; a short heading, or one followed by
several paragraphs with clauses, is a section whose paragraphs are its tasks (二（十三） of
the sample); a longer item followed by one such paragraph is one task over both.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from . import clauses
from .clauses import Clause, UnitRef
from .marks import legend_of
from .model import Assignment, Role, Section, Span, Task, Warning
from .outline import Block, Outline, is_title_like, title_of
from .units import complete, strip_pinyin


@dataclass
class _Item:
    """What one block says: its own text's end, its clauses, the clause lines it owns."""

    block: Block
    cut: int
    clauses: list[Clause] = field(default_factory=list)
    end: int = 0  # end of the last clause line attached
    shared: _Item | None = None  # the item whose group clause this one shares

    @property
    def units(self) -> list[UnitRef]:
        return [u for c in self.clauses for u in c.units]

    @property
    def claims(self) -> bool:
        """It says who is responsible, even if no unit could be read from it."""
        return any(c.units or c.labelled for c in self.clauses)

    @property
    def deadline(self) -> tuple[int, int] | None:
        return next((c.deadline for c in self.clauses if c.deadline), None)

    @property
    def first_leads(self) -> bool:
        return any(c.first_leads for c in self.clauses)

    @property
    def leads_below(self) -> bool:
        """A heading naming who leads the work under it (省某厅牵头的工作)."""
        return any(c.heading for c in self.clauses)


def region(text: str, task: Task) -> tuple[int, int]:
    """Offsets of a task's own words: after its numbering, before its clause."""
    first = task.text.split("\n", 1)[0]
    start = text.find(first, task.span.start, task.span.end) if first else -1
    if start < 0:
        start = task.span.start
    # The clause comes after the words; units named before them or inside them (a heading's
    # clause, `1、县某局：…`, `县某局会同县某局建设…`) do not end them.
    end = min(
        (a.span.start for a in task.units if a.span.start >= start + len(first)),
        default=task.span.end,
    )
    return start, max(start, min(end, task.span.end))


@dataclass(frozen=True, slots=True)
class Assembly:
    sections: tuple[Section, ...]
    tasks: tuple[Task, ...]
    warnings: tuple[Warning, ...]


def assemble(text: str, folded: str, outline: Outline, resolve: Callable[[str], str]) -> Assembly:
    """Turn the outline into sections and tasks with their assignments."""
    return _Assembler(text, folded, outline, resolve).run()


class _Assembler:
    def __init__(
        self, text: str, folded: str, outline: Outline, resolve: Callable[[str], str]
    ) -> None:
        self.text, self.folded, self.resolve = text, folded, resolve
        self.blocks = outline.blocks
        self.title = outline.title
        self.warnings: list[Warning] = []
        self.first_leads_onwards = False
        self.legend = legend_of([folded])
        self.block_starts = [b.start for b in self.blocks]
        self.position: dict[int, int] = {}

    def run(self) -> Assembly:
        items = self._items()
        children: dict[int | None, list[int]] = {}
        for i, b in enumerate(self.blocks):
            if b.number is not None:
                children.setdefault(b.parent, []).append(i)
        ids = self._ids(children)
        # Each numbered block's place among its siblings (list.index would make it quadratic).
        self.position = {i: n for sibs in children.values() for n, i in enumerate(sibs)}
        self._share_group_clauses(items, children)
        is_task = self._decide(items, children)
        sections: list[Section] = []
        tasks: list[Task] = []
        per_section: dict[str, int] = {}
        consumed: set[int] = set()
        root = False  # tasks outside any heading go to a section "s0" for the whole plan
        # A rule note after the last task (注：各项任务的第一责任单位为牵头单位, under the plan
        # or under its table) is the plan's legend: it holds for every task.
        last = max((i for i, it in enumerate(items) if it is not None and it.claims), default=-1)
        self.first_leads_onwards = any(
            not it.claims and clauses.states_rule(self.folded, it.block.body, it.block.end)
            for it in items[last + 1 :]
            if it is not None
        )
        inherited = {
            id(self._source(i, items))
            for i, on in is_task.items()
            if on and (item := items[i]) is not None and not item.claims
        }
        for i, item in enumerate(items):
            if item is None or i in consumed:
                continue
            b = item.block
            if any(c.note_onwards or (c.first_leads and not c.units) for c in item.clauses) or (
                not item.claims and clauses.states_rule(self.folded, b.body, b.end)
            ):
                # A rule note in a clause with 下同, or in the text between tasks (注：列第一位
                # 的为牵头单位), holds from there on.
                self.first_leads_onwards = True
            if b.number is not None and not is_task.get(i):
                sections.append(self._section(item, i, ids))
                if item.claims and id(item) not in inherited and not item.leads_below:
                    # A heading whose clause none of its items takes up is a task as well.
                    sid = ids[i]
                    per_section[sid] = per_section.get(sid, 0) + 1
                    tasks.append(self._task([i], items, i, sid, per_section[sid], len(tasks) + 1))
                continue
            if b.number is None and not item.claims and not self._under_lead_heading(i, items):
                continue
            parts = [i]
            if b.number is not None and self._source(i, items) is None:
                parts += self._run_on(i, items)
                consumed.update(parts)
            owner = self._section_of(i, is_task)
            sid = ids[owner] if owner is not None else "s0"
            if owner is None and not root:
                root = True
                sections.insert(0, Section("s0", "", self.title, 0, None, 0, Span(0, 0, 1)))
            per_section[sid] = per_section.get(sid, 0) + 1
            tasks.append(self._task(parts, items, owner, sid, per_section[sid], len(tasks) + 1))
        self._warn_missing(items, children, is_task)
        return Assembly(tuple(sections), tuple(tasks), tuple(self.warnings))

    # -- reading clauses ---------------------------------------------------------------

    def _items(self) -> list[_Item | None]:
        items: list[_Item | None] = []
        last: _Item | None = None
        unclosed: Warning | None = None  # a bracket left open, perhaps closed on a clause line
        for b in self.blocks:
            clause = clauses.whole_line(self.folded, b.body, b.end) if b.number is None else None
            if clause is not None:
                self._problems(clause.problems, b)
                if unclosed is not None and self._closes(b):
                    self.warnings.remove(unclosed)
                unclosed = None
                if last is None and clause.first_leads:
                    self.first_leads_onwards = True  # a rule note before the plan's items
                elif last is None:
                    self._warn(b, "responsibility clause before any item")
                else:
                    last.clauses.append(clause)
                    last.end = b.end
                items.append(None)
                continue
            cut, found, problems = clauses.trailing(self.folded, b.body, b.end)
            # The units opening a numbered item (`1、县某局：…`), or a paragraph under a
            # heading (`县某局：…` a line each); above the headings such a line is the
            # plan's addressee (`各乡镇人民政府：现将…`).
            if not found and (b.number is not None or b.parent is not None):
                found = [c] if (c := clauses.leading(self.folded, b.body, cut)) else []
            if not found and b.number is not None:
                found = [c] if (c := clauses.jointly(self.folded, b.body, cut)) else []
            for c in found:
                self._problems(c.problems, b)
            self._problems(problems, b)
            unclosed = self.warnings[-1] if problems else None
            last = _Item(b, cut, found, b.end)
            items.append(last)
        return items

    def _closes(self, b: Block) -> bool:
        end = b.end
        while end > b.body and self.folded[end - 1] in " 。；":
            end -= 1
        return end > b.body and self.folded[end - 1] in "）】〕］]"

    def _decide(
        self, items: list[_Item | None], children: dict[int | None, list[int]]
    ) -> dict[int, bool]:
        """Which numbered blocks are tasks (the others are sections)."""
        decided: dict[int, bool] = {}
        for i, item in enumerate(items):
            if item is None or item.block.number is None or children.get(i):
                continue
            own = self.text[item.block.body : item.cut]
            if item.leads_below:
                decided[i] = False
            elif self._source(i, items) is not None:
                decided[i] = True
            elif paragraphs := self._clause_paragraphs(i, items):
                # One paragraph with a clause continues the item; several are the tasks
                # of a section whose heading runs on into an introduction. A short title
                # is a section too (二（十三） among headings), unless it stands among items.
                among_items = any(
                    s != i and not children.get(s) for s in children[item.block.parent]
                )
                decided[i] = len(paragraphs) == 1 and (among_items or not is_title_like(own))
        return decided

    def _share_group_clauses(
        self, items: list[_Item | None], children: dict[int | None, list[int]]
    ) -> None:
        """A clause on lines of its own after a group of sibling items none of which has a
        clause covers the whole group when the group ends there (a heading of the group's
        parent's level or above, or the end of the text, follows). A clause inside the last
        item's paragraph, or one followed by more of the group, is the last item's only."""
        position = self.position
        for k, item in enumerate(items):
            if item is None or item.end == item.block.end:
                continue
            if any(c.start < item.block.end for c in item.clauses):
                continue  # the item has a clause of its own; the lines add to it
            anchor = k if item.block.number is not None else item.block.parent
            if anchor is None or children.get(anchor):
                continue
            parent = self.blocks[anchor].parent
            siblings = children.get(parent, [])
            if position[anchor] == 0:
                continue
            # Backwards, so the scan stops at the nearest clause (the common case: at once).
            if any(
                (it := items[j]) is None or it.clauses for j in range(k - 1, siblings[0] - 1, -1)
            ):
                continue
            group = siblings[: position[anchor]]
            if any(children.get(s) for s in group):
                continue
            if parent is not None and (head := items[parent]) is not None and head.claims:
                continue  # the heading's clause is the group's; this one is the last item's
            after = next((j for j in range(k + 1, len(items)) if items[j] is not None), None)
            if after is not None and (
                self.blocks[after].number is None
                or self.blocks[after].level >= self.blocks[anchor].level
            ):
                continue
            for s in group:
                member = items[s]
                assert member is not None  # the scan above found an item on every line
                member.shared = item

    def _source(self, i: int, items: list[_Item | None]) -> _Item | None:
        """The item whose clauses name the units of item i: its own, a group's, a heading's."""
        item = items[i]
        if item is not None and item.claims:
            return item
        if item is not None and item.shared is not None:
            return item.shared
        return self._inherited(i, items)

    def _inherited(self, i: int, items: list[_Item | None]) -> _Item | None:
        parent = self.blocks[i].parent
        while parent is not None:
            item = items[parent]
            if item is not None and item.units:
                return item
            parent = self.blocks[parent].parent
        return None

    def _under_lead_heading(self, i: int, items: list[_Item | None]) -> bool:
        """A paragraph right under a heading that names who leads the work below: each
        paragraph there is a piece of that work."""
        parent = self.blocks[i].parent
        return parent is not None and (head := items[parent]) is not None and head.leads_below

    def _lead_heading(self, i: int, items: list[_Item | None]) -> _Item | None:
        parent = self.blocks[i].parent
        while parent is not None:
            item = items[parent]
            if item is not None and item.leads_below:
                return item
            parent = self.blocks[parent].parent
        return None

    def _clause_paragraphs(self, i: int, items: list[_Item | None]) -> list[int]:
        found = []
        for j in range(i + 1, len(items)):
            if self.blocks[j].number is not None:
                break
            item = items[j]
            if item is not None and item.units:
                found.append(j)
        return found

    def _run_on(self, i: int, items: list[_Item | None]) -> list[int]:
        """Paragraphs continuing item i up to the first one that carries a clause."""
        parts = []
        for j in range(i + 1, len(items)):
            if self.blocks[j].number is not None:
                break
            item = items[j]
            if item is None:
                continue
            parts.append(j)
            if item.units:
                break
        return parts

    def _section_of(self, i: int, is_task: dict[int, bool]) -> int | None:
        """The section a task at block i belongs to: its nearest non-task heading."""
        b = self.blocks[i]
        parent = b.parent
        while parent is not None and is_task.get(parent):
            parent = self.blocks[parent].parent
        return parent

    # -- building records --------------------------------------------------------------

    def _ids(self, children: dict[int | None, list[int]]) -> dict[int, str]:
        ids: dict[int, str] = {}
        stack: list[tuple[int | None, str]] = [(None, "s")]
        while stack:
            parent, prefix = stack.pop()
            for n, i in enumerate(children.get(parent, []), start=1):
                ids[i] = f"{prefix}{n}" if parent is None else f"{prefix}.{n}"
                stack.append((i, ids[i]))
        return ids

    def _path(self, i: int | None) -> tuple[str, ...]:
        path: list[str] = []
        while i is not None:
            path.append(self.blocks[i].number or "")
            i = self.blocks[i].parent
        return tuple(reversed(path))

    def _section(self, item: _Item, i: int, ids: dict[int, str]) -> Section:
        b = self.blocks[i]
        return Section(
            id=ids[i],
            number=b.number or "",
            title=title_of(self._own_text(item)),
            level=b.level,
            parent=ids[b.parent] if b.parent is not None else None,
            ordinal=self.position[i] + 1,
            span=Span(b.start, b.end, b.line.number),
        )

    def _task(
        self,
        parts: list[int],
        items: list[_Item | None],
        owner: int | None,
        sid: str,
        ordinal_in_section: int,
        ordinal: int,
    ) -> Task:
        first = items[parts[0]]
        assert first is not None
        pieces = []
        for j in parts:
            item = items[j]
            assert item is not None
            pieces.append(self._own_text(item))
        last = items[parts[-1]]
        assert last is not None
        source = last if last.claims else self._source(parts[0], items) or last
        deadline_item = next(
            (it for j in parts if (it := items[j]) is not None and it.deadline), None
        )
        deadline_item = deadline_item or self._source(parts[0], items)
        deadline = None
        if deadline_item is not None and deadline_item.deadline is not None:
            a, b = deadline_item.deadline
            deadline = self.text[a:b].strip()
        block = first.block
        path = self._path(parts[0]) if block.number is not None else self._path(owner)
        if block.number is None and block.parent is not None:
            parent = self.blocks[block.parent]
            if parent.line == block.line:
                # A task run on in its item's line (`1.…一是…（A）二是…（B）`) is a point of
                # that item: it has the item's path, though the item is a task, no section.
                path = self._path(block.parent)
        return Task(
            id=f"t{sid[1:]}.{ordinal_in_section}",
            section=sid,
            path=path,
            text="\n".join(pieces),
            units=self._assignments(source, self._lead_heading(parts[0], items)),
            deadline=deadline,
            span=Span(block.start, max(last.end, last.block.end), block.line.number),
            ordinal=ordinal,
        )

    def _own_text(self, item: _Item) -> str:
        """The item's words: from after its numbering to its clause, less any clause set
        inside the text."""
        start, text = item.block.body, []
        for c in sorted(item.clauses, key=lambda c: c.start):
            if start <= c.start < item.cut:
                text.append(self.text[start : c.start])
                start = c.end
        text.append(self.text[start : item.cut])
        return "".join(text).strip()

    def _assignments(self, item: _Item, heading: _Item | None) -> tuple[Assignment, ...]:
        """The units of an item's clauses; a heading naming who leads the work goes first
        when the item's own clause names no lead."""
        refs = item.units
        if heading is not None and heading is not item and all(r.role != Role.LEAD for r in refs):
            refs = heading.units + refs
        first_leads = item.first_leads or self.first_leads_onwards
        # A mark beside a unit (A▲) gives the role the plan's legend says (标▲的为牵头单位).
        refs = [
            UnitRef(r.start, r.end, Role(role))
            if r.role is None and (role := self.legend.get(clauses.unit_mark(self.folded, r) or ""))
            else r
            for r in refs
        ]
        explicit_lead = any(r.role == "lead" for r in refs)
        seen: set[str] = set()
        out: list[Assignment] = []
        names = [
            self.resolve(n)
            for n in complete([strip_pinyin(self.folded[r.start : r.end]) for r in refs])
        ]
        # A unit named twice (`A、B按职责分工负责，A牵头`) is listed once, where first printed,
        # with the role any of its mentions gives it (lead before support).
        stated: dict[str, Role] = {}
        for r, name in zip(refs, names, strict=True):
            if r.role == Role.LEAD or (r.role == Role.SUPPORT and name not in stated):
                stated[name] = r.role
        for r, name in zip(refs, names, strict=True):
            if name in seen:
                continue
            seen.add(name)
            role = stated.get(name)
            inferred = False
            if role is None:
                if not explicit_lead and not any(a.role == Role.LEAD for a in out):
                    role, inferred = Role.LEAD, not first_leads
                else:
                    role, inferred = Role.SUPPORT, not (explicit_lead or first_leads)
            out.append(
                Assignment(
                    name=name,
                    role=role,
                    rank=len(out) + 1,
                    inferred=inferred,
                    written=self.text[r.start : r.end],
                    span=Span(r.start, r.end, self._line_of(r.start)),
                )
            )
        return tuple(out)

    def _line_of(self, offset: int) -> int:
        """The printed line of an offset: a clause may stand on a line after its item."""
        return self.blocks[bisect_right(self.block_starts, offset) - 1].line.number

    # -- warnings ----------------------------------------------------------------------

    def _warn_missing(
        self,
        items: list[_Item | None],
        children: dict[int | None, list[int]],
        is_task: dict[int, bool],
    ) -> None:
        """A numbered item with no clause among sibling tasks was probably meant as one.
        Siblings are the items of one list, numbered in one style: an annex's table starts
        a list of its own beside the body's headings (一、工作目标 is no task of 1. 2. …)."""
        lists: dict[tuple[int | None, str | None], list[int]] = {}
        for parent, siblings in children.items():
            for i in siblings:
                lists.setdefault((parent, self.blocks[i].style), []).append(i)
        for siblings in lists.values():
            if not any(is_task.get(i) for i in siblings):
                continue
            for i in siblings:
                if not is_task.get(i) and not children.get(i):
                    self._warn(self.blocks[i], "numbered item has no responsibility clause")

    def _problems(self, problems: tuple[str, ...] | list[str], b: Block) -> None:
        for p in problems:
            self._warn(b, p)

    def _warn(self, b: Block, message: str) -> None:
        self.warnings.append(Warning(b.line.number, message))
