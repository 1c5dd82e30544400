"""督办清单: the supervision checklist of a plan, or of one unit in it, as xlsx, docx or csv.

Every task of the plan is a row (of the unit's tasks, for a unit's list): its code and
text, lead and supporting units, the deadline as printed and as a date, the current
status of each assignment, the latest note and whether it is overdue. Served by
`dutygraph report` and `GET /report`.

Cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a
carriage return) get a leading apostrophe, as OWASP recommends against CSV injection, and
xlsx cells are always written as text, never as formulas.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass
from typing import Any, Literal

from dutygraph.errors import ArgumentError, NotFoundError
from dutygraph.graph import nodes
from dutygraph.graph import supervision as sv
from dutygraph.graph.store import Store

Format = Literal["xlsx", "docx", "csv"]
FORMATS: tuple[Format, ...] = ("xlsx", "docx", "csv")
MEDIA_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "csv": "text/csv; charset=utf-8",
}
STATUS_NAMES = {
    None: "未报送",
    "NOT_STARTED": "未开始",
    "IN_PROGRESS": "推进中",
    "DONE": "已完成",
    "BLOCKED": "受阻",
    "RETURNED": "已退回",
}
# (header, width in characters) of each column
COLUMNS = (
    ("序号", 10),
    ("工作任务", 60),
    ("牵头单位", 18),
    ("配合单位", 24),
    ("完成时限", 14),
    ("截止日期", 12),
    ("进展情况", 24),
    ("最新进展", 40),
    ("是否逾期", 8),
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True, slots=True)
class Checklist:
    title: str
    date: datetime.date
    rows: list[list[str]]
    name: str  # a file name without its extension


def neutralize(value: str) -> str:
    """The cell as text a spreadsheet shows and never runs (OWASP's CSV injection advice)."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def checklist(
    store: Store, document: str, today: datetime.date, unit: str | None = None,
    place: str | None = None,
) -> Checklist:  # fmt: skip
    """The checklist of `document` (uid), of one unit (name or alias) when given."""
    docs = nodes.documents_by_uid(store, [document])
    if not docs:
        raise NotFoundError(f"no document {document!r} is loaded")
    units = None
    if unit:
        found = nodes.units_by_name(store, unit, place)
        if not found:
            raise NotFoundError(f"No unit is named {unit!r} (canonical name or alias)")
        units = {r["uid"] for r in found}
    states = sv.assignment_states(store, document=document)
    by_task: dict[str, list[sv.AssignmentState]] = {}
    for s in states:
        by_task.setdefault(s.row["task"], []).append(s)
    rows = []
    for task in sv.document_tasks(store, document):
        mine = by_task.get(task["uid"], [])
        if units is not None:
            if not any(s.row["unit"] in units for s in mine):
                continue
            shown = [s for s in mine if s.row["unit"] in units]
        else:
            shown = mine
        rows.append(_row(task, mine, shown, today, several=len(shown) > 1))
    title = docs[0].get("title") or document
    name = f"督办清单-{title}" + (f"-{unit}" if unit else "")
    heading = f"{title}督办清单" + (f"（{unit}）" if unit else "")
    return Checklist(title=heading, date=today, rows=rows, name=name)


def _row(
    task: dict, mine: list[sv.AssignmentState], shown: list[sv.AssignmentState],
    today: datetime.date, several: bool,
) -> list[str]:  # fmt: skip
    lead = [s.row["unit_name"] for s in mine if s.row["role"] == "lead"]
    support = [s.row["unit_name"] for s in mine if s.row["role"] == "support"]
    first = mine[0] if mine else None
    due_date = first.due_date if first else None

    def named(s: sv.AssignmentState, text: str) -> str:
        return f"{s.row['unit_name']}：{text}" if several else text

    status = "；".join(named(s, STATUS_NAMES.get(s.status, s.status or "")) for s in shown)
    notes = [(s.latest["seq"], named(s, s.latest.get("note") or "")) for s in shown if s.latest]
    latest = max(notes)[1] if notes else ""
    return [
        task["code"] or "",
        task["text"] or "",
        "、".join(lead),
        "、".join(support),
        task.get("deadline") or "",
        due_date.isoformat() if due_date else "",
        status or STATUS_NAMES[None],
        latest,
        "是" if any(s.overdue(today) for s in shown) else "否",
    ]


def render(sheet: Checklist, fmt: str) -> bytes:
    if fmt == "csv":
        return _csv(sheet)
    if fmt == "xlsx":
        return _xlsx(sheet)
    if fmt == "docx":
        return _docx(sheet)
    raise ArgumentError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


def _dated(sheet: Checklist) -> str:
    return f"生成日期：{sheet.date.isoformat()}"


def _csv(sheet: Checklist) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([neutralize(sheet.title)])
    writer.writerow([_dated(sheet)])
    writer.writerow([name for name, _ in COLUMNS])
    writer.writerows([neutralize(cell) for cell in row] for row in sheet.rows)
    # with a BOM, so that Excel reads the Chinese as UTF-8
    return out.getvalue().encode("utf-8-sig")


def _xlsx(sheet: Checklist) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    ws.title = "督办清单"
    last = get_column_letter(len(COLUMNS))
    _text_cell(ws, 1, 1, sheet.title).font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{last}1")
    _text_cell(ws, 2, 1, _dated(sheet))
    ws.merge_cells(f"A2:{last}2")
    for col, (name, width) in enumerate(COLUMNS, start=1):
        _text_cell(ws, 3, col, name).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    for r, row in enumerate(sheet.rows, start=4):
        for col, value in enumerate(row, start=1):
            _text_cell(ws, r, col, value).alignment = wrap
    ws.freeze_panes = "A4"
    ws.print_title_rows = "3:3"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text_cell(ws: Any, row: int, col: int, value: str) -> Any:
    cell = ws.cell(row=row, column=col)
    cell.value = neutralize(value)
    cell.data_type = "s"  # openpyxl would take a leading = as a formula
    return cell


def _docx(sheet: Checklist) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Emu, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    width, height = section.page_width or Cm(21), section.page_height or Cm(29.7)
    section.page_width, section.page_height = height, width
    margin = Cm(1.5)
    section.left_margin = section.right_margin = margin
    doc.add_heading(sheet.title, level=1)
    doc.add_paragraph(_dated(sheet))
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    total = sum(share for _, share in COLUMNS)
    usable = height - 2 * margin  # the landscape page's width
    widths = [Emu(int(usable * share / total)) for _, share in COLUMNS]
    for cell, (name, _), size in zip(table.rows[0].cells, COLUMNS, widths, strict=True):
        cell.text = name
        cell.width = size
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in sheet.rows:
        cells = table.add_row().cells
        for cell, value, size in zip(cells, row, widths, strict=True):
            cell.text = value
            cell.width = size
            for run in cell.paragraphs[0].runs:
                run.font.size = Pt(9)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
