"""Responsibility clauses: who carries out an item, who leads, and by when.

A clause is read from the folded text (see fold.py) and reported with offsets, so the
caller slices the original for what was printed. Conventions understood:
`（责任单位：A、B，C）`, `（牵头单位：A；配合单位：B、C）`, `（A牵头，B、C配合）`,
`责任单位：A（牵头）`, `A、B按职责分工负责`, `（A、B负责）`, `（A牵头，B落实）`, an
unlabelled `（A、B）`, the same on a line of its own, labels in 【】/〔〕, deadlines
(`完成时限：…`, `6月底完成`, `长期坚持`), leaders (`责任领导：…`, skipped) and rule notes
(`列第一位者为牵头单位`, also riding on a unit: `A（首位单位为牵头单位，下同）`); prose
(`…，由A会同B落实。`), a heading naming who leads (`省某厅牵头的工作`), units before the
task (`1、市某局：…`, `（A牵头）…`), a dash before the clause (`…——A牵头`). The words of
each role come from vocabulary.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .marks import MARKS
from .model import Role, UnitKind
from .units import kind_of, looks_like_unit, split_collective, strip_pinyin
from .vocabulary import (
    BARE_LABELS,
    DEADLINE_LABELS,
    DEADLINE_PATTERN,
    LABEL_LEVEL,
    LEAD_LABELS,
    LEAD_MARKERS,
    LEADER_PATTERN,
    LEADER_SUFFIX,
    NOT_RESPONSIBILITY_LABELS,
    RESPONSIBLE_LABELS,
    RESPONSIBLE_MARKERS,
    SUPPORT_LABELS,
    SUPPORT_MARKERS,
    TASK_ADVERBS,
    TASK_VERBS,
    alternation,
)

_OPEN = "（【〔［[{"
_CLOSE = "）】〕］]}"

# 责任单位：A, 牵头单位为A, 牵头单位（部门）：A, 责任单位及责任人：A（张三）
_COLON = rf"(?:[（(](?:单位|部门)[）)])?(?:{LEADER_SUFFIX})?(?:\s*：|为：?)"
LABEL = re.compile(
    rf"{LABEL_LEVEL}(?P<lead>{alternation(LEAD_LABELS)}){_COLON}"
    rf"|{LABEL_LEVEL}(?P<support>{alternation(SUPPORT_LABELS)}){_COLON}"
    rf"|{LABEL_LEVEL}(?P<responsible>{alternation(RESPONSIBLE_LABELS)}){_COLON}"
    rf"|(?P<deadline>{alternation(DEADLINE_LABELS)}|{DEADLINE_PATTERN}){_COLON}"
    rf"|(?P<ignored>{LEADER_PATTERN}|{alternation(NOT_RESPONSIBILITY_LABELS)}){_COLON}"
)
# A label this vocabulary does not know (挂点单位：A、B, 包联部门：C), read as 责任单位 with a
# warning when it opens a clause; never a list's address (县直各单位：, 各成员单位：).
_UNNAMED_LABEL = re.compile(
    rf"{LABEL_LEVEL}(?P<name>(?![各诸])(?:(?!有关|相关|其他|其它|直属|成员)[一-龥]){{2,4}}"
    rf"(?:单位|部门)){_COLON}"
)
# A label that opens a clause: at the start, or after a sentence break or a bracket.
_LABEL_IN_LINE = re.compile(rf"(?:^|(?<=[。；，\s）】{_OPEN}]))(?:{LABEL.pattern})")

# Role words written after the units they apply to: `A牵头，B、C配合`, `A、B负责`.
_MARKER = re.compile(
    rf"(?:{alternation(LEAD_MARKERS)})$|(?:{alternation(SUPPORT_MARKERS)})$"
    rf"|(?:{alternation(RESPONSIBLE_MARKERS)})$"
)
_LEAD_WORDS = frozenset(LEAD_MARKERS)
_SUPPORT_WORDS = frozenset(SUPPORT_MARKERS)
_LEAD_IN_PARENS = re.compile(rf"[（(](?:{alternation(LEAD_LABELS)})[）)]$")
_SUPPORT_IN_PARENS = re.compile(rf"[（(](?:{alternation(SUPPORT_LABELS)})[）)]$")

# An assignment written into the sentence (`…的问题，由A、B研究提出意见。`, `由A牵头，会同B、C等
# 部门落实。`, `由A会同B负责落实。`): the units come after 由 and before what they are to do.
# 会同 (jointly with) or 牵头 makes the units before it the leads.
_PROSE = re.compile(
    r"""
    由(?P<units>[^，。；：]{2,}?)           # 由 and the first units
    (?:(?P<leads>牵头)，?)?                 # 由A牵头，会同B
    (?:会同(?P<with>[^，。；：]{2,}?))?     # 会同 the supporting units
    (?:等(?:有关|相关)?(?:部门|单位))?       # 等部门: the list is open, no unit of its own
    (?P<verb>
        (?:研究)?(?:提出|制定)[^，。；：]{0,8}   # 研究提出(落实)意见, 制定具体办法
      | (?:负责|抓好|组织|共同|研究)?(?:落实|实施|办理)
      | 负责
    )
    $
    """,
    re.VERBOSE,
)

_DEADLINE = re.compile(
    r"(?:\d{4}年|\d{1,2}月|年底|年内|年末|年前|上半年|下半年|季度|长期|持续|常态|每年|逐年"
    r"|底前|月底|前完成|按年度|按计划|分步|到期)"
)
# A person or an office in a list of units (张三副县长, 县政府分管领导, 分管领导同志).
_PERSON = re.compile(rf"(?:{LEADER_PATTERN})(?:同志)?$|副?[省市县区州盟旗镇乡]长|书记")
# A leader's titles in a list of units (县委常委、常务副县长 张三): 县委常委 ends like a unit but
# names a member of the party committee; the name after the titles is the person.
_TITLE = re.compile(r"(?:[省市县区州]委)?常委|(?:常务)?副?[省市县区州盟旗镇乡]长|[一-龥]{0,6}书记")
_PERSON_NAME = re.compile(r"[一-龥]\s?[一-龥]{1,3}")
_RULE_NOTE = re.compile(
    r"(?:第一|首|最前)(?:位|个|名)?[^，。；）]{0,8}(?:为|是|系)牵头|牵头单位(?:列|排)(?:第一|首)"
)


@dataclass(frozen=True, slots=True)
class UnitRef:
    """A unit as a clause names it; offsets index the line the clause was read from."""

    start: int
    end: int
    role: Role | None  # None when the clause does not say


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    units: tuple[UnitRef, ...]
    deadline: tuple[int, int] | None  # offsets of the deadline text
    first_leads: bool  # a rule note says the first listed unit leads
    note_onwards: bool  # ... and `下同`: it holds for the rest of the plan
    labelled: bool  # it has a responsibility label (责任单位：…), units read or not
    problems: tuple[str, ...]  # what could not be read, for the plan's warnings
    # A heading naming who leads the work below it (`（一）省某厅牵头的工作`): it leads
    # every item under the heading, whose own clauses name the others.
    heading: bool = False


def parse(f: str, start: int, end: int, labelled_only: bool = False) -> Clause | None:
    """Read f[start:end] as a clause's content, or None when it is not one."""
    labels = [m for m in LABEL.finditer(f, start, end)]
    unnamed = None if labels and labels[0].start() == start else _unnamed(f, start, end)
    if labelled_only and not labels and unnamed is None:
        return None
    units: list[UnitRef] = []
    problems: list[str] = []
    deadline: tuple[int, int] | None = None
    notes: list[tuple[int, int]] = []
    segments: list[tuple[str | None, int, int]] = []  # (label kind, start, end)
    first = labels[0].start() if labels else end
    if unnamed is not None:
        segments.append(("responsible", unnamed.end(), first))
        problems.append(f"role label not known, read as 责任单位: {unnamed['name']}")
    elif first > start:
        segments.append((None, start, first))
    for i, m in enumerate(labels):
        seg_end = labels[i + 1].start() if i + 1 < len(labels) else end
        segments.append((m.lastgroup, m.end(), seg_end))
    for kind, a, b in segments:
        a, b = _trim(f, a, b)
        if a >= b or kind == "ignored":
            continue
        if kind == "deadline":
            deadline = deadline or (a, b)
            continue
        default: Role | None = (
            Role.LEAD if kind == "lead" else Role.SUPPORT if kind == "support" else None
        )
        # A role word (牵头, 配合, 负责) is evidence enough that names in an unlabelled list
        # are units (财政部); every part must still be one.
        found = _units(
            f,
            a,
            b,
            default,
            labelled=kind is not None,
            strict=kind is None and not _has_marker(f, a, b),
        )
        if found is None:
            return None
        refs, dl, seg_notes, seg_problems = found
        units += refs
        deadline = deadline or dl
        notes += seg_notes
        problems += seg_problems
    if not (units or deadline or notes or labels):
        return None
    if unnamed is not None and not units:
        return None  # not a label after all: what follows names no unit
    if labels and not (units or deadline) and all(_bare(m) for m in labels):
        return None  # `配合：做好…`: prose after a role word, no label
    if (
        labels
        and not units
        and not deadline
        and any(m.lastgroup in ("lead", "support", "responsible") for m in labels)
    ):
        problems.append(f"responsibility clause names no unit: {f[start:end]}")
    return Clause(
        start=start,
        end=end,
        units=tuple(units),
        deadline=deadline,
        first_leads=bool(notes),
        note_onwards=any("下同" in f[a:b] for a, b in notes),
        labelled=unnamed is not None
        or any(m.lastgroup in ("lead", "support", "responsible") for m in labels),
        problems=tuple(problems),
    )


