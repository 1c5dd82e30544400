"""The Plan records: the contract between the parser and everything after it.

Plain frozen dataclasses, and StrEnums for the closed vocabularies (roles, unit kinds and
levels, policy kinds) that graph/ and schema/ reuse: a member is its stored string, so the
JSON and the graph hold the plain values. `SourceText` is what the readers hand to the
outline parser; `Plan` is what the parser hands to the graph loader and prints as JSON
(`dutygraph parse FILE --json`, keys documented in README).

Offsets: every `Span` indexes into `SourceText.text` / `Plan.text` (the cleaned text the
parser read, characters not bytes, end exclusive); `line` is the 1-based line of the
original file (paragraph or table row for .docx/.xlsx/.csv), so a front end can highlight
the passage and a person can find it in the file.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Literal


class Role(StrEnum):
    """What a unit does on a task."""

    LEAD = "lead"
    SUPPORT = "support"


class UnitKind(StrEnum):
    """What kind of body a unit is: party organ (县委组织部), government department
    (县财政局), institution or centre (县投促中心), park or its committee (县产业转移工业园),
    town government (某某镇人民政府), a higher-level bureau's county branch
    (市生态环境局陆河分局), a collective that names no single unit (各镇人民政府,
    各有关单位), a leading group or its office (…领导小组办公室)."""

    PARTY = "party"
    GOVERNMENT = "government"
    INSTITUTION = "institution"
    PARK = "park"
    TOWN = "town"
    BRANCH = "branch"
    COLLECTIVE = "collective"
    GROUP = "group"
    OTHER = "other"


class UnitLevel(StrEnum):
    """Administrative level of a unit (国家 省 市 县 镇)."""

    NATIONAL = "国家"
    PROVINCE = "省"
    CITY = "市"
    COUNTY = "县"
    TOWN = "镇"


class PolicyKind(StrEnum):
    """A cited document (《…》 with or without 〔2021〕 number), a funding or financing
    measure (补助, 奖补, 安排…万元, 出资, 专项债务, 风险补偿基金, 专项融资), a land measure
    (用地, 指标, 占补平衡, 增减挂钩), or anything else the text calls a policy."""

    DOCUMENT = "document"
    FUNDING = "funding"
    LAND = "land"
    OTHER = "other"


# The formats the readers tell apart (loaders/read.py), as SourceText.format names them.
Format = Literal[
    "txt", "md", "docx", "xlsx", "csv", "pdf", "image", "html",
    "doc", "wps", "rtf", "odt", "xls", "et", "ods",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    line: int


@dataclass(frozen=True, slots=True)
class Line:
    """One line of cleaned text. `number` is the line in the original file."""

    number: int
    start: int
    text: str


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a plan saved from a government web page says about itself, when it does."""

    title: str | None = None
    doc_number: str | None = None  # 文件编号 / 发文字号
    issuer: str | None = None  # 发布单位 / 发文机关
    date: str | None = None  # 成文日期, ISO yyyy-mm-dd when it can be read


# Defined before its first use: named like the builtin, it would otherwise be read as that
# one by a type checker in the annotations above it.
@dataclass(frozen=True, slots=True)
class Warning:
    line: int
    message: str


@dataclass(frozen=True, slots=True)
class SourceText:
    """A file read into text: the readers' output, the outline parser's input.

    `text` is `"\\n".join(line.text for line in lines)`, so `line.start` indexes it.
    Tables (docx, xlsx, csv, pasted) arrive here already rewritten as plan lines
    (`1.任务（牵头单位：A；配合单位：B；完成时限：2025年底）`), so one parser reads every format.
    """

    path: str
    sha256: str
    format: Format
    text: str
    lines: tuple[Line, ...]
    metadata: Metadata = field(default_factory=Metadata)
    warnings: tuple[Warning, ...] = ()  # the reader's: low OCR confidence, attachments named


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    source: str  # the path as given to the parser
    sha256: str  # of the file's bytes: the document's identity across reloads
    format: str
    doc_number: str | None = None
    issuer: str | None = None
    date: str | None = None
    annex: tuple[str, ...] = ()  # 附件 titles mentioned
    place: str | None = None  # issuing the plan: the title's leading place, else the issuer's


