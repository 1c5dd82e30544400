"""The words plans use to say who does what: each word class named once.

Clause patterns (clauses.py) and table header kinds (tables.py) are both built from these
lists, so a new word (协同责任单位, 主办) is added here and read everywhere. Words are in
folded spelling (fold.py: Simplified, full-width), the form every pattern matches against.

- labels open a list: `牵头单位：A`, a table header `牵头单位`;
- markers follow the units they apply to: `A、B牵头`, `C协办`, `D按职责分工负责`.
"""

from __future__ import annotations

import re

# Who leads the work.
LEAD_LABELS = (
    "牵头责任单位", "牵头单位", "牵头部门", "主办单位", "主责单位", "主办部门", "主责部门",
    "主要责任单位", "主要责任部门", "主要负责单位", "牵头", "主办", "主责",
)
LEAD_MARKERS = ("牵头负责", "负责牵头", "为牵头单位", "分别牵头", "负总责", "牵头", "主办", "主责")

# Who helps the lead.
SUPPORT_LABELS = (
    "协同责任单位", "配合单位", "配合部门", "协办单位", "协同单位", "协同部门", "参与单位",
    "参与部门", "参加单位", "会同单位", "协助单位", "协作单位", "配合", "协办",
)
SUPPORT_MARKERS = ("配合实施", "共同配合", "配合", "参与", "协助", "协办", "协同")

# Who is responsible, without saying who leads.
RESPONSIBLE_LABELS = (
    "主体责任单位", "责任单位", "责任部门", "实施单位", "落实单位", "承办单位", "负责单位",
    "实施主体", "责任主体", "承担单位",
)
RESPONSIBLE_MARKERS = (
    "按职责分工负责", "按职责分工落实", "按职责负责", "按职能分工负责", "按照职责分工负责",
    "按照职责分工落实", "按照职责负责", "按照职能分工负责", "分工负责", "共同负责",
    "分别负责", "负责落实", "抓好落实", "具体落实", "组织落实", "组织实施", "负责", "落实",
)

# The level a role label may say it applies to, before it (省级牵头单位：A；市县责任单位：B).
LABEL_LEVEL = r"(?:[省市县区乡镇]级|市县|县区|县市区|市州)?"

# By when.
DEADLINE_LABELS = (
    "完成时限", "完成时间", "完成期限", "时间节点", "时限要求", "进度安排", "时间安排", "时限",
)

# People and their titles: never units (牵头领导：王某, 分管领导同志, 责任人).
LEADER_LABELS = (
    "牵头负责领导", "牵头领导", "分管省领导", "分管市领导", "分管县领导", "分管区领导",
    "分管领导", "责任领导", "联系领导", "包抓领导", "责任人", "负责人", "联系人", "联系电话",
)
# A leader label may carry a qualifier of a few characters before 领导 (省级牵头领导).
LEADER_PATTERN = r"[一-龥]{0,4}领导|责任人|负责人|联系人|联系电话"

# Columns or lists naming units that do not carry the work: only when a header says so.
NOT_RESPONSIBILITY_LABELS = (
    "数据提供单位", "数据来源单位", "数据来源", "监测单位", "统计单位", "报送单位", "考核单位",
    "评价单位", "督查单位", "督办单位",
)


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternative matching any of `words`, the longest first (so 牵头单位 wins over
    牵头)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
