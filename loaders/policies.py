"""Policies: cited documents (《title》（号）) and the funding and land measures in tasks.

Citations of one document resolve to one Policy: by document number in any bracket style
(国发[2021]3号 = 国发〔2021〕3号), or by title when the issuer and the kind of document
agree and one title's subject is the other's with one run of words left out (the sample
spells 粤发〔2021〕15号 three ways, once without 和原中央苏区, and gives its number once).
The subject is compared without the frame every title shares (`国务院关于…的意见`), and
titles whose subjects differ in any other way (支持山区 / 支持林区) are two documents.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .fold import fold
from .model import Line, Policy, PolicyKind, Span, Task
from .outline import Outline, line_at
from .tasks import region

_DOC_NUMBER = re.compile(
    r"([一-龥]{1,8}?)\s*[〔\[［【（]\s*((?:19|20)\d\d)\s*[〕\]］】）]\s*(\d{1,4})\s*号"
)
# Words a number's prefix may have taken in from the sentence before it.
_BEFORE_NUMBER = re.compile(
    r"^.*(?:根据|按照|依据|参照|依照|贯彻落实|贯彻|落实|印发|转发|执行|详见|见|及|和|与|的|以)"
)
_TITLE = re.compile(r"《([^《》]{2,150})》")
_NUMBER_AFTER = re.compile(r"\s*（\s*([^（）]*?[〔\[［【（][^（）]*?[〕\]］】）][^（）]*?号)\s*）")
_DOC_TYPES = (
    "实施意见",
    "指导意见",
    "意见",
    "实施方案",
    "工作方案",
    "方案",
    "通知",
    "办法",
    "规划",
    "决定",
    "条例",
    "规定",
    "细则",
    "纲要",
    "计划",
    "措施",
    "若干措施",
    "意见稿",
)
# Issuers of common document-number prefixes, for a number cited without its title.
_ISSUERS = {
    "国发": "国务院",
    "国办发": "国务院办公厅",
    "中发": "中共中央 国务院",
    "中办发": "中共中央办公厅 国务院办公厅",
    "粤发": "中共广东省委 广东省人民政府",
    "粤府": "广东省人民政府",
    "粤府办": "广东省人民政府办公厅",
}
_IMPLEMENTS = re.compile(r"贯彻|落实|实施|执行")

# 资金 alone is no measure (充分发挥资金的杠杆作用): it must be given, directed or earmarked.
_FUNDING = re.compile(
    r"财力补助|补助|奖补|奖励|补贴|贴息|以奖代补|出资|专项债|债务限额|补偿基金|基金|专项融资"
    r"|融资|信贷|贷款|拨付|\d+(?:\.\d+)?\s*[万亿]元"
    r"|(?:专项|配套|补助|奖补|扶持|债券)资金|资金池"
    r"|资金(?=[^，。；]{0,12}?(?:扶持|支持|倾斜|安排|下达|投入))"
    r"|(?:安排|下达|争取|统筹|整合|筹措|设立)[^，。；]{0,12}?资金"
)
_LAND = re.compile(r"用地|占补平衡|增减挂钩|(?:用林|林地|结余)[一-龥]{0,2}指标|土地整[治理]")
_OTHER = re.compile(r"政策(?!文件)")
_AMOUNT = re.compile(r"((?:每个?[县市镇村人户年所项])*)\s*(\d+(?:\.\d+)?)\s*(万|亿|千)?\s*元")
_RATIO = re.compile(r"(\d+)\s*[:：比]\s*(\d+)")
# A clause giving money (一次性安排1000万元) is a measure of its own, not the amount of the
# measure before it (设立担保基金，规模10亿元).
_GIVING = re.compile(r"安排|下达|投入|筹集|筹措|给予|提供")
_CLAUSE_END = re.compile(r"[，。；\n]")
_RATIO_CONTEXT = re.compile(r"比例|出资|配套|分担")
_LEADING_VERBS = re.compile(
    r"^(?:积极|加快|争取|用好用活|统筹用好|用好|用活|根据|按照|按|获得|申请|推动|加大|落实|"
    r"探索|实施|完善|做好|继续|进一步|全力|大力|建立|健全|设立)+"
)
_YUAN = {"万": 1e4, "亿": 1e8, "千": 1e3, None: 1.0}


@dataclass
class _Citation:
    title: str | None
    number: str | None
    written: str
    span: Span
    implemented: bool


def canonical_number(written: str) -> str | None:
    """国发[2021]3号, 国发（2021）3号 -> 国发〔2021〕3号."""
    m = _DOC_NUMBER.search(fold(written))
    if m is None:
        return None
    prefix = _BEFORE_NUMBER.sub("", m.group(1)) or m.group(1)
    return f"{prefix}〔{m.group(2)}〕{m.group(3)}号"


def cited(
    text: str, folded: str, lines: tuple[Line, ...], tree: Outline, tasks: tuple[Task, ...]
) -> list[Policy]:
    """Every document the plan cites, one Policy per document."""
    preamble_end = next((b.start for b in tree.blocks if b.number is not None), len(text))
    found: list[_Citation] = []
    taken: list[tuple[int, int]] = []
    implementing = _Implementing(folded)
    for m in _TITLE.finditer(folded):
        title = re.sub(r"\s*\n\s*", "", text[m.start(1) : m.end(1)]).strip()
        end = m.end()
        number = None
        after = _NUMBER_AFTER.match(folded, m.end())
        if after is not None and canonical_number(after.group(1)):
            number = canonical_number(after.group(1))
            end = after.end()
        written = re.sub(r"\s*\n\s*", "", text[m.start() : end])
        implemented = m.start() < preamble_end and implementing.at(m.start())
        found.append(
            _Citation(
                title, number, written, Span(m.start(), end, line_at(lines, m.start())), implemented
            )
        )
        taken.append((m.start(), end))
    starts = [a for a, _ in taken]
    for m in _DOC_NUMBER.finditer(folded):
        i = bisect_right(starts, m.start()) - 1
        if i >= 0 and m.start() < taken[i][1]:  # inside a title's citation
            continue
        lead = _BEFORE_NUMBER.match(m.group(1))
        start = m.start() + (lead.end() if lead and lead.end() < len(m.group(1)) else 0)
        found.append(
            _Citation(
                None,
                canonical_number(m.group(0)),
                text[start : m.end()],
                Span(start, m.end(), line_at(lines, start)),
                False,
            )
        )
    return [_policy(group, tasks) for group in _group(found)]


def measures(text: str, folded: str, tasks: tuple[Task, ...]) -> list[Policy]:
    """Funding measures named in task text, one per measure; land measures, one per task;
    and any other policy a task names (`…补偿政策`) when it names no funding or land
    measure."""
    by_id: dict[str, list[Policy]] = {}
    for task in tasks:
        start, end = region(text, task)
        found = [
            _policy_of(text, task, PolicyKind.FUNDING, a, b, detail)
            for a, b, detail in _funding(folded, start, end)
        ]
        kinds = ((PolicyKind.LAND, _LAND), (PolicyKind.OTHER, _OTHER))
        for kind, pattern in kinds:
            m = pattern.search(folded, start, end)
            if m is not None and not (kind == "other" and found):
                a, b = _clause_around(folded, m.start(), m.end(), start, end)
                found.append(_policy_of(text, task, kind, a, b))
        for policy in found:
            by_id.setdefault(policy.id, []).append(policy)
    return [_merge(seen) for seen in by_id.values()]


@dataclass
class _Detail:
    """What a funding measure's clauses state: its amount and its ratio."""

    amount: re.Match[str] | None = None
    ratio: str | None = None


