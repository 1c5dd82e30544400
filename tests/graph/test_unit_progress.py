"""graph/unit_progress: the counts the store makes equal the counts from every
assignment's state (graph/supervision.assignment_states), on the reports of
tests/api/test_ledger_sort.py's plan, for each kind of scope and for a store whose tasks
carry no due date (loaded before they were stored)."""

from __future__ import annotations

import datetime

import pytest

from dutygraph.graph import supervision as sv
from dutygraph.graph import unit_progress as up
from dutygraph.graph.model import unit_uid
from tests.api.test_ledger_sort import reported  # noqa: F401 (a fixture)

SCOPES = [
    {},
    {"units": [unit_uid("县水务局"), unit_uid("县财政局")]},
    {"place": "no such place"},
]


def exact(store, today: datetime.date, days: int, **scope) -> list[up.UnitCounts]:
    return up._from_states(sv.assignment_states(store, **scope), today, days)


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize(
    ("today", "days", "late"),
    [
        # overdue: 1 (two units) and 4, not 2 (DONE); due within 200 days: 5
        (datetime.date(2026, 1, 6), 200, (3, 1)),
        # due within 60 days: 2 only, which is DONE
        (datetime.date(2025, 6, 1), 60, (0, 0)),
    ],
)
def test_the_stores_counts_are_every_states_counts(reported, scope, today, days, late):  # noqa: F811
    counted = up.unit_counts(reported, today=today, soon_days=days, **scope)
    assert counted == exact(reported, today, days, **scope)
    if not scope:
        assert {c.unit for c in counted} == {
            unit_uid(u) for u in ("县住房城乡建设局", "县财政局", "县交通运输局", "县水务局")
        }
        assert (sum(c.overdue for c in counted), sum(c.due_soon for c in counted)) == late


def test_a_document_scope(reported):  # noqa: F811
    (doc,) = [r["uid"] for r in reported.read("MATCH (d:Document) RETURN d.uid AS uid")]
    today = datetime.date(2026, 1, 6)
    counted = up.unit_counts(reported, today=today, soon_days=14, document=doc)
    assert counted == exact(reported, today, 14, document=doc)
    assert up.unit_counts(reported, today=today, soon_days=14, document="doc:none") == []


def test_tasks_without_a_stored_due_date_are_counted_from_their_deadlines(reported):  # noqa: F811
    today = datetime.date(2026, 1, 6)
    before = up.unit_counts(reported, today=today, soon_days=200)
    reported.write("MATCH (t:Task) SET t.due = NULL")
    assert up.unit_counts(reported, today=today, soon_days=200) == before
