"""Places: the place issuing a plan, and which of its units it names relatively.

A county's plan names its own offices by level alone (县发展改革局, 县委组织部, 各镇人民政府),
as does every other county's plan; names that carry their place (汕尾市生态环境局陆河分局,
陆河县人民政府, 广东省发展改革委) need none. So a unit named by a bare level prefix gets
the plan's place when that prefix is the plan's own level (县… in a 县 plan) or the level
just below it that the plan addresses as a whole (各镇…, 镇… in a 县 plan; 各区（县、市）…
in a 市 plan). A 市… unit in a county plan is the parent city's, which the text does not
name: it keeps no place.
"""

from __future__ import annotations

import re

from .units import level_of

# A place name: a short stem and an administrative suffix (陆河县, 汕尾市, 广东省, 潮南区,
# 河口镇). Stems of one character (某县, 全市, 我县) are not names.
_PLACE = re.compile(r"[一-龥]{2,6}?(?:自治区|自治州|自治县|街道|[省市县区镇乡])")
# Words that make a title's head a phrase, not a place (推进城市更新…, 新型城镇化…).
_NOT_A_STEM = re.compile(
    r"关于|推进|加快|进一步|全面|深入|实施|开展|做好|支持|促进|建设|发展|振兴|示范|贯彻|落实"
    r"|印发|新型|革命|老区|产业|开发|高新|试验|保护|[的和与及各全本我某]"
)
_NOT_AFTER = frozenset("化群场")  # 城镇化, 城市群, 市场: a word goes on past the suffix
_PARTY = re.compile(r"^(?:中共|中国共产党)")

# The level a place's suffix names, and the bare prefixes a plan of that level uses for
# itself and for the places just below it.
_SUFFIX_LEVEL = {"自治区": "省", "自治州": "市", "自治县": "县", "街道": "镇", "省": "省",
                 "市": "市", "县": "县", "区": "区", "镇": "镇", "乡": "镇"}  # fmt: skip
_RELATIVE = {
    "省": ("省", "市"),
    "市": ("市", "区", "县"),
    "县": ("县", "镇", "乡", "乡镇", "街道"),
    "区": ("区", "镇", "乡", "乡镇", "街道"),
    "镇": ("镇", "乡"),
}
_RANK = {"省": 0, "市": 1, "县": 2, "区": 2, "镇": 3}
_BARE = re.compile(r"^(?:中共|共青团|团)?(?:各(?:地级以上)?)?(乡镇|街道|[省市县区镇乡])")
# The level each bare prefix gives a unit (loaders.units.level_of counts 区 as 县).
_BARE_LEVEL = {"省": "省", "市": "市", "县": "县", "区": "县", "镇": "镇", "乡": "镇",
               "乡镇": "镇", "街道": "镇"}  # fmt: skip


def leading_place(text: str | None) -> str | None:
    """The place a title or an issuer starts with: 陆河县贯彻落实… -> 陆河县; 中共陆河县委办公室
    -> 陆河县; 广东省汕尾市陆河县人民政府 -> 陆河县 (the last of a chain). None when it
    starts with none."""
    text = _PARTY.sub("", (text or "").strip())
    place, at = None, 0
    while m := _PLACE.match(text, at):
        if (
            _NOT_A_STEM.search(m.group()[:-1])
            or text[m.end() : m.end() + 1] in _NOT_AFTER
            or (place and _RANK[_level(m.group())] <= _RANK[_level(place)])
        ):
            break  # a phrase, or no place inside the one before it (海丰县革命老区…)
        place, at = m.group(), m.end()
    return place


def document_place(title: str, issuer: str | None) -> str | None:
    """The place issuing a plan: its title's leading place, else its issuer's."""
    return leading_place(title) or leading_place(issuer)


def unit_place(name: str, place: str | None) -> str | None:
    """`place` when the unit `name` is named relatively to it (see the module doc)."""
    if place is None:
        return None
    m = _BARE.match(name)
    if m is None or _BARE_LEVEL[m.group(1)] != level_of(name):
        return None  # no bare prefix, or one that is part of a name (镇江市…)
    return place if m.group(1) in _RELATIVE[_level(place)] else None


def _level(place: str) -> str:
    return next(_SUFFIX_LEVEL[s] for s in _SUFFIX_LEVEL if place.endswith(s))