def _bare(m: re.Match[str]) -> bool:
    kind = m.lastgroup
    return kind in ("lead", "support") and m.group(kind) in BARE_LABELS


def _unnamed(f: str, start: int, end: int) -> re.Match[str] | None:
    m = _UNNAMED_LABEL.match(f, start, end)
    return m if m is not None and LABEL.match(f, m.start("name"), m.end()) is None else None


def trailing(f: str, start: int, end: int) -> tuple[int, list[Clause], list[str]]:
    """Clauses closing the item f[start:end]: (where the item's own text ends, clauses,
    problems). The clauses are in printed order."""
    clauses: list[Clause] = []
    problems: list[str] = []
    cut = _wstrip(f, start, end)  # the item's own text keeps its closing 。
    scan = _rstrip(f, start, cut)
    heading = _heading_lead(f, start, scan)
    if heading is not None:
        return cut, [heading], problems
    while scan > start and f[scan - 1] in _CLOSE:
        opening = _matching_open(f, start, scan - 1)
        if opening is None:
            break
        clause = parse(f, opening + 1, scan - 1)
        if clause is None:
            break
        clauses.insert(0, _widen(clause, opening, scan))
        cut = _wstrip(f, start, opening)
        scan = _rstrip(f, start, cut)
    label = _last_label(f, start, scan)
    closing = matching_close(f, label - 1, scan) if label and f[label - 1] in _OPEN else None
    # A bracket giving only the deadline (`…，B配合。（2026年底前完成）`) leaves the units to the
    # sentence before it.
    named = any(c.units or c.labelled for c in clauses)
    if label is not None and closing is not None:
        # `1.任务（责任单位：A），并做好…。`: a bracketed clause inside the item; the caller
        # cuts it out of the item's text.
        clause = parse(f, label, closing, labelled_only=True)
        if clause is not None:
            clauses.insert(0, _widen(clause, label - 1, closing + 1))
    elif label is not None:
        clause = parse(f, label, scan, labelled_only=True)
        if clause is not None:
            if label > start and f[label - 1] in _OPEN:
                problems.append(f"unclosed bracket before clause: {f[label - 1 : scan]}")
                label -= 1
            clauses.insert(0, _widen(clause, label, scan))
            cut = _wstrip(f, start, label)
    elif not named and (found := _prose(f, start, scan)):
        clauses.insert(0, found)
        cut = _wstrip(f, start, found.start)
    elif not named:
        sentence = _last_sentence(f, start, scan)
        if sentence is not None:
            clause = parse(f, sentence, scan)
            subject = _SUBJECT.match(f, sentence, scan)
            if clause is None and subject is not None:
                clause = parse(f, subject.end() - 1, scan)
            # `…。包保单位：A`: a label the vocabulary does not know opens the last sentence.
            marked = clause is not None and (clause.labelled or _has_marker(f, sentence, scan))
            if clause is not None and marked and clause.units and not _verb_first(f, clause):
                clauses.insert(0, clause)
                cut = _wstrip(f, start, sentence)
                while cut > start and f[cut - 1] == "—":
                    cut -= 1
        if not clauses and (tail := _comma_tail(f, sentence or start, scan)) is not None:
            clauses.insert(0, tail)
            cut = _wstrip(f, start, tail.start)
    return cut, clauses, problems


