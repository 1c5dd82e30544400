"""Responsibilities tables pasted into a text file, found and handed to tables.py.

What survives a copy from Word, Excel or a web page into plain text:
- a row a line, cells between tabs, `|`, two or more spaces or ideographic spaces (a
  Markdown table's `|---|` rule is skipped), or single spaces when the last cells are unit
  lists (`1 修路 县交通运输局、县财政局`); in a space-aligned copy (a PDF's text) a long
  cell wraps onto lines that hold only its next part, indented under its own column;
- a cell a line: the header's cells one per line, then every row's cells one per line,
  with or without blank lines between cells, or with `|` lines between them (runs of `|`
  where empty or merged cells were). Row ends are lost: table_rows.py reads them back.
Header letters may be spaced out (`序  号`, `责 任 单 位`); a header repeated under each
group is skipped. Each table's header disappears and its rows come back as plan lines on
the line where the row starts; text around the tables is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .marks import legend_of
from .table_cells import NO_FIT, fit, is_person, is_units, looks
from .table_rows import HEADING, fit_rows
from .tables import (
    UNIT_KINDS,
    Columns,
    Row,
    depth_after,
    header_kind,
    rows_to_lines,
)

Numbered = list[tuple[int, str]]
Legend = dict[str, str]

_BARS = re.compile(r"[|｜]")
_BARS_ONLY = re.compile(r"^\s*[|｜]+\s*$")
_SPACES = re.compile(r"[ \u3000]{2,}|\u3000+")
_SEPARATOR = re.compile(r"\t|[|｜]|[ \u3000]{2,}|\u3000")
_RULE = re.compile(r"^:?-{2,}:?$")
_HEADER_CELLS = 12  # more column names than any responsibilities table has
_HEADER_TEXT = 32  # characters, spaces and all: a longer line is no column name
_CELL_SPAN = re.compile(r"[^ \u3000](?:[^ \u3000]| (?=[^ \u3000]))*")  # one space inside
_LIST_OR_SENTENCE = re.compile(r"、|。\s*$")
_ALIGN = 2  # columns a wrapped part may stand off its cell's start
# What a table's (or a plan's) title ends with, and no column name does.
_TABLE_TITLE = re.compile(r"(?:表|清单|台账|方案)\s*$")


def rewrite_pasted(lines: Numbered) -> Numbered:
    """The lines with every pasted responsibilities table turned into plan lines."""
    legend = legend_of(text for _, text in lines)
    out: Numbered = []
    depth = 0  # becomes 1 once the text has an outline heading: tables then sit inside it
    i = 0
    while i < len(lines):
        found = _row_table(lines, i, depth, legend) or _cell_table(lines, i, depth, legend)
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


# --- a row a line -------------------------------------------------------------------------


def _row_table(lines: Numbered, i: int, depth: int, legend: Legend) -> tuple[Numbered, int] | None:
    header = _header_line(lines[i][1])
    columns = Columns.of(header) if header else None
    if columns is None:
        return None
    rows: list[Row] = [(lines[i][0], header)]
    row_text = ""  # the line the last row was read from, for parts wrapped under its cells
    end = j = i + 1
    under = columns.under(cells_of(lines[j][1])) if j < len(lines) else None
    if under is not None:  # 牵头单位  配合单位 under a merged 责任单位
        header = [*under.names]
        columns, rows, end, j = under, [(lines[i][0], header)], j + 1, j + 1
    while j < len(lines):
        number, text = lines[j]
        cells = cells_of(text)
        if not cells:
            j += 1
            continue
        if all(_RULE.match(c) for c in cells if c):
            end = j = j + 1
            continue
        parts = _wrapped(row_text, rows[-1][1], text) if len(rows) > 1 else None
        if parts is not None:
            rows[-1] = (rows[-1][0], _with_parts(rows[-1][1], parts))
            end = j = j + 1
            continue
        named = len(cells) >= 2 and header_kind(cells[0]) is not None  # (most rows start 1)
        again = Columns.of(cells) if named else None
        if again is not None:  # a header: repeated under a group, or another table's
            if again.kinds != columns.kinds:
                break
            end = j = j + 1
            continue
        if len(cells) < 2:
            cells = _space_row(text)
        if len(rows) > 1 and _continues(rows[-1][1], cells, columns):
            previous = rows[-1][1]
            rows[-1] = (rows[-1][0], [*previous[:-1], f"{previous[-1]}\n{cells[0]}", *cells[1:]])
            end = j = j + 1
            continue
        if len(cells) < 2 and not (_group_heading(text) or _row_follows(lines, j + 1)):
            break
        rows.append((number, cells))
        row_text = text
        end = j = j + 1
    return _converted(rows, end, depth, legend)


def _width(text: str) -> int:
    """The columns text takes in a monospaced copy: CJK letters and full-width signs two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _wrapped(row_text: str, row: list[str], text: str) -> dict[int, str] | None:
    """The parts of the row's cells an indented line carries on (cell index -> part), when
    every part starts where one of the row's cells starts: a space-aligned copy wraps a long
    cell onto the next line under its own column, counted in characters or in monospaced
    columns (whichever the copy used). None when the line is no such continuation, or
    starts a heading or an item of its own (an indented `二、保障措施` after the table)."""
    if not text[:1].isspace() or "\t" in text or _BARS.search(text):
        return None
    spans = list(_CELL_SPAN.finditer(text))
    if spans and (looks(spans[0].group()).heading or looks(spans[0].group()).numbered):
        return None
    starts = [m.start() for m in _CELL_SPAN.finditer(row_text)]
    if not spans or len(starts) != len(row) or len(spans) >= len(row):
        return None
    for measure in (_width, len):
        at = [measure(row_text[:s]) for s in starts]
        parts: dict[int, str] = {}
        for m in spans:
            col = measure(text[: m.start()])
            near = min(range(len(at)), key=lambda k: abs(at[k] - col))
            if near == 0 or abs(at[near] - col) > _ALIGN or near in parts:
                break
            parts[near] = m.group()
        else:
            return parts
    return None


