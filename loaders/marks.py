"""Marks printed before a unit to single it out (★区发改委、区统计局) and the legend that
says what they mean (`标★的为牵头单位`, `注：带▲者为配合单位`).

A mark means a role only when the plan prints its legend: without one the mark is
dropped and the unit keeps the role its column gives it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .fold import fold

MARKS = "★☆▲△●◆■□※＊*"
_MARK = re.compile(rf"[{MARKS}]")
# `标★的为牵头单位`, `带“▲”的单位为配合单位`, `★为牵头单位`, `▲表示协办单位`.
_LEGEND = re.compile(
    rf"""
    (?:标注?|标有|带有?|注有|加)?\s*          # how the mark is put on the unit
    ["“”'‘’「」]?(?P<mark>[{MARKS}])["“”'‘’「」]?\s*
    (?:号|符号)?\s*(?:的|者)?\s*(?:单位|部门)?\s*
    (?:为|是|表示|系|即)\s*(?:第一)?\s*
    (?P<role>牵头|主办|主责|配合|协办|协同|参与)
    """,
    re.VERBOSE,
)
_ROLES = {"牵头": "lead", "主办": "lead", "主责": "lead"}


def legend_of(texts: Iterable[str]) -> dict[str, str]:
    """The roles the plan's legends give to marks: {"★": "lead", "▲": "support"}."""
    legend: dict[str, str] = {}
    for text in texts:
        if not _MARK.search(text):
            continue
        for m in _LEGEND.finditer(fold(text)):
            legend.setdefault(m.group("mark"), _ROLES.get(m.group("role"), "support"))
    return legend


def unmarked(unit: str) -> tuple[str, str | None]:
    """A unit without its mark, and the mark (None when it had none)."""
    m = _MARK.search(unit)
    return (_MARK.sub("", unit).strip(), m.group(0)) if m else (unit, None)