# Units written before the task they carry out: `1、市某局：推进…`, `（A牵头）推进…`.
_LEADING = re.compile(r"[^，。；：（）]{2,40}?：")
# `全区：`, `全县：` open a target for a whole place, not a unit's task.
_SCOPE = re.compile(r"全[省市县区镇乡]")


def leading(f: str, start: int, end: int) -> Clause | None:
    """The units opening a numbered item, before a colon or in a bracket, when every name
    there is a unit (an addressee line, `各镇人民政府、县直各单位：现将…`, is no item)."""
    if f.startswith("（", start) and (close := matching_close(f, start, end)) is not None:
        # `（A牵头）推进…`: a bracketed clause before the task.
        clause = parse(f, start + 1, close) if close + 1 < end else None
        if clause is not None and clause.units and _has_marker(f, start + 1, close):
            return _widen(clause, start, close + 1)
        return None
    m = _LEADING.match(f, start, end)
    if m is None or m.end() >= end or _SCOPE.match(f, start, m.end() - 1):
        return None
    found = _units(f, start, m.end() - 1, None, labelled=False, strict=True)
    if found is None or not found[0]:
        return None
    return Clause(start, m.end(), tuple(found[0]), None, False, False, True, ())


# A heading that says whose work follows: `省某厅牵头的工作`, `县某局负责的任务`.
_HEADING_LEAD = re.compile(
    rf"(?P<units>[^，。；：]{{2,}}?)(?P<role>{alternation(LEAD_MARKERS)}|负责)的"
    r"(?:重点)?(?:工作|任务|事项)(?:（[^（）]{1,8}）)?"  # （5项）: a count
)


