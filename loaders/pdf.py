"""PDF with a text layer -> numbered lines, as the plan was written before it was printed.

pdfplumber gives each printed line with its position. From those this module takes out
what printing added: running headers, footers and page numbers (`— 3 —`, `-3-`,
`第3页 共10页`), and the line breaks the page width forced, so a paragraph (and a clause
`（责任单位：县发展改革` / `局、县财政局）` split over two lines or two pages) is one line
again. A new paragraph starts at an indent, at a number or heading, or after a line that
stops short of the right margin; a title centred over several lines is one title.

Ruled tables (the 任务分工表 annex) are read as tables: a cell's wrapped lines are one
cell, a header printed again on every page is read once, a row a page break split is one
row, and the rows go through tables.py like those of a .docx.

`line` numbers are page and line: page * 1000 + the line's place on its page (3012 is
page 3, line 12); a joined paragraph keeps the number of its first line.
"""

from __future__ import annotations

import io
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from dutygraph.errors import InputError

from .budgets import Reading
from .progress import pages_bar
from .tables import HEADER_ROWS, Row, TableWriter, convert, depth_after, header_kind

Numbered = list[tuple[int, str]]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom

PAGE_LINES = 1000  # line numbers: page * PAGE_LINES + line on the page

_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－一]?\s*\d+\s*[-—–－一]?|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
    r"|\d+\s*/\s*\d+|[（(]?\d+[)）]?|page\s*\d+(?:\s*of\s*\d+)?)\s*$",
    re.IGNORECASE,
)
# What opens a paragraph of its own even at the left margin: an outline number or a heading.
_OPENS = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．]|[（(][一二三四五六七八九十百\d]+[）)]"
    r"|\d+\s*[、.．](?!\d)|[①-⑳]|第[一二三四五六七八九十百\d]+[章节条部分]"
    r"|附件|附表|抄送|抄报)"
)
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")


@dataclass(frozen=True, slots=True)
class PrintedLine:
    """A line as printed on a page, with where it sits (points, from the top left)."""

    page: int
    number: int  # page * PAGE_LINES + line
    text: str
    x0: float
    x1: float
    top: float
    size: float  # font size


@dataclass(frozen=True, slots=True)
class _Table:
    page: int
    number: int
    top: float
    rows: tuple[tuple[str, ...], ...]
    covered: tuple[tuple[bool, ...], ...]  # a cell a merged cell above it covers


_Block = PrintedLine | _Table


def read_pdf(data: bytes, reading: Reading) -> Numbered:
    """The plan's lines; a PDF with no text layer goes to OCR."""
    blocks, sizes = _blocks(data, reading)
    if not any(isinstance(b, PrintedLine) for b in blocks) and not any(
        isinstance(b, _Table) for b in blocks
    ):
        from .ocr import read_scanned_pdf

        return read_scanned_pdf(data, reading)
    return paragraphs(blocks, sizes)


def paragraphs(blocks: list[_Block], sizes: list[tuple[float, float]]) -> Numbered:
    """Printed lines (and tables) of every page, without running headers and page
    numbers, joined back into the paragraphs the page width broke."""
    body = set(without_running_lines([b for b in blocks if isinstance(b, PrintedLine)], sizes))
    return _lines([b for b in blocks if isinstance(b, _Table) or b in body])


def _blocks(data: bytes, reading: Reading) -> tuple[list[_Block], list[tuple[float, float]]]:
    """Text lines and tables of every page in reading order, and each page's size."""
    name = reading.name
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        count = len(pdf.pages)
    except Exception as exc:  # pdfminer fails in many ways on a damaged file
        raise _error(name, exc) from exc
    reading.count(count, "pages", "pages")
    blocks: list[_Block] = []
    sizes: list[tuple[float, float]] = []
    with pdf, pages_bar(count, name) as bar:
        for number in bar:
            page = pdf.pages[number - 1]
            try:
                blocks.extend(_page_blocks(page, number))
            except Exception as exc:
                raise _error(name, exc, number) from exc
            sizes.append((float(page.width), float(page.height)))
            page.close()  # drops the page's cached objects: memory stays one page deep
            reading.check_time()
    return blocks, sizes


def _error(name: str, exc: BaseException, page: int | None = None) -> InputError:
    cause = exc.__cause__ or exc.__context__ or exc
    for found in (exc, cause, *getattr(exc, "args", ())):
        if isinstance(found, PDFPasswordIncorrect | PDFEncryptionError):
            return InputError(f"{name}: encrypted PDF (it needs a password); save it unprotected")
    where = f" on page {page}" if page else ""
    reason = str(cause).splitlines()[0] if str(cause) else type(cause).__name__
    return InputError(f"{name}: truncated or corrupt PDF{where} ({reason[:120]})")


