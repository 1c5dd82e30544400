"""Outline: the document title, the numbered headings and items as a tree, the paragraphs.

Numbering styles: 第一章/第一部分, 一、, （一）/(一), 1./1、/1．/1﹒, 1）, 1.1, （1）/(1), ①, ⑴,
⒈. A style's depth is set by the order styles first appear (as in the plan itself), so a plan that
numbers 一、 → 1. → （1） nests the same way as one that uses 一、 → （一） → 1.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import pairwise

from . import clauses
from .model import Line, Span
from .numerals import counting_value

_CN = "一二三四五六七八九十百零〇"
_NUMBERING = re.compile(
    rf"""
      (?P<chapter>第[{_CN}\d]+(?:章|部分|节|篇))\s*          # 第一章, 第二部分
    | (?P<article>第[{_CN}\d]+条)\s*                        # 第一条: a measure's article
    | (?P<cn>[{_CN}]+)\s*[、．.，]\s*                      # 一、 二．
    | (?P<pcn>（\s*[{_CN}]+\s*）)\s*                       # （一） （二十四） （ 三 ）
    | (?P<dnum>\d{{1,2}}(?:[.．]\d{{1,2}})+)                  # 1.1 1.1.1, not 3.5亿元
        (?![\d万亿千百元%倍米吨个])[、.．]?\s*
    | (?P<num>\d{{1,5}})\s*(?:[、．.](?!\d)|）(?!）))\s*        # 1. 1、 1） 1000.
    | (?P<pnum>（\s*\d{{1,3}}\s*）)\s*                       # （1） （ 2 ）
    | (?P<circle>[①-⑳])\s*                                # ①
    | (?P<pcircle>[⑴-⒇])\s*                               # ⑴…⒇: (1)…(20) as one character
    | (?P<dcircle>[⒈-⒛])\s*                               # ⒈…⒛: 1.…20. as one character
    """,
    re.VERBOSE,
)
# Conversion leftovers and Markdown marks before the text of a line.
# Marks some plans print before an item (★1., ▲2.) are no part of its numbering either.
_NOISE = re.compile(r"(?:\s|\[bookmark:[^\]]*\]|#{1,6}(?=\s)|\*\*|[>*+-](?=\s)|[★☆▲△●◆■※])*")
_ANNEX = re.compile(r"附件\s*\d*\s*(?:：|$)")
# Lines before a title that are not part of it: 附件1, a document number, a date, 签发人.
_OWN_NUMBER = re.compile(r"[一-龥]{1,8}\s*[〔\[［【（]\s*\d{4}\s*[〕\]］】）]\s*\d+\s*号")
_BEFORE_TITLE = re.compile(
    r"附件\s*\d*\s*：?|[一-龥]{1,8}\s*[〔\[［【（]\s*\d{4}\s*[〕\]］】）]\s*\d+\s*号"
    r"|（?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日）?|签发人：.*"
)
_ANNEX_NAME = re.compile(r"(?:表|清单|名单|目录|方案|计划|办法|细则|意见|图|汇总|明细)$")


@dataclass(frozen=True, slots=True)
class Block:
    """A non-empty line: a numbered heading/item (number set) or a paragraph."""

    line: Line
    start: int  # offset in the text where the printed item starts (noise skipped)
    body: int  # offset after the numbering
    end: int  # end of the line's text (trailing spaces dropped)
    number: str | None  # as printed, without a trailing 、 . ．
    style: str | None
    level: int  # depth of a heading, 1 outermost; paragraphs take their heading's level
    parent: int | None  # index of the enclosing heading block


@dataclass(frozen=True, slots=True)
class Outline:
    title: str
    title_span: Span | None
    blocks: tuple[Block, ...]
    annex: tuple[str, ...]
    doc_number: str | None = None  # the plan's own number, printed above its title


def outline(text: str, folded: str, lines: tuple[Line, ...]) -> Outline:
    """Split the lines of a plan into its title, blocks and 附件 titles."""
    title_lines, rest = _title_lines(folded, lines)
    blocks: list[Block] = []
    annex: list[str] = []
    styles: list[str] = []  # open heading styles, outermost first
    heads: list[int] = []  # block index of the open heading at each depth
    seen: set[str] = set()  # every numbering style the text has used so far
    in_annex = False
    for line, start, end in _logical_lines(folded, rest):
        m = _ANNEX.match(folded, start, end)
        if m is not None:
            listed = _NUMBERING.match(folded, m.end(), end)  # 附件：1.清单 (a list begins)
            name = text[listed.end() if listed else m.end() : end].strip()
            if name:
                annex.append(name)
            in_annex = not name or listed is not None
            # An annex (often a responsibilities table) starts a tree of its own.
            styles, heads = [], []
            continue
        m = _NUMBERING.match(folded, start, end)
        if in_annex and _annex_title(folded, m.end() if m else start, end, numbered=bool(m)):
            annex.append(text[m.end() if m else start : end].strip())
            in_annex = m is not None  # a list of annexes goes on; a single title ends it
            continue
        in_annex = False
        pieces = _pieces(folded, start, end, [blocks[h] for h in heads])
        for a, b in (cut for piece in pieces for cut in _run_together(folded, *piece)):
            m = _NUMBERING.match(folded, a, b)
            if m is None or m.end() >= b:
                parent = heads[-1] if heads else None
                blocks.append(Block(line, a, a, b, None, None, len(heads), parent))
                continue
            style = _style(m)
            if style in styles:
                depth = styles.index(style)
                del styles[depth:], heads[depth:]
            elif style not in seen:
                depth = _opens_at(
                    folded, [blocks[h] for h in heads], styles, style, m.group(m.lastgroup or 0)
                )
                del styles[depth:], heads[depth:]
            styles.append(style)
            seen.add(style)
            group = m.lastgroup
            assert group is not None  # each numbering style is a named group of _NUMBERING
            number = text[m.start(group) : m.end(group)]
            parent = heads[-1] if heads else None
            heads.append(len(blocks))
            blocks.append(Block(line, a, m.end(), b, number, style, len(styles), parent))
    title = "".join(text[s:e] for s, e in (_bounds(folded, ln) for ln in title_lines))
    span = None
    if title_lines:
        first, last = title_lines[0], title_lines[-1]
        span = Span(_bounds(folded, first)[0], _bounds(folded, last)[1], first.number)
    own = next(
        (
            m.group(0)
            for ln in lines[: lines.index(rest[0]) if rest else len(lines)]
            if (m := _OWN_NUMBER.fullmatch(folded, *_bounds(folded, ln)))
        ),
        None,
    )
    return Outline(title, span, tuple(blocks), tuple(annex), own)


def _logical_lines(folded: str, lines: tuple[Line, ...]) -> list[tuple[Line, int, int]]:
    """The non-empty lines as (line, start, end), with broken lines joined to the lines that
    finish them: a number alone on its line (`1.` then the item's text, as mirror sites
    print it), a label alone (`责任单位：` then the units), a bracket left open (a clause
    wrapped onto the next line: `（A牵头，B、` then `C配合）`) and a list left open
    (`责任单位：A、` then `B`)."""
    bounds = [(line, *_bounds(folded, line)) for line in lines]
    bounds = [(line, a, b) for line, a, b in bounds if a < b]
    out: list[tuple[Line, int, int]] = []
    i = 0
    while i < len(bounds):
        line, start, end = bounds[i]
        i += 1
        m = _NUMBERING.match(folded, start, end)
        if (
            m is not None
            and m.end() >= end
            and i < len(bounds)
            and not _NUMBERING.match(folded, bounds[i][1], bounds[i][2])
        ):
            end = bounds[i][2]
            i += 1
        if (
            _label_alone(folded, start, end)
            and i < len(bounds)
            and not _NUMBERING.match(folded, bounds[i][1], bounds[i][2])
        ):
            end = bounds[i][2]  # `责任单位：` alone, its units on the next line
            i += 1
        depth = _depth(folded, start, end)
        extra = 0
        while depth > 0 and extra < _WRAPPED_LINES and i < len(bounds):
            _, a, b = bounds[i]
            after = depth + _depth(folded, a, b)
            if _NUMBERING.match(folded, a, b) or after >= depth:
                break  # the next line is an item of its own, or closes nothing
            end, depth = b, after
            i += 1
            extra += 1
        extra = 0
        while (
            folded[_rstrip_end(folded, start, end) - 1] in _LIST_GOES_ON
            and extra < _WRAPPED_LINES
            and i < len(bounds)
            and not _NUMBERING.match(folded, bounds[i][1], bounds[i][2])
        ):
            end = bounds[i][2]
            i += 1
            extra += 1
        out.append((line, start, end))
    return out


# A line ending in a list's separator goes on on the next line (`责任单位：A、B、` then `C`):
# no sentence, heading or list ends with one.
_LIST_GOES_ON = frozenset("、，")


def _label_alone(folded: str, start: int, end: int) -> bool:
    """A line holding only a clause's label and its colon (`责任单位：`, `牵头单位:`)."""
    m = clauses.LABEL.match(folded, start, end)
    return m is not None and m.end() == _rstrip_end(folded, start, end) and m.group(0)[-1] in "：:"