def _with_parts(row: list[str], parts: dict[int, str]) -> list[str]:
    """The row with each wrapped part put back at the end of its cell (a soft wrap: no space)."""
    return [cell + parts.get(k, "") for k, cell in enumerate(row)]


def _continues(previous: list[str], cells: list[str], columns: Columns) -> bool:
    """A line carrying on the row above, broken by a cell's next paragraph: an Excel cell
    in quotes still open, or (pasted from Word) a line with more cells that starts with no
    row number where rows are numbered, under a row that has not reached its units."""
    last = previous[-1]
    if last.startswith('"') and not last.endswith('"'):
        return True
    if "number" not in columns.kinds or len(cells) < 2 or not cells[0]:
        return False
    fits = len(previous) + len(cells) - 1 <= len(columns.kinds)
    return (
        fits
        and looks(previous[0]).row_number
        and not looks(cells[0]).row_number
        and not any(looks(cell).units for cell in previous[1:])
    )


def _header_line(text: str) -> list[str]:
    """A header line's cells; letters spaced out inside a cell (序 号  工 作 任 务, or with
    wider gaps between cells than inside them) are put back together."""
    if _SEPARATOR.search(text):
        cells = cells_of(text)
        gaps = sorted({len(g) for g in _SPACES.findall(text)})
        singles = sum(len(c) == 1 for c in cells)
        if len(gaps) > 1 and 2 * singles > len(cells):
            wide = re.compile(rf"[ \u3000]{{{gaps[0] + 1},}}")
            cells = [c for c in wide.split(text.strip()) if c]
        return cells
    words = text.split()  # single spaces between cells: only when each word names a column
    return words if len(words) >= 2 and all(header_kind(w) for w in words) else []


def _space_row(text: str) -> list[str]:
    """A row whose cells are separated by single spaces: a leading row number, trailing
    cells that list units (or a leader or a date: `… 县交通运输局 2024年6月`, at least one of
    them units), and the task between them."""
    words = text.split()
    if len(words) < 2:
        return [text.strip()]
    head = [words.pop(0)] if looks(words[0]).row_number else []
    tail: list[str] = []
    while len(words) > 1 and (
        is_units(words[-1]) or is_person(words[-1]) or fit(words[-1], "deadline") > 0
    ):
        tail.insert(0, words.pop())
    if not any(is_units(cell) for cell in tail):
        return [text.strip()]
    return [*head, " ".join(words), *tail]


def _group_heading(text: str) -> bool:
    """A numbered heading short enough to head a group of rows (一、基础设施), not a
    paragraph of the plan after the table (（一）加强组织领导。各单位要……)."""
    cell = looks(text)
    return cell.heading and cell.length <= 40 and not cell.sentence


