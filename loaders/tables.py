"""Responsibilities tables (任务分工表) -> plan lines the outline parser already reads.

A header row names the columns: 序号 / 工作任务 (重点任务, 主要任务, …) / 责任单位, or
牵头单位 + 配合单位 / 完成时限 (时间节点) / 责任领导 (a person, never a unit: dropped) /
a category (类别, 领域, or 项目 beside a task column) / 进展情况 (a report on the task:
dropped) / 数据提供单位, 监测单位 (units that do not carry the task: dropped). Each task row
becomes `1.任务（牵头单位：A；配合单位：B、C；完成时限：2025年底）`; a row holding only a
heading, or a change of value in a category column, becomes a heading line `一、…`. A lead
column that repeats one of the responsible units marks it in place
(`责任单位：A、B（牵头）、C`), as does a mark (★) whose legend the plan prints. Rows arrive
as `(line number, cells)` from .docx, .xlsx, .csv or text (see pasted.py); rows that lost
empty cells are put back into their columns by table_rows.py.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from .clean import clean_chars
from .marks import legend_of, unmarked
from .numerals import chinese_number, chinese_value
from .table_cells import CN_DIGITS, looks, plain
from .table_rows import fit_row
from .units import looks_like_unit
from .vocabulary import (
    DEADLINE_LABELS,
    LEAD_LABELS,
    LEAD_MARKERS,
    LEADER_LABELS,
    LEADER_PATTERN,
    LEADER_SUFFIX,
    NOT_RESPONSIBILITY_LABELS,
    RESPONSIBLE_LABELS,
    SUPPORT_LABELS,
    SUPPORT_MARKERS,
    alternation,
)

Row = tuple[int, list[str]]
Numbered = list[tuple[int, str]]

HEADER_ROWS = 6  # a header sits within the first rows (title rows may come before it)
_HEADER_CELL = 16  # characters; a longer cell is content, not a column name

# Column kinds by header text, tried in this order (牵头领导 is a leader before it is 牵头,
# 数据提供单位 is no responsibility before it is a unit column). The role words come from
# vocabulary.py, shared with the clause patterns; a header also names its column by a
# generic word (单位, 时间) or by what only a table has (序号, 进展情况, 类别).
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("leader", re.compile(rf"{LEADER_PATTERN}|{alternation(LEADER_LABELS)}|分管")),
    ("number", re.compile(r"^(?:序号|编号|序|项次|号|序列号)$")),
    ("progress", re.compile(r"进展|完成情况|推进情况|落实情况|实施情况|工作成效|进度情况")),
    # 督办 alone heads the column of who supervises (督办单位 without its noun).
    ("other", re.compile(rf"{alternation(NOT_RESPONSIBILITY_LABELS)}|^(?:督办|督查|督导)$")),
    ("lead", re.compile(alternation(LEAD_LABELS + LEAD_MARKERS))),
    ("support", re.compile(alternation(SUPPORT_LABELS + SUPPORT_MARKERS))),
    ("category", re.compile(r"类别|分类|领域|板块|方面|类型")),
    ("units", re.compile(rf"{alternation(RESPONSIBLE_LABELS)}|单位|部门|主体|处室|科室|股室")),
    ("deadline", re.compile(rf"{alternation(DEADLINE_LABELS)}|时间|节点|期限|进度|时序")),
    # Where a task comes from (任务来源: a report, a policy) is said of it, not part of it.
    ("remark", re.compile(r"^(?:备注|说明|附注)$|来源|依据|出处")),
    ("target", re.compile(r"^(?:工作|预期)?目标(?:要求|值)?$|^(?:工作)?要求$|^指标$")),
    ("task", re.compile(r"任务|内容|具体工作|重点工作|主要工作|措施|举措|事项|要点|项目|^工作$")),
)
_LEADER_SUFFIX = re.compile(LEADER_SUFFIX)
# A unit column whose header says its first unit leads (责任单位（排第一位的为牵头单位）).
_FIRST_LEADS = re.compile(r"(?:第一|首)(?:位|个|名)?[^，。；）]{0,8}(?:为|是|系)?牵头")
UNIT_KINDS = ("units", "lead", "support")
# Columns read for neither the task nor its units.
DROPPED_KINDS = ("leader", "progress", "other")
# A column named only 项目 beside a task column names the group its rows belong to.
_GROUP_NAMES = ("项目", "板块")
_CLAUSE_LABELS = {
    "units": "责任单位",
    "lead": "牵头单位",
    "support": "配合单位",
    "deadline": "完成时限",
}

_TOP_HEADING = re.compile(rf"^\s*[{CN_DIGITS}]+\s*[、.．]")
_PRINTED = re.compile(rf"^\s*(?:([{CN_DIGITS}]+)\s*[、.．]|[（(]([{CN_DIGITS}]+)[）)])")
_CN_ONLY = re.compile(rf"^[{CN_DIGITS}]+[、.．]?$")
_PAREN_NUMBER = re.compile(rf"^[（(](?:[{CN_DIGITS}]+|\d+)[）)]$")
_ARABIC = re.compile(r"^(\d+)\s*[.、．]?$")
_NUMBERED_TEXT = re.compile(r"^\s*(?:\d+\s*[.、．]|[（(]\d+[）)]|[①-⑳])")
# A header cell is a bare column name; a numbered cell is a heading or an item.
_NUMBERED_CELL = re.compile(rf"^\s*(?:[{CN_DIGITS}\d]+\s*[、.．]|[（(][{CN_DIGITS}\d]+[）)])")
_ENDS_PUNCT = re.compile(r"[。；;，,：:！？!?、]$")


@functools.lru_cache(maxsize=4096)  # rows repeat their cells' texts (units, dates)
def header_kind(text: str) -> str | None:
    """The column a header cell names, or None when it names none we know."""
    if len(text) > 2 * _HEADER_CELL:  # too long to be a column name, spaces and all
        return None
    name = re.sub(r"[\s:：*（）()]", "", plain(clean_chars(text)))
    if not name or len(name) > _HEADER_CELL:
        return None
    if _FIRST_LEADS.search(name):  # 责任单位（列第一位的为牵头单位）
        return "units"
    kind = next((kind for kind, pattern in _KINDS if pattern.search(name)), None)
    if kind == "leader" and re.search("单位|部门", name):  # 牵头单位及责任人: the units' column
        units = _LEADER_SUFFIX.sub("", name)
        kind = next((k for k, p in _KINDS if k != "leader" and p.search(units)), "units")
        return kind if kind in UNIT_KINDS else "units"
    return kind


@functools.lru_cache(maxsize=64)
def _positions(kinds: tuple[str | None, ...]) -> dict[str | None, tuple[int, ...]]:
    positions: dict[str | None, tuple[int, ...]] = {}
    for i, kind in enumerate(kinds):
        positions[kind] = (*positions.get(kind, ()), i)
    return positions


@dataclass(frozen=True)
class Columns:
    kinds: tuple[str | None, ...]  # one per column
    names: tuple[str, ...]  # the header text, for columns appended to the task text
    first_leads: bool = False  # a unit column's header says its first unit leads

    @staticmethod
    def of(cells: Sequence[str]) -> Columns | None:
        """Columns from a header row, or None when it is not a responsibilities header."""
        if any(len(cell) > 2 * _HEADER_CELL for cell in cells):  # a row of content: most are
            return None
        names = tuple(re.sub(r"\s+", "", clean_chars(cell)) for cell in cells)
        kinds = tuple(header_kind(cell) for cell in cells)
        if kinds.count("task") > 1:
            kinds = tuple(
                "category" if kind == "task" and plain(name) in _GROUP_NAMES else kind
                for kind, name in zip(kinds, names, strict=True)
            )
        filled = [cell for cell in cells if cell.strip()]
        if "task" not in kinds or not set(kinds) & set(UNIT_KINDS):
            return None
        if any(len(plain(cell)) > _HEADER_CELL or _NUMBERED_CELL.match(cell) for cell in filled):
            return None
        unknown = sum(
            1 for cell, kind in zip(cells, kinds, strict=True) if cell.strip() and not kind
        )
        if 2 * unknown > len(filled):  # mostly not column names: a line of prose
            return None
        return Columns(kinds, names, any(_FIRST_LEADS.search(plain(name)) for name in names))

    def refined(self, cells: Sequence[str]) -> Columns | None:
        """A second header row (牵头单位 | 配合单位 under a merged 责任单位) refines this one."""
        filled = [cell for cell in cells if cell.strip()]
        kinds = [header_kind(cell) for cell in cells]
        if not filled or any(header_kind(c) is None for c in filled):
            return None
        if not set(kinds) & {"lead", "support"}:
            return None
        # Only the merged unit column takes the new names (the others repeat their own).
        takes = [
            i < len(kinds) and kinds[i] in ("lead", "support") and old in UNIT_KINDS
            for i, old in enumerate(self.kinds)
        ]
        if not any(takes):
            return None
        merged = [
            kinds[i] if take else old
            for i, (old, take) in enumerate(zip(self.kinds, takes, strict=True))
        ]
        names = [
            re.sub(r"\s+", "", clean_chars(cells[i])) if take else name
            for i, (name, take) in enumerate(zip(self.names, takes, strict=True))
        ]
        return Columns(tuple(merged), tuple(names), self.first_leads)

    def under(self, cells: Sequence[str]) -> Columns | None:
        """The columns when `cells` (牵头单位, 配合单位) are a second header row printed
        under this one's merged unit column, their places lost (pasted text keeps no
        empty cells, or keeps them as empty cells between tabs): they take that column's
        place."""
        cells = [cell for cell in cells if cell.strip()]
        kinds = [header_kind(cell) for cell in cells]
        merged = self.index("units")
        if len(cells) < 2 or len(merged) != 1 or not set(kinds) <= {"lead", "support"}:
            return None
        at = merged[0]
        names = tuple(re.sub(r"\s+", "", clean_chars(cell)) for cell in cells)
        return Columns(
            (*self.kinds[:at], *kinds, *self.kinds[at + 1 :]),
            (*self.names[:at], *names, *self.names[at + 1 :]),
            self.first_leads,
        )

    def index(self, kind: str) -> tuple[int, ...]:
        """The columns of one kind, left to right (looked up once per kind: rows are many)."""
        return _positions(self.kinds).get(kind, ())


@dataclass
class TableWriter:
    """Turns rows into lines, numbering generated headings and unnumbered tasks.

    `legend` gives marks a role (★ -> lead); `merges_lost` says the table came as text, where
    a unit cell merged over several rows is printed on its first row only, so a task row
    with no unit cell takes the units of the row above it in the same group."""

    columns: Columns
    out: Numbered = field(default_factory=list)
    categories: dict[int, str] = field(default_factory=dict)
    depth: int = 0  # 1 when the table sits inside a section (一、…) of the document
    counters: list[int] = field(default_factory=lambda: [0, 0])  # generated 一、 and （一）
    tasks: int = 0
    legend: Mapping[str, str] = field(default_factory=dict)
    merges_lost: bool = False
    below_heading_rows: int = 0  # 1 once a row held a heading: categories nest under it
    units_above: list[str] = field(default_factory=list)  # the last task's, for merged cells
    task_row: list[str] | None = None  # the cells the last task line was written from

    def write(self, rows: Sequence[Row]) -> Numbered:
        for number, cells in rows:
            self.row(number, align(cells, self.columns))
        return [(n, t) for n, t in self.out if t]

    def row(self, number: int, cells: list[str]) -> None:
        cells = [*cells, *[""] * (len(self.columns.kinds) - len(cells))]
        distinct = {c for c in cells if c}
        if not distinct:
            return
        if len(distinct) == 1 and self._is_heading(cells):
            self._heading(number, cells[[bool(c) for c in cells].index(True)])
            self.below_heading_rows = 1
            return
        if self.task_row is not None and self._more_units(self.task_row, cells):
            # The task's cells merged over this row, which names one more of its units.
            cells = [
                "、".join(filter(None, (above, c))) if kind in UNIT_KINDS else above
                for kind, above, c in zip(self.columns.kinds, self.task_row, cells, strict=True)
            ]
            number = self.out.pop()[0]
            self.tasks -= 1
        elif self.merges_lost and self.task_row is not None:
            cells = self._lead_above(self.task_row, cells)
        self._categories(number, cells)
        self._task(number, cells)

    def _more_units(self, task_row: list[str], cells: list[str]) -> bool:
        """A row naming units and, outside the unit columns, only the task row's cells (a
        merged cell repeated, or left empty in a table that came as text)."""
        kinds = self.columns.kinds
        return any(c for kind, c in zip(kinds, cells, strict=True) if kind in UNIT_KINDS) and all(
            c in ("", above)
            for kind, above, c in zip(kinds, task_row, cells, strict=True)
            if kind not in UNIT_KINDS
        )

    def _lead_above(self, task_row: list[str], cells: list[str]) -> list[str]:
        """A task row naming its 配合单位 but no 牵头单位, in a table that came as text: the
        lead cell was merged over it and printed on the row above only (a task has a lead
        before it has support)."""
        lead, support = self.columns.index("lead"), self.columns.index("support")
        if not support or any(cells[i] for i in lead) or not any(cells[i] for i in support):
            return cells
        return [task_row[i] if i in lead else c for i, c in enumerate(cells)]

    def _is_heading(self, cells: list[str]) -> bool:
        """A row holding one text only, outside the unit and deadline columns (or spanning
        the whole row), that reads as a heading rather than a sentence."""
        where = {self.columns.kinds[i] for i, c in enumerate(cells) if c}
        value = next(c for c in cells if c)
        if where <= {*UNIT_KINDS, *DROPPED_KINDS, "deadline"} and len(where) < len(cells):
            return False
        return looks(value).heading or (len(value) <= 40 and "。" not in value)

    def _heading(self, number: int, text: str, level: int = 0) -> None:
        """A heading line; an unnumbered one gets 一、 (or （一） one level down, or when
        the table sits inside a section of the document)."""
        text = _one_line(text)
        rung = min(self.depth + level, 1)
        printed = _PRINTED.match(text)
        if printed:  # numbered by the author: later generated numbers follow on from it
            rung = 0 if printed.group(1) else 1
            self.counters[rung] = chinese_value(printed.group(1) or printed.group(2))
        elif not looks(text).heading:
            self.counters[rung] += 1
            number_text = chinese_number(self.counters[rung])
            text = f"{number_text}、{text}" if rung == 0 else f"（{number_text}）{text}"
        if rung == 0:
            self.counters[1] = 0
        self.out.append((number, text))
        self.tasks = 0
        self.units_above = []
        self.task_row = None

    def _categories(self, number: int, cells: list[str]) -> None:
        levels = self.columns.index("category")
        for level, i in enumerate(levels):
            value = _one_line(cells[i]) or self.categories.get(i, "")
            if not value or value == self.categories.get(i):
                continue
            self.categories[i] = value
            for deeper in levels[level + 1 :]:
                self.categories.pop(deeper, None)
            self._heading(number, value, level + self.below_heading_rows)

    def _task(self, number: int, cells: list[str]) -> None:
        kinds = self.columns.kinds
        task = _joined([_one_line(cells[i]) for i in self.columns.index("task") if cells[i]])
        printed = next((cells[i].strip() for i in self.columns.index("number") if cells[i]), "")
        if not task and not printed:  # units with no task to carry (a stray header cell)
            return
        top = bool(_CN_ONLY.match(printed))
        sub = bool(_PAREN_NUMBER.match(printed)) and not printed[1:-1].isdigit()
        # A row numbered as a heading (一, （一）) takes no units merged over the rows above:
        # it is a category row, and one with no units of its own heads the rows below.
        clause = self._clause(cells, inherit=not (top or sub))
        if top and not clause:
            self._heading(number, f"{printed.rstrip('、.．')}、{task}")
            return
        if sub and not clause:
            self._heading(number, f"{printed}{task}", level=1)
            return
        extras = [
            f"{self.columns.names[i]}：{_one_line(cells[i])}"
            for i, kind in enumerate(kinds)
            if kind in (None, "target", "remark") and cells[i] and self.columns.names[i]
        ]
        for extra in extras:
            task += ("" if _ENDS_PUNCT.search(task) or not task else "。") + extra
        self.tasks += 1
        line = f"{self._prefix(printed, task)}{task}" + (f"（{clause}）" if clause else "")
        self.out.append((number, line))
        self.task_row = cells

    def _prefix(self, printed: str, task: str) -> str:
        if _NUMBERED_TEXT.match(task) is None:
            return self._number(printed)
        if not _counts_points(task):
            return ""  # the task cell carries its own number (序号 is the group's then, as
            # when it restarts while task numbers run on)
        # A space keeps the row's number apart from the points' (3.1. would be a 1.1 number).
        return self._number(printed) + " "

    def _number(self, printed: str) -> str:
        arabic = _ARABIC.match(printed)
        if arabic:
            self.tasks = int(arabic.group(1))
            return f"{arabic.group(1)}."
        if _PAREN_NUMBER.match(printed) or re.match("^[①-⑳]$", printed):
            return printed
        if printed:
            return printed.rstrip("、.．") + "."
        return f"{self.tasks}."

    def _clause(self, cells: list[str], inherit: bool = True) -> str:
        """The row's responsibility clause: its unit columns, then its deadline; with no
        unit cell, where `inherit`, the units of a unit cell merged over the rows above."""
        parts = self._unit_parts(cells)
        if parts:
            self.units_above = parts
        elif self.merges_lost and inherit:
            parts = self.units_above  # a merged unit cell printed on an earlier row
        deadlines = [
            f"{_CLAUSE_LABELS['deadline']}：{value}"
            for i in self.columns.index("deadline")
            if (value := _one_line(cells[i]))
        ]
        return "；".join([*parts, *deadlines])

    def _unit_parts(self, cells: list[str]) -> list[str]:
        """`责任单位：…`, `牵头单位：…`, `配合单位：…` from the unit columns; a lead column's units
        are marked in the responsible list where it repeats them (A、B（牵头）、C), and a unit
        cell naming roles itself (牵头单位：A；配合单位：B) is kept as it is."""
        own = [
            _one_line(cells[i])
            for kind in UNIT_KINDS
            for i in self.columns.index(kind)
            if looks(cells[i]).labelled
        ]
        listed = {
            kind: [
                unit
                for i in self.columns.index(kind)
                if not looks(cells[i]).labelled
                for unit in unit_names(cells[i])
            ]
            for kind in UNIT_KINDS
        }
        leads = [name for name, _ in listed["lead"]]
        if self.columns.first_leads and not leads and listed["units"]:
            leads = [listed["units"][0][0]]
        parts: dict[str, str] = {}
        if listed["units"]:
            units = [self._marked(name, mark, leads) for name, mark in listed["units"]]
            parts["units"] = f"{_CLAUSE_LABELS['units']}：{'、'.join(dict.fromkeys(units))}"
            leads = [name for name in leads if name not in dict(listed["units"])]
        if leads:
            parts["lead"] = f"{_CLAUSE_LABELS['lead']}：{'、'.join(dict.fromkeys(leads))}"
        if listed["support"]:
            support = [self._marked(name, mark, []) for name, mark in listed["support"]]
            parts["support"] = f"{_CLAUSE_LABELS['support']}：{'、'.join(dict.fromkeys(support))}"
        # in the order the columns are printed, so the units keep the row's order (a
        # 牵头单位 column before the 责任单位 one: its lead comes first)
        printed = sorted(parts, key=lambda kind: min(self.columns.index(kind)))
        return [parts[kind] for kind in printed] + own

    def _marked(self, name: str, mark: str | None, leads: list[str]) -> str:
        """A responsible unit, with the role a lead column or a mark's legend gives it; a mark
        the table's legend does not give stays for the plan's (a note under the table)."""
        role = "lead" if name in leads else self.legend.get(mark or "")
        if role:
            return f"{name}（牵头）" if role == "lead" else f"{name}（配合）"
        return name + (mark or "")


def rows_to_lines(
    rows: Sequence[Row],
    depth: int = 0,
    legend: Mapping[str, str] | None = None,
    merges_lost: bool = False,
) -> Numbered | None:
    """A table as plan lines, or None when no responsibilities header is found in it.

    depth 1 (see `depth_after`) makes the headings the table generates one level deeper,
    （一） instead of 一、, so a table inside a plan's section stays inside it. `legend` and
    `merges_lost` are as in TableWriter."""
    converted = convert(rows, depth, legend=legend, merges_lost=merges_lost)
    return None if converted is None else converted[0]


def convert(
    rows: Sequence[Row],
    depth: int = 0,
    previous: TableWriter | None = None,
    legend: Mapping[str, str] | None = None,
    merges_lost: bool = False,
) -> tuple[Numbered, TableWriter] | None:
    """Like rows_to_lines, and a table with no header of its own but as many columns as the
    previous one (a Word table continued after a page break) goes on from it."""
    rows = [(number, [_cell(c) for c in cells]) for number, cells in rows]
    for at, (_, cells) in enumerate(rows[:HEADER_ROWS]):
        columns = Columns.of(cells)
        if columns is None:
            continue
        start = at + 1
        if start < len(rows) and (refined := columns.refined(rows[start][1])):
            columns, start = refined, start + 1
        if legend is None:  # a legend printed in the table itself (a note row)
            legend = legend_of(" ".join(cells) for _, cells in rows)
        writer = TableWriter(columns, depth=depth, legend=legend, merges_lost=merges_lost)
        writer.out.extend(
            (number, " ".join(dict.fromkeys(c for c in cells if c))) for number, cells in rows[:at]
        )
        return writer.write(rows[start:]), writer
    width = max((len(cells) for _, cells in rows), default=0)
    if previous is not None and width == len(previous.columns.kinds):
        previous.out = []
        previous.task_row = None  # its line went out with the previous table's
        return previous.write(rows), previous
    return None


def align(cells: list[str], columns: Columns) -> list[str]:
    """Put the cells of a row with too few or too many cells (pasted text loses empty ones)
    into the columns they most likely belong to."""
    width = len(columns.kinds)
    if len(cells) == width:
        return cells
    if len(cells) > width:
        task = columns.index("task")[0]
        surplus = len(cells) - width
        return [
            *cells[:task],
            " ".join(cells[task : task + surplus + 1]),
            *cells[task + surplus + 1 :],
        ]
    if "" in cells:  # its separators kept the empty cells (tabs, bars): only the
        # trailing ones were cut, so the others stand in their own columns
        return [*cells, *[""] * (width - len(cells))]
    return fit_row(cells, columns.kinds)


def depth_after(texts: Iterable[str]) -> int:
    """1 when the text before a table has an outline heading (一、…), else 0."""
    return int(any(_TOP_HEADING.match(text) for text in texts))


def unit_names(text: str) -> list[tuple[str, str | None]]:
    """A unit cell as its units, each with its mark: one a paragraph, separated by 、,
    commas or spaces outside brackets, or run together (区发改局区统计局); closing
    punctuation dropped, 等 kept."""
    names: list[tuple[str, str | None]] = []
    for part in _split_outside_brackets(text):
        name, mark = unmarked(part.strip().rstrip("。；;，,、"))
        pieces = [piece for spaced in _spaced(name) for piece in _run_together(spaced)]
        names += [(piece, mark if k == 0 else None) for k, piece in enumerate(pieces)]
    return [(name, mark) for name, mark in names if name]


def _spaced(name: str) -> list[str]:
    """`县发改局 县财政局` -> both, when every piece between spaces is a unit's name."""
    pieces = name.split()
    if len(pieces) > 1 and all(len(p) >= 3 and looks_like_unit(p) for p in pieces):
        return pieces
    return [name]


