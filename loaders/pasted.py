"""Responsibilities tables pasted into a text file, found and handed to tables.py.

Two shapes survive a copy from Word, Excel or a web page into plain text:
- a row a line, cells between tabs, two or more spaces, ideographic spaces or `|`
  (a Markdown table's `|---|` rule is skipped);
- a cell a line: the header's cells one per line, then each row's cells one per line.
Each table's header line(s) disappear and its rows come back as plan lines on the line
where the row starts; text around the tables is left as it is.
"""

from __future__ import annotations

import re

from .tables import Columns, Row, depth_after, header_kind, rows_to_lines

Numbered = list[tuple[int, str]]

_BARS = re.compile(r"[|｜]")
_SPACES = re.compile(r"[ \u3000]{2,}|\u3000+")
_SEPARATOR = re.compile(r"\t|[|｜]|[ \u3000]{2,}|\u3000")
_RULE = re.compile(r"^:?-{2,}:?$")
_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+部分)"
)
_NUMBER = re.compile(r"^\s*(\d+)\s*[.、．]?\s*$")
_CELL_MAX = 40  # a unit or deadline cell is short; a longer line is prose after the table


def rewrite_pasted(lines: Numbered) -> Numbered:
    """The lines with every pasted responsibilities table turned into plan lines."""
    out: Numbered = []
    depth = 0  # becomes 1 once the text has an outline heading: tables then sit inside it
    i = 0
    while i < len(lines):
        found = _row_table(lines, i, depth) or _cell_table(lines, i, depth)
        if found is None:
            depth = depth or depth_after([lines[i][1]])
            out.append(lines[i])
            i += 1
            continue
        converted, i = found
        out.extend(converted)
    return out


def cells_of(text: str) -> list[str]:
    """A line split into cells: by | when it has two, else by tabs, else by wide spaces."""
    if len(_BARS.findall(text)) >= 2:
        return [c.strip() for c in _BARS.split(text.strip().strip("|｜"))]
    if "\t" in text:
        return [c.strip() for c in text.rstrip().split("\t")]
    return [c for c in _SPACES.split(text.strip()) if c]


def _row_table(lines: Numbered, i: int, depth: int) -> tuple[Numbered, int] | None:
    if not _SEPARATOR.search(lines[i][1]):
        return None
    header = cells_of(lines[i][1])
    if len(header) < 2 or Columns.of(header) is None:
        return None
    rows: list[Row] = [(lines[i][0], header)]
    end = j = i + 1
    while j < len(lines):
        number, text = lines[j]
        cells = cells_of(text)
        if not cells:
            j += 1
            continue
        if all(_RULE.match(c) for c in cells if c):
            end = j = j + 1
            continue
        if len(cells) < 2 and not (_HEADING.match(text) or _row_follows(lines, j + 1)):
            break
        rows.append((number, cells))
        end = j = j + 1
    return _converted(rows, end, depth)


def _row_follows(lines: Numbered, j: int) -> bool:
    """Whether the next non-blank line is a row of cells (so a lone short line is a heading)."""
    for _, text in lines[j:]:
        if text.strip():
            return len(cells_of(text)) >= 2
    return False


def _cell_table(lines: Numbered, i: int, depth: int) -> tuple[Numbered, int] | None:
    header: list[str] = []
    j = i
    while j < len(lines) and header_kind(lines[j][1]) and _single(lines[j][1]):
        header.append(lines[j][1].strip())
        j += 1
    columns = Columns.of(header) if len(header) >= 2 else None
    if columns is None:
        return None
    rows: list[Row] = [(lines[i][0], header)]
    numbered = columns.kinds[0] == "number"
    while True:
        found = _next_cell_row(lines, j, len(header), numbered)
        if found is None:
            break
        row, j = found
        rows.append(row)
    return _converted(rows, j, depth)


def _next_cell_row(lines: Numbered, j: int, width: int, numbered: bool) -> tuple[Row, int] | None:
    """One row of a cell-a-line table from line j: its cells and the line after it."""
    while j < len(lines) and not lines[j][1].strip():
        j += 1
    if j == len(lines):
        return None
    first_number, first = lines[j]
    if _HEADING.match(first) and len(first.strip()) <= _CELL_MAX:
        return (first_number, [first.strip()]), j + 1
    row_number = _NUMBER.match(first)
    if numbered and not row_number:
        return None
    cells = [first.strip()]
    k = j + 1
    while k < len(lines) and len(cells) < width:
        text = lines[k][1].strip()
        if not text:
            k += 1
            continue
        if _ends_row(text, cells, row_number):
            break
        cells.append(text)
        k += 1
    if len(cells) < 2:
        return None
    return (first_number, cells), k


def _ends_row(text: str, cells: list[str], row_number: re.Match[str] | None) -> bool:
    """A line that cannot be the next cell: the next row's number, a heading, or prose
    where only a short unit or deadline cell could stand."""
    next_number = _NUMBER.match(text)
    if row_number and next_number and int(next_number.group(1)) == int(row_number.group(1)) + 1:
        return True
    if _HEADING.match(text):
        return True
    task_seen = len(cells) >= (2 if row_number else 1)
    return task_seen and (len(text) > _CELL_MAX or text.endswith("。"))


def _single(text: str) -> bool:
    return bool(text.strip()) and len(cells_of(text)) == 1


def _converted(rows: list[Row], end: int, depth: int) -> tuple[Numbered, int] | None:
    if len(rows) < 2:  # a header with no rows under it is a line of prose
        return None
    converted = rows_to_lines(rows, depth)
    return None if converted is None else (converted, end)