def _heading_lead(f: str, start: int, end: int) -> Clause | None:
    """The clause of a heading naming who leads the work below it, or None. It takes no text
    from the heading: the title stays whole."""
    m = _HEADING_LEAD.fullmatch(f, start, end)
    if m is None:
        return None
    role: Role | None = Role.LEAD if m.group("role") != "负责" else None
    found = _units(f, *m.span("units"), role, labelled=False, strict=False)
    if found is None or not found[0]:
        return None
    return Clause(end, end, tuple(found[0]), None, False, False, True, (), heading=True)


def _prose(f: str, start: int, end: int) -> Clause | None:
    """The assignment closing the last sentence of f[start:end] in prose (`，由A会同B落实`),
    from its comma (or 由) to the end; None when there is none."""
    # An assignment is a short tail: look only that far back, so a long sentence full of
    # 由 costs no more than a short one.
    sentence = max(start, _last_sentence(f, start, end) or start, end - _PROSE_TAIL)
    at = f.rfind("由", sentence, end)
    while at >= sentence:
        if at == sentence or f[at - 1] in "，；":
            m = _PROSE.match(f, at, end)
            if m is not None:
                return _prose_clause(f, m, at - 1 if at > sentence else at, end)
        at = f.rfind("由", sentence, at)
    return None


_PROSE_TAIL = 300  # characters: longer than any list of units with its verb
# A sentence of its own saying who does the item, after a subject pointing back at it or an
# adverb (`此项工作由A牵头，B配合。`, `具体由A、B负责。`); a subject of its own (`具体工作由A负责`,
# in a part on safeguards) is a sentence about other work.
_SUBJECT = re.compile(r"(?:(?:此|该|本|上述|以上)项?(?:工作|任务)|具体|分别|均)由")


def _prose_clause(f: str, m: re.Match[str], start: int, end: int) -> Clause | None:
    leads = m.group("leads") or m.group("with")
    first = _units(f, *m.span("units"), Role.LEAD if leads else None, labelled=False, strict=False)
    if first is None or not first[0]:
        return None
    refs = first[0]
    if m.group("with"):
        more = _units(f, *m.span("with"), Role.SUPPORT, labelled=False, strict=False)
        if more is None:
            return None
        refs = refs + more[0]
    return Clause(start, end, tuple(refs), None, False, False, True, ())


