"""graph/state_filter: the ledger's progress filter on a real store. The pages and
totals it reads from the reports' side are those found from every assignment's state
(graph/supervision.assignment_states, the way they were found before), for each state,
scope, role, due range and sort (either way round), page by page; and a few answers
worked out by hand.

Two editions of one plan at two paths (the second never reported on), a sixth task with
no unit, and reports: task 1's lead IN_PROGRESS (its support never), 2 DONE, 3 BLOCKED
(a later orphaned DONE does not count), 4's lead IN_PROGRESS then returned, 5 reported
NOT_STARTED, and a DONE by a unit that is not on task 2.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools

import pytest

from dutygraph.graph import supervision as sv
from dutygraph.graph.audit import audit_row
from dutygraph.graph.load import load_plan
from dutygraph.graph.model import unit_uid
from dutygraph.graph.state_filter import tasks_by_state
from dutygraph.graph.task_sort import SORTS, sorted_tasks
from dutygraph.loaders import parse_file

# Task n is "n." below: due 2025-12-31, 2025-06-30, none, 2025-09-30, 2026-06-30.
PLAN = """某县2025年重点工作方案
一、重点任务
1.建设县城污水管网。（牵头单位：县住房城乡建设局；配合单位：县财政局；完成时限：2025年底）
2.推进乡村道路硬化。（责任单位：县交通运输局；完成时限：6月底前）
3.开展河湖巡查。（责任单位：县财政局；完成时限：长期坚持）
4.完善农村供水设施。（牵头单位：县财政局；配合单位：县交通运输局；完成时限：2025年9月底前）
5.改造老旧小区。（牵头单位：县住房城乡建设局；完成时限：2026年6月底前）
"""
HOUSING, FINANCE, ROADS = (unit_uid(n) for n in ("县住房城乡建设局", "县财政局", "县交通运输局"))
STATES = ["NOT_STARTED", "IN_PROGRESS", "DONE", "BLOCKED", "RETURNED"]
AT = datetime.datetime(2025, 6, 1, tzinfo=datetime.UTC)


def _report(store, task: str, unit: str, status: str, kind: str = "progress", **extra) -> None:
    row = sv.task_row(store, task)
    assert row is not None
    props = sv.report_props(
        uid=sv.new_uid("report"), kind=kind, task=task, unit=unit, unit_name=unit,
        document=row["document"], section_path=list(row["path"])[:-1], task_text=row["text"],
        code=row["code"], status=status, at=AT.isoformat(), seq=sv.sequence(), by="t",
        orphaned=extra.pop("orphaned", False),
    )  # fmt: skip
    sv.add_report(store, props, audit_row("t", "report", None, AT))


@pytest.fixture
def plans(store, tmp_path):
    """The two editions: (the reported one's uid, the other's); the first by uid is reported."""
    for name in ("reported.txt", "other.txt"):
        path = tmp_path / name
        path.write_text(PLAN, encoding="utf-8")
        plan = parse_file(path)
        alone = dataclasses.replace(
            plan.tasks[-1], id="t9", text="加强政策宣传解读。", units=(), deadline=None, ordinal=6
        )
        load_plan(store, dataclasses.replace(plan, tasks=(*plan.tasks, alone)))
    docs = sorted(r["uid"] for r in store.read("MATCH (d:Document) RETURN d.uid AS uid"))
    reported = docs[0]
    task = {n: _task(store, reported, n) for n in range(1, 6)}
    _report(store, task[1], HOUSING, "IN_PROGRESS")
    _report(store, task[2], ROADS, "DONE")
    _report(store, task[2], HOUSING, "DONE")  # not on task 2: no state of it
    _report(store, task[3], FINANCE, "BLOCKED")
    _report(store, task[3], FINANCE, "DONE", orphaned=True)
    _report(store, task[4], FINANCE, "IN_PROGRESS")
    _report(store, task[4], FINANCE, "RETURNED", kind="return")
    _report(store, task[5], HOUSING, "NOT_STARTED")
    return reported, docs[1]


def _task(store, document: str, ordinal: int) -> str:
    cypher = "MATCH (t:Task {document: $d, ordinal: $o}) RETURN t.uid AS uid"
    return store.read(cypher, {"d": document, "o": ordinal})[0]["uid"]


def _ordinals(rows) -> list[tuple[str, int]]:
    return [(r["document"], r["ordinal"]) for r in rows]


def _every_page(store, **conditions) -> tuple[list[str], list[int]]:
    """Every task uid, paging by 2, and each page's total."""
    uids, totals = [], []
    for offset in itertools.count(0, 2):
        rows, total = tasks_by_state(store, first=2, offset=offset, **conditions)
        uids += [r["uid"] for r in rows]
        totals.append(total)
        if len(rows) < 2:
            return uids, totals