def _row_follows(lines: Numbered, j: int) -> bool:
    """Whether the next non-blank line is a row of cells (so a lone short line is a heading)."""
    for k in range(j, len(lines)):
        if lines[k][1].strip():
            return len(cells_of(lines[k][1])) >= 2
    return False


# --- a cell a line ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cell:
    number: int  # the line the cell starts on
    text: str  # its lines joined by \n
    after: int  # index of the line after it


def _cell_table(lines: Numbered, i: int, depth: int, legend: Legend) -> tuple[Numbered, int] | None:
    if not _is_header_cell(lines[i][1]):
        return None
    style = _style_after(lines, i)
    header = _header_run(lines, i, style)
    columns = _columns([c.text for c in header])
    if columns is None:
        return None
    first = _next_cell(lines, header[-1].after, style)
    if style == "blank" and first and _row_of_lines(first.text):
        style = "line"  # blank lines between rows only: a row's cells are its lines
    stream = _stream(lines, header[-1].after, style, columns)
    if not stream:
        return None
    rows, extent = _kept(fit_rows([c.text for c in stream], columns.kinds), columns, stream)
    if rows and _ends_text(lines, stream[-1].after) and rows[-1][-1][1] == len(stream) - 1:
        rows = _whole(rows)
    if not rows:
        return None
    width = len(columns.kinds)
    task = columns.index("task")[0]
    table: list[Row] = [(lines[i][0], list(columns.names))]
    for row in rows:
        cells = [""] * width
        for column, at in row:  # a list cell may come over several cells (a name a line)
            k = task if column == HEADING else column
            cells[k] = f"{cells[k]}\n{stream[at].text}" if cells[k] else stream[at].text
        table.append((stream[row[0][1]].number, cells))
    end = stream[extent[-1][-1][1]].after
    while end < len(lines) and (not lines[end][1].strip() or _BARS_ONLY.match(lines[end][1])):
        end += 1
    return _converted(table, end, depth, legend)


def _columns(names: list[str]) -> Columns | None:
    """The columns a run of header cells names; a run ending in 牵头单位, 配合单位 after
    other columns holds a second header row under a merged 责任单位."""
    if len(names) < 2:
        return None
    tail = len(names)
    while tail > 0 and header_kind(names[tail - 1]) in ("lead", "support"):
        tail -= 1
    if 0 < tail < len(names) - 1 and header_kind(names[tail - 1]) not in UNIT_KINDS:
        main = Columns.of(names[:tail])
        under = main.under(names[tail:]) if main else None
        if under is not None:
            return under
    return Columns.of(names)


def _row_of_lines(text: str) -> bool:
    """A chunk of lines starting with a row number: a whole row, a cell a line."""
    first, _, rest = text.partition("\n")
    return bool(rest) and looks(first).row_number


def _is_header_cell(text: str) -> bool:
    """A column name: a short text naming a column kind, neither a list (`A（牵头）、B` names
    a role, but lists units) nor a sentence (`…事项告知承诺制。` names 事项, but is a task),
    nor a title (`…任务分工表` names 任务, but is the table's)."""
    if len(text) > _HEADER_TEXT or _LIST_OR_SENTENCE.search(text) or header_kind(text) is None:
        return False
    if _TABLE_TITLE.search(text):  # the table's title above it: 某县重点工作任务分工表
        return False
    cells = cells_of(text)
    return len(cells) == 1 or all(len(c) == 1 for c in cells)  # 序  号: letters spaced out


def _style_after(lines: Numbered, i: int) -> str:
    """How the cells are separated, seen after the first header cell: "bar" (| lines),
    "blank" (blank lines), or "line" (nothing: a cell is a line)."""
    following = [text for _, text in lines[i + 1 : i + 4]]
    if not following or (following[0].strip() and not _BARS_ONLY.match(following[0])):
        return "line"
    first = next((text for text in following if text.strip()), "")
    return "bar" if _BARS_ONLY.match(first) else "blank"


def _next_cell(lines: Numbered, j: int, style: str) -> _Cell | None:
    """The cell starting at or after line j (separators and empty cells skipped)."""
    while j < len(lines) and (not lines[j][1].strip() or _BARS_ONLY.match(lines[j][1])):
        j += 1
    if j == len(lines):
        return None
    start, parts = j, []
    while j < len(lines):
        text = lines[j][1]
        if _BARS_ONLY.match(text) or (style == "blank" and not text.strip()):
            break
        if text.strip():
            parts.append(text.strip())
        j += 1
        if style == "line":
            break
    return _Cell(lines[start][0], "\n".join(parts), j)


