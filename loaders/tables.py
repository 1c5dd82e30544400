"""Responsibilities tables (任务分工表) -> plan lines the outline parser already reads.

A header row names the columns: 序号 / 工作任务 (重点任务, 主要任务, …) / 责任单位, or
牵头单位 + 配合单位 / 完成时限 (时间节点) / 责任领导 (a person, never a unit: dropped) /
a category (类别, 领域). Each task row becomes
`1.任务（牵头单位：A；配合单位：B、C；完成时限：2025年底）`; a row holding only a heading, or a
change of value in a category column, becomes a heading line `一、…`. Rows arrive as
`(line number, cells)` from .docx, .xlsx, .csv or text (see pasted.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .clean import clean_chars

Row = tuple[int, list[str]]
Numbered = list[tuple[int, str]]

_HEADER_ROWS = 6  # a header sits within the first rows (title rows may come before it)
_HEADER_CELL = 16  # characters; a longer cell is content, not a column name

# Column kinds by header text, tried in this order (牵头领导 is a leader before it is 牵头).
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("leader", re.compile(r"领导|责任人|负责人|联系人|分管")),
    ("number", re.compile(r"^(?:序号|编号|序|项次|号)$")),
    ("lead", re.compile(r"牵头|主责单位|主办单位")),
    ("support", re.compile(r"配合|协办|参与|协同|协助|参加|会同")),
    ("category", re.compile(r"类别|分类|领域|板块|方面|类型")),
    ("units", re.compile(r"单位|部门|责任主体|实施主体")),
    ("deadline", re.compile(r"时限|时间|节点|期限|进度|时序")),
    (
        "task",
        re.compile(
            r"任务|工作内容|具体工作|重点工作|主要工作|措施|举措|事项|主要内容|具体内容|要点"
            r"|项目|建设内容|^内容$"
        ),
    ),
)
_UNIT_KINDS = ("units", "lead", "support")
_CLAUSE_LABELS = {
    "units": "责任单位",
    "lead": "牵头单位",
    "support": "配合单位",
    "deadline": "完成时限",
}

_CN_NUMBER = "一二三四五六七八九十"
_HEADING = re.compile(
    rf"^\s*(?:[{_CN_NUMBER}]+\s*[、.．]|[（(][{_CN_NUMBER}]+[）)]|第[{_CN_NUMBER}]+[部分章节])"
)
_TOP_HEADING = re.compile(rf"^\s*[{_CN_NUMBER}]+\s*[、.．]")
_PRINTED = re.compile(rf"^\s*(?:([{_CN_NUMBER}]+)\s*[、.．]|[（(]([{_CN_NUMBER}]+)[）)])")
_CN_ONLY = re.compile(rf"^[{_CN_NUMBER}]+[、.．]?$")
_PAREN_NUMBER = re.compile(rf"^[（(](?:[{_CN_NUMBER}]+|\d+)[）)]$")
_ARABIC = re.compile(r"^(\d+)\s*[.、．]?$")
_NUMBERED_TEXT = re.compile(r"^\s*(?:\d+\s*[.、．]|[（(]\d+[）)]|[①-⑳])")
# A header cell is a bare column name; a numbered cell is a heading or an item.
_NUMBERED_CELL = re.compile(rf"^\s*(?:[{_CN_NUMBER}\d]+\s*[、.．]|[（(][{_CN_NUMBER}\d]+[）)])")
_ENDS_PUNCT = re.compile(r"[。；;，,：:！？!?、]$")
# A leader's name or title in a row that lost its empty cells: 张三, 副县长李四.
_PERSON = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,3}(?<![局委办部府院会心园所队站镇社行司处科室组馆厂团台署厅校])"
    r"|.{0,12}(?:县长|市长|区长|镇长|书记|主任|局长|部长|同志))$"
)
_DEADLINE = re.compile(r"\d{4}|年|月|底|前|长期|持续|常态|季度|每年|逐年|到期")


def header_kind(text: str) -> str | None:
    """The column a header cell names, or None when it names none we know."""
    if len(text) > 2 * _HEADER_CELL:  # too long to be a column name, spaces and all
        return None
    name = re.sub(r"[\s:：*（）()]", "", clean_chars(text))
    if not name or len(name) > _HEADER_CELL:
        return None
    kind = next((kind for kind, pattern in _KINDS if pattern.search(name)), None)
    if kind == "leader" and re.search("单位|部门", name):  # 责任单位及责任人: units first
        return "units"
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

    @staticmethod
    def of(cells: Sequence[str]) -> Columns | None:
        """Columns from a header row, or None when it is not a responsibilities header."""
        kinds = tuple(header_kind(cell) for cell in cells)
        filled = [cell for cell in cells if cell.strip()]
        if "task" not in kinds or not set(kinds) & set(_UNIT_KINDS):
            return None
        if any(len(cell.strip()) > _HEADER_CELL or _NUMBERED_CELL.match(cell) for cell in filled):
            return None
        unknown = sum(
            1 for cell, kind in zip(cells, kinds, strict=True) if cell.strip() and not kind
        )
        if 2 * unknown > len(filled):  # mostly not column names: a line of prose
            return None
        names = tuple(re.sub(r"\s+", "", clean_chars(cell)) for cell in cells)
        return Columns(kinds, names)

    def refined(self, cells: Sequence[str]) -> Columns | None:
        """A second header row (牵头单位 | 配合单位 under a merged 责任单位) refines this one."""
        filled = [cell for cell in cells if cell.strip()]
        kinds = [header_kind(cell) for cell in cells]
        if not filled or any(header_kind(c) is None for c in filled):
            return None
        if not set(kinds) & {"lead", "support"}:
            return None
        merged = [
            new or old
            for old, new in zip(self.kinds, [*kinds, *[None] * len(self.kinds)], strict=False)
        ]
        names = [
            re.sub(r"\s+", "", clean_chars(cells[i])) if i < len(cells) and kinds[i] else name
            for i, name in enumerate(self.names)
        ]
        return Columns(tuple(merged), tuple(names))

    def index(self, kind: str) -> tuple[int, ...]:
        """The columns of one kind, left to right (looked up once per kind: rows are many)."""
        return _positions(self.kinds).get(kind, ())


@dataclass
class TableWriter:
    """Turns rows into lines, numbering generated headings and unnumbered tasks."""

    columns: Columns
    out: Numbered = field(default_factory=list)
    categories: dict[int, str] = field(default_factory=dict)
    depth: int = 0  # 1 when the table sits inside a section (一、…) of the document
    counters: list[int] = field(default_factory=lambda: [0, 0])  # generated 一、 and （一）
    tasks: int = 0

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
            return
        self._categories(number, cells)
        self._task(number, cells)

    def _is_heading(self, cells: list[str]) -> bool:
        """A row holding one text only, outside the unit and deadline columns (or spanning
        the whole row), that reads as a heading rather than a sentence."""
        where = {self.columns.kinds[i] for i, c in enumerate(cells) if c}
        value = next(c for c in cells if c)
        if where <= {*_UNIT_KINDS, "deadline", "leader"} and len(where) < len(cells):
            return False
        return bool(_HEADING.match(value)) or (len(value) <= 40 and "。" not in value)

    def _heading(self, number: int, text: str, level: int = 0) -> None:
        """A heading line; an unnumbered one gets 一、 (or （一） one level down, or when
        the table sits inside a section of the document)."""
        text = _one_line(text)
        rung = min(self.depth + level, 1)
        printed = _PRINTED.match(text)
        if printed:  # numbered by the author: later generated numbers follow on from it
            rung = 0 if printed.group(1) else 1
            self.counters[rung] = chinese_value(printed.group(1) or printed.group(2))
        elif not _HEADING.match(text):
            self.counters[rung] += 1
            number_text = chinese_number(self.counters[rung])
            text = f"{number_text}、{text}" if rung == 0 else f"（{number_text}）{text}"
        if rung == 0:
            self.counters[1] = 0
        self.out.append((number, text))
        self.tasks = 0

    def _categories(self, number: int, cells: list[str]) -> None:
        levels = self.columns.index("category")
        for level, i in enumerate(levels):
            value = _one_line(cells[i]) or self.categories.get(i, "")
            if not value or value == self.categories.get(i):
                continue
            self.categories[i] = value
            for deeper in levels[level + 1 :]:
                self.categories.pop(deeper, None)
            self._heading(number, value, level)

    def _task(self, number: int, cells: list[str]) -> None:
        kinds = self.columns.kinds
        task = " ".join(_one_line(cells[i]) for i in self.columns.index("task") if cells[i])
        printed = next((cells[i].strip() for i in self.columns.index("number") if cells[i]), "")
        clause = self._clause(cells)
        if printed and not clause:
            if _CN_ONLY.match(printed):
                self._heading(number, f"{printed.rstrip('、.．')}、{task}")
                return
            if _PAREN_NUMBER.match(printed) and not printed[1:-1].isdigit():
                self._heading(number, f"{printed}{task}", level=1)
                return
        extras = [
            f"{self.columns.names[i]}：{_one_line(cells[i])}"
            for i, kind in enumerate(kinds)
            if kind is None and cells[i] and self.columns.names[i]
        ]
        for extra in extras:
            task += ("" if _ENDS_PUNCT.search(task) or not task else "。") + extra
        self.tasks += 1
        line = f"{self._prefix(printed, task)}{task}" + (f"（{clause}）" if clause else "")
        self.out.append((number, line))

    def _prefix(self, printed: str, task: str) -> str:
        arabic = _ARABIC.match(printed)
        if arabic:
            self.tasks = int(arabic.group(1))
            return f"{arabic.group(1)}."
        if _PAREN_NUMBER.match(printed) or re.match("^[①-⑳]$", printed):
            return printed
        if printed:
            return printed.rstrip("、.．") + "."
        return "" if _NUMBERED_TEXT.match(task) else f"{self.tasks}."

    def _clause(self, cells: list[str]) -> str:
        parts = []
        for kind in (*_UNIT_KINDS, "deadline"):
            for i in self.columns.index(kind):
                value = _unit_list(cells[i]) if kind in _UNIT_KINDS else _one_line(cells[i])
                if value:
                    parts.append(f"{_CLAUSE_LABELS[kind]}：{value}")
        return "；".join(parts)


def rows_to_lines(rows: Sequence[Row], depth: int = 0) -> Numbered | None:
    """A table as plan lines, or None when no responsibilities header is found in it.

    depth 1 (see `depth_after`) makes the headings the table generates one level deeper,
    （一） instead of 一、, so a table inside a plan's section stays inside it."""
    converted = convert(rows, depth)
    return None if converted is None else converted[0]


