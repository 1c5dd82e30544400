"""Spreadsheets -> numbered lines: .xlsx (every visible sheet) and .csv.

A sheet with a responsibilities header goes through tables.py; any other sheet gives one
line per non-empty row. Line numbers are the sheet's row numbers as Excel shows them
(they restart on each sheet) and the first line of each record for .csv.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Iterable

import openpyxl
from lxml import etree
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

from dutygraph.errors import InputError

from .budgets import Reading
from .encoding import decode
from .numerals import chinese_number
from .tables import Row, rows_to_lines

Numbered = list[tuple[int, str]]

_DELIMITERS = ",\t;|"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
# The names a spreadsheet gives a sheet nobody named: no part of the plan.
_UNNAMED = re.compile(r"^(?:sheet|工作表|表)\s*\d*$", re.IGNORECASE)


def read_xlsx(data: bytes, reading: Reading) -> Numbered:
    """Lines of every visible sheet, in workbook order."""
    name = reading.name
    _check_parts(data, reading)
    try:
        # Not read-only: read-only sheets do not expose merged ranges, and a merged cell
        # (a category, or one lead unit for several tasks) must reach every row it covers.
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean that
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{name}: truncated or corrupt .xlsx ({reason})") from exc
    sheets: list[tuple[str, list[Row]]] = []
    for sheet in book.worksheets:
        if sheet.sheet_state == "visible":
            # openpyxl's bounds come from the cells present, not the declared <dimension>;
            # iterating them visits every cell of the range, present or not.
            area = (sheet.max_row - sheet.min_row + 1) * (sheet.max_column - sheet.min_column + 1)
            reading.count(area, f"cells in the used range of sheet {sheet.title}", "sheet_cells")
            sheets.append((sheet.title.strip(), _sheet_rows(sheet)))
            reading.check_time()
    tables = {i: table for i, (_, rows) in enumerate(sheets) if (table := rows_to_lines(rows))}
    named = len(tables) > 1 and not any(_UNNAMED.match(sheets[i][0]) for i in tables)
    lines: Numbered = []
    for i, (title, rows) in enumerate(sheets):
        if i in tables and named:
            # Tasks split over sheets (经济发展, 社会民生): each sheet is a part of the plan,
            # named by its tab, its table's headings one level down.
            part = chinese_number(sorted(tables).index(i) + 1)
            lines.append((rows[0][0] if rows else 1, f"{part}、{title}"))
            lines.extend(rows_to_lines(rows, depth=1) or [])
        else:
            lines.extend(tables.get(i) or _plain_lines(rows))
    return lines


def _check_parts(data: bytes, reading: Reading) -> None:
    """Count each sheet's cells and merged cells in a streaming pass before openpyxl loads
    the book: openpyxl makes an object for every cell a merge covers, so a 5 KB sheet
    merging 200,000 rows costs seconds and hundreds of MB once loaded."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = [n for n in archive.namelist() if _SHEET_PART.match(n)]
        for part in parts:
            cells = merged = 0
            with archive.open(part) as stream:
                for _, el in etree.iterparse(
                    stream,
                    events=("end",),
                    tag=(f"{_MAIN}c", f"{_MAIN}mergeCell"),
                    resolve_entities=False,
                    no_network=True,
                ):
                    if el.tag == f"{_MAIN}c":
                        cells += 1
                    else:
                        merged += _area(el.get("ref", ""))
                    el.clear(keep_tail=False)
            reading.count(cells, f"cells in {part}", "sheet_cells")
            reading.count(merged, f"merged cells in {part}", "merged_cells")
    except (zipfile.BadZipFile, etree.XMLSyntaxError, OSError, EOFError, KeyError):
        return  # openpyxl reports the damage in its own words


def _area(ref: str) -> int:
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return 0
    if None in (min_col, min_row, max_col, max_row):
        return 0
    return (max_row - min_row + 1) * (max_col - min_col + 1)


def read_csv(data: bytes, reading: Reading) -> Numbered:
    """Lines of a .csv in UTF-8 or GB18030, its delimiter sniffed from the first lines."""
    name = reading.name
    text = decode(data, name)
    delimiter = _delimiter(text)
    # Every cell but a line's last ends at a delimiter: counted before any row is built,
    # a file of one 50 MB line is refused without holding its millions of cells.
    reading.count(text.count(delimiter) + text.count("\n"), "cells or more", "sheet_cells")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[Row] = []
    first = 1
    try:
        for cells in reader:
            rows.append((first, cells))
            first = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{name}: line {reader.line_num}: not readable as CSV ({exc})") from exc
    return _lines(rows)


def _sheet_rows(sheet: Worksheet) -> list[Row]:
    merged: dict[tuple[int, int], object] = {}
    for cells in sheet.merged_cells.ranges:
        top_left = sheet.cell(cells.min_row, cells.min_col).value
        for row in range(cells.min_row, cells.max_row + 1):
            for col in range(cells.min_col, cells.max_col + 1):
                merged[(row, col)] = top_left
    rows: list[Row] = []
    for r, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [_text(merged.get((r, c), value)) for c, value in enumerate(values, start=1)]
        rows.append((r, cells))
    return rows


def _lines(rows: list[Row]) -> Numbered:
    # A sheet saved as CSV keeps a merged cell's text in its first cell only.
    converted = rows_to_lines(rows, merges_lost=True)
    return converted if converted is not None else _plain_lines(rows)


def _plain_lines(rows: list[Row]) -> Numbered:
    """A sheet that is no responsibilities table: a line per non-empty row."""
    return [(n, " ".join(_distinct(cells))) for n, cells in rows if any(c.strip() for c in cells)]


def _distinct(cells: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(c.strip() for c in cells if c.strip()))


def _text(value: object) -> str:
    """A cell's value as the sheet shows it: 1 not 1.0, a date as 2025年12月31日."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value)


def _delimiter(text: str) -> str:
    # The first lines, and no more than 64 KB of them: the sniffer's patterns are slow on
    # a line of megabytes.
    sample = "\n".join(text[:65536].splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = next((line for line in sample.splitlines() if line.strip()), "")
        return max(_DELIMITERS, key=first.count)
