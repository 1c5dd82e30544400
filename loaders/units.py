"""Units: what a name looks like, its canonical form, level and kind, and the aliases.

Canonical names expand the abbreviations plans use (县发改局 -> 县发展改革局) by the
rules in unit_aliases.json, then apply aliases the plan defines itself (`（简称县老区办）`)
and a user alias file (`--aliases`), which wins over both.
"""

from __future__ import annotations

import csv
import json
import re
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from dutygraph.errors import AliasFileError

from .fold import fold
from .model import UnitKind, UnitLevel

_SUFFIX = re.compile(
    r"(?:局|委|办|部|厅|院|政府|中心|室|处|科|所|站|队|会|联|银行|分行|支行|公司|集团|国有企业|属企业|单位|部门|机构|园"
    r"|区|街道|镇|乡|社|署|馆|台|校|协|组|团|人大|政协|办公室|管委会|指挥部|小组|分局|支队|海关|机关)$"
)
_COLLECTIVE = re.compile(
    r"^(?:各|全|有关|相关|其他)|(?:有关|相关|其他|各)[一-龥]*(?:部门|单位|机构)$"
)

# A collective without a unit's ending: short (各地, 有关方面) or closing with its parenthesis
# (各县（市、区）). A longer text that merely starts like one is a sentence (全面落实…制).
_UNSUFFIXED_COLLECTIVE = re.compile(
    r"^(?:各(?![项类种])|全(?=[省市县区镇乡])|有关|相关|其他)(?:[一-龥]{0,6}|.*[）)])$"
)

# What an unlabelled list must show to be read as units: a level or place before the name,
# or an ending only units have.
_STRICT = re.compile(
    r"^(?:中共|共青团|团)?(?:[省市县区镇乡]|各|全|有关|相关|国家|国务院|中央"
    r"|[一-龥]{1,5}?(?:省|市|县|区|镇|乡|街道))"
    r"|(?:局|委员会|政府|办公室|管委会|领导小组|部门|单位|[一-龥]{2,}[部委])$"
)
# Words that make a phrase a sentence, not a name (`具体工作由县发改局`, `其他为配合单位`).
_NOT_A_NAME = re.compile(r"[的要将把]|.由|为(?:牵头|配合|协办|主办|责任)")


@lru_cache(maxsize=8192)  # plans name the same units again and again
def looks_like_unit(name: str, strict: bool = False) -> bool:
    """A name that could be a unit: ends like one, short, no sentence punctuation or digits.
    `strict` also asks for a level or place prefix or an ending only units have."""
    name = name.strip()
    return (
        2 <= len(name) <= 40
        and not re.search(r"[。：\d]", name)
        and not _NOT_A_NAME.search(name)
        and bool(_SUFFIX.search(name) or _UNSUFFIXED_COLLECTIVE.match(name))
        and (not strict or bool(_STRICT.search(name)))
    )


# What `等` may close a list with that adds no unit of its own.
_BARE_NOUNS = frozenset(("部门", "单位", "部门单位", "单位部门", "机构", "部门和单位"))
# A count after `等` names no one either: 县发改局等5个部门, 等十家单位.
_COUNTED = re.compile(r"[\d一二三四五六七八九十两]+[个家](?:部门|单位|机构)?")


def split_collective(name: str) -> list[tuple[int, str]]:
    """`B等市级有关部门` -> B and the collective 市级有关部门; `B等`, `B等部门`, `B等5个部门`
    -> B (a bare noun or a count names no one); `A及B`, `A和B` -> A and B when both look like units
    (县科技工业和信息化局 stays whole). Offsets kept."""
    at = name.rfind("等")
    if at > 0:
        rest = name[at + 1 :]
        if not rest or rest in _BARE_NOUNS or _COUNTED.fullmatch(rest):
            return _joined(name[:at])
        if looks_like_unit(rest) and looks_like_unit(name[:at]):
            return [*_joined(name[:at]), *((at + 1 + o, p) for o, p in _joined(rest))]
    return _joined(name)


# A place with nothing after it (潮南区) and one with the office lists share (濠江区人民政府).
_PLACE = r"[一-龥]{1,6}?(?:区|县|市|镇|乡|街道)"
_BARE_PLACE = re.compile(_PLACE)
_PLACE_OFFICE = re.compile(rf"{_PLACE}(人民政府|政府|党委和政府|党委|管委会|办事处)")
# A department written without its level after one written with it: 县发改局、财政局.
_DEPARTMENT = re.compile(r"^[一-龥]{2,10}(?:局|委|办|部|厅|中心|办公室)$")
_LEVEL = re.compile(r"^((?:两|三|各)?[省市县区])(委(?=[一-龥]{2,6}部$))?")  # 两市: joint plans
# Offices of state firms and vertical agencies are named by a place, not a level (陆河供电局):
# a name without a level among them is no department to complete.
_PLACE_NAMED = re.compile(r"供电|电力|邮政|烟草|电信|移动|联通|铁路|海关|海事|银行")


_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# Mirror sites print pinyin after some characters (区（qū）发改委): a tone-marked syllable in
# brackets after a Chinese character is no part of the name.
_PINYIN = re.compile(rf"(?<=[一-龥])\s?[（(][a-zü]*[{_TONES}][a-zü]*[）)]")


def strip_pinyin(name: str) -> str:
    """A name without the pinyin a mirror site printed inside it."""
    return _PINYIN.sub("", name) if any(c in _TONES for c in name) else name


