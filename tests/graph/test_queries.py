"""The named read queries against every store, on small hand-built plans.

Plan a (conftest.make_plan): part 二 with （1） 巩固拓展脱贫攻坚成果 holding two tasks and
（2） 加快推进基础设施建设 holding one; 县发展改革局 (alias 县发改局) leads t1.1.2 and t1.2.1;
the funding policy is invoked by the first task and funds the project of the last one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import pairwise

import pytest

from dutygraph.errors import ArgumentError
from dutygraph.graph import explore, nodes, relations, search, task_filter, workload
from dutygraph.graph.load import load_plan
from dutygraph.graph.model import document_uid, unit_uid
from dutygraph.graph.store import Store, open_store
from dutygraph.loaders.model import Policy
from tests.factories import make_plan

A = document_uid("plans/a.txt")
B = document_uid("plans/b.txt")
NDRC = unit_uid("县发展改革局")  # the hand-built plans have no place
TOWNS = unit_uid("各镇人民政府")
FUNDING = "policy:funding:专项财力补助"
PROJECT = "project:抽水蓄能电站"
STATE_COUNCIL = Policy(
    id="policy:国发〔2021〕3号", name="国务院关于新时代支持革命老区振兴发展的意见",
    title="国务院关于新时代支持革命老区振兴发展的意见", doc_number="国发〔2021〕3号",
    issuer="国务院", year=2021, kind="document", amount=None, amount_value=None,
    ratio=None, written_as=(), tasks=(), implemented=True, spans=(),
)  # fmt: skip
B_TASKS = {
    "加快推进基础设施建设": [
        ("推进高速公路前期工作。", ["县交通运输局", "县发展改革局"]),
        ("推进水利工程建设。", ["县水务局", "各镇人民政府", "县发展改革局"]),
    ]
}


@pytest.fixture
def one(store: Store) -> Store:
    load_plan(store, make_plan())
    return store


@pytest.fixture
def two(one: Store) -> Store:
    """Plans a and b: b's subsection （1） sits where a's （1） does, with other tasks."""
    load_plan(one, make_plan("plans/b.txt", B_TASKS, title="另一县工作方案"))
    return one


def codes(rows: list[dict]) -> list[str]:
    return [r["code"] for r in rows]


# --- nodes by uid ---------------------------------------------------------------------------


def test_nodes_by_uid_skip_unknown_uids(one: Store) -> None:
    [doc] = nodes.documents_by_uid(one, [A, "doc:nope"])
    assert (doc["uid"], doc["title"], doc["format"]) == (A, "某县工作方案", "txt")
    sections = nodes.sections_by_uid(one, [f"{A}/s1.2", f"{A}/s1"])
    assert sorted((r["level"], r["number"], r["parent"]) for r in sections) == [
        (1, "二", None),
        (2, "（2）", f"{A}/s1"),
    ]
    [task] = nodes.tasks_by_uid(one, [f"{A}/t1.2.1"])
    assert task == {
        "uid": f"{A}/t1.2.1", "document": A, "section": f"{A}/s1.2", "code": "二（2）1",
        "path": ["二", "（2）", "1"], "text": "积极争取将抽水蓄能电站项目列入国家相关规划。",
        "deadline": None, "ordinal": 3, "start": 0, "end": 0, "line": 1, "passage": None,
    }  # fmt: skip
    assert nodes.tasks_by_uid(one, []) == []
    [policy] = nodes.policies_by_uid(one, [FUNDING])
    assert (policy["kind"], policy["amount_value"]) == ("funding", 5e7)
    assert nodes.projects_by_uid(one, [PROJECT])[0]["kind"] == "energy"


def test_unit_rows_give_the_hosts_uid(one: Store) -> None:
    office = unit_uid("县老区办")
    rows = {r["uid"]: r for r in nodes.units_by_uid(one, [NDRC, office])}
    assert rows[office]["hosted_by"] == NDRC
    assert rows[NDRC]["hosted_by"] is None
    assert rows[NDRC]["aliases"] == ["县发改局"]
    assert nodes.units_by_uid(one, [rows[office]["hosted_by"]])[0]["name"] == "县发展改革局"


def test_long_uid_lists_are_answered_whole(one: Store) -> None:
    # more than FalkorDB's Bolt endpoint takes in one parameter list (about 4 KB)
    uids = [f"{A}/t1.1.1", *(f"{A}/missing-{i:04}" for i in range(300)), f"{A}/t1.2.1"]
    assert sorted(codes(nodes.tasks_by_uid(one, uids))) == ["二（1）1", "二（2）1"]


# --- the tree -------------------------------------------------------------------------------


def test_section_tree_and_tasks_in_order(two: Store) -> None:
    tops = relations.top_sections(two, [A, B])
    assert [(r["owner"], r["title"]) for r in tops] == sorted([(A, "责任分工"), (B, "责任分工")])
    subs = relations.subsections(two, [f"{A}/s1"])
    assert [(r["owner"], r["number"], r["title"]) for r in subs] == [
        (f"{A}/s1", "（1）", "巩固拓展脱贫攻坚成果"),
        (f"{A}/s1", "（2）", "加快推进基础设施建设"),
    ]
    rows = relations.tasks_of_sections(two, [f"{A}/s1.1", f"{B}/s1.1", f"{A}/s1"])
    by_owner = {o: codes(r for r in rows if r["owner"] == o) for o in {r["owner"] for r in rows}}
    assert by_owner == {
        f"{A}/s1.1": ["二（1）1", "二（1）2"],
        f"{B}/s1.1": ["二（1）1", "二（1）2"],
    }


def test_assignments_of_tasks_by_rank(one: Store) -> None:
    rows = relations.assignments_of_tasks(one, [f"{A}/t1.1.2", f"{A}/t1.2.1"])
    assert [(r["task"][-6:], r["uid"], r["role"], r["rank"]) for r in rows] == [
        ("t1.1.2", NDRC, "lead", 1),
        ("t1.1.2", unit_uid("县委组织部"), "support", 2),
        ("t1.1.2", TOWNS, "support", 3),
        ("t1.2.1", NDRC, "lead", 1),
        ("t1.2.1", unit_uid("县水务局"), "support", 2),
    ]
    assert all(r["inferred"] is (r["rank"] == 1) for r in rows)
    assert rows[0]["written"] == "县发展改革局"


def test_goals_and_policies_of_documents(one: Store) -> None:
    [goal] = relations.goals_of_documents(one, [A])
    assert (goal["owner"], goal["year"], goal["headline"]) == (A, 2025, "取得明显进展")
    [policy] = relations.policies_of_documents(one, [A])
    assert (policy["owner"], policy["uid"], policy["implemented"]) == (A, FUNDING, False)


# --- policies and projects ------------------------------------------------------------------


def test_policy_project_task_links(one: Store) -> None:
    assert [(r["owner"], r["uid"]) for r in relations.projects_of_policies(one, [FUNDING])] == [
        (FUNDING, PROJECT)
    ]
    assert [(r["owner"], r["uid"]) for r in relations.policies_of_projects(one, [PROJECT])] == [
        (PROJECT, FUNDING)
    ]
    assert codes(relations.tasks_of_policies(one, [FUNDING])) == ["二（1）1"]
    assert codes(relations.tasks_of_projects(one, [PROJECT])) == ["二（2）1"]
    units = relations.units_of_projects(one, [PROJECT])
    assert [(r["uid"], r["tasks"]) for r in units] == [
        (unit_uid("县发展改革局"), 1), (unit_uid("县水务局"), 1)
    ]  # fmt: skip


def test_shared_nodes_gather_rows_of_every_document_capped_per_owner(store: Store) -> None:
    for source in ("plans/a.txt", "plans/b.txt", "plans/c.txt"):
        load_plan(store, make_plan(source))
    rows = relations.tasks_of_projects(store, [PROJECT])
    assert sorted(r["document"] for r in rows) == sorted([A, B, document_uid("plans/c.txt")])
    assert len(relations.tasks_of_projects(store, [PROJECT], per_owner=2)) == 2
    assert len(relations.tasks_of_policies(store, [FUNDING], per_owner=1)) == 1
    assert relations.units_of_projects(store, [PROJECT])[0]["tasks"] == 3


def test_policy_by_doc_number_in_any_bracket_style(store: Store) -> None:
    plan = make_plan()
    load_plan(store, replace(plan, policies=(*plan.policies, STATE_COUNCIL)))
    for written in ("国发[2021]3号", "国发〔2021〕3号", "国发［2021］3号", "国发(2021)3号"):
        row = nodes.policy_by_doc_number(store, written)
        assert row is not None, written
        assert row["uid"] == "policy:国发〔2021〕3号"
    assert nodes.policy_by_doc_number(store, "国发[2020]3号") is None
    assert nodes.policy_by_doc_number(store, "不是文号") is None
    assert [r["implemented"] for r in relations.policies_of_documents(store, [A])] == [True, False]


def test_lists_filter_and_stop_at_limit(one: Store) -> None:
    assert [r["uid"] for r in nodes.policies(one, kind="funding", limit=5)] == [FUNDING]
    assert nodes.policies(one, kind="land", limit=5) == []
    assert [r["name"] for r in nodes.projects(one, text="蓄能", limit=5)] == ["抽水蓄能电站"]
    assert nodes.projects(one, kind="water", limit=5) == []
    assert len(nodes.documents(one, 5)) == 1
    assert [r["name"] for r in nodes.units(one, limit=2)] == sorted(
        r["name"] for r in nodes.units(one, limit=100)
    )[:2]
    assert [r["name"] for r in nodes.units(one, text="发改", limit=10)] == ["县发展改革局"]
    assert [r["name"] for r in nodes.units(one, kind="collective", limit=10)] == ["各镇人民政府"]
    assert nodes.units(one, level="省", limit=10) == []


def test_unit_by_name_takes_aliases_exactly(one: Store) -> None:
    assert nodes.unit_by_name(one, "县发展改革局")["uid"] == NDRC
    assert nodes.unit_by_name(one, "县发改局")["uid"] == NDRC
    assert nodes.unit_by_name(one, " 县发改局 ")["uid"] == NDRC
    assert nodes.unit_by_name(one, "发改局") is None


# --- find_tasks -----------------------------------------------------------------------------


def test_find_tasks_by_unit_and_role_across_documents(two: Store) -> None:
    rows, total = task_filter.find_tasks(two, units=[NDRC], limit=10)
    assert total == 4
    assert [(r["document"], r["code"]) for r in rows] == sorted(
        [(A, "二（1）2"), (A, "二（2）1"), (B, "二（1）1"), (B, "二（1）2")]
    )
    assert task_filter.find_tasks(two, units=[NDRC], role="lead", limit=10)[1] == 2
    assert task_filter.find_tasks(two, units=[NDRC], role="support", limit=10)[1] == 2
    rows, total = task_filter.find_tasks(two, units=[NDRC, TOWNS], document=B, limit=10)
    assert (codes(rows), total) == (["二（1）1", "二（1）2"], 2)  # each task once


def test_find_tasks_pages_share_one_order(two: Store) -> None:
    everything, total = task_filter.find_tasks(two, limit=100)
    assert total == 5 == len(everything)
    pages = [task_filter.find_tasks(two, limit=2, offset=k)[0] for k in (0, 2, 4)]
    assert [r["uid"] for page in pages for r in page] == [r["uid"] for r in everything]
    assert task_filter.find_tasks(two, limit=2, offset=10) == ([], 5)
    assert task_filter.find_tasks(two, limit=2, offset=4)[1] == 5  # a short last page
    assert task_filter.find_tasks(two, limit=5)[1] == 5  # a full page: counted apart
    assert task_filter.find_tasks(two, limit=0) == ([], 5)


def test_a_units_pages_follow_plan_order_with_every_filter(two: Store) -> None:
    everything, total = task_filter.find_tasks(two, units=[NDRC], limit=10)
    pages = [task_filter.find_tasks(two, units=[NDRC], limit=3, offset=k) for k in (0, 3)]
    assert [r["uid"] for rows, _ in pages for r in rows] == [r["uid"] for r in everything]
    assert [n for _, n in pages] == [4, 4]
    rows, total = task_filter.find_tasks(two, units=[NDRC], role="lead", document=A, limit=9)
    assert (codes(rows), total) == (["二（1）2", "二（2）1"], 2)
    assert task_filter.find_tasks(two, units=[NDRC], role="lead", document=B, limit=9) == ([], 0)
    rows, total = task_filter.find_tasks(two, units=[NDRC], text="推进", limit=1)
    assert (codes(rows), total) == (["二（1）1"], 2)  # b's two tasks; the page of one


def test_pages_are_full_past_documents_without_tasks(two: Store) -> None:
    # two documents sorting before a and b, with no task: a page still holds `limit` tasks
    empty = [s for s in (f"plans/empty{i}.txt" for i in range(100)) if document_uid(s) < min(A, B)]
    for source in empty[:2]:
        load_plan(two, make_plan(source, {}))
    everything, total = task_filter.find_tasks(two, limit=100)
    assert total == 5 == len(everything)
    assert task_filter.find_tasks(two, limit=2)[0] == everything[:2]


def test_find_tasks_other_filters(two: Store) -> None:
    assert codes(task_filter.find_tasks(two, policy=FUNDING, limit=9)[0]) == [
        "二（1）1",
        "二（1）1",
    ]
    assert task_filter.find_tasks(two, project=PROJECT, document=A, limit=9)[1] == 1
    assert codes(task_filter.find_tasks(two, section=f"{A}/s1", limit=9)[0]) == [
        "二（1）1", "二（1）2", "二（2）1"
    ]  # fmt: skip
    assert codes(task_filter.find_tasks(two, section=f"{A}/s1.2", limit=9)[0]) == ["二（2）1"]
    assert codes(task_filter.find_tasks(two, text="抽水蓄能", limit=9)[0]) == ["二（2）1"]
    assert task_filter.find_tasks(two, text="抽水蓄能", units=[TOWNS], limit=9)[1] == 0
    assert task_filter.find_tasks(two, units=[], limit=9) == ([], 0)


def test_find_tasks_refuses_a_role_alone(one: Store) -> None:
    with pytest.raises(ArgumentError):
        task_filter.find_tasks(one, role="lead", limit=5)
    with pytest.raises(ArgumentError):
        task_filter.find_tasks(one, units=[NDRC], role="boss", limit=5)


# --- workload -------------------------------------------------------------------------------


def test_unit_workload_by_section_and_document(two: Store) -> None:
    load = workload.unit_workload(two, NDRC)
    assert (load["total"], load["lead"], load["support"]) == (4, 2, 2)
    assert [(s["document"], s["code"], s["total"], s["lead"]) for s in load["by_section"]] == [
        (B, "二（1）", 2, 0),  # 另一县工作方案 sorts before 某县工作方案
        (A, "二（1）", 1, 1),
        (A, "二（2）", 1, 1),
    ]
    # heaviest first; here both hold 2, so by uid
    assert [(d["document"], d["total"], d["lead"], d["support"]) for d in load["by_document"]] == (
        sorted([(B, 2, 0, 2), (A, 2, 2, 0)])
    )
    assert load["by_document"][0]["title"] in ("某县工作方案", "另一县工作方案")
    towns = workload.unit_workload(two, TOWNS, limit=1)
    assert (towns["total"], towns["support"]) == (3, 3)  # totals over every task
    assert [(d["document"], d["total"]) for d in towns["by_document"]] == [(A, 2)]
    assert [(s["document"], s["code"]) for s in towns["by_section"]] == [(min(A, B), "二（1）")]
    assert workload.unit_workload(two, unit_uid("nobody")) == {
        "total": 0, "lead": 0, "support": 0, "by_section": [], "by_document": []
    }  # fmt: skip


def test_workload_ranking_heaviest_first_ties_by_name(two: Store) -> None:
    ranking = workload.workload_ranking(two, limit=3)
    assert [(r["unit"], r["total"], r["lead"], r["support"]) for r in ranking] == [
        (NDRC, 4, 2, 2),
        (TOWNS, 3, 0, 3),
        (unit_uid("县水务局"), 2, 1, 1),
    ]
    ones = [r["name"] for r in workload.workload_ranking(two, limit=100)[3:]]
    assert ones == sorted(["县交通运输局", "县农业农村局", "县委组织部"])
    in_b = workload.workload_ranking(two, limit=1, document=B)
    assert [(r["unit"], r["total"]) for r in in_b] == [(NDRC, 2)]
    in_section = workload.workload_ranking(two, limit=10, section=f"{A}/s1.2")
    assert [(r["name"], r["lead"], r["support"]) for r in in_section] == [
        ("县发展改革局", 1, 0), ("县水务局", 0, 1)
    ]  # fmt: skip
    assert len(workload.workload_ranking(two, limit=10, section=f"{A}/s1")) == 5
    assert workload.workload_ranking(two, limit=10, section=f"{A}/s1", document=B) == []


def test_partners_count_shared_tasks(two: Store) -> None:
    rows = workload.partners(two, NDRC, 10)
    # ties by name, in code point order: 县 (U+53BF) before 各 (U+5404)
    assert [(r["name"], r["shared"]) for r in rows] == [
        ("县水务局", 2), ("各镇人民政府", 2), ("县交通运输局", 1), ("县委组织部", 1)
    ]  # fmt: skip
    assert rows[1] == {"unit": TOWNS, "name": "各镇人民政府", "shared": 2}
    assert len(workload.partners(two, NDRC, 1)) == 1


# --- search ---------------------------------------------------------------------------------


def test_search_finds_substrings_a_word_index_would_miss(one: Store) -> None:
    # 产业园 sits inside 现代农业产业园, 抽水蓄能 inside 抽水蓄能电站: no word boundary either way
    [hit] = search.search(one, "产业园", 10)
    assert (hit["label"], hit["uid"]) == ("Task", f"{A}/t1.1.1")
    assert hit["name"].startswith("二（1）1 加快建设")
    assert "产业园" in hit["snippet"]
    hits = search.search(one, "抽水蓄能", 10)
    assert [(h["label"], h["uid"]) for h in hits] == [("Project", PROJECT), ("Task", f"{A}/t1.2.1")]


def test_search_ranks_exact_then_prefix_then_contains_then_text(store: Store) -> None:
    tasks = {
        "财政工作": [
            ("推进县财政局改革。", ["县财政局"]),
            ("用好财政资金。", ["县财政局改革办公室", "县财政"]),
        ]
    }
    load_plan(store, make_plan(tasks=tasks, funding=None, project=None))
    hits = search.search(store, "县财政", 10)
    assert [(h["label"], h["name"]) for h in hits] == [
        ("Unit", "县财政"),  # exact
        ("Unit", "县财政局"),  # prefix, shorter first
        ("Unit", "县财政局改革办公室"),
        ("Task", "二（1）1 推进县财政局改革。"),  # text
    ]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == len(scores)
    assert [h["label"] for h in search.search(store, "财政", 10)][:1] == ["Section"]  # 财政工作
    assert len(search.search(store, "县财政", 2)) == 2


def test_search_by_alias_code_and_doc_number(store: Store) -> None:
    plan = make_plan()
    load_plan(store, replace(plan, policies=(*plan.policies, STATE_COUNCIL)))
    [unit] = search.search(store, "发改局", 10)
    assert (unit["uid"], unit["name"], unit["snippet"]) == (NDRC, "县发展改革局", "县发改局")
    assert search.search(store, "县发改局", 10)[0]["score"] > 4  # an alias is an exact name
    assert search.search(store, "二（2）1", 10)[0]["uid"] == f"{A}/t1.2.1"
    assert search.search(store, "国发[2021]3号", 10)[0]["uid"] == STATE_COUNCIL.id
    assert search.search(store, "革命老区", 10)[0]["uid"] == STATE_COUNCIL.id  # in its title


def test_search_of_task_text_wants_the_whole_text_not_its_pieces(store: Store) -> None:
    tasks = {
        "工作": [("产业发展和园区建设。", ["县财政局"]), ("执行二（1）2号清单。", ["县财政局"])]
    }
    load_plan(store, make_plan(tasks=tasks, funding=None, project=None))
    # 产业 and 园区 are both in the first task's text, 产业园区 is not
    assert search.search(store, "产业园区", 10) == []
    assert [h["name"] for h in search.search(store, "园区建设", 10)] == [
        "二（1）1 产业发展和园区建设。"
    ]
    # the second task is found by its code and by its text: once, as its code
    [hit] = search.search(store, "二（1）2", 10)
    assert (hit["uid"], hit["score"] > 4) == (f"{A}/t1.1.2", True)


def test_search_finds_tasks_loaded_before_they_carried_their_pieces(tmp_path) -> None:
    db = str(tmp_path / "db")
    store = open_store(db)
    try:
        load_plan(store, make_plan())
        store.write("MATCH (t:Task) SET t.grams = null")  # as an older version wrote them
    finally:
        store.close()
    store = open_store(db)
    try:
        assert [h["uid"] for h in search.search(store, "产业园", 10)] == [f"{A}/t1.1.1"]
    finally:
        store.close()


def test_search_wants_two_characters_and_treats_text_as_data(one: Store) -> None:
    with pytest.raises(ArgumentError):
        search.search(one, " 县 ", 10)
    # (no ' or \ here: FalkorDB's Bolt endpoint, a test-only path, splices parameters
    # into the query text and breaks on them; the embedded store and Neo4j do not)
    assert search.search(one, '"}) MATCH (n) DETACH DELETE n //', 10) == []
    assert len(search.search(one, "产业园", 10)) == 1
    assert search.search(one, "产业园", 0) == []


# --- neighborhood and path ------------------------------------------------------------------


def test_neighborhood_hop_by_hop(one: Store) -> None:
    around = explore.neighborhood(one, NDRC, 1, 50)
    assert around["nodes"][0] == {
        "uid": NDRC,
        "label": "Unit",
        "name": "县发展改革局",
        "text": None,
        "place": None,
    }
    assert {n["uid"] for n in around["nodes"]} == {
        NDRC, unit_uid("县老区办"), f"{A}/t1.1.2", f"{A}/t1.2.1"
    }  # fmt: skip
    assert {(e["source"], e["target"], e["type"], e["role"]) for e in around["edges"]} == {
        (unit_uid("县老区办"), NDRC, "HOSTED_BY", None),
        (NDRC, f"{A}/t1.1.2", "RESPONSIBLE_FOR", "lead"),
        (NDRC, f"{A}/t1.2.1", "RESPONSIBLE_FOR", "lead"),
    }
    wider = explore.neighborhood(one, NDRC, 2, 50)
    labels = {n["uid"]: n["label"] for n in wider["nodes"]}
    assert labels[f"{A}/s1.1"] == "Section" and labels[PROJECT] == "Project"
    assert labels[unit_uid("县委组织部")] == "Unit" and A in labels  # via 县老区办's mention
    assert explore.neighborhood(one, NDRC, 0, 50) == {"nodes": [around["nodes"][0]], "edges": []}


def test_neighborhood_is_bounded_and_consistent(one: Store) -> None:
    small = explore.neighborhood(one, NDRC, 3, 3)
    uids = {n["uid"] for n in small["nodes"]}
    assert len(uids) == 3
    assert all(e["source"] in uids and e["target"] in uids for e in small["edges"])
    names = {n["label"]: n["name"] for n in explore.neighborhood(one, A, 1, 50)["nodes"]}
    assert names["Document"] == "某县工作方案" and names["Goal"] == "2025"
    assert explore.neighborhood(one, unit_uid("nobody"), 2, 10) == {"nodes": [], "edges": []}
    with pytest.raises(ArgumentError):
        explore.neighborhood(one, NDRC, 4, 10)
    with pytest.raises(ArgumentError):
        explore.neighborhood(one, NDRC, 1, 0)


def test_a_neighbourhood_reads_the_nodes_it_keeps_with_each_hop(one: Store) -> None:
    before = one.round_trips
    around = explore.neighborhood(one, NDRC, 2, 50)
    assert one.round_trips - before == 3  # the node itself, then one read a hop, no more
    assert all(node["name"] for node in around["nodes"])
    before = one.round_trips
    assert len(explore.neighborhood(one, NDRC, 3, 3)["nodes"]) == 3
    assert one.round_trips - before == 3  # full after the first hop: the second reaches none


def test_an_edge_back_to_the_node_itself_is_in_its_neighbourhood(one: Store) -> None:
    # the first hop returns only the edges it can keep: to the ends it takes, or back
    one.write("MATCH (u:Unit {uid: $u}) CREATE (u)-[:HOSTED_BY]->(u)", {"u": NDRC})
    for limit in (1, 2, 50):
        around = explore.neighborhood(one, NDRC, 1, limit)
        assert (NDRC, NDRC, "HOSTED_BY") in {
            (e["source"], e["target"], e["type"]) for e in around["edges"]
        }
        assert len(around["nodes"]) == min(limit, 4)


def test_shortest_path_is_connected_and_shortest(two: Store) -> None:
    farm, water = unit_uid("县农业农村局"), unit_uid("县水务局")
    path = explore.shortest_path(two, farm, water, 6)
    assert path is not None
    on_path = [n["uid"] for n in path["nodes"]]
    # 农业农村局 -> a t1.1.1 -> 各镇 -> b t1.1.2 -> 县水务局: four edges, none shorter
    assert (on_path[0], on_path[-1], len(path["edges"])) == (farm, water, 4)
    for edge, (a, b) in zip(path["edges"], pairwise(on_path), strict=True):
        assert {edge["source"], edge["target"]} == {a, b}
    assert explore.shortest_path(two, farm, water, 3) is None
    assert [n["uid"] for n in explore.shortest_path(two, NDRC, PROJECT, 2)["nodes"]] == [
        NDRC, f"{A}/t1.2.1", PROJECT
    ]  # fmt: skip
    assert explore.shortest_path(two, NDRC, NDRC, 2) == {
        "nodes": [path_node(two, NDRC)],
        "edges": [],
    }
    assert explore.shortest_path(two, NDRC, unit_uid("nobody"), 4) is None
    with pytest.raises(ArgumentError):
        explore.shortest_path(two, NDRC, PROJECT, 9)


def test_a_path_search_compares_capped_degrees_exactly(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a-q-b and a-p-b are both shortest; b has fewer edges than a, so b's side widens
    # first, then a's, whose edges (sorted by type) meet q first. Widening a first (its
    # degree taken as equal to b's) would meet b through p, the first of a's frontier.
    store.write(
        "CREATE (a:Unit {uid: 'u:a'}), (b:Unit {uid: 'u:b'}), (p:Unit {uid: 'u:p'}), "
        "(q:Unit {uid: 'u:q'}), (z:Unit {uid: 'u:z'}), (w:Unit {uid: 'u:w'}), "
        "(v:Unit {uid: 'u:v'}), (a)-[:CITES]->(q), (a)-[:INVOKES]->(p), (a)-[:CITES]->(z), "
        "(b)-[:CITES]->(p), (b)-[:INVOKES]->(q), (p)-[:CITES]->(w), (p)-[:CITES]->(v)"
    )
    for cap in (1, 2, 1000):  # counts past the cap are redone exactly when both reach it
        monkeypatch.setattr(explore, "DEGREE_CAP", cap)
        path = explore.shortest_path(store, "u:a", "u:b", 4)
        assert path is not None and [n["uid"] for n in path["nodes"]] == ["u:a", "u:q", "u:b"]


def path_node(store: Store, uid: str) -> dict:
    return explore.neighborhood(store, uid, 0, 1)["nodes"][0]


def test_walks_through_a_wide_frontier(store: Store) -> None:
    # 150 tasks of one unit: hop 2 starts from more uids than FalkorDB's Bolt endpoint
    # takes in one query's parameters (about 4 KB)
    tasks = {"大量工作": [(f"第{i}项工作。", ["县发展改革局", f"县第{i}局"]) for i in range(150)]}
    load_plan(store, make_plan(tasks=tasks, funding=None, project=None))
    around = explore.neighborhood(store, NDRC, 2, 500)
    labels = Counter(n["label"] for n in around["nodes"])
    assert (labels["Task"], labels["Unit"]) == (150, 1 + 1 + 150)  # itself, 县老区办, partners
    path = explore.shortest_path(store, unit_uid("县第3局"), unit_uid("县第140局"), 4)
    assert path is not None and len(path["edges"]) == 4