def _rstrip_end(folded: str, start: int, end: int) -> int:
    while end > start + 1 and folded[end - 1] in " \t":
        end -= 1
    return end


# How many lines a wrapped clause may run on over.
_WRAPPED_LINES = 3
_OPENING = frozenset("（【〔［[{")
_CLOSING = frozenset("）】〕］]}")


def _depth(folded: str, start: int, end: int) -> int:
    """Brackets opened and not closed in folded[start:end]."""
    depth = 0
    for ch in folded[start:end]:
        if ch in _OPENING:
            depth += 1
        elif ch in _CLOSING:
            depth -= 1
    return depth


def _style(m: re.Match[str]) -> str:
    style = m.lastgroup or ""
    if style == "dnum":  # 1.1 and 1.1.1 are different depths
        style += str(len(re.findall(r"[.．]", m.group(style))))
    return style


def _pieces(folded: str, start: int, end: int, heads: list[Block]) -> list[tuple[int, int]]:
    """A line holding several items, as when a .docx or a web page lost its line breaks
    (`1.…（责任单位：A）2.…（责任单位：B）`), split into one piece per item.

    An item starts inside the line only where the next number of a running list (the
    open headings `heads` and this line's) follows a responsibility clause, or where a
    list starts: after a heading's short title (`（一）加强….1.…`) or with a second item
    that starts that way. A sentence that counts `1.…；2.…` with one clause at the end
    stays one item."""
    found = [
        (m.end(), n, _style(n), _value(n.lastgroup, n.group(n.lastgroup or 0)))
        for m in _BREAK.finditer(folded, start + 1, end)
        if (n := _NUMBERING.match(folded, m.end(), end)) is not None and n.end() < end
    ]
    if not found:
        return [(start, end)]
    running = [(h.style or "", _value(h.style, h.number or "")) for h in heads]
    own = _NUMBERING.match(folded, start, end)
    body = start  # where the current piece's text starts, after its numbering
    numbered = own is not None
    if own is not None:
        _push(running, _style(own), _value(own.lastgroup, own.group(own.lastgroup or 0)))
        body = own.end()
    cuts = []
    # Where each style's next second item is, for a list that starts inside the line.
    seconds: dict[str, list[int]] = {}
    for a, _, s, v in found:
        if v == 2:
            seconds.setdefault(s, []).append(a)
    for at, n, style, value in found:
        follows = value is not None and (style, value - 1) in running
        starts = (
            value == 1
            and all(s != style for s, _ in running)
            and (
                (numbered and is_title_like(folded[body:at]))
                or (
                    (k := bisect_right(seconds.get(style, []), at)) < len(seconds.get(style, []))
                    and _after_clause(folded, at, seconds[style][k])
                )
            )
        )
        if (follows and _after_clause(folded, body, at)) or starts:
            cuts.append(at)
            _push(running, style, value)
            body, numbered = n.end(), True
    bounds = [start, *cuts, end]
    return [(a, _wstrip(folded, a, b)) for a, b in pairwise(bounds)]