def _funding(folded: str, start: int, end: int) -> list[tuple[int, int, _Detail]]:
    """(clause start, clause end, detail) of each funding measure in
    folded[start:end], in order.

    Each clause (up to ，。；) naming a funding word is a measure, with the amount (the one
    nearest its funding word) and ratio of its own clause, except a clause that returns to a
    measure named before it (`用好专项财力补助。…重点老区补助标准提高至每县每年5000万元`: its
    first funding word is part of one of that measure's) or that only states an amount or a ratio
    (`设立引导基金，规模10亿元`): its amount and ratio go to that measure, if it has none, the
    nearest before it in the same sentence for a bare amount or ratio. A clause giving an
    amount (`县财政安排500万元`) is a measure of its own.
    """
    found: list[tuple[int, int, list[str], _Detail]] = []
    matches = list(_FUNDING.finditer(folded, start, end))
    if not matches:
        return []  # most tasks name none: spare them the clause by clause reading
    for a, b in _clauses(folded, start, end):
        # An amount is a funding word itself, or inside one (安排…万元…资金).
        named = [w for w in matches if a <= w.start() < b]
        spans = [w.span() for w in named if not _AMOUNT.fullmatch(w.group(0))]
        words = [folded[x:y] for x, y in spans]
        amount = _nearest(list(_AMOUNT.finditer(folded, a, b)), spans) if named else None
        detail = _Detail(amount, _ratio(folded, a, b))
        if not words and detail.amount is None and detail.ratio is None:
            continue
        if words:
            owner = next((f for f in reversed(found) if any(words[0] in w for w in f[2])), None)
        elif _GIVING.search(folded, a, b):
            owner = None
        else:
            sentence = max(folded.rfind("。", start, a), folded.rfind("\n", start, a))
            owner = next((f for f in reversed(found) if f[0] > sentence), None)
        if (
            owner is not None
            and (owner[3].amount is None or detail.amount is None)
            and (owner[3].ratio is None or detail.ratio is None)
        ):
            owner[3].amount = owner[3].amount or detail.amount
            owner[3].ratio = owner[3].ratio or detail.ratio
        elif words or detail.amount is not None:
            found.append((a, b, words, detail))
    return [(a, b, detail) for a, b, _, detail in found]