def _page_blocks(page: pdfplumber.page.Page, number: int) -> Iterator[_Block]:
    tables = [t for t in page.find_tables() if len(t.rows) > 1]
    boxes = [t.bbox for t in tables]
    found: list[_Block] = []
    outside = page.filter(
        lambda obj: obj.get("object_type") != "char" or not any(_inside(obj, b) for b in boxes)
    )
    # A gap wider than 0.4 of a character is a space; a justified line spaces its
    # characters by less, and a space the text holds is a character of its own.
    for line in outside.extract_text_lines(return_chars=True, strip=True, x_tolerance_ratio=0.4):
        if not line["text"]:
            continue
        size = statistics.median(c["size"] for c in line["chars"]) if line["chars"] else 0.0
        found.append(
            PrintedLine(number, 0, line["text"], line["x0"], line["x1"], line["top"], float(size))
        )
    for table in tables:
        found.append(_Table(number, 0, table.bbox[1], *_grid(table)))
    found.sort(key=lambda b: b.top)
    for index, block in enumerate(found, start=1):
        yield _renumbered(block, number * PAGE_LINES + index)


def _renumbered(block: _Block, number: int) -> _Block:
    if isinstance(block, PrintedLine):
        b = block
        return PrintedLine(b.page, number, b.text, b.x0, b.x1, b.top, b.size)
    return _Table(block.page, number, block.top, block.rows, block.covered)


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _grid(
    table: pdfplumber.table.Table,
) -> tuple[tuple[tuple[str, ...], ...], tuple[tuple[bool, ...], ...]]:
    """Each row's cells with their wrapped lines joined, and where a merged cell covers them;
    a merged cell (pdfplumber gives None where it covers a row or column) repeats its text in
    every row and column it covers, as the .docx reader's grid does: a 牵头单位 merged over
    three tasks leads each."""
    texts = table.extract(x_tolerance_ratio=0.4)
    boxes = [row.cells for row in table.rows]
    columns = [(column.bbox[0] + column.bbox[2]) / 2 for column in table.columns]
    rows = tuple(
        tuple(
            _join_wrapped((text if text is not None else _covering(texts, boxes, r, x)).split("\n"))
            for text, x in zip(row, columns, strict=False)
        )
        for r, row in enumerate(texts)
    )
    return rows, tuple(tuple(text is None for text in row) for row in texts)


def _covering(
    texts: list[list[str | None]], boxes: list[list[Box | None]], r: int, x: float
) -> str:
    """The text of the cell covering row r at x: one of this row or a row above, merged."""
    own = [box for box in boxes[r] if box is not None]
    if not own:
        return ""
    y = (own[0][1] + min(box[3] for box in own)) / 2  # inside row r's own height
    for above in range(r, -1, -1):
        for text, box in zip(texts[above], boxes[above], strict=True):
            if box is not None and box[0] <= x <= box[2] and box[1] <= y <= box[3]:
                return text or ""
    return ""


def _join_wrapped(parts: list[str]) -> str:
    text = ""
    for part in (p.strip() for p in parts):
        if text and part and not (_CJK.search(text[-1]) or _CJK.search(part[0])):
            text += " "  # two Latin words a wrap separated
        text += part
    return text


