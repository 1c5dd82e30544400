"""Loading plans: counts, idempotent reloads, replaced versions, shared nodes, atomicity."""

from __future__ import annotations

import dataclasses

import pytest

from dutygraph.errors import NotFoundError, StoreError
from dutygraph.graph.load import load_plan, stats, unload_document, write_rows
from dutygraph.graph.model import GraphRows, document_uid, plan_rows, unit_uid
from dutygraph.graph.store import Store, open_store
from dutygraph.loaders.model import Plan
from tests.factories import make_plan


def uids(store: Store) -> list[str]:
    rows = store.read("MATCH (n) RETURN n.uid AS uid ORDER BY uid")
    return [r["uid"] for r in rows]


def edges(store: Store) -> list[tuple[str, str, str]]:
    rows = store.read(
        "MATCH (a)-[r]->(b) RETURN a.uid AS a, type(r) AS type, b.uid AS b ORDER BY a, type, b"
    )
    return [(r["a"], r["type"], r["b"]) for r in rows]


def tasks_of(store: Store, unit: str) -> list[dict]:
    return store.read(
        "MATCH (:Unit {name: $name})-[r:RESPONSIBLE_FOR]->(t:Task) "
        "RETURN t.document AS document, t.code AS code, r.role AS role, r.rank AS rank, "
        "r.inferred AS inferred, r.written AS written ORDER BY document, code",
        {"name": unit},
    )


def test_load_writes_every_node_and_edge(store: Store, plan: Plan) -> None:
    loaded = load_plan(store, plan)

    assert loaded.uid == document_uid("plans/a.txt")
    assert (loaded.tasks, loaded.assignments) == (3, 7)
    assert stats(store) == {
        "nodes": {
            "Document": 1, "Goal": 1, "Policy": 1, "Project": 1, "Section": 3, "Task": 3,
            "Unit": 6,
        },
        "relationships": {
            "CITES": 1, "CONCERNS": 1, "FUNDED_BY": 1, "HAS_SECTION": 3, "HAS_TASK": 3,
            "HOSTED_BY": 1, "INVOKES": 1, "MENTIONS": 1, "RESPONSIBLE_FOR": 7, "TARGETS": 1,
        },
    }  # fmt: skip
    assert (loaded.uid, "HAS_SECTION", f"{loaded.uid}/s1") in edges(store)
    assert (f"{loaded.uid}/s1", "HAS_SECTION", f"{loaded.uid}/s1.2") in edges(store)


def test_task_and_assignment_properties(store: Store, plan: Plan) -> None:
    uid = load_plan(store, plan).uid

    [task] = store.read(
        "MATCH (t:Task {uid: $uid}) RETURN t.code AS code, t.path AS path, t.text AS text, "
        "t.section AS section, t.ordinal AS ordinal",
        {"uid": f"{uid}/t1.1.2"},
    )
    assert task == {
        "code": "二（1）2",
        "path": ["二", "（1）", "2"],
        "text": "争取对口帮扶单位加大帮扶力度。",
        "section": f"{uid}/s1.1",
        "ordinal": 2,
    }
    assert tasks_of(store, "县发展改革局") == [
        {"document": uid, "code": "二（1）2", "role": "lead", "rank": 1, "inferred": True,
         "written": "县发展改革局"},
        {"document": uid, "code": "二（2）1", "role": "lead", "rank": 1, "inferred": True,
         "written": "县发展改革局"},
    ]  # fmt: skip
    [unit] = store.read(
        "MATCH (u:Unit {uid: $uid})-[:HOSTED_BY]->(h:Unit) "
        "RETURN u.kind AS kind, h.name AS host, h.aliases AS host_aliases",
        {"uid": unit_uid("县老区办")},
    )
    assert unit == {"kind": "group", "host": "县发展改革局", "host_aliases": ["县发改局"]}


def test_reload_leaves_the_graph_identical(store: Store, plan: Plan) -> None:
    load_plan(store, plan)
    before = (stats(store), uids(store), edges(store))

    load_plan(store, plan)

    assert (stats(store), uids(store), edges(store)) == before


def test_two_documents_share_units_policies_and_projects(store: Store) -> None:
    a = load_plan(store, make_plan("plans/a.txt")).uid
    b = load_plan(store, make_plan("other/b.txt", title="另一个方案")).uid

    counts = stats(store)["nodes"]
    assert (counts["Document"], counts["Task"], counts["Unit"]) == (2, 6, 6)
    assert (counts["Policy"], counts["Project"]) == (1, 1)
    assert {r["document"] for r in tasks_of(store, "县发展改革局")} == {a, b}


