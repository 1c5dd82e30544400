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

from .table_cells import fit

HEADING = -1  # the column of a heading row's one cell

_NEW_ROW = 2.0  # what starting a row costs: cells stay in the row they can continue
_NO_TASK = 4.0  # a row that ends without a task cell: only when the cells allow no other
_LATE_START = 6.0  # a row starting after the task column: only when nothing else fits
_NO_NUMBER = 1.0  # a row starting after the number column (its 序号 merged with a row above)
_AGAIN = 0.5  # a second line of a list cell (王 强 / 李 明 in one leader cell) …
_CLEAR = 3.0  # … only when it clearly is one more unit or person
_AGAIN_TASK = 1.5  # a task's next paragraph, where rows are numbered (else a new row)
_LISTS = ("leader", "units", "lead", "support", "other")  # cells that may run over lines
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
    number_at = next((k for k, kind in enumerate(kinds) if kind == "number"), width)
    starts = [  # what starting a row at each column costs
        _NEW_ROW + (_LATE_START if k > task_at else _NO_NUMBER if k > number_at else 0.0)
        for k in range(width)
    ]
    tasks = [kind == "task" for kind in kinds]
    # What a cell in the same column as the one before costs: list cells run over lines,
    # and a task over paragraphs where a new row would start with its number.
    again_cost = [
        _AGAIN if kind in _LISTS else _AGAIN_TASK if kind == "task" and number_at < width else None
        for kind in kinds
    ]
    heading = 2 * width  # state index of a heading row; state 2k+t: last cell in column k,
    # t = 1 when the row already has its task cell
    states = 2 * width + 1
    score = [_UNREACHED] * states
    # Per cell and state, how it was reached, as one byte: (previous state + 1) * 2, plus 1
    # when the cell starts a row (a flat bytearray: a stream may hold 100,000 cells; a
    # header has at most 12 columns, so a state fits a byte).
    back = bytearray(len(cells) * states)
    for i, cell in enumerate(cells):
        close, close_at = _closing(score) if i else (0.0, -1)
        restart = (close_at + 1) * 2 + 1
        fits = [fit(cell, kind) for kind in kinds]
        new = [_UNREACHED] * states
        links = [restart] * states
        top = [_UNREACHED, _UNREACHED]  # best state before column k, by t
        top_at = [-1, -1]
        for k in range(width):
            t_new = 1 if tasks[k] else 0
            start = close - starts[k] + fits[k]
            if start > new[2 * k + t_new]:
                new[2 * k + t_new], links[2 * k + t_new] = start, restart
            for t in (0, 1):
                if i and top[t] > _UNREACHED:
                    target = 2 * k + (1 if tasks[k] else t)
                    if top[t] + fits[k] > new[target]:
                        new[target], links[target] = top[t] + fits[k], (top_at[t] + 1) * 2
            cost = again_cost[k]
            if cost is not None and (cost != _AGAIN or fits[k] >= _CLEAR):
                for t in (0, 1):
                    again = score[2 * k + t] + fits[k] - cost
                    if again > new[2 * k + t]:
                        new[2 * k + t], links[2 * k + t] = again, (2 * k + t + 1) * 2
            for t in (0, 1):
                if score[2 * k + t] > top[t]:
                    top[t], top_at[t] = score[2 * k + t], 2 * k + t
        new[heading] = close - _NEW_ROW + fit(cell, "heading")
        score = new
        back[i * states : (i + 1) * states] = bytes(links)
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


def _rows(back: bytearray, state: int, width: int) -> list[list[tuple[int, int]]]:
    states = 2 * width + 1
    rows: list[list[tuple[int, int]]] = []
    row: list[tuple[int, int]] = []
    for i in range(len(back) // states - 1, -1, -1):
        column = HEADING if state == 2 * width else state // 2
        row.append((column, i))
        link = back[i * states + state]
        state = link // 2 - 1
        if link % 2:
            rows.append(row[::-1])
            row = []
    return rows[::-1]
