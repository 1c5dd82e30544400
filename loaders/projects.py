"""Projects: the named works and programmes a task names.

A name ends in a word for a work (…电站, …高速公路, …铁路, …工程, …医院, …产业园, …示范区,
…基地, 碧道 …) and starts after the verb or particle before it (建设, 推进, 将, 的, 等, 、 …);
`X等工程` is the X works. 园区, 港区 and 项目 name a work only after a proper stem (a quote,
a company, a named port or a place: 汕头化工园区), not a class (产业园区). A quoted name
that ends like a work (“四好农村路”) is one too, as is a building programme
(改扩建一所幼儿园或中小学). Names that differ only by quotes, 等, counters (一所) or 学校/学
are one project, linked to every task that names it and to the funding measures of those
tasks.
"""

from __future__ import annotations

import re

from .model import Policy, Project, Span, Task
from .places import leading_place
from .tasks import region

_WORK = re.compile(
    r"抽水蓄能电站|电站|电厂|高速公路|铁路|公路|工程|中医院|医院|产业园(?!区)|工业园(?!区)|示范区"
    r"|基地|碧道|医共体|综合体|机场|港口|水库|大桥|枢纽|物流园(?!区)|园区|港区|项目"
)
# Words for a work that plans use for classes of works as often as for one (产业园区,
# 智慧园区, 重大基础设施项目): they end a name only after a proper stem (see _proper).
_WEAK = frozenset({"园区", "港区", "项目"})
# Stems of the companies that build most named energy and infrastructure projects
# (华能汕头海上风电项目); a stem naming a company (…集团, …公司) is proper too.
_COMPANY = re.compile(
    r"^(?:华能|大唐|华电|国家电投|国家能源|国电|中广核|中核|三峡|粤电|中国石化|中石化|中国石油"
    r"|中石油|中国海油|中海油|华润|南方电网|国家电网|中交|中建|中铁)|集团|公司"
)
# A named port (茂名港博贺新港区), not a kind of port (中心渔港, 内河港, 航空港, 物流港).
_PORT = re.compile(r"^[一-龥]{1,3}?[^渔贸水河纽空海际流]港(?![口区])")
# Common nouns that end like a place (老旧小区, 特色小镇, 美丽乡村, 城市): no place.
_COMMON_PLACE = re.compile(
    r"(?:小|社|景|片|城|校|园|老|湾|矿|林|库|灾|牧|垦|保税|开发|试验|示范|功能|保护|集聚"
    r"|自贸)区$|(?:小|城|乡|集|重|强|名)镇$|乡$|(?:城|超|夜|都|集|门|强|大)市$|(?:强|大)县$"
)
# A place's programme of works, not one work (汕头市2024年重大项目, 汕头市民生项目).
_PROGRAMME_OF = re.compile(
    r"(?:重大|重点|年度|\d+年|民生|基础设施|招商|储备|在建|新建|续建|试点|配套|相关|有关|各类|其他)$"
)
_SUFFIX = re.compile(r"(?:自治区|自治州|自治县|街道|[省市县区镇乡])$")
_BOUNDARY = re.compile(
    r"[，。、；：！？\n]|建设|推进|实施|打造|创建|争取|推动|加快|完善|申报|参与|将|把|对|的|在"
    r"|以及|和|及|与|为|等|支持|帮扶|设置|纳入|列入|开展|提升|加强|配合|积极|探索|重点|利用"
    r"|筛选|参加|共建|包括|实现|建成|开工|谋划|启动|落实|依托|围绕|结合|做好|加大|提高|增加|抓"
    r"|发挥|保障|提供"
)
_QUOTED = re.compile(r"“([^“”]{2,20})”")
_QUOTED_WORK = re.compile(r"(?:路|桥|工程|项目|基地|园|电站|医院|计划|行动)$")
_PROGRAMME = re.compile(
    r"(?:新建|改扩建|扩建|改建|新改扩建)(?:一所|一批|一座|一个|若干)?"
    r"((?:[一-龥]{0,8}?(?:幼儿园|中小学校?|小学|中学|学校|医院|卫生院|养老院|图书馆))"
    r"(?:[或和及、](?:[一-龥]{0,6}?(?:幼儿园|中小学校?|小学|中学|学校)))?)"
)
# Road networks are named by their class: 国省道建设, 国省县道升级改造.
_ROADS = re.compile(
    r"(?:国省县道|国省道|国道|省道|县道|乡道|村道|农村公路)(?:建设|升级改造|提质改造|改造)"
)
_GENERIC = re.compile(r"^(?:我|本|各|该|有关|相关|更多|一批|一些|多个|重大|重点)")
# A grade, a quality or a region right before the word for the work names a class of
# works, not one: 珠三角地区高水平医院, 三甲医院, 大型水库.
_CLASS = re.compile(
    r"(?:地区|区域|高水平|高质量|高标准|高等级|高品质|优质|一流|知名|大型|中小型|三甲|三级|二级"
    r"|综合性|专科|各类|同类|一般)$"
)
_KINDS = (
    ("energy", r"电站|电厂|能源|光伏|风电"),
    ("transport", r"公路|铁路|高速|机场|港口|港区|大桥|枢纽|[^碧]道$|路$|[国省县乡村]道"),
    ("water", r"水库|水资源|供水|水利"),
    ("health", r"医院|医共体|卫生"),
    ("education", r"学校|幼儿园|小学|中学"),
    ("ecology", r"碧道|生态|绿水青山|林"),
    ("culture", r"旅游|文化|图书馆|红色"),
    ("industry", r"产业园|工业园|示范区|基地|综合体|物流园|园区"),
)