# A sentence naming its units first, the lead before 会同 (`A会同B制定…`, `A要会同B…`); the
# units with it end where the task's verb begins.
_JOINTLY = re.compile(r"由?(?P<lead>[^，。；：（）由]{2,40}?)(?:要|应|须|需|将)?会同")
_JOINT_VERB = re.compile(
    rf"(?:要|应|须|将)?(?:{alternation(TASK_ADVERBS)})?(?:{alternation(TASK_VERBS)})"
)


def jointly(f: str, start: int, end: int) -> Clause | None:
    """The clause of a numbered item f[start:end] whose first or last sentence opens with
    A会同B and the task's verb (`2.县某局会同县某局制定…`): A leads, B supports. Only an item's:
    a paragraph so opened is as often an account of work done (背景, 工作成效)."""
    end = _rstrip(f, start, end)
    last = _last_sentence(f, start, end)
    return _jointly(f, start, end) or (_jointly(f, last, end) if last is not None else None)


def _jointly(f: str, start: int, end: int) -> Clause | None:
    """The clause of a sentence opening with A会同B. Every name must be a unit and A one of its
    own: `各部门要会同有关方面…` is a call on everyone, no assignment. The clause takes no text
    from the sentence: its units are its subject. Of the places a verb could end B's list, the
    last one after units only wins (县委组织部推进…: 组织 inside a name)."""
    m = _JOINTLY.match(f, start, end)
    if m is None:
        return None
    lead = _units(f, *m.span("lead"), Role.LEAD, labelled=False, strict=True)
    if (
        lead is None
        or not lead[0]
        or any(kind_of(f[r.start : r.end]) == UnitKind.COLLECTIVE for r in lead[0])
    ):
        return None
    stop = next((i for i in range(m.end(), end) if f[i] in "，。；：（"), end)
    support = None
    for at in range(m.end() + 2, stop):
        if _JOINT_VERB.match(f, at, stop) is None:
            continue
        found = _units(f, m.end(), at, Role.SUPPORT, labelled=False, strict=True)
        if found is not None and found[0]:
            support = found[0]
    if support is None:
        return None
    return Clause(end, end, tuple(lead[0] + support), None, False, False, True, ())


def states_rule(f: str, start: int, end: int) -> bool:
    """Whether f[start:end] states that the first listed unit leads (a rule note)."""
    return _RULE_NOTE.search(f, start, end) is not None


def whole_line(f: str, start: int, end: int) -> Clause | None:
    """The clause filling a line of its own (`责任单位：…`, `（A牵头，B配合）`), or None."""
    a, b = _trim(f, start, end)
    if a >= b:
        return None
    m = LABEL.match(f, a) or _unnamed(f, a, b)
    if m is not None:
        # `配合单位：B）` closes a bracket opened on the line before.
        inner = b - 1 if f[b - 1] in _CLOSE and _matching_open(f, a, b - 1) is None else b
        clause = parse(f, a, inner, labelled_only=True)
        return _widen(clause, a, b) if clause is not None else None
    if f[a] in _OPEN and f[b - 1] in _CLOSE and _matching_open(f, a, b - 1) == a:
        clause = parse(f, a + 1, b - 1)
        return _widen(clause, a, b) if clause is not None else None
    if _has_marker(f, a, b):
        clause = parse(f, a, b)
        if clause is not None and clause.units:
            return clause
    return None