def _nearest(amounts: list[re.Match[str]], words: list[tuple[int, int]]) -> re.Match[str] | None:
    """The amount nearest a funding word of its clause (`对投资超10亿元的项目给予奖励200万元`:
    200万元, the 奖励's), or the first when the clause names none but amounts."""
    if not amounts or not words:
        return amounts[0] if amounts else None
    return min(amounts, key=lambda m: min(max(x - m.end(), m.start() - y) for x, y in words))


def _clauses(folded: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each clause of folded[start:end], its ，。； or line break left out."""
    cuts = [m.start() for m in _CLAUSE_END.finditer(folded, start, end)]
    return list(zip([start, *(c + 1 for c in cuts)], [*cuts, end], strict=True))


def _ratio(folded: str, a: int, b: int) -> str | None:
    if not _RATIO_CONTEXT.search(folded, a, b):
        return None
    r = _RATIO.search(folded, a, b)
    return f"{r.group(1)}:{r.group(2)}" if r else None


def _policy_of(
    text: str, task: Task, kind: PolicyKind, a: int, b: int, detail: _Detail | None = None
) -> Policy:
    name = _LEADING_VERBS.sub("", text[a:b].strip()) or text[a:b].strip()
    money = detail.amount if detail else None
    return Policy(
        id=f"policy:{kind}:{_key(name)}",
        name=name,
        title=None,
        doc_number=None,
        issuer=None,
        year=None,
        kind=kind,
        amount=re.sub(r"\s", "", text[money.start() : money.end()]) if money else None,
        amount_value=float(money.group(2)) * _YUAN[money.group(3)] if money else None,
        ratio=detail.ratio if detail else None,
        written_as=(text[a:b],),
        tasks=(task.id,),
        implemented=False,
        spans=(Span(a, b, task.span.line),),
    )


def _merge(seen: list[Policy]) -> Policy:
    """One measure named by several tasks: the first naming, every task and spelling."""
    first = seen[0]
    return Policy(
        id=first.id,
        name=first.name,
        title=None,
        doc_number=None,
        issuer=None,
        year=None,
        kind=first.kind,
        amount=next((p.amount for p in seen if p.amount), None),
        amount_value=next((p.amount_value for p in seen if p.amount_value), None),
        ratio=next((p.ratio for p in seen if p.ratio), None),
        written_as=tuple(dict.fromkeys(w for p in seen for w in p.written_as)),
        tasks=tuple(dict.fromkeys(t for p in seen for t in p.tasks)),
        implemented=False,
        spans=tuple(s for p in seen for s in p.spans),
    )


def _clause_around(folded: str, a: int, b: int, start: int, end: int) -> tuple[int, int]:
    while a > start and folded[a - 1] not in "，。；\n":
        a -= 1
    while b < end and folded[b] not in "，。；\n":
        b += 1
    return a, b


# A shortened title leaves out one run of at most this many characters of the subject,
# and keeps at least this share of it.
_LEFT_OUT_MAX = 8
_KEPT_MIN = 2 / 3


def _group(found: list[_Citation]) -> list[list[_Citation]]:
    """Citations of the same document, in order of first citation.

    Each title is looked up, not compared with every other: its subject, and each
    shortening of it, index the group that wrote it, so a plan citing thousands of
    documents groups them in time linear in their number.
    """
    groups: list[list[_Citation]] = []
    by_number: dict[str, int] = {}
    by_subject: dict[tuple[str, ...], int] = {}  # (issuer, type, subject) -> group
    shortened: dict[tuple[str, ...], int] = {}  # the same for each shortening of a subject
    numbers: list[str | None] = []  # each group's document number
    for c in found:
        key = _subject_key(c.title) if c.title else None
        shorts = _shortenings(key) if key else []
        at = by_number.get(c.number) if c.number else None
        if at is None and key:
            candidates = [by_subject.get(key), shortened.get(key)]
            candidates += [by_subject.get(k) for k in shorts]
            # A group numbered otherwise is another document, however alike the titles.
            at = next(
                (
                    g
                    for g in candidates
                    if g is not None and (c.number is None or numbers[g] in (None, c.number))
                ),
                None,
            )
        if at is None:
            at = len(groups)
            groups.append([])
            numbers.append(None)
        groups[at].append(c)
        if c.number:
            by_number.setdefault(c.number, at)
            numbers[at] = numbers[at] or c.number
        if key:
            by_subject.setdefault(key, at)
            for k in shorts:
                shortened.setdefault(k, at)
    return groups


def _subject_key(title: str) -> tuple[str, str, str]:
    """(issuer, kind of document, subject): the frame `X关于…的意见` taken off the subject."""
    issuer, subject = _split_title(title)
    kind = _doc_type(subject)
    core = _key(subject[: len(subject) - len(kind)])
    return _key(issuer or ""), kind, core.removesuffix("的")


def _shortenings(key: tuple[str, str, str]) -> list[tuple[str, str, str]]:
    """The key with one run of its subject left out (see _LEFT_OUT_MAX and _KEPT_MIN)."""
    issuer, kind, core = key
    longest = min(_LEFT_OUT_MAX, int(len(core) * (1 - _KEPT_MIN)))
    return [
        (issuer, kind, core[:i] + core[i + n :])
        for n in range(1, longest + 1)
        for i in range(1, len(core) - n)  # the subject's first and last words stay
    ]


def _policy(group: list[_Citation], tasks: tuple[Task, ...]) -> Policy:
    numbered = [c for c in group if c.number]
    titled = [c for c in group if c.title]
    best: _Citation | None
    if numbered and numbered[0].title:
        best = numbered[0]
    else:
        best = max(titled, key=lambda c: len(c.title or ""), default=None)
    title = best.title if best else None
    number = numbered[0].number if numbered else None
    issuer = _split_title(title)[0] if title else None
    prefix = re.match(r"[一-龥]+?(?=〔)", number) if number else None
    if issuer is None and prefix is not None:
        issuer = _ISSUERS.get(prefix.group(0))
    spans = tuple(c.span for c in group)
    return Policy(
        id=f"policy:{number or _key(title or '')}",
        name=title or number or "",
        title=title,
        doc_number=number,
        issuer=issuer,
        year=int(number[number.index("〔") + 1 : number.index("〕")]) if number else None,
        kind=PolicyKind.DOCUMENT,
        amount=None,
        amount_value=None,
        ratio=None,
        written_as=tuple(dict.fromkeys(c.written for c in group)),
        tasks=_tasks_at(tasks, spans),
        implemented=any(c.implemented for c in group),
        spans=spans,
    )


class _Implementing:
    """`为贯彻落实《A》（号）和《B》`: whether a word of implementing comes earlier in the
    sentence, outside any 《title》. Asked at increasing offsets, it reads each stretch of
    text once, so a sentence citing thousands of titles costs time linear in its length."""

    def __init__(self, folded: str) -> None:
        self._folded = folded
        self._read = 0  # text before this offset has been read
        self._found = False  # a word of implementing, in the sentence being read

    def at(self, offset: int) -> bool:
        folded, start = self._folded, self._read
        end_of_sentence = max(folded.rfind("。", start, offset), folded.rfind("\n", start, offset))
        if end_of_sentence >= 0:  # a new sentence began since the last question
            start, self._found = end_of_sentence + 1, False
        # The stretch starts at a 《 at most, so its titles are whole.
        stretch = re.sub(r"《[^《》]*》", "", folded[start:offset])
        self._found = self._found or bool(_IMPLEMENTS.search(stretch))
        self._read = offset
        return self._found


def _tasks_at(tasks: tuple[Task, ...], spans: tuple[Span, ...]) -> tuple[str, ...]:
    """Ids of the tasks whose printed item holds one of the spans (tasks are in text order)."""
    starts = [t.span.start for t in tasks]
    found = []
    for s in spans:
        i = bisect_right(starts, s.start) - 1
        if i >= 0 and s.start < tasks[i].span.end:
            found.append(tasks[i].id)
    return tuple(dict.fromkeys(found))


def _split_title(title: str) -> tuple[str | None, str]:
    """(issuer, subject): `国务院关于…的意见` -> (国务院, …的意见)."""
    at = title.find("关于")
    if 0 < at <= 40:
        return re.sub(r"[\s、，,]+", " ", title[:at]).strip(), title[at + 2 :]
    return None, title


def _doc_type(subject: str) -> str:
    return next((t for t in _DOC_TYPES if subject.endswith(t)), "")


def _key(text: str) -> str:
    return re.sub(r"[\s、，,·“”]", "", text)