def without_running_lines(
    lines: list[PrintedLine], sizes: list[tuple[float, float]]
) -> list[PrintedLine]:
    """Drop page numbers and the headers and footers printed on most pages.

    Only the first and last two lines of a page are candidates, and only when they sit
    in its top or bottom tenth, so a plan's own short line is never taken for one.
    """
    by_page: dict[int, list[PrintedLine]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    edges: list[PrintedLine] = []
    for page, on_page in by_page.items():
        height = sizes[page - 1][1]
        for line in {*on_page[:2], *on_page[-2:]}:
            if line.top < height * 0.1 or line.top > height * 0.9:
                edges.append(line)
    # A running header repeats word for word (numbered ones are page numbers, above);
    # lines that differ only in their numbers are the plan's own items.
    repeated: dict[str, int] = {}
    for line in edges:
        repeated[line.text] = repeated.get(line.text, 0) + 1
    pages = len(by_page)
    dropped = {
        line
        for line in edges
        if _PAGE_NUMBER.match(line.text)
        or (pages >= 3 and repeated[line.text] >= max(3, pages // 2))
    }
    return [line for line in lines if line not in dropped]


def _lines(blocks: list[_Block]) -> Numbered:
    """Paragraphs from the text lines, table rows through tables.py, in reading order."""
    text_lines = [b for b in blocks if isinstance(b, PrintedLine)]
    # The margins most lines keep: a stray mark (or a misread speck of a scan) beyond
    # them must not make every line look short.
    left = _quantile([line.x0 for line in text_lines], 0.1)
    right = _quantile([line.x1 for line in text_lines], 0.9)
    body = statistics.median(line.size for line in text_lines) if text_lines else 0.0
    out: Numbered = []
    previous: PrintedLine | None = None
    rows: list[Row] = []
    last: tuple[bool, ...] = ()  # where a merged cell covers the table's last row so far
    writer: TableWriter | None = None
    depth = 0
    for block in blocks:
        if isinstance(block, _Table):
            added, covered = _table_rows(block, rows, last)
            rows.extend(added)
            last = covered or last
            previous = None
            continue
        if rows:
            _converted, writer = _flush(rows, depth, writer, out)
            rows = []
        if previous is not None and _continues(previous, block, left, right, body):
            number, text = out[-1]
            out[-1] = (number, _join_wrapped([text, block.text]))
        else:
            out.append((block.number, block.text))
            depth = depth or depth_after([block.text])
            writer = None
        previous = block
    if rows:
        _flush(rows, depth, writer, out)
    return out


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _table_rows(
    table: _Table, so_far: list[Row], last: tuple[bool, ...]
) -> tuple[list[Row], tuple[bool, ...]]:
    """A page's table rows as the table's continuation, and where merged cells cover its last
    row: a header the table already has is skipped (each of its rows, when it has two), a
    first row with no number (a row the page break split) joins the last, and a merged cell
    the page break cut (`last`: the previous page's last row was covered) goes on with its
    text, which is printed on the first page only."""
    rows = [
        (table.number + i, list(cells), covered)
        for i, (cells, covered) in enumerate(zip(table.rows, table.covered, strict=True))
    ]
    if so_far:
        header = so_far[0][1]
        rows = [r for r in rows if r[1] != header]
        names = [cells for _, cells in so_far[:HEADER_ROWS] if _column_names(cells)]
        while rows and rows[0][1] in names:
            rows = rows[1:]
        if rows and _split(so_far[-1][1], rows[0][1]):
            number, previous = so_far[-1]
            joined = [
                _join_wrapped([a, b]) if b.strip() and b != a else a
                for a, b in zip(previous, rows[0][1], strict=False)
            ]
            so_far[-1] = (number, joined)
            rows = rows[1:]
        _go_on(so_far[-1][1], last, rows)
    return [(number, cells) for number, cells, _ in rows], rows[-1][2] if rows else ()


def _go_on(
    above: list[str], last: tuple[bool, ...], rows: list[tuple[int, list[str], tuple[bool, ...]]]
) -> None:
    """Give a merged cell the page break cut its text on the new page: an empty cell at the
    top of the page under a merged one, and the rows its own merge covers there."""
    for c, cut in enumerate(last):
        if not cut or c >= len(above):
            continue
        for r, (_, cells, covered) in enumerate(rows):
            if c >= len(cells) or cells[c].strip() or (r and not covered[c]):
                break
            cells[c] = above[c]


def _column_names(cells: list[str]) -> bool:
    """A row of column names only (牵头单位 | 配合单位 under a merged 责任单位)."""
    filled = [cell for cell in cells if cell.strip()]
    return bool(filled) and all(header_kind(cell) for cell in filled)


def _split(last: list[str], first: list[str]) -> bool:
    """Whether a page's first row is the rest of the row the page before ended with: it
    has no number of its own, and that row stopped mid-sentence or with a cell empty."""
    if first[0].strip() or not any(c.strip() for c in first):
        return False
    return not all(c.strip() for c in last) or not re.search(r"[。；;）)]$", max(last, key=len))


def _flush(
    rows: list[Row], depth: int, writer: TableWriter | None, out: Numbered
) -> tuple[Numbered, TableWriter | None]:
    converted = convert(rows, depth, writer)
    if converted is None:  # not a responsibilities table: its cells are text
        lines = [(n, " ".join(dict.fromkeys(c for c in cells if c))) for n, cells in rows]
        out.extend(line for line in lines if line[1])
        return lines, None
    out.extend(converted[0])
    return converted


def _continues(
    previous: PrintedLine, line: PrintedLine, left: float, right: float, body: float
) -> bool:
    """Whether `line` carries on the paragraph `previous` was printing."""
    size = line.size or previous.size or 1.0
    # Relative, for the same rules read points of a text layer and pixels of a scan.
    if abs(line.size - previous.size) > 0.12 * size:
        return False
    if size > 1.2 * body or (_centred(previous, left, right) and _centred(line, left, right)):
        # a title set over several lines, in a larger type or centred line under line
        return line.page == previous.page and line.top - previous.top < 2 * size
    full = previous.x1 >= right - 1.5 * size
    indented = line.x0 > left + 0.8 * size
    return full and not indented and not _OPENS.match(line.text)


def _centred(line: PrintedLine, left: float, right: float) -> bool:
    size = line.size or 1.0
    return line.x0 > left + 2 * size and abs((line.x0 - left) - (right - line.x1)) < 2 * size
