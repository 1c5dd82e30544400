"""What a table cell holds, read from its text alone: a row number, a list of units, a
person, a date, a heading, a sentence.

Tables pasted as text lose the grid: a row may arrive with fewer cells than its header
(empty and merged cells vanish), and a table flattened one cell a line has no row ends at
all. table_rows.py puts such cells back into columns by how well each fits each column
kind; this module gives those fits. A fit is a score, higher for a better fit; a cell that
cannot stand in a column scores NO_FIT, low enough that any reading with a fitting column
is preferred, yet finite so every stream of cells has some reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .clauses import LABEL
from .fold import fold
from .marks import MARKS
from .units import looks_like_unit, strip_pinyin

NO_FIT = -10.0

_MARK = re.compile(rf"[{MARKS}]")
_ARABIC_ROW = re.compile(r"^\d{1,5}\s*[.、．]?$")
CN_DIGITS = "一二三四五六七八九十百千万零〇"  # Chinese numerals as plans print them
_CN_ROW = re.compile(rf"^(?:[{CN_DIGITS}]+\s*[、.．]?|[（(][{CN_DIGITS}\d]+[）)])$")
_HEADING = re.compile(
    rf"^\s*(?:[{CN_DIGITS}]+\s*[、.．]|[（(][{CN_DIGITS}]+[）)]|第[{CN_DIGITS}]+[部分章节篇])"
)
_NUMBERED_TASK = re.compile(r"^\s*(?:\d{1,4}\s*[.、．](?!\d)|[（(]\d{1,4}[）)]|[①-⑳⑴-⒇])")
_SENTENCE = re.compile(r"[。；;！？!?]")
# Separators inside a unit cell: 、 and commas, semicolons, line breaks, wide spaces.
_UNIT_SEPARATORS = re.compile(r"[、，,；;\n]+|\s{2,}")
_PEOPLE_SEPARATORS = re.compile(r"[、，,\n]+")
# A person's name (2-3 characters, maybe padded: 王 健) or a leader's title.
_NAME = re.compile(r"^[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,2}$")
_NOT_NAME_END = re.compile(r"[局委办部府院会心园所队站镇社行司处科室组馆厂团台署厅校区县市省]$")
# A title, maybe with the name after it (副县长赵刚).
_TITLE = re.compile(
    r"""
    ^.{0,16}
    (?:省长|市长|区长|县长|镇长|乡长|主席|书记|常委|主任|局长|部长|厅长|秘书长|组长|指挥长
      |同志|领导)
    (?:\s*[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,2})?$   # the name after it
    """,
    re.VERBOSE,
)
_DATE = re.compile(
    r"\d{4}|\d{1,2}月|年底|年内|年末|年前|全年|年度|半年|季度|长期|持续|常态|每年|逐年|月底|到期"
    r"|按期|按时"
)


def plain(text: str) -> str:
    """The cell as matched: folded (Simplified, full-width), pinyin and marks removed."""
    return _MARK.sub("", strip_pinyin(fold(text))).strip()


@dataclass(frozen=True, slots=True)
class Looks:
    """What a cell's text looks like, read once per distinct text."""

    length: int  # of the plain text; 0 for an empty cell
    row_number: bool  # 12, 12.
    cn_number: bool  # 一, 一、, （一）
    heading: bool  # 一、总体要求, （二）产业发展
    numbered: bool  # 1.修路, （1）修路, ①修路
    sentence: bool  # holds 。 or ；
    units: bool  # every part ends like a unit
    person: bool  # names or leaders' titles
    marked: bool  # starts with ★ or another mark
    date: bool
    listed: bool  # holds 、
    labelled: bool  # starts naming roles itself: 牵头单位：A；配合单位：B


@lru_cache(maxsize=16384)
def looks(text: str) -> Looks:
    lines = plain_keep_breaks(text)
    p = lines.strip()
    return Looks(
        length=len(p),
        row_number=bool(_ARABIC_ROW.match(p)),
        cn_number=bool(_CN_ROW.match(p)),
        heading=bool(_HEADING.match(p)),
        numbered=bool(_NUMBERED_TASK.match(p)),
        sentence=bool(_SENTENCE.search(p)),
        units=_all_units(lines),
        person=_all_people(lines),
        marked=bool(_MARK.match(fold(text).strip())),
        date=bool(_DATE.search(p)),
        listed="、" in p,
        labelled=bool(LABEL.match(p)),
    )


def fit(text: str, kind: str | None) -> float:
    """How well a cell fits a column of `kind` (see tables.header_kind); "heading" is a row
    of its own holding a heading."""
    c = looks(text)
    if not c.length:
        return NO_FIT
    if kind == "number":
        return 4.0 if c.row_number else 3.0 if c.cn_number else NO_FIT
    if kind == "heading":
        return 3.5 if c.heading and c.length <= 60 and not c.cn_number else NO_FIT
    if c.row_number:  # a bare number stands only in a number column
        return NO_FIT
    if kind == "task":
        if c.units:
            return 0.0
        if c.person:  # 修路 reads as a name too: a short task, weakly
            return 0.8
        return 1.0 + min(c.length, 50) / 50 + (1.0 if c.numbered else 0.0)
    if kind == "category":
        if c.length > 20 or c.sentence or c.numbered or c.units or c.marked:
            return NO_FIT
        return 0.2 if c.listed else 0.8
    if kind in ("units", "lead", "support", "other"):
        if c.units or c.marked or c.labelled:
            return 3.0
        if c.length > 40 or c.sentence:
            return NO_FIT
        return 0.2 if c.person else 0.3  # a name we cannot tell (交通股 reads as a person's)
    if kind == "leader":  # a name of four characters (欧阳明华) is not told from a word
        if c.person:
            return 3.0
        return 1.0 if c.length <= 8 and not (c.units or c.sentence or c.listed) else NO_FIT
    if kind == "deadline":
        return 3.0 if c.length <= 30 and c.date else NO_FIT
    if kind == "progress":
        return 0.0 if c.units else 0.5 + min(c.length, 100) / 100
    # A column of a kind we do not know (备注, 工作目标) takes any text, weakly, short text
    # best; a numbered task starts a row of its own.
    return NO_FIT if c.numbered else 0.3 if c.length <= 20 else 0.1


def is_units(text: str) -> bool:
    """A cell listing units: every part ends like a unit."""
    return looks(text).units


def is_person(text: str) -> bool:
    """A cell naming people or leaders' titles, one a line or separated by 、."""
    return looks(text).person


def _all_units(lines: str) -> bool:
    parts = [part.strip() for part in _UNIT_SEPARATORS.split(lines)]
    parts = [part for part in parts if part]
    return bool(parts) and all(looks_like_unit(part.rstrip("。等")) for part in parts)


def _all_people(lines: str) -> bool:
    parts = [part.strip() for part in _PEOPLE_SEPARATORS.split(lines)]
    parts = [part for part in parts if part]
    return bool(parts) and all(_is_one_person(part) for part in parts)


def _is_one_person(text: str) -> bool:
    if _NAME.match(text):
        return not _NOT_NAME_END.search(text)
    return bool(_TITLE.match(text)) and not looks_like_unit(text)


def plain_keep_breaks(text: str) -> str:
    """Like plain, but line breaks inside the cell are kept (they separate its items)."""
    return "\n".join(plain(line) for line in text.split("\n"))