def _header_run(lines: Numbered, j: int, style: str) -> list[_Cell]:
    """The column names from line j on, one cell each."""
    run: list[_Cell] = []
    while len(run) < _HEADER_CELLS:
        cell = _next_cell(lines, j, style)
        if cell is None or not _is_header_cell(cell.text):
            break
        run.append(cell)
        j = cell.after
    return run


def _stream(lines: Numbered, j: int, style: str, columns: Columns) -> list[_Cell]:
    """The table's body cells: up to another table's header, the header repeated under a
    group left out."""
    stream: list[_Cell] = []
    while (cell := _next_cell(lines, j, style)) is not None:
        if _is_header_cell(cell.text):
            run = _header_run(lines, j, style)
            again = _columns([c.text for c in run])
            if again is not None:
                if again.kinds != columns.kinds:
                    break
                j = run[-1].after
                continue
        stream.append(cell)
        j = cell.after
    return stream


def _kept(
    rows: list[list[tuple[int, int]]], columns: Columns, stream: list[_Cell]
) -> tuple[list[list[tuple[int, int]]], list[list[tuple[int, int]]]]:
    """(the rows to write, the rows the table spans). The table spans the rows up to the
    first that cannot be one of its rows (no number where rows are numbered, no unit, a
    cell that fits no column); rows are written up to the last naming units (rows after it
    lost theirs where the text was cut; rows between take theirs from a merged cell above).
    """
    kinds = columns.kinds
    numbered = "number" in kinds
    units = {k for k, kind in enumerate(kinds) if kind in (*UNIT_KINDS, "other", "leader")}
    kept: list[list[tuple[int, int]]] = []
    last = spanned = 0
    for r, row in enumerate(rows):
        if numbered and _group_title(row, rows[r + 1 : r + 2], kinds, stream):
            row = [(HEADING, row[0][1])]
        where = {column for column, _ in row}
        if any(c != HEADING and fit(stream[at].text, kinds[c]) <= NO_FIT for c, at in row):
            break
        has_number = numbered and any(kinds[c] == "number" for c in where if c != HEADING)
        if HEADING not in where and not (where & units or has_number or not numbered):
            break
        kept.append(row)
        if where & units:
            last = len(kept)
        if where & units or has_number:
            spanned = len(kept)
    return kept[:last], kept[:spanned] if numbered else kept[:last]


def _group_title(
    row: list[tuple[int, int]],
    after: list[list[tuple[int, int]]],
    kinds: tuple[str | None, ...],
    stream: list[_Cell],
) -> bool:
    """A lone short text between numbered rows, unnumbered itself: a group's title."""
    if len(row) != 1 or row[0][0] == HEADING or not after:
        return False
    text = looks(stream[row[0][1]].text)
    numbered_next = any(c != HEADING and kinds[c] == "number" for c, _ in after[0])
    return numbered_next and text.length <= 30 and not text.sentence and not text.units


def _ends_text(lines: Numbered, j: int) -> bool:
    blank = (not lines[k][1].strip() or _BARS_ONLY.match(lines[k][1]) for k in range(j, len(lines)))
    return all(blank)


def _whole(rows: list[list[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """The rows without the last when the text stops inside it: it ends before the column
    the other rows reach (a file cut off mid-table)."""
    reach = max((row[-1][0] for row in rows[:-1]), default=-1)
    return rows[:-1] if rows[-1][-1][0] < reach else rows


def _converted(
    rows: list[Row], end: int, depth: int, legend: Legend
) -> tuple[Numbered, int] | None:
    if len(rows) < 2:  # a header with no rows under it is a line of prose
        return None
    rows = [(number, [_unquoted(cell) for cell in cells]) for number, cells in rows]
    converted = rows_to_lines(rows, depth, legend=legend, merges_lost=True)
    return None if converted is None else (converted, end)


def _unquoted(cell: str) -> str:
    """An Excel cell holding line breaks comes in quotes: "…"."""
    return cell[1:-1] if len(cell) > 1 and cell[0] == cell[-1] == '"' else cell