def test_changed_version_replaces_its_part_and_keeps_shared_nodes(store: Store) -> None:
    load_plan(store, make_plan("plans/a.txt"))
    load_plan(store, make_plan("plans/b.txt"))
    changed = {"新增部分": [("新的任务。", ["县财政局", "县发展改革局"])]}

    uid = load_plan(store, make_plan("new/dir/a.txt", changed, version="2")).uid

    assert uid == document_uid("plans/a.txt")
    assert [r["code"] for r in tasks_of(store, "县财政局")] == ["二（1）1"]
    assert len(tasks_of(store, "县发展改革局")) == 3  # two in b, one in the new a
    assert stats(store)["nodes"]["Document"] == 2
    assert stats(store)["nodes"]["Task"] == 4


def test_changed_version_deletes_shared_nodes_nobody_uses(store: Store) -> None:
    load_plan(store, make_plan("plans/a.txt"))
    lean = {"其他": [("一项任务。", ["县财政局"])]}

    load_plan(store, make_plan("plans/a.txt", lean, funding=None, project=None, version="2"))

    names = {r["name"] for r in store.read("MATCH (u:Unit) RETURN u.name AS name")}
    assert names == {"县财政局", "县老区办", "县发展改革局"}  # the host stays with its guest
    assert stats(store)["nodes"].get("Policy") is None
    assert stats(store)["nodes"].get("Project") is None


def test_unload_by_uid_or_path_keeps_what_others_use(store: Store) -> None:
    a = load_plan(store, make_plan("plans/a.txt")).uid
    only_a = {"x": [("只在甲方案。", ["县统计局"])]}
    load_plan(store, make_plan("plans/b.txt", only_a, funding=None, project=None))
    b_uids = set(uids(store)) - {u for u in uids(store) if u.startswith(a)}

    assert unload_document(store, "plans/a.txt") == a
    left = set(uids(store))
    assert not any(u.startswith(a) for u in left)
    assert unit_uid("县农业农村局") not in left  # only plan a named it
    assert "policy:funding:专项财力补助" not in left
    assert left <= b_uids | {unit_uid("县老区办"), unit_uid("县发展改革局")}
    assert unit_uid("县统计局") in left

    assert unload_document(store, document_uid("plans/b.txt")) == document_uid("plans/b.txt")
    assert stats(store) == {"nodes": {}, "relationships": {}}


def test_unload_of_unknown_document_is_not_found(store: Store) -> None:
    with pytest.raises(NotFoundError, match=r"no document 'nope\.txt'"):
        unload_document(store, "nope.txt")


def test_failed_write_leaves_the_store_as_it_was(store: Store, plan: Plan) -> None:
    load_plan(store, plan)
    before = (stats(store), uids(store), edges(store))

    refused = r"a value of tasks\.text is \{'a': 1\}, which no graph store takes"
    with pytest.raises(StoreError, match=refused):
        write_rows(store, broken(plan_rows(make_plan("plans/a.txt", version="2"))))
    with pytest.raises(StoreError, match=refused):
        write_rows(store, broken(plan_rows(make_plan("plans/new.txt"))))

    assert (stats(store), uids(store), edges(store)) == before


def test_a_task_in_no_section_of_its_document_is_refused_before_anything_is_written(
    store: Store, plan: Plan
) -> None:
    load_plan(store, plan)
    before = (stats(store), uids(store), edges(store))
    rows = plan_rows(make_plan("plans/new.txt"))
    lost = dataclasses.replace(
        rows, tasks=[*rows.tasks, {**rows.tasks[0], "uid": "x", "section": "s9"}]
    )

    with pytest.raises(StoreError, match="tasks are in no section of it: s9"):
        write_rows(store, lost)

    assert (stats(store), uids(store), edges(store)) == before


def test_a_name_too_long_to_index_is_refused_and_the_store_stays_up(
    store: Store, plan: Plan
) -> None:
    # 2,000 characters: FalkorDB's server itself crashed on such an index key mid-load.
    load_plan(store, plan)
    before = (stats(store), uids(store), edges(store))
    long = make_plan("plans/long.txt", {"章节": [("任务一", ["县" + "长" * 2000 + "局"])]})

    with pytest.raises(StoreError, match=r"units: a uid of 2,007 characters .*at most 1,000"):
        load_plan(store, long)

    assert (stats(store), uids(store), edges(store)) == before


def broken(rows: GraphRows) -> GraphRows:
    """The rows with a map as the last task's text: no store takes a map as a property,
    so the write fails after the old part was deleted and most of the new one written."""
    tasks = [*rows.tasks[:-1], {**rows.tasks[-1], "text": {"a": 1}}]
    return dataclasses.replace(rows, tasks=tasks)


def test_sample_counts(sample_store: Store) -> None:
    counts = stats(sample_store)
    assert counts["nodes"]["Task"] == 47
    assert counts["relationships"]["RESPONSIBLE_FOR"] == 136
    fgj = tasks_of(sample_store, "县发展改革局")
    leads = [r for r in fgj if r["role"] == "lead"]
    assert (len(fgj), len(leads)) == (22, 9)
    assert all(r["inferred"] for r in leads)
    assert len(tasks_of(sample_store, "各镇人民政府")) == 24


