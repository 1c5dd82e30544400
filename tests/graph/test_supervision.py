"""Reports in the graph: append-only, current state per assignment, kept through reloads
and new editions (re-attached or orphaned), overdue by an injected date."""

from __future__ import annotations

import datetime

from dutygraph.graph import supervision as sv
from dutygraph.graph.audit import audit_row
from dutygraph.graph.load import load_plan, unload_document
from dutygraph.graph.model import document_uid, unit_uid
from tests.factories import make_plan

NDRC = unit_uid("县发展改革局")
AT = datetime.datetime(2025, 6, 1, 8, 0, tzinfo=datetime.UTC)
TASKS = {
    "巩固拓展脱贫攻坚成果": [
        ("加快建设青梅、茶叶等现代农业产业园。", ["县农业农村局"]),
        ("争取对口帮扶单位加大帮扶力度，推动帮扶项目落地见效。", ["县发展改革局"]),
        ("完善防止返贫动态监测和帮扶机制，守住不发生规模性返贫底线。", ["县发展改革局"]),
    ],
}


def _report(store, task: str, status: str, note: str = "") -> str:
    row = sv.task_row(store, task)
    uid = sv.new_uid("report")
    sv.add_report(
        store,
        sv.report_props(
            uid=uid,
            kind="progress",
            task=task,
            unit=NDRC,
            unit_name="县发展改革局",
            document=row["document"],
            section_path=list(row["path"])[:-1],
            task_text=row["text"],
            code=row["code"],
            status=status,
            note=note,
            at=AT.isoformat(),
            seq=sv.sequence(),
            by="ndrc",
            orphaned=False,
        ),
        audit_row("ndrc", f"reportProgress {task}", "127.0.0.1", AT),
    )
    return uid


def _task(plan_uid: str, n: int) -> str:
    return f"{plan_uid}/t1.1.{n}"


def test_the_latest_report_is_the_assignments_state(store):
    load_plan(store, make_plan(tasks=TASKS))
    task = _task(document_uid("plans/a.txt"), 2)
    _report(store, task, "IN_PROGRESS", "started")
    _report(store, task, "DONE", "finished")
    latest = sv.latest_reports(store, [task])
    assert latest[(task, NDRC)]["status"] == "DONE"
    assert [r["note"] for r in sv.reports_of_tasks(store, [task], 10)] == ["finished", "started"]


def test_reports_survive_a_reload_and_follow_their_task_into_a_new_edition(store):
    doc = document_uid("plans/a.txt")
    load_plan(store, make_plan(tasks=TASKS))
    kept = _report(store, _task(doc, 2), "IN_PROGRESS")
    gone = _report(store, _task(doc, 1), "IN_PROGRESS")
    load_plan(store, make_plan(tasks=TASKS))  # the same plan again
    assert sv.report_by_uid(store, kept)["task"] == _task(doc, 2)
    # The next edition drops the first task (the others move up) and rewords the second.
    edited = {
        "巩固拓展脱贫攻坚成果": [
            ("积极争取对口帮扶单位加大帮扶力度，推动帮扶项目尽快落地见效。", ["县发展改革局"]),
            TASKS["巩固拓展脱贫攻坚成果"][2],
        ]
    }
    load_plan(store, make_plan(tasks=edited, version="2"))
    moved = sv.report_by_uid(store, kept)
    assert moved["task"] == _task(doc, 1) and not moved["orphaned"]
    assert [r["uid"] for r in sv.orphaned_reports(store, 10)] == [gone]
    unload_document(store, doc)
    assert {r["uid"] for r in sv.orphaned_reports(store, 10)} == {kept, gone}
    # Loaded again, as a new document: the kept report finds its task again.
    load_plan(store, make_plan(tasks=edited, version="2"))
    assert [r["uid"] for r in sv.orphaned_reports(store, 10)] == [gone]


def test_overdue_by_the_date_given_not_the_wall_clock(store, tmp_path):
    from dutygraph.loaders import parse_file

    plan = tmp_path / "plan.txt"
    plan.write_text(
        "某县工作方案\n一、重点任务\n"
        "1.建设县城污水管网。（责任单位：县住房城乡建设局；完成时限：2025年底）\n"
        "2.推进乡村道路硬化。（责任单位：县交通运输局；完成时限：长期坚持）\n",
        encoding="utf-8",
    )
    load_plan(store, parse_file(plan))
    states = sv.assignment_states(store)
    dated = [s for s in states if s.due_date]
    assert [s.row["deadline"] for s in dated] == ["2025年底"]
    assert dated[0].overdue(datetime.date(2026, 1, 1))
    assert not dated[0].overdue(datetime.date(2025, 12, 30))
    assert dated[0].due_soon(datetime.date(2025, 12, 30), 7)
    assert not any(s.overdue(datetime.date(2030, 1, 1)) for s in states if not s.due_date)
    # the due date stored at load narrows a range to the tasks due in it
    by_2025 = sv.assignment_states(store, due_to=datetime.date(2025, 12, 31))
    assert [s.row["deadline"] for s in by_2025] == ["2025年底"]
    assert sv.assignment_states(store, due_to=datetime.date(2025, 12, 30)) == []
    # a store loaded before due dates were stored still finds them, from the text
    store.write("MATCH (t:Task) SET t.due = NULL")
    again = sv.assignment_states(store, due_to=datetime.date(2025, 12, 31))
    assert [s.due_date for s in again if s.overdue(datetime.date(2026, 1, 1))] == [
        datetime.date(2025, 12, 31)
    ]


def test_assignments_by_document_section_unit_and_place(store):
    load_plan(store, make_plan())  # 二（1）: two tasks, 二（2）: one; no place
    load_plan(store, make_plan("plans/b.txt", place="陆河县"))
    a = document_uid("plans/a.txt")

    def pairs(**conditions) -> list[tuple[str, str]]:
        return [
            (s.row["code"], s.row["unit_name"]) for s in sv.assignment_states(store, **conditions)
        ]

    everything = pairs()
    assert len(everything) == 2 * 7
    assert pairs(document=a) == [
        ("二（1）1", "县农业农村局"), ("二（1）1", "各镇人民政府"), ("二（1）2", "县发展改革局"),
        ("二（1）2", "县委组织部"), ("二（1）2", "各镇人民政府"), ("二（2）1", "县发展改革局"),
        ("二（2）1", "县水务局"),
    ]  # fmt: skip
    assert pairs(section=f"{a}/s1.2") == [("二（2）1", "县发展改革局"), ("二（2）1", "县水务局")]
    assert pairs(units=[NDRC]) == [("二（1）2", "县发展改革局"), ("二（2）1", "县发展改革局")]
    placed = pairs(place="陆河县")
    assert len(placed) == 7 and all(
        s.row["place"] == "陆河县" for s in sv.assignment_states(store, place="陆河县")
    )
    assert pairs(document=a, units=[NDRC], section=f"{a}/s1.1") == [("二（1）2", "县发展改革局")]
    assert pairs(tasks=[f"{a}/t1.2.1"]) == [("二（2）1", "县发展改革局"), ("二（2）1", "县水务局")]