def _run_together(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """Items run together in one paragraph, each closing with its clause
    (`任务一。（A牵头）任务二。（B牵头）`), split after each clause that ends a sentence's item
    and is followed by more text, or that closes a counted point before the next one
    (`一是…（A）；二是…（B）`). A clause wrapped onto the start of the next line stays a
    piece of its own, for the item on the line before."""
    cuts = []
    piece = start
    at = folded.find("（", start, end)
    while 0 <= at < end:
        close = clauses.matching_close(folded, at, end)
        if close is None:
            break
        after = close + 1
        before = folded[start:at].rstrip(" \t")
        point = _next_point(folded, piece, at, after, end)
        if (
            point is not None
            or (
                (at == start or before.endswith(("。", "；")))
                and after < end
                and folded[after] not in "，。；、：）"
            )
        ) and clauses.parse(folded, at + 1, close) is not None:
            while after < end and folded[after] in " \t":
                after += 1
            piece = point if point is not None else after
            cuts.append(piece)
        at = folded.find("（", after, end)
    if not cuts:
        return [(start, end)]
    bounds = [start, *cuts, end]
    return [(a, _wstrip(folded, a, b)) for a, b in pairwise(bounds)]


# The points an item counts in its sentence: 一是…，二是…; 其一, 其二; 第一，第二，; 首先，其次，
# (not 统一是, 第一是 inside a word).
_POINT_WORDS = ("首先", "其次", "再次")
_POINT_PATTERN = (
    rf"(?:(?P<is>[{_CN}]{{1,3}})是|其(?P<its>[{_CN}]{{1,3}})[，、：]|第(?P<ord>[{_CN}]{{1,3}})[，、：]"
    rf"|(?P<word>{'|'.join(_POINT_WORDS)})[，、：])"
)
_POINT = re.compile(rf"(?<![一-龥]){_POINT_PATTERN}")
_POINT_AFTER = re.compile(rf"[。；，]?\s*{_POINT_PATTERN}")


def _point_value(m: re.Match[str]) -> int | None:
    if m["word"] is not None:
        return _POINT_WORDS.index(m["word"]) + 1
    return counting_value(m["is"] or m["its"] or m["ord"] or "")


def _next_point(folded: str, piece: int, at: int, after: int, end: int) -> int | None:
    """Where the next counted point starts right after a clause (`一是…（A）二是…`), when the
    piece before it counts the point before in the same words; None when no point follows."""
    nxt = _POINT_AFTER.match(folded, after, end)
    if nxt is None:
        return None
    points = list(_POINT.finditer(folded, piece, at))
    last = points[-1] if points else None
    if (
        last is None
        or last.lastgroup != nxt.lastgroup
        or _point_value(nxt) != (_point_value(last) or 0) + 1
    ):
        return None
    assert nxt.lastgroup is not None  # each kind of point is a named group
    return nxt.start(nxt.lastgroup) - (1 if nxt.lastgroup in ("its", "ord") else 0)


def _push(running: list[tuple[str, int | None]], style: str, value: int | None) -> None:
    """Open a numbered item: it closes every item of its own style or deeper."""
    depth = next((d for d, (s, _) in enumerate(running) if s == style), len(running))
    del running[depth:]
    running.append((style, value))


# What may end an item run on from the line before: a sentence, a closing bracket, or a
# space where a page flattened onto one line lost its line breaks.
_BREAK = re.compile(r"[。；）】〕］\]]\s*|\s+")
# Numbers printed as one character, by the first of their run.
_ONE_CHARACTER = {"circle": "①", "pcircle": "⑴", "dcircle": "⒈"}


def _value(style: str | None, number: str) -> int | None:
    """The number an item's numbering counts: 3 for 3. （3） ③ 三、 （三） 1.3."""
    if style in _ONE_CHARACTER:
        return ord(number) - ord(_ONE_CHARACTER[style]) + 1
    digits = re.findall(rf"\d+|[{_CN}]+", number)
    if not digits:
        return None
    last = digits[-1]
    return int(last) if last.isdigit() else counting_value(last)


def _outside(folded: str, open_heads: list[Block], style: str, number: str) -> bool:
    """Whether a numbering the text has not used before belongs outside the items open, not under
    them: it does not start at its first number (二、 after a table or items whose 一、 is
    not in the text) and the item open last closes with its own clause, so is a task with
    no items of its own (`2.修路（牵头单位：…）` then `二、保障措施`)."""
    if not open_heads or (_value(style, number) or 1) <= 1:
        return False
    last = open_heads[-1]
    return _after_clause(folded, last.body, last.end)


# Numbering styles in the order plans nest them, outermost first (一、 > （一） > 1. > （1） > ①).
_RANKED = ("chapter", "cn", "pcn", "num", "pnum", "circle")


def _opens_at(
    folded: str, open_heads: list[Block], styles: list[str], style: str, number: str
) -> int:
    """How many of the open items a numbering the text has not used before sits under: none
    when it is `_outside` them; else, after an item that closes with its own clause (a task,
    which has no sections), beside every open item of a style plans nest under it
    (`3.修路（牵头单位：…）` then `（一）农村公路`: a table's category row after its first
    tasks heads a section of the part, not one inside task 3)."""
    if _outside(folded, open_heads, style, number):
        return 0
    last = open_heads[-1] if open_heads else None
    if style in _RANKED and last is not None and _after_clause(folded, last.body, last.end):
        rank = _RANKED.index(style)
        return next(
            (d for d, s in enumerate(styles) if s in _RANKED and _RANKED.index(s) > rank),
            len(styles),
        )
    return len(styles)


def _after_clause(folded: str, body: int, at: int) -> bool:
    """Whether the text from body to at ends with a responsibility clause. Only the text
    just before `at` is read: a clause is near the end, and a long line of items that have
    none must not be read again from its start for every number in it."""
    start = max(body, at - _CLAUSE_REACH)
    return bool(clauses.trailing(folded, start, _wstrip(folded, start, at))[1])


_CLAUSE_REACH = 2000  # characters: longer than any clause


def _wstrip(folded: str, start: int, end: int) -> int:
    while end > start and folded[end - 1] in " \t":
        end -= 1
    return end


def _annex_title(folded: str, start: int, end: int, numbered: bool) -> bool:
    """A line naming an annex after `附件：`: short, no sentence, no clause; a numbered
    one must end like a document (…表, …清单), else it is the annex's first heading."""
    return (
        end - start < 40
        and "。" not in folded[start:end]
        and not clauses.trailing(folded, start, end)[1]
        and (not numbered or bool(_ANNEX_NAME.search(folded, start, end)))
    )


def title_of(text: str) -> str:
    """A heading's title: the part before its first 。 or ： (a heading may run on)."""
    m = re.search(r"[。：:]", text)
    title = text[: m.start()] if m else text
    return title.strip(" ，,；;")


def is_title_like(text: str) -> bool:
    """Text that reads as a heading: one short sentence."""
    body = text.rstrip("。 ")
    return len(body) <= 30 and not re.search(r"[。；]", body)


def line_at(lines: tuple[Line, ...], offset: int) -> int:
    """Line.number of the line holding a text offset."""
    i = bisect_right(_starts(lines), offset) - 1
    return lines[max(i, 0)].number if lines else 1


_last_starts: tuple[tuple[Line, ...], list[int]] = ((), [])


def _starts(lines: tuple[Line, ...]) -> list[int]:
    """Line starts, kept for the plan being parsed (by identity: hashing lines is slow).
    Read once into a local, so a parse in another thread cannot swap it mid-call."""
    global _last_starts
    cached = _last_starts
    if cached[0] is not lines:
        cached = (lines, [ln.start for ln in lines])
        _last_starts = cached
    return cached[1]


def _bounds(folded: str, line: Line) -> tuple[int, int]:
    start = line.start
    end = line.start + len(line.text)
    m = _NOISE.match(folded, start, end)
    if m is not None:
        start = m.end()
    while end > start and folded[end - 1] in " \t*":
        end -= 1
    return start, end


def _title_lines(folded: str, lines: tuple[Line, ...]) -> tuple[list[Line], tuple[Line, ...]]:
    """The first block of short lines that are neither numbered nor sentences. Lines before
    it that only say `附件1`, a document number, a date or 签发人 are skipped."""
    title: list[Line] = []
    i = 0
    while i < len(lines) and (
        not lines[i].text.strip() or _BEFORE_TITLE.fullmatch(folded, *_bounds(folded, lines[i]))
    ):
        i += 1
    while i < len(lines):
        start, end = _bounds(folded, lines[i])
        text = folded[start:end]
        if (
            start >= end
            or len(text) > 60
            or text.endswith(("。", "；", "："))
            or _NUMBERING.match(folded, start, end)
            or _ANNEX.match(folded, start, end)
            or clauses.states_rule(folded, start, end)  # （列第一位的为牵头单位）: a note
        ):
            break
        title.append(lines[i])
        i += 1
    return title, lines[i:]