def complete(names: list[str]) -> list[str]:
    """Names a list leaves its reader to complete from their neighbours:
    `潮南区、濠江区人民政府` are two district governments; `县发改局、财政局` two county
    bureaus and `县委组织部、宣传部` two county party departments."""
    out = list(names)
    for i in range(len(out) - 2, -1, -1):
        office = _PLACE_OFFICE.fullmatch(out[i + 1])
        if office is not None and _BARE_PLACE.fullmatch(out[i]):
            out[i] += office.group(1)
    for i in range(1, len(out)):
        name = out[i]
        if (
            name[0] not in "省市县区"  # the common case, and cheaper to see than the level
            and _DEPARTMENT.match(name)
            and not _COLLECTIVE.search(name)
            and not _PLACE_NAMED.search(name)
            and level_of(name) is None
        ):
            level = _LEVEL.match(out[i - 1])
            if level is not None:
                party = level.group(2) and name.endswith("部")
                out[i] = level.group(1) + ("委" if party else "") + name
    return out


def _joined(name: str) -> list[tuple[int, str]]:
    for m in re.finditer(r"以及|及|和|与", name):
        left, right = name[: m.start()], name[m.end() :]
        if _BARE_OFFICE.fullmatch(right):
            continue  # 各县（市、区）党委和政府: the government of the place named on the left
        if looks_like_unit(left, strict=True) and looks_like_unit(right, strict=True):
            return [(0, left), (m.end(), right)]
    return [(0, name)]


# An office named without its place, which only the name before it gives.
_BARE_OFFICE = re.compile(r"(?:人民)?政府|党委|党组|管委会")


@cache
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    data = json.loads(resources.files(__package__).joinpath("unit_aliases.json").read_text("utf-8"))
    return tuple((re.compile(pattern), repl) for pattern, repl in data["rules"])


@cache
def expand(name: str) -> str:
    """The name with the built-in abbreviation rules applied (folded input)."""
    for pattern, repl in _rules():
        name = pattern.sub(repl, name)
    return name


def level_of(name: str) -> UnitLevel | None:
    if re.match(r"(?:国家|国务院|中央|中共中央|全国)", name):
        return UnitLevel.NATIONAL
    # A collective has the level of what it collects: 各区（县、市）人民政府 are county-level.
    name = re.sub(r"^各(?:地级以上)?(?=[省市县区])", "", name)
    levels: tuple[tuple[str, UnitLevel], ...] = (
        ("省", UnitLevel.PROVINCE), ("市", UnitLevel.CITY), ("县", UnitLevel.COUNTY),
        ("区", UnitLevel.COUNTY),
    )  # fmt: skip
    for prefix, level in levels:
        if name.startswith(prefix) or re.match(rf"^(?:中共|共青团)?[一-龥]{{2,4}}?{prefix}", name):
            if prefix == "市" and re.match(r"^[一-龥]{2,4}?县", name):
                break
            return level
    if re.match(r"^(?:各|全)?(?:镇|乡|街道)|[一-龥]{2,4}?(?:镇|乡|街道)", name):
        return UnitLevel.TOWN
    if name.startswith(("团县委", "团市委")):
        return UnitLevel.COUNTY if name[1] == "县" else UnitLevel.CITY
    return None


_INSTITUTION = re.compile(
    r"(?:中心|院|所|站|馆|学校|大学|银行|分行|支行|公司|集团|台|社|协会|研究室)$"
)


def kind_of(name: str) -> UnitKind:
    if _COLLECTIVE.search(name):
        return UnitKind.COLLECTIVE
    if re.search(r"(?:分局|分行|支行|分公司|分中心)$", name) and re.match(r"^[省市]", name):
        return UnitKind.BRANCH
    if re.search(r"(?:领导小组|领导小组办公室|工作小组|指挥部|工作专班)$", name):
        return UnitKind.GROUP
    if re.search(r"(?:镇|乡|街道)(?:人民政府|政府|办事处)?$", name):
        return UnitKind.TOWN
    if re.search(r"(?:^中共|^团|[县市省区]委(?!员)|纪委|党委|党工委|党组|统战部|党校)", name):
        return UnitKind.PARTY
    if re.search(r"(?:园区?|开发区|高新区|试验区|管委会)$", name):
        return UnitKind.PARK
    if _INSTITUTION.search(name):
        return UnitKind.INSTITUTION
    if re.search(r"(?:局|厅|委员会|委|办公室|办|政府|署|部|室)$", name):
        return UnitKind.GOVERNMENT
    return UnitKind.OTHER


def load_aliases(path: str | Path | None) -> dict[str, str]:
    """A user alias file: JSON {"alias": "canonical"} or CSV rows `alias,canonical`."""
    if path is None:
        return {}
    path = Path(path)
    try:
        raw = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AliasFileError(f"{path}: cannot read alias file: {exc}") from exc
    if path.suffix.lower() == ".json" or raw.lstrip().startswith("{"):
        return _json_aliases(path, raw)
    return _csv_aliases(path, raw)


def _json_aliases(path: Path, raw: str) -> dict[str, str]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise AliasFileError(f"{path}: line {exc.lineno}: not valid JSON: {exc.msg}") from exc
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
        for k, v in data.items()
    ):
        raise AliasFileError(f'{path}: expected a JSON object {{"alias": "canonical name"}}')
    return {fold(k.strip()): fold(v.strip()) for k, v in data.items()}


def _csv_aliases(path: Path, raw: str) -> dict[str, str]:
    aliases = {}
    for number, row in enumerate(csv.reader(raw.splitlines()), start=1):
        cells = [c.strip() for c in row]
        if not any(cells) or cells[0].startswith("#"):
            continue
        if len(cells) != 2 or not all(cells):
            raise AliasFileError(f"{path}: line {number}: expected two columns: alias,canonical")
        if number == 1 and cells[0].lower() == "alias":
            continue
        aliases[fold(cells[0])] = fold(cells[1])
    return aliases
