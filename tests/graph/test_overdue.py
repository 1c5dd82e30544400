"""graph/overdue: each page of the overdue list the store cuts is the page of the list
made from every assignment's state, DONE ones left out, on the reports of
tests/api/test_ledger_sort.py's plan (task 2, past due, is DONE)."""

from __future__ import annotations

import datetime

import pytest

from dutygraph.graph import overdue as od
from dutygraph.graph import supervision as sv
from dutygraph.graph.model import unit_uid
from tests.api.test_ledger_sort import reported  # noqa: F401 (a fixture)

TODAY = datetime.date(2026, 7, 1)  # tasks 1, 2, 4 and 5 past due


def every_state(store, **scope) -> list[tuple[str, str]]:
    states = sv.assignment_states(store, **scope)
    late = sorted(
        (s for s in states if s.overdue(TODAY)),
        key=lambda s: (s.due_date, s.row["document"], s.row["ordinal"], s.row["rank"]),
    )
    return [(s.row["task"], s.row["unit"]) for s in late]


def keys(states: list[sv.AssignmentState]) -> list[tuple[str, str]]:
    return [(s.row["task"], s.row["unit"]) for s in states]


@pytest.mark.parametrize("scope", [{}, {"units": [unit_uid("县住房城乡建设局")]}])
def test_every_page_is_the_page_of_every_states_list(reported, scope):  # noqa: F811
    truth = every_state(reported, **scope)
    assert len(truth) == (4 if not scope else 2)  # 1 (two units), 4, 5; not 2: DONE
    for first in (1, 2, 3, 10):
        for offset in range(len(truth) + 1):
            page, total = od.overdue_page(
                reported, today=TODAY, first=first, offset=offset, **scope
            )
            assert total == len(truth)
            assert keys(page) == truth[offset : offset + first], (first, offset)
    page, _ = od.overdue_page(reported, today=TODAY, first=10, **scope)
    assert all(s.overdue(TODAY) and s.due_date for s in page)


def test_without_stored_due_dates_the_list_is_the_same(reported):  # noqa: F811
    before = keys(od.overdue_page(reported, today=TODAY, first=10)[0])
    reported.write("MATCH (t:Task) SET t.due = NULL")
    assert keys(od.overdue_page(reported, today=TODAY, first=10)[0]) == before
