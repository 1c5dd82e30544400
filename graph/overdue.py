"""The overdue list: assignments past their due date and not DONE, earliest due first
(then plan order), a page at a time.

The store orders the assignments past their stored due date and cuts the page; the DONE
ones among them, known from the reports (few beside the assignments), are skipped in
Python: a page is read with as many rows more as there are DONE ones, and each row's
place in the list without them is its place with them less the DONE ones before it. At
1,000 plans with a third of the tasks past due that reads ~20 rows instead of 50,000
assignments' states. A section's scope, and tasks loaded before due dates were stored,
are listed from every state as before.
"""

from __future__ import annotations

import bisect
import datetime

from dutygraph.graph.store import Store
from dutygraph.graph.supervision import (
    ASSIGNMENT_COLUMNS,
    UNSTORED_DUE,
    AssignmentState,
    ProgressStatus,
    assignment_states,
    assignments_query,
    newest,
    states_of,
)
from dutygraph.graph.unit_progress import scope_reports

_COUNT = "RETURN count(*) AS n"
_PAGE = f"""WITH t, u, a ORDER BY t.due, t.document, t.ordinal, a.rank SKIP $offset LIMIT $limit
MATCH (d:Document {{uid: t.document}})
RETURN {ASSIGNMENT_COLUMNS}, t.due AS due
ORDER BY due, document, ordinal, rank"""


def overdue_page(
    store: Store,
    *,
    today: datetime.date,
    first: int,
    offset: int = 0,
    document: str | None = None,
    section: str | None = None,
    units: list[str] | None = None,
    place: str | None = None,
) -> tuple[list[AssignmentState], int]:
    """The page (`first` from `offset`) of the scope's overdue assignments, and how many
    there are."""
    yesterday = today - datetime.timedelta(days=1)
    if section is not None or store.read(UNSTORED_DUE):
        states = assignment_states(
            store, document=document, section=section, units=units, place=place,
            due_to=yesterday,
        )  # fmt: skip
        late = sorted(
            (s for s in states if s.overdue(today)),
            key=lambda s: (s.due_date, s.row["document"], s.row["ordinal"], s.row["rank"]),
        )
        return late[offset : offset + first], len(late)
    done = {
        key: (r["due"], r["document"], r["ordinal"], r["rank"])
        for key, r in newest(scope_reports(store, document, units, place)).items()
        if r["status"] == ProgressStatus.DONE and r["due"] and r["due"] < today.isoformat()
    }
    done_keys = sorted(done.values())
    params = {
        "document": document, "units": units, "place": place,
        "due_to": yesterday.isoformat(), "offset": offset, "limit": first + len(done),
    }  # fmt: skip
    flags = (False, False, document is not None, units is not None, place is not None)
    total = store.read(assignments_query(*flags, due_to=True, tail=_COUNT), params)[0]["n"]
    rows = store.read(assignments_query(*flags, due_to=True, tail=_PAGE), params) if first else []
    page = []
    for i, row in enumerate(rows):
        if (row["task"], row["unit"]) in done:
            continue
        key = (row["due"], row["document"], row["ordinal"], row["rank"])
        if offset <= offset + i - bisect.bisect_left(done_keys, key) < offset + first:
            page.append(row)
    return states_of(store, page), total - len(done)