def _units(
    f: str, a: int, b: int, default: Role | None, labelled: bool, strict: bool
) -> tuple[list[UnitRef], tuple[int, int] | None, list[tuple[int, int]], list[str]] | None:
    """Units of a list; None when an unlabelled list holds something that is no unit."""
    refs: list[UnitRef] = []
    pending: list[int] = []  # indexes into refs still waiting for a trailing role word
    deadline = None
    notes: list[tuple[int, int]] = []
    problems: list[str] = []
    titled = False  # the part before named a leader's title
    for pa, pb in _split(f, a, b):
        if labelled and (_TITLE.fullmatch(f, pa, pb) or (titled and _person_name(f, pa, pb))):
            titled = True
            continue
        titled = False
        if _after_group_break(f, a, pa):
            # `（A，B配合）`, `责任单位：A，B配合`: a role word after the units marks its own
            # group, the units since the last comma; A stays as printed (not 、-listed with B).
            pending = []
        note = _trailing_note(f, pa, pb)
        if note is not None:
            # `A（首位单位为牵头单位，下同）`: the note rides on a unit's name; both count.
            notes.append((note, pb))
            pb = _rstrip(f, pa, note)
        text = f[pa:pb]
        if _RULE_NOTE.search(text):
            notes.append((pa, pb))
            continue
        if text == "下同":
            notes.append((pa, pb))
            continue
        role, marked, own = _strip_marker(f, pa, pb)
        # `A、B按职责分工负责，A牵头`: a responsible word closes its group, so a later
        # role word marks only its own units.
        closes = role is None and marked < pb
        pb = marked
        if pa < pb and f[pa] == "由":
            pa += 1
        pb = _drop_annotation(f, pa, pb)
        if pa >= pb:
            for i in pending:
                refs[i] = _with_role(refs[i], role)
            pending = []
            continue
        if _DEADLINE.search(f[pa:pb]) and not looks_like_unit(f[pa:pb]):
            deadline = deadline or (pa, pb)
            continue
        jointly = f.find("会同", pa, pb)
        if role is None and jointly > pa:
            # `A会同B负责`: A leads, B supports (the 由A会同B of prose, inside a clause).
            lead = _units(f, pa, jointly, Role.LEAD, labelled, strict)
            rest = _units(f, jointly + 2, pb, Role.SUPPORT, labelled, strict)
            if lead is None or rest is None:
                return None
            refs += lead[0] + rest[0]
            continue
        parts = split_collective(f[pa:pb])
        # A list that has shown it names units (its first name has a level) reads its
        # later names as units when they look like names (镇宣传办、镇妇联、团委).
        if not all(_unit_like(p, strict and not refs) for _, p in parts):
            if labelled and _PERSON.search(f, pa, pb):
                continue  # 责任单位：县政府分管领导，A、B: the leader is named, not a unit
            if not labelled:
                return None
            problems.append(f"not a unit: {f[pa:pb]}")
            continue
        for offset, part in parts:
            ref_role = role if role is not None else default
            refs.append(UnitRef(pa + offset, pa + offset + len(part), ref_role))
            if role is None:
                pending.append(len(refs) - 1)
        if role is not None and not own:
            for i in pending:
                refs[i] = _with_role(refs[i], role)
            pending = []
        if closes:
            pending = []
    return refs, deadline, notes, problems


def _after_group_break(f: str, a: int, at: int) -> bool:
    """Whether the list part at `at` follows a comma or a semicolon (a new group)."""
    i = at - 1
    while i > a and f[i] in " \t\n":
        i -= 1
    return i >= a and f[i] in "，；"


def _person_name(f: str, a: int, b: int) -> bool:
    return _PERSON_NAME.fullmatch(f, a, b) is not None and not looks_like_unit(f[a:b])


def _strip_marker(f: str, a: int, b: int) -> tuple[Role | None, int, bool]:
    """(role, end of the unit, whether the role is the unit's own): `A（牵头）` marks A
    alone, while `A、B牵头` marks both."""
    text = f[a:b]
    m = _LEAD_IN_PARENS.search(text) or _SUPPORT_IN_PARENS.search(text)
    if m is not None:
        role = Role.LEAD if m.re is _LEAD_IN_PARENS else Role.SUPPORT
        return role, _rstrip(f, a, a + m.start()), True
    m = _MARKER.search(text)
    if m is None:
        return None, b, False
    word = m.group(0)
    end = _rstrip(f, a, a + m.start())
    if word in _LEAD_WORDS:
        return Role.LEAD, end, False
    if word in _SUPPORT_WORDS:
        return Role.SUPPORT, end, False
    return None, end, False


def _unit_like(name: str, strict: bool) -> bool:
    """looks_like_unit, for a name that may end with a bracket of its own
    (发改局（服务业发展局）)."""
    if name.endswith("）") and (opening := name.rfind("（")) > 0:
        name = name[:opening]
    return looks_like_unit(name, strict=strict)