def _split_outside_brackets(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, char in enumerate(text):
        if char in "（(〔【[":
            depth += 1
        elif char in "）)〕】]":
            depth = max(depth - 1, 0)
        elif depth == 0 and char in "、，,；;\n":
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


# Where one unit ends and the next begins when a cell runs them together: after a unit's
# last character, before a level (区, 县, 市, 省, 镇, 乡) or 各.
_UNIT_JOINT = re.compile(r"(?<=[局委办厅院府心司社署站所队馆台校团联会])(?=[省市区县镇乡各])")


def _run_together(name: str) -> list[str]:
    """`区发改局区统计局` -> 区发改局, 区统计局, when every piece looks like a unit."""
    if len(name) < 6 or not looks_like_unit(name):
        return [name]
    cuts = [0, *(m.start() for m in _UNIT_JOINT.finditer(name)), len(name)]
    pieces = [name[a:b] for a, b in pairwise(cuts)]
    if len(pieces) > 1 and all(len(p) >= 3 and looks_like_unit(p) for p in pieces):
        return pieces
    return [name]


def _cell(value: str | None) -> str:
    return clean_chars(value or "").replace("\u3000", " ").strip()


def _counts_points(task: str) -> bool:
    """Whether a task cell starting with a number goes on to the next one of its style
    (`1.…；2.…`, `（1）…（2）…`, `①…②…`): its numbers count its points, not the task."""
    m = _NUMBERED_TEXT.match(task)
    if m is None:
        return False
    first = m.group(0).strip()
    digits = re.search(r"\d+", first)
    if digits is None:  # ①: its next is the next character
        return chr(ord(first) + 1) in task[m.end() :]
    following = first.replace(digits.group(0), str(int(digits.group(0)) + 1), 1)
    return following in task[m.end() :]


def _joined(texts: list[str]) -> str:
    """A row's task cells as one text. A cell numbering its own points (`（1）…；（2）…`) after
    the task it details (`优化营商环境`) follows a colon: after a space, the outline would
    read the task as a heading and the points as items under it."""
    out = ""
    for text in texts:
        if out and _NUMBERED_TEXT.match(text) and not _ENDS_PUNCT.search(out):
            out += "："
        elif out:
            out += " "
        out += text
    return out


def _one_line(text: str) -> str:
    """A cell's paragraphs as one text: joined directly after punctuation, else by ；."""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = ""
    for part in parts:
        out += part if not out or _ENDS_PUNCT.search(out) else "；" + part
    return out
