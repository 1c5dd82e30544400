"""Goals: `到2025年，…。` statements outside the tasks, one per target year.

The headline is the target itself: the clause that says what is to be built or reached
(基本建成…, 基本实现…), else the statement's last clause.
"""

from __future__ import annotations

import re

from .model import Goal, Line, Span, Task
from .outline import line_at

_TARGET_YEAR = re.compile(r"(?:到|至|力争到|预计到)\s*((?:19|20)\d\d)\s*年(?:底|末)?\s*[，：]?")
_SUBJECT = re.compile(r"^(?:我县|全县|我市|全市|我省|全省|我区|全区|我镇|全镇)")
_TARGET = re.compile(r"^(?:基本|全面|与全国|同步|率先|建成|实现|形成|达到)")


def find(
    text: str, folded: str, lines: tuple[Line, ...], tasks: tuple[Task, ...]
) -> tuple[Goal, ...]:
    in_task = [(t.span.start, t.span.end) for t in tasks]
    goals: dict[int, Goal] = {}
    for m in _TARGET_YEAR.finditer(folded):
        year = int(m.group(1))
        if year in goals or any(a <= m.start() < b for a, b in in_task):
            continue
        end = _statement_end(folded, m.end())
        statement = text[m.start() : end].strip()
        goals[year] = Goal(
            year=year,
            text=statement,
            headline=_headline(text[m.end() : end], folded[m.end() : end]),
            span=Span(m.start(), end, line_at(lines, m.start())),
        )
    return tuple(goals.values())


def _statement_end(folded: str, start: int) -> int:
    """The end of the sentence, or where the next target year begins."""
    end = start
    while end < len(folded) and folded[end] not in "。\n":
        if _TARGET_YEAR.match(folded, end) and end > start:
            return end
        end += 1
    return end + 1 if end < len(folded) and folded[end] == "。" else end


def _headline(text: str, folded: str) -> str:
    clauses = []
    at = 0
    for piece in re.split(r"([，；。])", folded):
        if piece and piece not in "，；。":
            original = text[at : at + len(piece)].strip()
            clauses.append((_SUBJECT.sub("", piece.strip()), original))
        at += len(piece)
    if not clauses:
        return text.strip()
    for bare, original in clauses:
        if _TARGET.match(bare):
            return original[len(original) - len(bare) :] if bare else original
    return clauses[-1][1]