def find(
    text: str, folded: str, tasks: tuple[Task, ...], measures: list[Policy], place: str | None
) -> tuple[Project, ...]:
    """Projects named in task text (not in their clauses); `place` is the plan's."""
    found: dict[str, dict] = {}
    stems = _place_stems(tasks, place)
    for task in tasks:
        for a, b, name in _names(folded, *region(text, task), stems):
            key = _key(name)
            entry = found.setdefault(key, {"name": name, "written": [], "tasks": [], "spans": []})
            entry["written"].append(text[a:b])
            entry["tasks"].append(task.id)
            entry["spans"].append(Span(a, b, task.span.line))
    funding_of: dict[str, list[str]] = {}
    for p in measures:
        if p.kind == "funding":
            for task_id in p.tasks:
                funding_of.setdefault(task_id, []).append(p.id)
    projects = []
    for entry in found.values():
        task_ids = tuple(dict.fromkeys(entry["tasks"]))
        projects.append(
            Project(
                id=f"project:{entry['name']}",
                name=entry["name"],
                kind=_kind(entry["name"]),
                written_as=tuple(dict.fromkeys(entry["written"])),
                tasks=task_ids,
                policies=tuple(dict.fromkeys(p for t in task_ids for p in funding_of.get(t, []))),
                spans=tuple(entry["spans"]),
            )
        )
    return tuple(projects)


def _place_stems(tasks: tuple[Task, ...], place: str | None) -> frozenset[str]:
    """Stems of the places the plan is of or names units of (汕头市 -> 汕头): a project
    name may start with one without its suffix (汕头化工园区)."""
    places = {place, *(leading_place(a.name) for t in tasks for a in t.units)}
    stems = (_SUFFIX.sub("", p) for p in places if p)
    return frozenset(s for s in stems if len(s) >= 2)


def _proper(stem: str, places: frozenset[str]) -> bool:
    """Whether the words before a weak word for a work (园区, 港区, 项目) name one work: a
    quoted name, a company, or a place first (汕头市…, 茂名港…, or a known place's stem)."""
    first = leading_place(stem)
    return (
        "“" in stem
        or _COMPANY.search(stem) is not None
        or _PORT.match(stem) is not None
        or (first is not None and not stem.endswith(first) and not _COMMON_PLACE.search(first))
        or any(stem.startswith(p) and len(p) < len(stem) for p in places)
    )


def _names(folded: str, start: int, end: int, places: frozenset[str]) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of every project named in folded[start:end]."""
    region = folded[start:end]
    return [(start + a, start + b, name) for a, b, name in _names_in(region, places)]


def _names_in(text: str, places: frozenset[str]) -> list[tuple[int, int, str]]:
    masked = _mask_quotes(text)
    stops = [m.end() for m in _BOUNDARY.finditer(masked)]
    stop_words = {m.end(): m.group(0) for m in _BOUNDARY.finditer(masked)}
    names: list[tuple[int, int, str]] = []
    strong_ends: set[int] = set()
    for m in _WORK.finditer(masked):
        begin = max((s for s in stops if s <= m.start()), default=0)
        if m.group(0) in _WEAK:
            # `…抽水蓄能电站项目` is the 电站: the strong word before 项目 named it.
            if (
                m.start() not in strong_ends
                and not _CLASS.search(text, begin, m.start())
                and not _PROGRAMME_OF.search(text, begin, m.start())
                and _proper(masked[begin : m.start()], places)
            ):
                names.append((begin, m.end(), text[begin : m.end()]))
            continue
        strong_ends.add(m.end())
        if begin == m.start() and stop_words.get(begin) == "等":
            # `粤东水资源优化配置等工程`: the works are named before 等.
            left = max((s for s in stops if s < begin - 1), default=0)
            names.append((left, m.end(), text[left : begin - 1] + m.group(0)))
        elif begin < m.start() and not _CLASS.search(text, begin, m.start()):
            names.append((begin, m.end(), text[begin : m.end()]))
    for m in _QUOTED.finditer(text):
        if _QUOTED_WORK.search(m.group(1)) and not _inside(names, m.start()):
            names.append((m.start(), m.end(), m.group(1)))
    for m in _PROGRAMME.finditer(text):
        names.append((m.start(), m.end(), _programme_name(m.group(0))))
    for m in _ROADS.finditer(text):
        names.append((m.start(), m.end(), m.group(0)))
    names = [(a, b, n) for a, b, n in names if len(n) >= 3 and not _GENERIC.search(n)]
    # `清凉山水库扩建工程` names one work, not also 清凉山水库: a name inside a longer one
    # is part of it.
    return [
        (a, b, n)
        for a, b, n in names
        if not any(x <= a and b <= y and y - x > b - a for x, y, _ in names)
    ]


def _mask_quotes(text: str) -> str:
    """Blank the inside of “…” so words in a quoted name are not boundaries."""
    return _QUOTED.sub(lambda m: "“" + "□" * len(m.group(1)) + "”", text)


def _inside(names: list[tuple[int, int, str]], at: int) -> bool:
    return any(a <= at < b for a, b, _ in names)


def _programme_name(written: str) -> str:
    name = re.sub(r"一所|一批|一座|一个|若干", "", written)
    return name.replace("中小学校", "中小学")


def _key(name: str) -> str:
    return _programme_name(re.sub(r"[“”\s等]", "", name))


def _kind(name: str) -> str:
    return next((kind for kind, pattern in _KINDS if re.search(pattern, name)), "other")