def convert(
    rows: Sequence[Row], depth: int = 0, previous: TableWriter | None = None
) -> tuple[Numbered, TableWriter] | None:
    """Like rows_to_lines, and a table with no header of its own but as many columns as the
    previous one (a Word table continued after a page break) goes on from it."""
    rows = [(number, [_cell(c) for c in cells]) for number, cells in rows]
    for at, (_, cells) in enumerate(rows[:_HEADER_ROWS]):
        columns = Columns.of(cells)
        if columns is None:
            continue
        start = at + 1
        if start < len(rows) and (refined := columns.refined(rows[start][1])):
            columns, start = refined, start + 1
        writer = TableWriter(columns, depth=depth)
        writer.out.extend(
            (number, " ".join(dict.fromkeys(c for c in cells if c))) for number, cells in rows[:at]
        )
        return writer.write(rows[start:]), writer
    width = max((len(cells) for _, cells in rows), default=0)
    if previous is not None and width == len(previous.columns.kinds):
        previous.out = []
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
    out = [""] * width
    rest = list(cells)
    numbers = columns.index("number")
    if numbers and rest and (_ARABIC.match(rest[0]) or _CN_ONLY.match(rest[0])):
        out[numbers[0]] = rest.pop(0)
    if len(rest) == 1:  # a lone cell is a heading or a task without units
        out[columns.index("task")[0]] = rest.pop(0)
        return out
    deadlines = columns.index("deadline")
    if deadlines and len(rest) > 1 and _DEADLINE.search(rest[-1]) and len(rest[-1]) <= 20:
        out[deadlines[0]] = rest.pop()
    leaders = columns.index("leader")
    person = next((c for c in rest[1:] if _PERSON.match(c)), None)
    if leaders and person is not None:
        out[leaders[0]] = person
        rest.remove(person)
    slots = [i for i, kind in enumerate(columns.kinds) if kind in ("task", *_UNIT_KINDS)]
    if len(rest) > len(slots):  # a category cell is there too
        slots = sorted([*columns.index("category")[: len(rest) - len(slots)], *slots])
    for i, value in zip(slots, rest, strict=False):
        out[i] = value
    return out


def depth_after(texts: Iterable[str]) -> int:
    """1 when the text before a table has an outline heading (一、…), else 0."""
    return int(any(_TOP_HEADING.match(text) for text in texts))


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 99 -> 九十九."""
    digits = "零" + _CN_NUMBER[:9]
    tens, units = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[units] if units else "")


def chinese_value(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十 -> 20, 九十九 -> 99 (the inverse of chinese_number)."""
    total = current = 0
    for char in text:
        if char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + _CN_NUMBER.index(char) + 1
    return total + current


def _cell(value: str | None) -> str:
    return clean_chars(value or "").replace("\u3000", " ").strip()


def _one_line(text: str) -> str:
    """A cell's paragraphs as one text: joined directly after punctuation, else by ；."""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = ""
    for part in parts:
        out += part if not out or _ENDS_PUNCT.search(out) else "；" + part
    return out


def _unit_list(text: str) -> str:
    """A unit cell: one unit a paragraph or already separated; trailing punctuation dropped."""
    parts = [p.strip().rstrip("。；;，,、") for p in text.split("\n") if p.strip()]
    return "、".join(p for p in parts if p)