@dataclass(frozen=True, slots=True)
class Section:
    id: str  # "s2", "s2.1": positions in the tree, stable for the same text
    number: str  # as printed, without trailing 、 . ．: "二", "（一）", "(一)", "1", "①"
    title: str  # "总体要求"; for a heading that runs on into its body, the part before 。
    level: int  # 1 for the outermost parts
    parent: str | None
    ordinal: int  # position among its siblings, 1-based
    span: Span


@dataclass(frozen=True, slots=True)
class Assignment:
    name: str  # canonical unit name
    role: Role
    rank: int  # 1-based position in the printed list
    inferred: bool  # True when the text did not say who leads and the first unit was taken
    written: str  # the unit as printed, e.g. 县发改局
    span: Span


@dataclass(frozen=True, slots=True)
class Task:
    id: str  # "t2.1.1": section position + task ordinal within the section
    section: str  # Section.id
    path: tuple[str, ...]  # section and task numbers as printed, outermost first
    text: str  # without the numbering and the responsibility clause
    units: tuple[Assignment, ...]
    deadline: str | None
    span: Span  # the whole printed item, numbering and clause included
    ordinal: int  # position among all tasks of the plan, 1-based


@dataclass(frozen=True, slots=True)
class Duty:
    """What the text says a unit does outside the responsibility clauses."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Unit:
    name: str  # canonical: 县发展改革局
    aliases: tuple[str, ...]  # other spellings seen in this plan or known: 县发改局
    level: UnitLevel | None
    kind: UnitKind
    hosted_by: str | None = None  # 县老区办 设在县发改局 -> 县发展改革局
    # The document's place when the name is relative to it (县发展改革局 in 陆河县's plan is
    # 陆河县's; loaders/places.py): units of one name and place are one unit across plans.
    place: str | None = None
    duties: tuple[Duty, ...] = ()
    spans: tuple[Span, ...] = ()  # every place the unit is named


@dataclass(frozen=True, slots=True)
class Policy:
    id: str  # canonical key, stable across plans: "policy:国发〔2021〕3号", "policy:funding:…"
    name: str  # short name: the title for a cited document, the measure for the others
    title: str | None  # full 《title》 of a cited document
    doc_number: str | None  # canonical form with 〔〕: 粤发〔2021〕15号
    issuer: str | None
    year: int | None
    kind: PolicyKind
    amount: str | None  # as printed: 每县每年5000万元
    amount_value: float | None  # in yuan
    ratio: str | None  # 1:1
    written_as: tuple[str, ...]  # every spelling seen
    tasks: tuple[str, ...]  # Task.id of the tasks that invoke it
    implemented: bool  # the plan says it implements this document (title, preamble)
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Project:
    id: str  # canonical key, stable across plans: "project:汕尾（三江口）抽水蓄能电站"
    name: str
    kind: str  # energy, transport, water, industry, health, education, culture, ecology, …
    written_as: tuple[str, ...]
    tasks: tuple[str, ...]
    policies: tuple[str, ...]  # Policy.id of funding measures named by the same tasks
    spans: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Goal:
    year: int
    text: str  # the statement for that year, as printed
    headline: str  # its last clause, the target itself: 基本建成革命老区高质量发展示范区
    span: Span


@dataclass(frozen=True, slots=True)
class Plan:
    document: Document
    sections: tuple[Section, ...]
    tasks: tuple[Task, ...]
    units: tuple[Unit, ...]
    policies: tuple[Policy, ...]
    projects: tuple[Project, ...]
    goals: tuple[Goal, ...]
    warnings: tuple[Warning, ...]
    text: str  # the cleaned text every Span indexes

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape of `dutygraph parse --json` (README lists the keys)."""
        data = asdict(self)
        del data["text"]
        return data
