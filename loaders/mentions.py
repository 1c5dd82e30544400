"""Units named outside the responsibility clauses, and what the text says of them.

`陆河县革命老区振兴发展领导小组办公室负责(简称县老区办,设在县发改局)` defines an alias
(县老区办) and a host (县发展改革局); `联合县委办、县府办做好督办工作` gives two units a
duty. Mentions are found in the text outside tasks: preamble, headings, 保障措施.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .model import Duty, Line, Span, Task
from .outline import Outline, line_at

_NAME = (
    r"(?:[一-龥]{1,4}?[县市省]|[县市省镇])[一-龥]{0,24}?"
    r"(?:领导小组办公室|领导小组|办公室|委员会|管委会|人民政府|政府|中心|[局办委部厅室])"
)
_MENTION = re.compile(
    rf"(?:^|(?<=[，。；、（）“”\s])|(?<=由|向|并|在|与|和|及|同|称))({_NAME})"
    r"(?=[，。；、（）”\s]|$|负责|要|做好|牵头|配合|的|设在|及时|报送|加强|联合|具体|统筹|等|在"
    r"|对|是|按|共同|作为|组织|开展|督办|协调|指导|和|与)"
)
# Words before a name that the match may have taken in: the name starts after the last.
_LEADING = re.compile(
    r"^.*(?:及时|联合|会同|简称|设在|成立|组建|设立|向|由|并|与|及|同|在|将|把|对|为|是)"
)
_DEFINITION = re.compile(r"（[^（）]*?简称([^，；：（）]+?)(?=[，；）])([^（）]*)）")
# Collectives and people are not the units a mention should add (全县各级干部, 各级宣传部门).
_NOT_A_UNIT = re.compile(r"^[全各]|干部$|人员$|群众$")
_HOST = re.compile(rf"设在({_NAME})")
_HOST_AT = re.compile(rf"设在({_NAME})(?=[，。；、）\s]|$)")


@dataclass(frozen=True, slots=True)
class Definition:
    name: str  # the full name, folded
    alias: str  # the short name it defines
    host: str | None  # the unit it is hosted by, as written (folded)


@dataclass
class Mention:
    written: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    duties: tuple[Duty, ...] = ()
    hosted_by: str | None = None


def definitions(folded: str) -> list[Definition]:
    """Aliases the plan defines: `X（简称Y，设在Z）`."""
    found = []
    for m in _DEFINITION.finditer(folded):
        owner = _owner(folded, m.start())
        if owner is None:
            continue
        host = _HOST.search(m.group(2))
        found.append(Definition(owner, m.group(1).strip(), host.group(1) if host else None))
    return found


def mentions(
    text: str,
    folded: str,
    lines: tuple[Line, ...],
    tasks: tuple[Task, ...],
    tree: Outline,
    defined: list[Definition],
    resolve: Callable[[str], str],
) -> dict[str, Mention]:
    """Units named outside tasks (and outside 《titles》), keyed by canonical name."""
    masked = _mask(folded, tasks, tree)
    found: dict[str, Mention] = {}
    for m in _MENTION.finditer(masked):
        start, end = m.start(1), m.end(1)
        start += _name_start(m.group(1))
        written = folded[start:end]
        if _NOT_A_UNIT.search(written):
            continue
        entry = found.setdefault(resolve(written), Mention())
        entry.written.append(written)
        span = Span(start, end, line_at(lines, start))
        entry.spans.append(span)
        duty = _duty(text, folded, start, end)
        if duty is not None and all(d.text != duty for d in entry.duties):
            entry.duties += (Duty(duty, span),)
    for d in defined:
        entry = found.setdefault(resolve(d.name), Mention())
        if d.host:
            entry.hosted_by = resolve(d.host)
    for owner, host, span in _hosted(masked, found, lines):
        entry = found.setdefault(resolve(owner), Mention())
        entry.hosted_by = entry.hosted_by or resolve(host)
        if not entry.spans:
            entry.written.append(owner)
            entry.spans.append(span)
    return found


def _hosted(
    masked: str, found: dict[str, Mention], lines: tuple[Line, ...]
) -> list[tuple[str, str, Span]]:
    """`X设在Y` outside a definition bracket. X may be `领导小组办公室` after the group was
    named (`省数字政府建设领导小组负责…，领导小组办公室设在省政务服务数据管理局`)."""
    groups = sorted(
        (span.start, name)
        for name, m in found.items()
        if name.endswith("领导小组")
        for span in m.spans
    )
    hosted = []
    for m in _HOST_AT.finditer(masked):
        start = max(masked.rfind(ch, 0, m.start()) for ch in "，。；\n（") + 1
        owner = masked[start : m.start()].strip()
        at = m.start() - len(owner)
        owner = owner[_name_start(owner) :]
        if not re.fullmatch(_NAME, owner):
            before = [name for pos, name in groups if pos < at]
            if not (before and owner.startswith("领导小组") and owner.endswith("办公室")):
                continue
            owner = before[-1] + owner[len("领导小组") :]
        hosted.append((owner, m.group(1), Span(at, m.start(), line_at(lines, at))))
    return hosted


def _owner(folded: str, paren: int) -> str | None:
    """The unit named just before a definition bracket (a verb like 负责 may intervene)."""
    before = re.sub(r"(?:负责|牵头|承担|具体负责)$", "", folded[max(0, paren - 40) : paren])
    m = re.search(rf"({_NAME})$", before)
    if m is None:
        return None
    return m.group(1)[_name_start(m.group(1)) :]


def _name_start(match: str) -> int:
    """`由X`, `联合X`, `工作由X`: where the name itself starts in a match."""
    lead = _LEADING.match(match)
    if lead is not None and re.fullmatch(_NAME, match[lead.end() :]):
        return lead.end()
    return 0


def _duty(text: str, folded: str, start: int, end: int) -> str | None:
    """The comma clause around a mention, unless it only defines or hosts the unit."""
    a = start
    while a > 0 and folded[a - 1] not in "，。；\n（）":
        a -= 1
    b = end
    while b < len(folded) and folded[b] not in "，。；\n（）":
        b += 1
    clause = text[a:b].strip()
    defines = re.match(r"(?:简称|设在)", folded[a:b].strip()) or folded[start - 2 : start] == "设在"
    if defines or clause == text[start:end]:
        return None
    return clause


def _mask(folded: str, tasks: tuple[Task, ...], tree: Outline) -> str:
    """The folded text with tasks, the title and 《titles》 blanked (offsets kept)."""
    chars = list(folded)
    spans = [(t.span.start, t.span.end) for t in tasks]
    if tree.title_span is not None:
        spans.append((tree.title_span.start, tree.title_span.end))
    spans += [m.span() for m in re.finditer(r"《[^《》]*》", folded)]
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)