def _trailing_note(f: str, a: int, b: int) -> int | None:
    """Where a bracketed rule note closing f[a:b] opens, when a unit's name comes before it."""
    if b - a < 3 or f[b - 1] not in _CLOSE:
        return None
    opening = _matching_open(f, a, b - 1)
    if opening is None or opening == a:
        return None
    inner = f[opening + 1 : b - 1]
    return opening if _RULE_NOTE.search(inner) or inner.endswith("下同") else None


# What a bracket inside a unit's name says: what it takes in (含…, 包括…), or levels (市、区;
# 各村（居）, 各镇（场）).
_PART_OF_NAME = re.compile(r"(?:含|包括|包含)|[省市县区州盟旗镇乡村居场、]+$")


def _drop_annotation(f: str, a: int, b: int) -> int:
    """`县发改局（张三）`: a bracket after a whole unit name is a note, not part of it. One
    that says what the unit takes in or is also called belongs to its name
    (`各区政府（含某某新区管委会）`, `发改局（服务业发展局）`)."""
    if b - a < 3 or f[b - 1] not in _CLOSE:
        return b
    opening = _matching_open(f, a, b - 1)
    if opening is None or opening <= a or not looks_like_unit(f[a:opening]):
        return b
    inner = f[opening + 1 : b - 1]
    if _PART_OF_NAME.match(inner) or looks_like_unit(inner):
        return b
    if strip_pinyin(f[opening - 1 : b]) == f[opening - 1]:  # 海关（guān）: a mirror's pinyin
        return b
    return _rstrip(f, a, opening)


def _with_role(ref: UnitRef, role: Role | None) -> UnitRef:
    return ref if role is None or ref.role is not None else UnitRef(ref.start, ref.end, role)


