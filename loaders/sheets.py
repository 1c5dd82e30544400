"""Spreadsheets -> numbered lines: .xlsx (every visible sheet) and .csv.

A sheet with a responsibilities header goes through tables.py; any other sheet gives one
line per non-empty row. Line numbers are the sheet's row numbers as Excel shows them
(they restart on each sheet) and the first line of each record for .csv.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from dutygraph.errors import InputError

from .encoding import decode
from .tables import Row, rows_to_lines

Numbered = list[tuple[int, str]]

_DELIMITERS = ",\t;|"


def read_xlsx(data: bytes, name: str) -> Numbered:
    """Lines of every visible sheet, in workbook order."""
    try:
        # Not read-only: read-only sheets do not expose merged ranges, and a merged cell
        # (a category, or one lead unit for several tasks) must reach every row it covers.
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; all mean that
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputError(f"{name}: truncated or corrupt .xlsx ({reason})") from exc
    lines: Numbered = []
    for sheet in book.worksheets:
        if sheet.sheet_state == "visible":
            lines.extend(_sheet_lines(sheet))
    return lines


def read_csv(data: bytes, name: str) -> Numbered:
    """Lines of a .csv in UTF-8 or GB18030, its delimiter sniffed from the first lines."""
    text = decode(data, name)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[Row] = []
    first = 1
    try:
        for cells in reader:
            rows.append((first, cells))
            first = reader.line_num + 1
    except csv.Error as exc:
        raise InputError(f"{name}: line {reader.line_num}: not readable as CSV ({exc})") from exc
    return _lines(rows)


def _sheet_lines(sheet: Worksheet) -> Numbered:
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
    return _lines(rows)


def _lines(rows: list[Row]) -> Numbered:
    converted = rows_to_lines(rows)
    if converted is not None:
        return converted
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
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        first = next((line for line in text.splitlines() if line.strip()), "")
        return max(_DELIMITERS, key=first.count)
