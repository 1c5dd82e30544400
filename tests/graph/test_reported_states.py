"""graph/supervision.reported_states: the tasks in a reported state (anything but
NOT_STARTED) found from the reported tasks alone are those found from every
assignment's state, for each state, scope and role, on tests/api/test_ledger_sort.py's
plan and reports (several plans' worth of scopes, one orphaned report)."""

from __future__ import annotations

import pytest

from dutygraph.graph import supervision as sv
from dutygraph.graph.model import unit_uid
from tests.api.test_ledger_sort import reported  # noqa: F401 (a fixture)

STATES = ["IN_PROGRESS", "BLOCKED", "DONE", "RETURNED"]
SCOPES = [
    {},
    {"units": [unit_uid("县水务局"), unit_uid("县财政局")]},
    {"units": [unit_uid("县住房城乡建设局")]},
    {"place": "no such place"},
]


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("role", [None, "lead", "support"])
def test_reported_states_find_what_every_state_finds(reported, scope, role):  # noqa: F811
    every = sv.assignment_states(reported, **scope)
    few = sv.reported_states(reported, **scope)
    assert len(few) <= len(every)
    for status in STATES:
        expected = sv.tasks_by_progress(every, status=status, role=role)
        assert sv.tasks_by_progress(few, status=status, role=role) == expected
    if not scope and role is None:  # task 5 is never reported; each state is there
        assert len(few) < len(every)
        assert all(sv.tasks_by_progress(few, status=s) for s in STATES)


def test_a_document_scope_and_no_reports(reported):  # noqa: F811
    (doc,) = [r["uid"] for r in reported.read("MATCH (d:Document) RETURN d.uid AS uid")]
    for status in STATES:
        assert sv.tasks_by_progress(
            sv.reported_states(reported, document=doc), status=status
        ) == sv.tasks_by_progress(sv.assignment_states(reported, document=doc), status=status)
    assert sv.reported_states(reported, document="doc:none") == []
    reported.write("MATCH (r:Report) DETACH DELETE r")
    assert sv.reported_states(reported) == []