def _split(f: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split a list on 、，； outside brackets (各区（县、市）政府 stays whole), and on spaces
    between names; a space next to a bracket or a separator is the stray space of text
    extracted from a PDF (`各市 （地） 、县 （市） 政府`). `各市（地）、县（市）政府` is one
    collective: a level with its bracket alone shares the name after it (not a collective of
    its own after it: `各县（市、区）、各乡镇（街道）` are two)."""
    parts = []
    depth = 0
    part = a
    for i in range(a, b):
        ch = f[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and (
            ch in "、，；/"
            # the first space of a run decides for the run (so a run costs its length once)
            or (ch in " \t\n" and f[i - 1] not in " \t\n" and not _stray_space(f, a, b, i))
        ):
            parts.append(_trim(f, part, i))
            part = i + 1
    parts.append(_trim(f, part, b))
    merged: list[tuple[int, int]] = []
    for x, y in parts:
        if x >= y:
            continue
        if merged and _LEVEL_ALONE.fullmatch(f, *merged[-1]) and f[x] != "各":
            merged[-1] = (merged[-1][0], y)
        else:
            merged.append((x, y))
    return merged


_SEPARATORS = "、，；"
# `各市（地）` before `、县（市）政府（行署）`: levels with a bracket, the name still to come.
_LEVEL_ALONE = re.compile(r"各?[省市县区州盟旗]\s*（[^（）]{1,6}）")


def _stray_space(f: str, a: int, b: int, i: int) -> bool:
    """A space (or a run of them) with a bracket or a separator on either side."""
    j, k = i - 1, i + 1
    while j >= a and f[j] in " \t\n":
        j -= 1
    while k < b and f[k] in " \t\n":
        k += 1
    edges = _OPEN + _CLOSE + _SEPARATORS
    return j >= a and k < b and (f[j] in edges or f[k] in edges)


def _trim(f: str, a: int, b: int) -> tuple[int, int]:
    """A list's part without its separators, and without a mark singling its unit out
    (★A, A▲): the caller reads the mark beside the unit's offsets (unit_mark)."""
    while a < b and f[a] in " \t\n：、，；。" + MARKS:
        a += 1
    while b > a and f[b - 1] in " \t\n、，；。." + MARKS:
        b -= 1
    return a, b


def unit_mark(f: str, ref: UnitRef) -> str | None:
    """The mark printed just before or after a unit's name (★A, A▲, A*), or None."""
    if ref.end < len(f) and f[ref.end] in MARKS:
        return f[ref.end]
    if ref.start > 0 and f[ref.start - 1] in MARKS:
        return f[ref.start - 1]
    return None


def _rstrip(f: str, a: int, b: int) -> int:
    while b > a and f[b - 1] in " \t\n。；，.、":
        b -= 1
    return b


def _wstrip(f: str, a: int, b: int) -> int:
    while b > a and f[b - 1] in " \t\n":
        b -= 1
    return b


def _matching_open(f: str, start: int, close: int) -> int | None:
    depth = 0
    for i in range(close, start - 1, -1):
        if f[i] in _CLOSE:
            depth += 1
        elif f[i] in _OPEN:
            depth -= 1
            if depth == 0:
                return i
    return None


def matching_close(f: str, opening: int, end: int) -> int | None:
    """Where the bracket opened at f[opening] closes before end, or None."""
    depth = 0
    for i in range(opening, end):
        if f[i] in _OPEN:
            depth += 1
        elif f[i] in _CLOSE:
            depth -= 1
            if depth == 0:
                return i
    return None


def _last_label(f: str, start: int, end: int) -> int | None:
    """Where a label clause without brackets begins in f[start:end], or None. A leader's or a
    deadline's label just before the first role label opens the clause with it
    (`…。牵头领导：张三；牵头单位：A`)."""
    before: int | None = None  # where the run of other labels before a role label began
    for m in _LABEL_IN_LINE.finditer(f, start, end):
        if m.start() <= start:
            continue
        if m.lastgroup in ("lead", "support", "responsible"):
            return before if before is not None else m.start()
        if before is None or "。" in f[before : m.start()]:
            before = m.start()
    return None


def _verb_first(f: str, clause: Clause) -> bool:
    """Whether the clause's first name opens with a task's verb: the sentence tells what to do
    to units (`组织各镇落实`), it names none."""
    first = clause.units[0]
    return _JOINT_VERB.match(f, first.start, first.end) is not None


def _comma_tail(f: str, start: int, end: int) -> Clause | None:
    """The clause closing a sentence after a comma (`推进某项工作，县某局牵头，县某局配合`): the
    longest tail of the sentence's comma parts that names only units and carries a role word,
    its first name a unit's by its level or ending and no verb's object (`，组织各镇落实`). A tail
    opening with 由 is a clause only when it divides the work (a unit supporting):
    `建立联席会议制度，由A牵头` says who leads the system, prose's (`_prose`)."""
    at = f.find("，", start, end)
    while 0 <= at < end:
        clause = parse(f, at + 1, end)
        if f[at + 1 : at + 2] == "由":
            # `…，由A牵头，B配合` divides the work; no shorter tail either, which would
            # leave the lead in the text
            return _widen(clause, at, end) if clause and _divides(clause) else None
        first = f[clause.units[0].start : clause.units[0].end] if clause and clause.units else ""
        if (
            clause is not None
            and first
            and _has_marker(f, at + 1, end)
            and looks_like_unit(first, strict=True)
            and not _verb_first(f, clause)
        ):
            return _widen(clause, at, end)
        at = f.find("，", at + 1, end)
    return None


def _divides(clause: Clause) -> bool:
    """Whether a clause names a supporting unit besides its lead (a deadline alone does
    not tell: 由A牵头，每季度召开一次 is how a meeting runs)."""
    return any(u.role is Role.SUPPORT for u in clause.units)


def _last_sentence(f: str, start: int, end: int) -> int | None:
    """Where the last sentence of f[start:end] begins: after 。 or ；, or after a dash that
    sets off who does it (`推进某项工作——A牵头，B配合`)."""
    for i in range(end - 1, start - 1, -1):
        if f[i] in "。；—":
            return i + 1 if i + 1 < end else None
    return None


def _has_marker(f: str, a: int, b: int) -> bool:
    """Whether a part of the list carries a role word: after the units (`A、B牵头`) or in a
    bracket of a unit's own (`A（牵头单位）、B`)."""
    b = _rstrip(f, a, b)
    return any(
        _MARKER.search(part) or _LEAD_IN_PARENS.search(part) or _SUPPORT_IN_PARENS.search(part)
        for part in (f[pa:pb] for pa, pb in _split(f, a, b))
    )


def _widen(clause: Clause, start: int, end: int) -> Clause:
    return Clause(
        start,
        end,
        clause.units,
        clause.deadline,
        clause.first_leads,
        clause.note_onwards,
        clause.labelled,
        clause.problems,
        clause.heading,
    )