def test_a_task_keeps_its_printed_passage(sample_store: Store) -> None:
    rows = sample_store.read(
        "MATCH (t:Task) WHERE t.text CONTAINS $words RETURN t.passage AS passage",
        {"words": "陆河至惠来高速公路"},
    )
    assert [r["passage"] for r in rows] == [
        "3.推进陆河至惠来高速公路以及快速连接线的前期工作。"
        "（责任单位：县交通运输局、县发展改革局，各镇人民政府）"
    ]


def aggregates(store: Store) -> tuple[dict, dict]:
    """The stored unit counts and shared tasks, and the same counted from the edges."""
    stored_units = store.read(
        "MATCH (u:Unit) WHERE u.total > 0 "
        "RETURN u.uid AS u, [u.total, u.lead, u.support] AS n ORDER BY u"
    )
    counted_units = store.read(
        "MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->() "
        "RETURN u.uid AS u, [count(r), count(CASE WHEN r.role = 'lead' THEN 1 END), "
        "count(CASE WHEN r.role = 'support' THEN 1 END)] AS n ORDER BY u"
    )
    stored_pairs = store.read(
        "MATCH (a)-[s:SHARES]-(b) WHERE s.tasks > 0 RETURN a.uid AS a, b.uid AS b, "
        "s.tasks AS n ORDER BY a, b"
    )
    counted_pairs = store.read(
        "MATCH (a:Unit)-[:RESPONSIBLE_FOR]->(t)<-[:RESPONSIBLE_FOR]-(b:Unit) WHERE a <> b "
        "RETURN a.uid AS a, b.uid AS b, count(DISTINCT t) AS n ORDER BY a, b"
    )
    stored_documents = store.read(
        "MATCH (u:Unit)-[i:TASKS_IN]->(d:Document) "
        "RETURN u.uid AS u, d.uid AS d, [i.total, i.lead, i.support] AS n ORDER BY u, d"
    )
    counted_documents = store.read(
        "MATCH (u:Unit)-[r:RESPONSIBLE_FOR]->(t:Task) "
        "RETURN u.uid AS u, t.document AS d, [count(r), "
        "count(CASE WHEN r.role = 'lead' THEN 1 END), "
        "count(CASE WHEN r.role = 'support' THEN 1 END)] AS n ORDER BY u, d"
    )
    return (
        {"units": stored_units, "pairs": stored_pairs, "documents": stored_documents},
        {"units": counted_units, "pairs": counted_pairs, "documents": counted_documents},
    )


def test_stored_workload_counts_follow_loads_replacements_and_unloads(store: Store) -> None:
    lean = {"其他": [("一项任务。", ["县财政局", "县发展改革局"])]}
    alone = {"其他": [("一项任务。", ["县统计局"]), ("又一项任务。", ["县财政局", "县发展改革局"])]}
    steps = [
        lambda: load_plan(store, make_plan("plans/a.txt")),
        lambda: load_plan(store, make_plan("plans/b.txt", lean, title="另一县工作方案")),
        lambda: load_plan(store, make_plan("plans/c.txt", alone)),  # a unit alone on a task
        lambda: load_plan(store, make_plan("plans/a.txt")),  # the same again
        lambda: load_plan(store, make_plan("plans/a.txt", lean, version="2")),
        lambda: unload_document(store, "plans/b.txt"),
    ]
    for step in steps:
        step()
        stored, counted = aggregates(store)
        assert stored == counted
        assert counted["units"] and counted["pairs"]


def _reopened_after(tmp_path, *older: str) -> tuple[dict, Store]:
    """A plan's aggregates as a load keeps them, and its store opened again after the
    `older` statements left it as an older version would have."""
    store = open_store(str(tmp_path / "db"))
    try:
        load_plan(store, make_plan("plans/a.txt"))
        expected, _ = aggregates(store)
        for statement in older:
            store.write(statement)
    finally:
        store.close()
    return expected, open_store(str(tmp_path / "db"))


def test_a_store_without_the_aggregates_is_counted_when_opened(tmp_path) -> None:
    # as a version before the per-document counts (or before any counts) left it
    expected, store = _reopened_after(
        tmp_path, "MATCH ()-[i:TASKS_IN]->() DELETE i", "MATCH (u:Unit) SET u.total = null"
    )
    try:
        stored, counted = aggregates(store)
        assert stored == counted == expected
    finally:
        store.close()


def test_a_store_with_shared_tasks_both_ways_is_counted_when_opened(tmp_path) -> None:
    # as a version that kept a pair's shared tasks on an edge each way left it
    expected, store = _reopened_after(
        tmp_path, "MATCH (a)-[s:SHARES]->(b) CREATE (b)-[:SHARES {tasks: s.tasks}]->(a)"
    )
    try:
        stored, counted = aggregates(store)
        assert stored == counted == expected
        [pairs] = store.read("MATCH (a)-[s:SHARES]->(b) RETURN count(s) AS edges")
        assert pairs["edges"] == len(expected["pairs"]) // 2  # one edge a pair
    finally:
        store.close()
