"""The words plans use to say who does what: each word class named once.

Clause patterns (clauses.py) and table header kinds (tables.py) are both built from these
lists, so a new word (协同责任单位, 主办) is added here and read everywhere. Words are in
folded spelling (fold.py: Simplified, full-width), the form every pattern matches against.

- labels open a list: `牵头单位：A`, a table header `牵头单位`;
- markers follow the units they apply to: `A、B牵头`, `C协办`, `D按职责分工负责`.
"""

from __future__ import annotations

import re

# A role label is a role word and what it names: 单位 or 部门, or inside one body 处室/科室/股室
# (a bureau's own plan: 牵头处室：规划处), each label built from both lists below.
_NOUNS = ("单位", "部门", "处室", "科室", "股室")


def _labelled(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(word + noun for word in words for noun in _NOUNS)


# A bare role word may be the label too (牵头：A；协同：B、C), as ordinary prose may also print
# it (配合：做好…): such a label opens a clause only when units follow it.
_BARE_LEAD = ("牵头", "主办", "主责")
_BARE_SUPPORT = ("配合", "协办", "协同", "协助", "参与")
BARE_LABELS = frozenset((*_BARE_LEAD, *_BARE_SUPPORT))

# Who leads the work.
LEAD_LABELS = (
    *_labelled(("牵头责任", "牵头", "主办", "主责", "主抓", "主要责任", "主要负责")),
    *_BARE_LEAD,
)
LEAD_MARKERS = (
    *(joint + "牵头" for joint in ("分别", "共同", "联合", "双")),  # 县发改局、县财政局双牵头
    "牵头负责",
    "负责牵头",
    "为牵头单位",
    "负总责",
    "为主",  # A为主，B配合
    "主抓",  # A主抓，B协助
    "牵头",
    "主办",
    "主责",
)

# Who helps the lead.
SUPPORT_LABELS = (
    *_labelled(
        ("协同责任", "次要责任", "配合", "协办", "协同", "参与", "参加", "会同", "协助", "协作")
    ),
    *_BARE_SUPPORT,
)
SUPPORT_MARKERS = (
    # how they help: 共同参与, 积极配合, 密切配合
    *(how + verb for how in ("共同", "积极", "密切", "协同") for verb in ("配合", "参与", "协助")),
    # what they help do: 协同推进, 配合落实, 协助实施
    *(verb + act for verb in ("配合", "协同", "协助", "参与") for act in ("推进", "落实", "实施")),
    "配合",
    "参与",
    "协助",
    "协办",
    "协同",
)

# Who is responsible, without saying who leads.
RESPONSIBLE_LABELS = (
    *_labelled(("主体责任", "责任", "实施", "落实", "承办", "负责", "承担")),
    "实施主体",
    "责任主体",
)
# `A、B按职能分工抓好落实`: by their duties (any of these wordings), then what they do.
_BY_DUTY = tuple(
    by + duty + split
    for by in ("按", "按照", "根据", "按各自", "按照各自")
    for duty in ("职责", "职能")
    for split in ("分工", "")
)
_DUTY_VERBS = ("负责", "落实", "负责落实", "抓好落实", "组织落实", "组织实施", "推进落实")
RESPONSIBLE_MARKERS = (
    *(by + verb for by in _BY_DUTY for verb in _DUTY_VERBS),
    "分工负责",
    "共同负责",
    "分别负责",
    "负责落实",
    "抓好落实",
    *("具体" + verb for verb in ("落实", "实施", "负责", "组织实施", "组织落实", "抓好落实")),
    "组织落实",
    "组织实施",
    "负责",
    "落实",
    # the duty they carry: 各镇落实属地责任, 某企业承担主体责任
    *(
        verb + duty
        for verb in ("落实", "履行", "承担", "负")
        for duty in ("属地责任", "属地管理责任", "主体责任", "监管责任")
    ),
)

# What a unit is charged with, when a sentence names its units first (`A会同B制定…`): the verbs
# a task opens with, which end the list of units before them.
TASK_VERBS = (
    "制定",
    "研究",
    "负责",
    "做好",
    "加强",
    "开展",
    "推进",
    "推动",
    "加快",
    "建立",
    "健全",
    "完善",
    "落实",
    "组织",
    "抓好",
    "出台",
    "编制",
    "起草",
    "修订",
    "实施",
    "指导",
    "督促",
    "统筹",
    "协调",
    "提出",
    "办理",
    "部署",
    "深化",
    "强化",
    "做实",
    "建设",
    "设立",
    "安排",
    "启动",
    "开发",
    "整治",
    "打造",
    "引导",
    "支持",
    "鼓励",
    "帮助",
    "动员",
)
# How a task's verb may be qualified before it (A会同B积极推进…).
TASK_ADVERBS = ("进一步", "积极", "大力", "全面", "持续", "切实", "认真", "依法", "共同", "联合")

# The level a role label may say it applies to, before it (省级牵头单位：A；市县责任单位：B).
LABEL_LEVEL = r"(?:[省市县区乡镇]级|市县|县区|县市区|市州)?"

# By when.
DEADLINE_LABELS = (
    "完成时限",
    "完成时间",
    "完成期限",
    "时间节点",
    "时限要求",
    "进度安排",
    "时间安排",
    "时限",
)
# Any other deadline label: a word for a time limit after a qualifier (截止时间, 办结时限).
DEADLINE_PATTERN = r"[一-龥]{0,4}?(?:时间|时限|期限|节点)"

# People and their titles: never units (牵头领导：王某, 分管领导同志, 责任人).
LEADER_LABELS = (
    "牵头负责领导",
    "牵头领导",
    "分管省领导",
    "分管市领导",
    "分管县领导",
    "分管区领导",
    "分管领导",
    "责任领导",
    "联系领导",
    "包抓领导",
    "责任人",
    "负责人",
    "联系人",
    "联系电话",
)
# A leader label may carry a qualifier before 领导 (省级牵头领导, and the body whose leader it
# is: 县人民政府责任领导), or name the office itself (分管副县长, 市政府分管副秘书长).
LEADER_PATTERN = (
    r"[一-龥]{0,8}领导|[一-龥]{0,5}分管(?:副?[省市县区州盟旗镇乡]长|[一-龥]{0,3}(?:秘书长|书记|主任))"
    r"|责任人|负责人|联系人|联系电话"
)
# A role label may ask for the people too (责任单位及责任人：A（张三）, 牵头单位（负责人）：B):
# the label still opens a list of units, the people being read as the units' remarks.
LEADER_SUFFIX = r"(?:[及和与、/]|[（(])(?:[一-龥]{0,2}领导|责任人|负责人|联系人)[）)]?"

# Columns or lists naming units that do not carry the work: only when a header says so.
NOT_RESPONSIBILITY_LABELS = (
    "数据提供单位",
    "数据来源单位",
    "数据来源",
    "监测单位",
    "统计单位",
    "报送单位",
    "考核单位",
    "评价单位",
    "督查单位",
    "督办单位",
    "督导单位",
)


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternative matching any of `words`, the longest first (so 牵头单位 wins over
    牵头)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
