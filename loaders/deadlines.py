"""Deadlines as plans print them (完成时限：2025年底, 6月底前, 长期坚持, 每季度) -> a due date.

A plan's deadline is text; supervision needs a date to call an assignment overdue. The
text is kept as printed and read here into `Due`: a date when it names one (the latest
one when it names several, e.g. 2023年底前见成效，2025年底前全面完成: the task is done when
its last step is), none for standing duties (长期坚持, 持续推进), or a recurrence (每季度)
for duties that report on a cycle and so have no single due date. A month or 年底 without
a year takes the plan's year (its date, else a year in its title).
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from dataclasses import dataclass
from enum import StrEnum

from .numerals import read_number


class Recurrence(StrEnum):
    """The cycle of a recurring deadline (每季度 …)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    YEARLY = "yearly"


_NUM = r"[0-9０-９〇○零一二三四五六七八九十]"
_YEAR = rf"(?P<year>{_NUM}{{4}})\s*年"
# What may follow a year: a month (and day), a half, a quarter, the year's end, or nothing.
_AFTER_YEAR = (
    rf"(?:(?P<month>{_NUM}{{1,3}})\s*月(?:(?P<day>{_NUM}{{1,3}})\s*[日号])?"
    r"|(?P<half>上|下)半年"
    rf"|第?(?P<quarter>[1-4一二三四])\s*季度"
    r"|(?P<end>年?底|年?末)"
    r")?"
)
_DATED = re.compile(rf"{_YEAR}{_AFTER_YEAR}")
# The same without a year: the plan's year is meant.
_UNDATED = re.compile(
    rf"(?:(?P<month>{_NUM}{{1,3}})\s*月(?:(?P<day>{_NUM}{{1,3}})\s*[日号])?"
    r"|(?P<half>上|下)半年"
    rf"|第?(?P<quarter>[1-4一二三四])\s*季度"
    r"|(?P<end>年底|年末|年内|今年))"
)
_RECURRING: list[tuple[re.Pattern[str], Recurrence]] = [
    (re.compile(r"每(?:个)?月|按月"), Recurrence.MONTHLY),
    (re.compile(r"每(?:个)?季度?|按季度?"), Recurrence.QUARTERLY),
    (re.compile(r"每半年"), Recurrence.HALF_YEARLY),
    (re.compile(r"每年|年度|按年"), Recurrence.YEARLY),
]
_TITLE_YEAR = re.compile(rf"({_NUM}{{4}})\s*年")


@dataclass(frozen=True, slots=True)
class Due:
    """When a deadline falls: `date`, or `recurrence`, or neither (a standing duty)."""

    text: str
    date: datetime.date | None = None
    recurrence: Recurrence | None = None


@functools.lru_cache(maxsize=4096)  # a plan repeats its few deadline texts on every task
def due(text: str | None, plan_year: int | None = None) -> Due | None:
    """The deadline `text` read as a Due (None for no text). `plan_year` fills a month or
    年底 that names no year; without it such a deadline has no date."""
    if not text or not text.strip():
        return None
    dates = [_date(m, int(read_number(m["year"]))) for m in _DATED.finditer(text)]
    if not dates and plan_year is not None:
        dates = [_date(m, plan_year) for m in _UNDATED.finditer(text)]
    found = [d for d in dates if d is not None]
    if found:
        return Due(text=text, date=max(found))
    for pattern, recurrence in _RECURRING:
        if pattern.search(text):
            return Due(text=text, recurrence=recurrence)
    return Due(text=text)


def plan_year(date: str | None, title: str | None) -> int | None:
    """The year a plan's undated deadlines mean: its date's, else the first in its title."""
    if date and date[:4].isdigit():
        return int(date[:4])
    match = _TITLE_YEAR.search(title or "")
    return read_number(match.group(1)) if match else None


def _date(match: re.Match[str], year: int) -> datetime.date | None:
    groups = match.groupdict()
    try:
        if groups.get("month"):
            month = read_number(groups["month"])
            last = calendar.monthrange(year, month)[1]
            day = read_number(groups["day"]) if groups.get("day") else last
            return datetime.date(year, month, day)
        if groups.get("half"):
            return datetime.date(year, 6, 30) if groups["half"] == "上" else _year_end(year)
        if groups.get("quarter"):
            quarter = read_number(groups["quarter"])
            month = quarter * 3
            return datetime.date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:  # 13月, 2月30日: not a date
        return None
    return _year_end(year)  # 2025年底, 2025年, 年内


def _year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)
