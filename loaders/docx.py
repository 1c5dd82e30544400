"""Word .docx -> numbered lines: body paragraphs and tables in document order.

Line numbers count the body's paragraphs and table rows in order (a responsibilities
table's row is one line); a table that is not a responsibilities table (a layout table
holding the plan's text) gives one line per paragraph of its cells. Paragraph text is read
from the XML so hyperlinks, tracked insertions and content controls keep their words,
deleted text and text boxes (Word stores those twice) stay out. A number Word generates for
a list paragraph is not in the text and is not invented here.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import docx
from lxml import etree

from dutygraph.errors import InputError

from .budgets import Reading
from .tables import Row, TableWriter, convert, depth_after

Numbered = list[tuple[int, str]]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc"
_TEXT = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n"}
_NO_BREAK_HYPHEN = f"{_W}noBreakHyphen"
_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag"}
# What may stand between a table and its continuation after a page break.
_BETWEEN_PARTS = re.compile(r"^\s*(?:[（(]?续表?[）)]?\d*)?\s*$")
_SKIPPED = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent"}


def read_docx(data: bytes, reading: Reading) -> Numbered:
    """The document's lines; InputError for a file python-docx cannot open."""
    name = reading.name
    _check_size(data, reading)
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except Exception as exc:  # zipfile, zlib, lxml and python-docx each fail their own way
        raise InputError(f"{name}: truncated or corrupt .docx ({_reason(exc)})") from exc
    if body is None:
        raise InputError(f"{name}: corrupt .docx (the document has no body)")
    lines: Numbered = []
    used = 0  # paragraphs and table rows so far: the next line's number is used + 1
    depth = 0  # 1 once an outline heading (一、) came before: a table then sits inside it
    table: TableWriter | None = None  # the responsibilities table a headerless one continues
    for block in _blocks(body):
        if block.tag == _P:
            used += 1
            parts = paragraph_text(block).split("\n")
            lines.extend((used, part) for part in parts)
            depth = depth or depth_after(parts)
            if not all(_BETWEEN_PARTS.match(part) for part in parts):
                table = None
        else:
            converted, count, table = _table_lines(block, used + 1, depth, table)
            lines.extend(converted)
            used += count
    return lines


def _check_size(data: bytes, reading: Reading) -> None:
    """Count the body's paragraphs and rows in one streaming pass (constant memory) before
    python-docx builds the whole tree, so a document of a million paragraphs is refused
    without ever being held."""
    count = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)).open("word/document.xml") as part:
            for _, el in etree.iterparse(
                part, events=("end",), tag=(_P, _TR), resolve_entities=False, no_network=True
            ):
                count += 1
                el.clear(keep_tail=False)
                if count > reading.budgets.paragraphs:
                    break
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, OSError, EOFError):
        return  # python-docx reports the damage in its own words
    reading.count(count, "paragraphs and table rows", "paragraphs")


def paragraph_text(p: etree._Element) -> str:
    """A paragraph's visible text, tabs and line breaks included."""
    parts = []
    for el in p.iter(*_TEXT, _NO_BREAK_HYPHEN):
        if _inside_skipped(el, p):
            continue
        if el.tag == _NO_BREAK_HYPHEN:
            parts.append("-")
        elif (fixed := _TEXT[el.tag]) is not None:  # a tab or a break
            parts.append(fixed)
        else:
            parts.append(el.text or "")
    return "".join(parts)


def _blocks(parent: etree._Element) -> Iterator[etree._Element]:
    for child in parent:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _WRAPPERS:
            yield from _blocks(child)


def _inside_skipped(el: etree._Element, stop: etree._Element) -> bool:
    for ancestor in el.iterancestors():
        if ancestor is stop:
            return False
        if ancestor.tag in _SKIPPED:
            return True
    return False


def _table_lines(
    tbl: etree._Element, first: int, depth: int, previous: TableWriter | None
) -> tuple[Numbered, int, TableWriter | None]:
    """The table's lines, how many line numbers they take (rows, or paragraphs), and the
    writer a next headerless table would continue."""
    grid, own = _grid(tbl)
    rows: list[Row] = [(first + i, cells) for i, cells in enumerate(grid)]
    converted = convert(rows, depth, previous)
    if converted is not None:
        return converted[0], len(rows), converted[1]
    # Not a responsibilities table: its paragraphs are the plan's text, one line each.
    texts = [text for row in own for cell in row for text in cell]
    return [(first + i, text) for i, text in enumerate(texts)], len(texts), None


def _grid(tbl: etree._Element) -> tuple[list[list[str]], list[list[list[str]]]]:
    """Each row's text per grid column (merged cells repeated, as a reader sees them), and
    each row's own cells as paragraph lists (each merged cell once)."""
    grid: list[list[str]] = []
    own: list[list[list[str]]] = []
    for tr in tbl.iter(_TR):
        if _nested(tr, tbl):
            continue
        row: list[str] = [""] * _val(tr, "trPr", "gridBefore", 0)
        cells: list[list[str]] = []
        for tc in tr.iter(_TC):
            if _nested(tc, tbl):
                continue
            span = _val(tc, "tcPr", "gridSpan", 1)
            if _continues_merge(tc):
                above = grid[-1] if grid else []
                col = len(row)
                text = above[col] if col < len(above) else ""
            else:
                paragraphs = [paragraph_text(p) for p in tc.iter(_P) if not _inside_skipped(p, tc)]
                text = "\n".join(paragraphs)
                cells.append([line for p in paragraphs for line in p.split("\n")])
            row.extend([text] * span)
        grid.append(row)
        own.append(cells)
    return grid, own


def _nested(el: etree._Element, tbl: etree._Element) -> bool:
    """Whether el belongs to a table nested inside tbl rather than to tbl itself."""
    return next(a for a in el.iterancestors(_TBL)) is not tbl


def _val(el: etree._Element, props: str, name: str, default: int) -> int:
    found = el.find(f"{_W}{props}/{_W}{name}")
    value = found.get(f"{_W}val") if found is not None else None
    return int(value) if value and value.isdigit() else default


def _continues_merge(tc: etree._Element) -> bool:
    merge = tc.find(f"{_W}tcPr/{_W}vMerge")
    return merge is not None and merge.get(f"{_W}val", "continue") == "continue"


def _reason(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__
