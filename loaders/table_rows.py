"""Cells back into rows and columns, for tables that lost their grid when pasted as text.

A pasted row with fewer cells than its header (empty and merged cells vanish) keeps its
cells in column order: `fit_row` places them in the columns they fit best. A table
flattened one cell a line has no row ends either: `fit_rows` reads the whole stream at
once (a Viterbi pass, linear in the cells) and cuts it into rows, each row's cells in
increasing columns, a row starting at or before the task column (so a unit or a leader
never starts one), or a row of its own holding a heading (一、…).
"""

from __future__ import annotations

from collections.abc import Sequence

from .table_cells import NO_FIT, fit

HEADING = -1  # the column of a heading row's one cell

_NEW_ROW = 2.0  # what starting a row costs: cells stay in the row they can continue
_NO_TASK = 4.0  # a row that ends without a task cell: only when the cells allow no other
_LATE_START = 6.0  # a row starting after the task column: only when nothing else fits
_UNREACHED = float("-inf")


def fit_row(cells: Sequence[str], kinds: Sequence[str | None]) -> list[str]:
    """A row's cells (no more than there are columns) in their best columns, in order."""
    n, width = len(cells), len(kinds)
    out = [""] * width
    if n == 0 or n > width:
        return out
    # best[i][k]: cells 0..i placed, cell i in column k; back[i][k]: column of cell i-1.
    best = [[_UNREACHED] * width for _ in range(n)]
    back = [[0] * width for _ in range(n)]
    for k in range(width - n + 1):
        best[0][k] = fit(cells[0], kinds[k])
    for i in range(1, n):
        top, top_at = _UNREACHED, 0
        for k in range(i, width - n + i + 1):
            if best[i - 1][k - 1] > top:
                top, top_at = best[i - 1][k - 1], k - 1
            best[i][k] = top + fit(cells[i], kinds[k])
            back[i][k] = top_at
    k = max(range(width), key=lambda c: (best[n - 1][c], -c))
    for i in range(n - 1, -1, -1):
        out[k] = cells[i]
        k = back[i][k]
    return out


def fit_rows(cells: Sequence[str], kinds: Sequence[str | None]) -> list[list[tuple[int, int]]]:
    """The stream's cells cut into rows: each row a list of (column, cell index), the
    column HEADING for a heading row."""
    width = len(kinds)
    if not cells or not width:
        return []
    task_at = next((k for k, kind in enumerate(kinds) if kind == "task"), width - 1)
    tasks = [kind == "task" for kind in kinds]
    heading = 2 * width  # state index of a heading row; state 2k+t: last cell in column k,
    # t = 1 when the row already has its task cell
    states = 2 * width + 1
    score = [_UNREACHED] * states
    back: list[list[tuple[int, bool]]] = []  # per cell and state: (previous state, new row)
    for i, cell in enumerate(cells):
        close, close_at = _closing(score) if i else (0.0, -1)
        fits = [fit(cell, kind) for kind in kinds]
        new = [_UNREACHED] * states
        links: list[tuple[int, bool]] = [(-1, True)] * states
        top = [_UNREACHED, _UNREACHED]  # best state before column k, by t
        top_at = [-1, -1]
        for k in range(width):
            start = close - _NEW_ROW + fits[k] - (_LATE_START if k > task_at else 0.0)
            t_new = 1 if tasks[k] else 0
            candidates = [(start, 2 * k + t_new, close_at, True)]
            if i:
                for t in (0, 1):
                    if top[t] > _UNREACHED:
                        target = 2 * k + (1 if tasks[k] else t)
                        candidates.append((top[t] + fits[k], target, top_at[t], False))
            for value, target, previous, new_row in candidates:
                if value > new[target]:
                    new[target], links[target] = value, (previous, new_row)
            for t in (0, 1):
                if score[2 * k + t] > top[t]:
                    top[t], top_at[t] = score[2 * k + t], 2 * k + t
        new[heading] = close - _NEW_ROW + fit(cell, "heading")
        links[heading] = (close_at, True)
        score = new
        back.append(links)
    _, state = _closing(score)
    return _rows(back, state, width)


def _closing(score: list[float]) -> tuple[float, int]:
    """The best way to end the current row: (its score, the state it ends in)."""
    best, at = _UNREACHED, -1
    for state, value in enumerate(score):
        if state % 2 == 0 and state != len(score) - 1:
            value -= _NO_TASK
        if value > best:
            best, at = value, state
    return best, at


def _rows(
    back: list[list[tuple[int, bool]]], state: int, width: int
) -> list[list[tuple[int, int]]]:
    rows: list[list[tuple[int, int]]] = []
    row: list[tuple[int, int]] = []
    for i in range(len(back) - 1, -1, -1):
        column = HEADING if state == 2 * width else state // 2
        row.append((column, i))
        state, new_row = back[i][state]
        if new_row:
            rows.append(row[::-1])
            row = []
    return rows[::-1]


def weak(cell: str, kind: str | None) -> bool:
    """A cell that does not fit the column it was put in (a stream read past its table)."""
    return fit(cell, kind) <= NO_FIT
