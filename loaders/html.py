"""Web pages (.html .htm .shtml, and .mhtml archives of one) -> numbered lines.

The page is parsed with lxml's HTML parser. Its charset comes from the bytes (a BOM),
else the meta tag (GB2312 and GBK are read as GB18030, the superset pages really use),
else what the bytes decode as. The article body is the element holding the most text
that is not links, once navigation, scripts, forms, share bars and footers are taken
out; the page's information table (索引号, 发布机构, 成文日期, 文号 …) and the article's
heading are kept above it, so webpage.py reads them into the metadata as it does for a
page saved as text. Tables are read as tables; documents the page links to as
attachments are named in a warning, for they are separate files to load.

`line` is the line of the HTML source where the element starts.
"""

from __future__ import annotations

import codecs
import email
import email.policy
import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

from dutygraph.errors import InputError

from .budgets import Reading
from .encoding import decode
from .tables import HEADER_ROWS, Columns, Row, TableWriter, convert, depth_after
from .webpage import is_chrome

Numbered = list[tuple[int, str]]

_DROPPED_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "button",
    "select",
    "input",
    "textarea",
    "object",
    "embed",
    "svg",
    "template",
)
# class or id words of page furniture around an article.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|position|location|share|bdshare"
    r"|footer|foot|header|top|banner|sidebar|side|related|relate|pagination|pager|prevnext"
    r"|prev|next|print|tools?|toolbar|search|login|copyright|links?|friendlinks?|ewm|qrcode)"
    r"(?:$|[\s_-])",
    re.IGNORECASE,
)
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "center",
        "hr",
    ]
)
_INFO_LABELS = re.compile(r"索\s*引\s*号|发布机构|发文机关|成文日期|发文字号|文\s*号|主题分类")
_ATTACHMENT = re.compile(r"\.(?:pdf|docx?|wps|xlsx?|et|ods|odt|rtf|ofd|zip|rar|7z)$", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_GB = {"gb2312", "gbk", "gb_2312-80", "x-gbk", "euc-cn", "cp936", "hz-gb-2312"}
_MIN_ARTICLE = 20  # characters of text: less than this is not an article


def read_html(data: bytes, reading: Reading) -> Numbered:
    name = reading.name
    if is_mhtml(data):
        data, declared = _mhtml_page(data, name)
    else:
        declared = None
    root = _parse(_text(data, name, declared), name)
    for el in list(root.iter(*_DROPPED_TAGS)):
        _drop(el)
    for el in [el for el in root.iter() if _is_furniture(el)]:
        _drop(el)
    article = _article(root)
    if article is None:
        raise InputError(f"{name}: a web page with no article text (nothing but navigation)")
    _note_attachments(root, reading)
    lines: Numbered = []
    for info in _info_blocks(root, article):
        lines.extend(_block_lines(info))
    heading = _heading(root, article)
    if heading is not None:
        lines.append((heading.sourceline or 1, _inline_text(heading)))
    lines.extend(_block_lines(article))
    return lines


def is_html(data: bytes) -> bool:
    """Whether the bytes start like a web page (after a BOM, spaces and comments)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    head = re.sub(rb"^(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*", b"", head, flags=re.S)
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta"))


def is_mhtml(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"mime-version:" in head and b"multipart/related" in head


def _mhtml_page(data: bytes, name: str) -> tuple[bytes, str | None]:
    """The HTML part of a saved MHTML archive and the charset its header declares."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:
                return payload, part.get_content_charset()
    raise InputError(f"{name}: an MHTML archive with no HTML page in it")


def _text(data: bytes, name: str, declared: str | None) -> str:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if declared is None:
        meta = _META_CHARSET.search(data[:8192])
        declared = meta.group(1).decode("ascii") if meta else None
    if declared:
        encoding = "gb18030" if declared.lower() in _GB else declared.lower()
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: read the bytes as they are
    return decode(data, name)


def _parse(text: str, name: str) -> etree._Element:
    # lxml refuses a str that still declares an XML encoding.
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{name}: not readable as a web page ({exc})") from exc


def _drop(el: etree._Element) -> None:
    if el.getparent() is not None:
        el.drop_tree()


def _is_furniture(el: etree._Element) -> bool:
    if not isinstance(el.tag, str) or el.tag in ("html", "body"):
        return False
    words = f"{el.get('class', '')} {el.get('id', '')}"
    return bool(words.strip()) and bool(_FURNITURE.search(words))


def _own_text(el: etree._Element) -> int:
    """Characters of text in el outside links."""
    total = 0
    for node in el.iter():
        if not isinstance(node.tag, str):
            continue
        inside_link = node.tag == "a" or any(a.tag == "a" for a in node.iterancestors())
        if node.text and not inside_link:
            total += len(node.text.strip())
        if node.tail and node is not el and not _in_link(node):
            total += len(node.tail.strip())
    return total


def _in_link(node: etree._Element) -> bool:
    parent = node.getparent()
    return parent is not None and (
        parent.tag == "a" or any(a.tag == "a" for a in parent.iterancestors())
    )


def _article(root: etree._Element) -> etree._Element | None:
    """The element whose paragraphs hold the most non-link text: each paragraph's text
    counts for its container, and half for the container's parent."""
    scores: dict[etree._Element, float] = {}
    for p in root.iter("p", "div", "td", "li", "span", "font"):
        length = _direct_text(p)
        if length < 2:
            continue
        parent = p.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + length
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + length / 2
    if not scores:
        return None
    best = max(scores, key=lambda el: scores[el])
    if _own_text(best) < _MIN_ARTICLE:
        return None
    # A responsibilities table holds more text than the prose around it, but is a part of
    # the article, not all of it: read from what holds the table, so the table's rows are
    # read as rows (merged cells and all) and the paragraphs before and after it are kept.
    table = best if best.tag == "table" else next(best.iterancestors("table"), None)
    if table is not None and table.getparent() is not None and _is_task_table(table):
        return table.getparent()
    return best


def _is_task_table(table: etree._Element) -> bool:
    return any(Columns.of(cells) is not None for _, cells in _rows(table)[:HEADER_ROWS])


def _direct_text(el: etree._Element) -> int:
    """Text of el itself and its inline children, links excluded."""
    length = len((el.text or "").strip())
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _BLOCKS and child.tag != "a":
            length += len(child.text_content().strip())
        length += len((child.tail or "").strip())
    return length


def _info_blocks(root: etree._Element, article: etree._Element) -> Iterator[etree._Element]:
    """The page's information tables (two or more labels such as 索引号, 成文日期) that
    sit outside the article."""
    for el in root.iter("table", "div", "ul", "dl"):
        if el is article or article in el.iterancestors() or el in article.iterancestors():
            continue
        if any(
            a is not el and a.tag in ("table", "div", "ul", "dl") and _info(a)
            for a in el.iterancestors()
        ):
            continue
        if _info(el):
            yield el


def _info(el: etree._Element) -> bool:
    return len(_INFO_LABELS.findall(el.text_content()[:2000])) >= 2


def _heading(root: etree._Element, article: etree._Element) -> etree._Element | None:
    """The article's own heading when it sits outside the article: the last h1-h3 before it."""
    if any(True for _ in article.iter("h1", "h2", "h3")):
        return None
    found = None
    for el in root.iter("h1", "h2", "h3", *article.tag.split()):
        if el is article:
            break
        if el.tag in ("h1", "h2", "h3") and _inline_text(el):
            found = el
    return found


def _note_attachments(root: etree._Element, reading: Reading) -> None:
    names = []
    for a in root.iter("a"):
        href = (a.get("href") or "").split("?")[0]
        if _ATTACHMENT.search(href):
            names.append((a.sourceline or 1, _inline_text(a) or href.rsplit("/", 1)[-1]))
    if names:
        listed = "、".join(dict.fromkeys(name for _, name in names))
        reading.warn(names[0][0], f"the page links attachments, separate files to load: {listed}")


def _inline_text(el: etree._Element) -> str:
    return re.sub(r"\s+", " ", el.text_content()).strip()


def _block_lines(el: etree._Element) -> Numbered:
    """el's text, a line per block element, its tables read as tables."""
    out: Numbered = []
    writer: TableWriter | None = None
    depth = 0
    current: list[str] = []
    start = el.sourceline or 1

    def end_line() -> None:
        nonlocal depth, start
        text = re.sub(r"[ \t\r\n]+", " ", "".join(current)).strip()
        current.clear()
        if text and not is_chrome(text):
            out.append((start, text))
            depth = depth or depth_after([text])

    def walk(node: etree._Element) -> None:
        nonlocal writer, start
        for child in node:
            if not isinstance(child.tag, str):  # comments, processing instructions
                current.append(child.tail or "")
                continue
            if child.tag == "table":
                end_line()
                lines, writer = _table_lines(child, depth, writer)
                out.extend(lines)
            elif child.tag in _BLOCKS:
                end_line()
                start = child.sourceline or start
                current.append(child.text or "")
                walk(child)
                end_line()
            else:
                if not current:
                    start = child.sourceline or start
                current.append(child.text or "")
                walk(child)
                if child.tag in ("td", "th"):
                    current.append(" ")  # cells of a layout table: 发布机构： 某办 成文日期： …
            current.append(child.tail or "")

    current.append(el.text or "")
    walk(el)
    end_line()
    return out


def _table_lines(
    table: etree._Element, depth: int, previous: TableWriter | None
) -> tuple[Numbered, TableWriter | None]:
    rows = _rows(table)
    converted = convert(rows, depth, previous)
    if converted is not None:
        return converted
    lines = [(n, " ".join(dict.fromkeys(c for c in cells if c.strip()))) for n, cells in rows]
    return lines, None


def _rows(table: etree._Element) -> list[Row]:
    """The table's rows (not those of tables nested in it), a merged cell's text in every
    row and column it spans."""
    rows: list[Row] = []
    below: dict[int, tuple[int, str]] = {}  # column -> (rows left, text) of a rowspan
    for tr in table.iter("tr"):
        if next(tr.iterancestors("table")) is not table:
            continue  # a row of a nested table
        cells: list[str] = []
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while len(cells) in below:
                cells.append(_take_rowspan(below, len(cells)))
            text = _cell_text(td)
            span = _int(td.get("colspan"))
            for _ in range(span):
                if _int(td.get("rowspan")) > 1:
                    below[len(cells)] = (_int(td.get("rowspan")) - 1, text)
                cells.append(text)
        while len(cells) in below:
            cells.append(_take_rowspan(below, len(cells)))
        if any(c.strip() for c in cells):
            rows.append((tr.sourceline or 1, cells))
    return rows


def _take_rowspan(below: dict[int, tuple[int, str]], column: int) -> str:
    left, text = below[column]
    if left <= 1:
        del below[column]
    else:
        below[column] = (left - 1, text)
    return text


def _cell_text(td: etree._Element) -> str:
    parts = [_inline_text(p) for p in td.iter("p")]
    return "\n".join(p for p in parts if p) or _inline_text(td)


def _int(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() and 0 < int(value) < 1000 else 1
