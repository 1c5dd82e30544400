"""A plan saved from a government web page: keep what the page says about the document
(标题, 发文字号, 发文机关, 成文日期), drop the page chrome and the covering notice.

Pages in the gov.cn style put a small table of labelled fields above the text
(`索引号：…  主题分类：…`, a label and its value on one line or on two), wrap the text in
navigation and buttons (`首页 > 政务公开 > …`, `【打印】`, `分享到：`), and publish a plan inside
the notice that issues it (`各镇人民政府，县直各单位：现将《…》印发给你们，…` signed and dated).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import is_date_line, iso_date
from .model import Metadata

Numbered = list[tuple[int, str]]

# Labelled fields of the page's information table, by the Metadata field they fill; the
# labels under None are page bookkeeping that is dropped. 字号 alone is the font-size
# switch, never the document number.
_FIELDS: dict[str | None, tuple[str, ...]] = {
    "title": ("标题", "文件名称", "名称"),
    "doc_number": ("发文字号", "文件编号", "文号", "发文号", "文件字号", "文件文号"),
    "issuer": ("发文机关", "发布单位", "发布机构", "发文单位", "发布机关", "制发机关", "成文单位"),
    "date": ("成文日期", "成文时间"),
    "published": ("发布日期", "发布时间", "印发日期", "公开日期", "发文日期", "生成日期"),
    None: (
        "索引号",
        "主题分类",
        "分类",
        "主题词",
        "关键词",
        "公文种类",
        "体裁分类",
        "组配分类",
        "服务对象",
        "信息来源",
        "文章来源",
        "来源",
        "浏览次数",
        "访问次数",
        "有效性",
        "时效性",
        "生效日期",
        "废止日期",
        "公开方式",
        "公开范围",
        "公开形式",
        "作者",
        "责任编辑",
        "信息分类",
        "所属机构",
        "统一编号",
        "登记号",
    ),
}
_LABEL_FIELD = {label: key for key, labels in _FIELDS.items() for label in labels}
_BULLETS = " \t\u3000•·●▪◆■-*"  # what a page may print before a field's label (• 发布时间：…)
# Longest first so 发文字号 wins over 文号 and 主题分类 over 分类; spaces may sit between the
# characters of a label (索 引 号).
_LABEL = re.compile(
    "(?:^|(?<=\\s))【?("
    + "|".join(
        r"\s*".join(map(re.escape, label)) for label in sorted(_LABEL_FIELD, key=len, reverse=True)
    )
    + r")\s*[:：]】?"
)

# Whole lines of page chrome, recognised by how they start or by what they contain.
_CHROME_LINE = re.compile(
    r"^\s*(?:分享到|上一篇|下一篇|相关链接|相关文件|相关阅读|相关新闻|您的位置|当前位置"
    r"|您现在的位置|所在位置|网站地图|联系我们|扫一扫|附件下载[:：]?\s*$)"
    r"|版权所有|ICP备|公网安备|网站标识码|技术支持[:：]"
    r"|^\s*首页\s*(?:[>›»＞/|｜]|$|\s{2,})"
)
# Chrome buttons that share a line with each other: a line made only of these goes.
_CHROME_TOKEN = re.compile(
    r"(?:字号|字体)\s*[:：]?\s*[【\[]?大[】\]]?\s*[【\[]?中[】\]]?\s*[【\[]?小[】\]]?"
    r"|扫一扫在手机(?:上)?(?:打开|查看)当前页面?|(?:用)?手机扫(?:一扫|码)\S*"
    r"|打印本页|打印此页|打印|关闭本页|关闭窗口|关闭|收藏本页|收藏|返回顶部|返回|我要纠错|纠错"
    r"|(?:浏览次数|访问次数|阅读次数|点击数|浏览量)\s*[:：]?\s*\d*"
    r"|视力保护色|默认|大|中|小"
)
_BUTTON = re.compile(r"(?:字号|字体|扫|打印|关闭|收藏|返回|纠错|次数|点击数|浏览量|视力保护色)")
_CHROME_LEFTOVER = re.compile(r"^[\s【】\[\]()（）|｜:：/·•,，、]*$")

# Where the plan itself starts: its first outline heading.
_BODY = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)]"
    r"|第[一二三四五六七八九十]+[章部分条节])"
)
_HEAD_LIMIT = 80  # lines; metadata never sits deeper than this above the first heading

_NOTICE_BODY = re.compile(r"现将.{0,160}?(?:印发|转发|下发|发)给你们")
_NOTICE_TITLE = re.compile(r"关于(?:印发|转发|下发)|的通知\s*$")
_ADDRESSEE = re.compile(r"^[^。；;]{2,120}[：:]\s*$")
_DOC_NUMBER = re.compile(r"^\s*(\S{1,16}[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*\d+\s*号)\s*$")
_SIGNATURE = re.compile(r"^[^。，；,;：:《》]{2,40}$")
_NOTE = re.compile(r"^\s*[（(](?:此件|本件|联系人|信息公开)[^）)]*[）)]\s*$")
_INNER_TITLE = re.compile(r"《([^》]+)》")
# How a plan's own title ends: such a line is never a label's value or part of the notice.
_TITLE_END = re.compile(r"(?:方案|意见|计划|规划|办法|通知|细则|清单|要点|措施|分工|决定)\s*$")


@dataclass
class _Fields:
    values: dict[str, str] = field(default_factory=dict)

    def put(self, key: str | None, value: str) -> None:
        value = value.strip()
        if key is not None and value and key not in self.values:
            self.values[key] = value

    def metadata(self) -> Metadata:
        title = self.values.get("title")
        inner = _INNER_TITLE.search(title or "")
        if inner and re.search("印发|转发|下发", title or ""):
            title = inner.group(1)  # the page is the notice; the document is the plan it issues
        date = iso_date(self.values.get("date", "")) or iso_date(self.values.get("published", ""))
        return Metadata(
            title=title,
            doc_number=self.values.get("doc_number"),
            issuer=self.values.get("issuer"),
            date=date,
        )


def strip_web_page(lines: Numbered) -> tuple[Numbered, Metadata]:
    """Drop chrome anywhere and labelled fields and the notice above the first heading."""
    fields = _Fields()
    kept = [(number, text) for number, text in lines if not is_chrome(text)]
    head = _head_end(kept)
    drop: set[int] = set()
    _take_labels(kept[:head], fields, drop)
    _take_notice(kept[:head], fields, drop)
    return [item for index, item in enumerate(kept) if index not in drop], fields.metadata()


def is_chrome(text: str) -> bool:
    """A line of page navigation, buttons or footer, with nothing of the plan in it."""
    if _CHROME_LINE.search(text):
        return True
    # 大 中 小 alone are only chrome beside a real button; a line "中" stays.
    return bool(_BUTTON.search(text)) and bool(_CHROME_LEFTOVER.match(_CHROME_TOKEN.sub("", text)))


def _head_end(lines: Numbered) -> int:
    for index, (_, text) in enumerate(lines[:_HEAD_LIMIT]):
        if _BODY.match(text):
            return index
    return min(len(lines), _HEAD_LIMIT)


def _take_labels(head: Numbered, fields: _Fields, drop: set[int]) -> None:
    pending: tuple[str | None] | None = None  # a label whose value is on the next line
    for index, (_, text) in enumerate(head):
        if not text.strip():
            continue
        matches = list(_LABEL.finditer(text))
        if not matches or text[: matches[0].start()].strip(_BULLETS):
            if pending is not None and (pending[0] == "title" or not _TITLE_END.search(text)):
                fields.put(pending[0], text)
                drop.add(index)
            pending = None
            continue
        drop.add(index)
        pending = None
        for match, after in zip(matches, [*matches[1:], None], strict=True):
            key = _LABEL_FIELD[re.sub(r"\s+", "", match.group(1))]
            value = text[match.end() : after.start() if after else len(text)].strip()
            if value:
                fields.put(key, value)
            elif after is None:
                pending = (key,)


def _take_notice(head: Numbered, fields: _Fields, drop: set[int]) -> None:
    order = [i for i, (_, text) in enumerate(head) if text.strip() and i not in drop]
    start = next((k for k, i in enumerate(order) if _NOTICE_BODY.search(head[i][1])), None)
    if start is None:
        return
    body = head[order[start]][1]
    inner = _INNER_TITLE.search(body)
    if inner:
        fields.put("title", inner.group(1))
    drop.add(order[start])
    _drop_notice_top(head, order[:start], fields, drop)
    _drop_notice_bottom(head, order[start + 1 :], fields, drop)


def _drop_notice_top(head: Numbered, before: list[int], fields: _Fields, drop: set[int]) -> None:
    """The addressee line, the notice's title and its number, walking up from the body."""
    for position, index in enumerate(reversed(before)):
        text = head[index][1].strip()
        number = _DOC_NUMBER.match(text)
        if position == 0 and _ADDRESSEE.match(text):
            drop.add(index)
        elif number:
            fields.put("doc_number", re.sub(r"\s+", "", number.group(1)))
            drop.add(index)
        elif _NOTICE_TITLE.search(text):
            drop.add(index)
        else:
            return


def _drop_notice_bottom(head: Numbered, after: list[int], fields: _Fields, drop: set[int]) -> None:
    """Further notice sentences, the signature and the date, then notes like （此件公开发布）."""
    window: list[int] = []
    for index in after[:6]:
        text = head[index][1]
        if _TITLE_END.search(text) or _BODY.match(text):
            break
        window.append(index)
    date_at = next((k for k, i in enumerate(window) if is_date_line(head[i][1])), None)
    if date_at is None:
        return
    signature = [head[i][1].strip() for i in window[:date_at] if _SIGNATURE.match(head[i][1])]
    if signature:
        fields.put("issuer", signature[-1])
    fields.put("date", head[window[date_at]][1])
    drop.update(window[: date_at + 1])
    for index in after[date_at + 1 :]:
        if not _NOTE.match(head[index][1]):
            break
        drop.add(index)