def test_the_states_worked_out_by_hand(store, plans):
    mine, other = plans

    def found(**conditions) -> list[tuple[str, int]]:
        rows, total = tasks_by_state(store, first=20, **conditions)
        assert total == len(rows)
        return _ordinals(rows)

    both = sorted([mine, other])
    assert found(status="DONE") == [(mine, 2)]
    assert found(status="BLOCKED") == [(mine, 3)]
    assert found(status="RETURNED") == [(mine, 4)]
    assert found(status="IN_PROGRESS") == [(mine, 1)]
    # tasks 1 and 4: their support never reported; 5 was reported NOT_STARTED; 6 has no unit
    expected = sorted([(mine, 1), (mine, 4), (mine, 5), *((other, n) for n in range(1, 6))])
    assert found(status="NOT_STARTED") == expected
    assert found(status="NOT_STARTED", units=[FINANCE]) == sorted(
        [(mine, 1), *((other, n) for n in (1, 3, 4))]
    )
    assert found(status="NOT_STARTED", units=[HOUSING], role="lead") == sorted(
        [(mine, 5), (other, 1), (other, 5)]
    )
    assert found(status="NOT_STARTED", units=[HOUSING, ROADS], document=mine) == [
        (mine, 4),
        (mine, 5),
    ]
    assert found(status="NOT_STARTED", due_before=datetime.date(2025, 12, 31)) == sorted(
        [(mine, 1), (mine, 4), *((other, n) for n in (1, 2, 4))]
    )
    assert found(due_after=datetime.date(2026, 1, 1)) == [(d, 5) for d in both]
    assert found(status="DONE", units=[HOUSING]) == []


def test_pages_follow_each_other_and_keep_the_total(store, plans):
    uids, totals = _every_page(store, status="NOT_STARTED")
    assert len(uids) == len(set(uids)) == 8
    assert totals == [8] * len(totals)
    whole, _ = tasks_by_state(store, status="NOT_STARTED", first=20)
    assert uids == [r["uid"] for r in whole]
    assert tasks_by_state(store, status="NOT_STARTED", first=0) == ([], 8)


SCOPES = [
    {},
    {"units": [FINANCE]},
    {"units": [FINANCE, ROADS]},
    {"units": [HOUSING], "role": "lead"},
    {"units": [FINANCE], "role": "support"},
    {"units": [FINANCE], "place": "no such place"},
    {"due_before": datetime.date(2025, 9, 30)},
    {"units": [FINANCE], "due_after": datetime.date(2025, 7, 1)},
]


@pytest.mark.parametrize("scope", SCOPES, ids=repr)
def test_every_page_is_the_one_every_state_gives(store, plans, scope):
    mine, _ = plans
    for document, status in itertools.product([None, mine], [None, *STATES]):
        conditions = {**scope, "document": document, "status": status}
        if status is None and "due_before" not in scope and "due_after" not in scope:
            continue  # no progress condition: not this filter's
        states = sv.assignment_states(
            store, document=document, units=scope.get("units"), place=scope.get("place"),
            due_from=scope.get("due_after"), due_to=scope.get("due_before"),
        )  # fmt: skip
        expected = sv.tasks_by_progress(
            states, status=status, role=scope.get("role"),
            due_after=scope.get("due_after"), due_before=scope.get("due_before"),
        )  # fmt: skip
        uids, totals = _every_page(store, **conditions)
        assert uids == expected, conditions
        assert set(totals) == {len(expected)}, conditions
        for sort, reverse, offset in itertools.product(SORTS[1:], (False, True), (0, 2)):
            rows, total = tasks_by_state(
                store, sort=sort, reverse=reverse, first=2, offset=offset, **conditions
            )
            want = sorted_tasks(store, expected, sort, 2, offset, reverse)
            assert [r["uid"] for r in rows] == [r["uid"] for r in want], (sort, conditions)
            assert total == len(expected)


def test_a_section_and_due_dates_not_stored_are_read_from_every_state(store, plans):
    mine, _ = plans
    section = store.read(
        "MATCH (s:Section)-[:HAS_TASK]->(t:Task {document: $d}) RETURN DISTINCT s.uid AS uid",
        {"d": mine},
    )[0]["uid"]
    rows, total = tasks_by_state(store, status="NOT_STARTED", section=section, first=20)
    assert (_ordinals(rows), total) == ([(mine, 1), (mine, 4), (mine, 5)], 3)
    store.write("MATCH (t:Task) REMOVE t.due")  # as loaded before due dates were stored
    rows, total = tasks_by_state(
        store, status="NOT_STARTED", document=mine, due_before=datetime.date(2025, 12, 31),
        first=20,
    )  # fmt: skip
    assert (_ordinals(rows), total) == ([(mine, 1), (mine, 4)], 2)
